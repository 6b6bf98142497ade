//! The interface words the board needs for domain values: the shared ones (badges, source
//! kinds, in `web::words`, which the feeds use too) and which language a label came in.

use std::collections::BTreeMap;

pub use crate::web::words::{agreement_key, agreement_text, kind_text, verification_text};

/// The language of the label `pick_label` chooses for a reader of `lang`, when it is not the
/// reader's own: the page marks it with a `lang` attribute.
pub fn foreign_label_lang(labels: &BTreeMap<String, String>, lang: &str) -> Option<String> {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_owned();
    let reader = primary(lang);
    let picked = labels
        .keys()
        .find(|k| k.as_str() == lang)
        .or_else(|| labels.keys().find(|k| primary(k) == reader))
        .or_else(|| labels.keys().find(|k| k.as_str() == "en"))
        .or_else(|| labels.keys().next())?;
    (primary(picked) != reader).then(|| picked.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::{Agreement, Verification};
    use crate::domain::source::SourceKind;
    use crate::i18n::{I18n, Lang};

    #[test]
    fn every_badge_and_kind_has_words_in_every_language() {
        for lang in Lang::ALL {
            let i18n = I18n::new(lang);
            let mut texts = vec![];
            for a in [
                Agreement::Single,
                Agreement::Corroborated,
                Agreement::Disputed,
            ] {
                texts.push(agreement_text(&i18n, a));
            }
            for v in [
                Verification::Unverified,
                Verification::Corroborated,
                Verification::Disputed,
                Verification::Confirmed,
                Verification::False,
                Verification::Retracted,
            ] {
                texts.push(verification_text(&i18n, v));
            }
            for k in SourceKind::ALL {
                texts.push(kind_text(&i18n, k));
            }
            for t in texts {
                assert!(
                    !t.is_empty() && !t.contains("board-") && !t.contains("Unknown"),
                    "{lang:?}: {t}"
                );
            }
        }
    }

    #[test]
    fn a_label_in_another_language_is_marked() {
        let labels = BTreeMap::from([
            ("en".to_owned(), "Police dead".to_owned()),
            ("it".to_owned(), "Poliziotti morti".to_owned()),
        ]);
        assert_eq!(foreign_label_lang(&labels, "it"), None);
        assert_eq!(foreign_label_lang(&labels, "ru").as_deref(), Some("en"));
        assert_eq!(foreign_label_lang(&BTreeMap::new(), "ru"), None);
    }
}
