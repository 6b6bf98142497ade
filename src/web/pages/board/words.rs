//! The interface words the board needs for domain values: agreement and verification badges,
//! source kinds, and which language a label actually came in.

use std::collections::BTreeMap;

use crate::domain::board::{Agreement, Verification};
use crate::domain::source::SourceKind;
use crate::i18n::I18n;

/// The class name of an agreement, also the end of its message id.
pub fn agreement_key(a: Agreement) -> &'static str {
    match a {
        Agreement::Single => "single",
        Agreement::Corroborated => "corroborated",
        Agreement::Disputed => "disputed",
    }
}

/// "Disputed", "Corroborated", "Single source".
pub fn agreement_text(i18n: &I18n, a: Agreement) -> String {
    i18n.t(&format!("board-agreement-{}", agreement_key(a)))
}

/// "Confirmed", "False", …
pub fn verification_text(i18n: &I18n, v: Verification) -> String {
    i18n.t(&format!("board-verification-{}", v.as_str()))
}

/// "official", "state media", …
pub fn kind_text(i18n: &I18n, kind: SourceKind) -> String {
    i18n.t(&format!("board-kind-{}", kind.as_str()))
}

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
    use crate::i18n::Lang;

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
