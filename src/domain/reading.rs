//! Reading a thread in one language: for each item, the published translation into the
//! reader's language when there is one, else the original — with the languages it can also be
//! read in.

use std::collections::HashMap;

use super::language::LanguageTag;
use super::translation::{ItemKind, Rendition, Translation, same_language};

/// The published translations of one thread, looked up per item.
#[derive(Debug, Clone, Default)]
pub struct Renditions {
    reader: Option<LanguageTag>,
    chosen: HashMap<(ItemKind, String), Rendition>,
    languages: HashMap<(ItemKind, String), Vec<LanguageTag>>,
}

/// How one item reads in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<'a> {
    /// The original is in the reader's language.
    Original,
    /// The published translation into the reader's language.
    Translated(&'a Rendition),
    /// No translation into the reader's language: the original, in its language, with the
    /// languages it can also be read in.
    Foreign {
        original: LanguageTag,
        others: &'a [LanguageTag],
    },
}

impl Renditions {
    /// `translations`: a thread's translations in every language (drafts are skipped).
    pub fn new(translations: &[Translation], reader: &LanguageTag) -> Self {
        let mut out = Renditions {
            reader: Some(reader.clone()),
            ..Default::default()
        };
        for t in translations {
            let Some(r) = Rendition::of(t) else {
                continue;
            };
            let key = (t.kind, t.item_id.clone());
            out.languages
                .entry(key.clone())
                .or_default()
                .push(t.language.clone());
            if same_language(&t.language, reader) {
                out.chosen.insert(key, r);
            }
        }
        for langs in out.languages.values_mut() {
            langs.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        }
        out
    }

    /// The translation into the reader's language, if published.
    pub fn get(&self, kind: ItemKind, item_id: &str) -> Option<&Rendition> {
        self.chosen.get(&(kind, item_id.to_owned()))
    }

    /// The languages the item has published translations in.
    pub fn languages(&self, kind: ItemKind, item_id: &str) -> &[LanguageTag] {
        self.languages
            .get(&(kind, item_id.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// How an item written in `original` reads for this reader.
    pub fn shown(&self, kind: ItemKind, item_id: &str, original: &LanguageTag) -> Shown<'_> {
        let Some(reader) = &self.reader else {
            return Shown::Original;
        };
        if same_language(original, reader) {
            return Shown::Original;
        }
        match self.get(kind, item_id) {
            Some(r) => Shown::Translated(r),
            None => Shown::Foreign {
                original: original.clone(),
                others: self.languages(kind, item_id),
            },
        }
    }

    /// Whether any item shown to this reader carries translator's notes (the legend is shown
    /// once when so).
    pub fn any_notes(&self) -> bool {
        self.chosen.values().any(|r| r.has_notes)
    }

    pub fn is_empty(&self) -> bool {
        self.languages.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::now;
    use crate::domain::translation::{Credit, TranslationStatus, TranslationText};
    use crate::domain::user::UserRef;

    fn lang(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap()
    }

    fn translation(item: &str, language: &str, published: bool, body: &str) -> Translation {
        let text = TranslationText {
            revision: 1,
            title: None,
            body: body.into(),
            body_html: crate::domain::translation::render(ItemKind::Update, body),
            translator: Credit {
                name: "A. Reader".into(),
                url: None,
            },
            publication: None,
            source_revision: 1,
            machine: None,
            edited_by: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: now(),
        };
        Translation {
            id: format!("{item}-{language}"),
            thread_id: "t".into(),
            kind: ItemKind::Update,
            item_id: item.into(),
            language: lang(language),
            status: if published {
                TranslationStatus::Published
            } else {
                TranslationStatus::Draft
            },
            latest: text.clone(),
            published: published.then_some(text),
            original_revision: 1,
            stale: false,
            created_by: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn the_readers_language_picks_the_published_translation() {
        let all = [
            translation("a", "it", true, "Il ponte [[bridge]]"),
            translation("a", "ru", true, "Мост"),
            translation("b", "it", false, "bozza"),
        ];
        let it = Renditions::new(&all, &lang("it-CH"));
        match it.shown(ItemKind::Update, "a", &lang("en")) {
            Shown::Translated(r) => assert!(r.body_html.contains("role=\"note\"")),
            other => panic!("{other:?}"),
        }
        assert!(it.any_notes());
        // A draft is never shown: the original, with no other published language.
        assert_eq!(
            it.shown(ItemKind::Update, "b", &lang("en")),
            Shown::Foreign {
                original: lang("en"),
                others: &[]
            }
        );
        // In the original's language the original is shown, translations or not.
        let en = Renditions::new(&all, &lang("en"));
        assert_eq!(
            en.shown(ItemKind::Update, "a", &lang("en")),
            Shown::Original
        );
        assert!(!en.any_notes());
        let de = Renditions::new(&all, &lang("de"));
        match de.shown(ItemKind::Update, "a", &lang("en")) {
            Shown::Foreign { others, .. } => {
                assert_eq!(
                    others.iter().map(LanguageTag::as_str).collect::<Vec<_>>(),
                    ["it", "ru"]
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
