//! Translations of content: one per language per item, credited, drafted then published, kept
//! with history, and known stale when the original changes after the revision it was made from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::markup::Flavor;
use super::notes;
use super::source::web_address;
use super::thread::language;
use super::user::UserRef;
use super::validation::{Refusal, ValidationError, optional_text, required_text};

pub const MAX_TITLE: usize = 300;
pub const MAX_BODY: usize = 20_000;
pub const MAX_LABEL: usize = 200;
pub const MAX_NAME: usize = 200;

/// What a translation is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// The thread's title and lead.
    Thread,
    Update,
    Report,
    /// An indicator's label.
    Indicator,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Thread,
        ItemKind::Update,
        ItemKind::Report,
        ItemKind::Indicator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Thread => "thread",
            ItemKind::Update => "update",
            ItemKind::Report => "report",
            ItemKind::Indicator => "indicator",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the item's text is a single line (a label) rather than Markdown.
    pub fn is_line(self) -> bool {
        self == ItemKind::Indicator
    }
}

/// Who made a translation, or for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Credit {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    /// Not shown to readers yet.
    Draft,
    /// A revision is shown to readers; later revisions may wait as a draft.
    Published,
}

/// One version of a translation's text, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TranslationText {
    pub revision: i64,
    /// Threads only: the translated title.
    pub title: Option<String>,
    /// Markdown with translator's notes `[[…]]` (a plain line for indicator labels).
    pub body: String,
    /// Rendered to safe HTML, notes marked `role="note"`.
    pub body_html: String,
    pub translator: Credit,
    pub publication: Option<Credit>,
    /// The original's revision this text was made from.
    pub source_revision: i64,
    /// The engine that made this text, until a person edits it.
    pub machine: Option<String>,
    pub edited_by: UserRef,
    pub created_at: DateTime<Utc>,
}

impl TranslationText {
    pub fn has_notes(&self) -> bool {
        notes::has_notes(&self.body) || self.title.as_deref().is_some_and(notes::has_notes)
    }

    /// The title as HTML (notes marked), for threads.
    pub fn title_html(&self) -> Option<String> {
        self.title.as_deref().map(notes::render_line)
    }
}

/// A translation of one item into one language.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Translation {
    pub id: String,
    pub thread_id: String,
    pub kind: ItemKind,
    pub item_id: String,
    pub language: LanguageTag,
    pub status: TranslationStatus,
    /// The latest text, published or not.
    pub latest: TranslationText,
    /// The text readers see; absent while never published (or withdrawn).
    pub published: Option<TranslationText>,
    /// The original's current revision.
    pub original_revision: i64,
    /// The published text was made from an earlier revision of the original.
    pub stale: bool,
    pub created_by: UserRef,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Translation {
    /// Whether the latest revision waits for publication.
    pub fn has_draft(&self) -> bool {
        self.published
            .as_ref()
            .is_none_or(|p| p.revision != self.latest.revision)
    }
}

/// Whether a text made from `source_revision` lags an original now at `original_revision`.
pub fn is_stale(source_revision: i64, original_revision: i64) -> bool {
    source_revision < original_revision
}

/// A new translation as a client sends it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTranslation {
    pub kind: ItemKind,
    /// The thread's own id for `thread`, else the id of one of its updates, reports or
    /// indicators.
    pub item_id: String,
    /// Another language than the original's.
    #[schema(value_type = LanguageTag)]
    pub language: String,
    /// Threads only, and required for them.
    #[schema(max_length = 300)]
    pub title: Option<String>,
    /// Markdown with translator's notes `[[…]]`; one line of at most 200 characters for an
    /// indicator; may be empty for a thread whose lead is empty.
    #[schema(max_length = 20000)]
    pub body: String,
    /// Defaults to the display name of the one saving.
    #[schema(max_length = 200)]
    pub translator: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub translator_url: Option<String>,
    /// For whom it was made, if not this site.
    #[schema(max_length = 200)]
    pub publication: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub publication_url: Option<String>,
    /// The revision of the original the text was made from; defaults to the current one.
    #[schema(minimum = 1)]
    pub source_revision: Option<i64>,
}

/// The text of a translation and its credits, for a new one or a new revision.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    /// Threads only, and required for them.
    #[schema(max_length = 300)]
    pub title: Option<String>,
    /// Markdown with translator's notes `[[…]]`; one line of at most 200 characters for an
    /// indicator; may be empty for a thread whose lead is empty.
    #[schema(max_length = 20000)]
    pub body: String,
    /// Defaults to the display name of the one saving.
    #[schema(max_length = 200)]
    pub translator: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub translator_url: Option<String>,
    #[schema(max_length = 200)]
    pub publication: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub publication_url: Option<String>,
    /// The revision of the original the text was made from; defaults to the current one.
    #[schema(minimum = 1)]
    pub source_revision: Option<i64>,
}

/// A translation's text that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationDraft {
    pub title: Option<String>,
    pub body: String,
    pub body_html: String,
    pub translator: Option<Credit>,
    pub publication: Option<Credit>,
    pub source_revision: Option<i64>,
    /// Set when an engine wrote the text.
    pub machine: Option<String>,
}

impl TranslationInput {
    pub fn validate(&self, kind: ItemKind) -> Result<TranslationDraft, ValidationError> {
        let title = match (kind, self.title.as_deref()) {
            (ItemKind::Thread, Some(t)) => {
                let t = required_text("title", t, MAX_TITLE)?;
                notes::check("title", &t)?;
                Some(t)
            }
            (ItemKind::Thread, None) => {
                return Err(ValidationError::new(
                    "title",
                    "a thread's translation needs its title",
                ));
            }
            (_, Some(t)) if !t.trim().is_empty() => {
                return Err(ValidationError::new(
                    "title",
                    "only a thread's translation has a title",
                ));
            }
            _ => None,
        };
        let body = if kind.is_line() {
            let b = required_text("body", &self.body, MAX_LABEL)?;
            if b.contains('\n') {
                return Err(ValidationError::new("body", "a label is one line"));
            }
            b
        } else if kind == ItemKind::Thread {
            optional_text("body", &self.body, MAX_BODY)?
        } else {
            required_text("body", &self.body, MAX_BODY)?
        };
        notes::check("body", &body)?;
        let translator = credit(
            "translator",
            self.translator.as_deref(),
            self.translator_url.as_deref(),
        )?;
        let publication = credit(
            "publication",
            self.publication.as_deref(),
            self.publication_url.as_deref(),
        )?;
        if let Some(r) = self.source_revision
            && r < 1
        {
            return Err(ValidationError::new("source_revision", "must be 1 or more"));
        }
        Ok(TranslationDraft {
            title,
            body_html: render(kind, &body),
            body,
            translator,
            publication,
            source_revision: self.source_revision,
            machine: None,
        })
    }
}

/// A translation's text as HTML: Markdown with notes, or a single line for labels.
pub fn render(kind: ItemKind, body: &str) -> String {
    if kind.is_line() {
        notes::render_line(body)
    } else {
        notes::render(body, Flavor::Full)
    }
}

fn credit(
    field: &str,
    name: Option<&str>,
    url: Option<&str>,
) -> Result<Option<Credit>, ValidationError> {
    let name = optional_text(field, name.unwrap_or(""), MAX_NAME)?;
    let url = web_address(&format!("{field}_url"), url.unwrap_or(""))?;
    match (name.is_empty(), url) {
        (true, None) => Ok(None),
        (true, Some(_)) => Err(ValidationError::new(
            field,
            "a name is needed with the address",
        )),
        (false, url) => Ok(Some(Credit { name, url })),
    }
}

impl NewTranslation {
    /// The text and credits, as for a later revision.
    pub fn text(&self) -> TranslationInput {
        TranslationInput {
            title: self.title.clone(),
            body: self.body.clone(),
            translator: self.translator.clone(),
            translator_url: self.translator_url.clone(),
            publication: self.publication.clone(),
            publication_url: self.publication_url.clone(),
            source_revision: self.source_revision,
        }
    }

    pub fn language(&self) -> Result<LanguageTag, ValidationError> {
        language("language", &self.language)
    }
}

/// A translation is in another language than its original.
pub fn check_language(original: &LanguageTag, target: &LanguageTag) -> Result<(), Refusal> {
    if original.primary() == target.primary() {
        return Err(ValidationError::new(
            "language",
            format!("the original is already in {target}"),
        )
        .into());
    }
    Ok(())
}

/// Only a revision saved after the last published one can be published, and only once.
pub fn check_publish(translation: &Translation, revision: i64) -> Result<(), Refusal> {
    if revision != translation.latest.revision {
        return Err(Refusal::conflict(
            "revision_outdated",
            format!(
                "revision {revision} is not the latest; revision {} is",
                translation.latest.revision
            ),
        ));
    }
    if translation
        .published
        .as_ref()
        .is_some_and(|p| p.revision == revision)
    {
        return Err(Refusal::conflict(
            "already_published",
            "this revision is already published",
        ));
    }
    Ok(())
}

/// The text readers see in `language` for one item: the published translation, or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rendition {
    pub translation_id: String,
    pub language: LanguageTag,
    pub title: Option<String>,
    pub title_html: Option<String>,
    pub body: String,
    pub body_html: String,
    pub translator: Credit,
    pub publication: Option<Credit>,
    pub machine: Option<String>,
    pub revision: i64,
    pub source_revision: i64,
    pub stale: bool,
    pub has_notes: bool,
    pub published_at: DateTime<Utc>,
}

impl Rendition {
    /// The published text of a translation, if it has one.
    pub fn of(translation: &Translation) -> Option<Rendition> {
        let p = translation.published.as_ref()?;
        Some(Rendition {
            translation_id: translation.id.clone(),
            language: translation.language.clone(),
            title: p.title.clone(),
            title_html: p.title_html(),
            body: p.body.clone(),
            body_html: p.body_html.clone(),
            translator: p.translator.clone(),
            publication: p.publication.clone(),
            machine: p.machine.clone(),
            revision: p.revision,
            source_revision: p.source_revision,
            stale: translation.stale,
            has_notes: p.has_notes(),
            published_at: p.created_at,
        })
    }
}

/// Which item a reader's language picks from a thread's translations: only the primary
/// subtags are compared ("it-CH" reads "it").
pub fn same_language(a: &LanguageTag, b: &LanguageTag) -> bool {
    a.primary().eq_ignore_ascii_case(b.primary())
}

/// A machine translation a reader asked for, kept so the engine is asked once per text.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MachineTranslation {
    /// `comment`, `report`, `update` or `thread`.
    pub kind: String,
    pub item_id: String,
    pub language: LanguageTag,
    pub from_language: LanguageTag,
    /// The engine that made it, e.g. "Apertium"; always shown with the text.
    pub engine: String,
    /// The original text it was made from; a changed original is translated again.
    #[serde(skip)]
    pub source_text: String,
    pub text: String,
    pub html: String,
    pub created_at: DateTime<Utc>,
}

/// Kinds of item a reader may ask an engine to translate.
pub const MACHINE_KINDS: [&str; 4] = ["comment", "report", "update", "thread"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::now;

    fn input(body: &str) -> TranslationInput {
        TranslationInput {
            body: body.into(),
            ..Default::default()
        }
    }

    fn text(revision: i64, source_revision: i64) -> TranslationText {
        TranslationText {
            revision,
            title: None,
            body: "b".into(),
            body_html: "<p>b</p>".into(),
            translator: Credit {
                name: "A".into(),
                url: None,
            },
            publication: None,
            source_revision,
            machine: None,
            edited_by: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: now(),
        }
    }

    fn translation(latest: i64, published: Option<i64>) -> Translation {
        Translation {
            id: "T".into(),
            thread_id: "th".into(),
            kind: ItemKind::Update,
            item_id: "i".into(),
            language: LanguageTag::parse("it").unwrap(),
            status: if published.is_some() {
                TranslationStatus::Published
            } else {
                TranslationStatus::Draft
            },
            latest: text(latest, 1),
            published: published.map(|r| text(r, 1)),
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
    fn a_thread_translation_needs_a_title_and_others_have_none() {
        assert_eq!(
            input("lead").validate(ItemKind::Thread).unwrap_err().field,
            "title"
        );
        let mut with_title = input("x");
        with_title.title = Some("Titolo".into());
        assert!(with_title.validate(ItemKind::Thread).is_ok());
        assert_eq!(
            with_title.validate(ItemKind::Update).unwrap_err().field,
            "title"
        );
    }

    #[test]
    fn bodies_render_with_notes_and_labels_are_one_line() {
        let d = input("Il ponte [[bridge]]")
            .validate(ItemKind::Update)
            .unwrap();
        assert!(d.body_html.contains("role=\"note\""));
        assert_eq!(
            input("a\nb")
                .validate(ItemKind::Indicator)
                .unwrap_err()
                .field,
            "body"
        );
        let label = input("Morti [[polizia]]")
            .validate(ItemKind::Indicator)
            .unwrap();
        assert!(!label.body_html.starts_with("<p>"));
    }

    #[test]
    fn credits_need_a_name_and_a_web_address() {
        let mut i = input("x");
        i.translator_url = Some("https://example.org".into());
        assert_eq!(
            i.validate(ItemKind::Update).unwrap_err().field,
            "translator"
        );
        i.translator = Some("A. Reader".into());
        i.translator_url = Some("ftp://x".into());
        assert_eq!(
            i.validate(ItemKind::Update).unwrap_err().field,
            "translator_url"
        );
        i.translator_url = None;
        i.publication = Some("Example Italia".into());
        let d = i.validate(ItemKind::Update).unwrap();
        assert_eq!(d.translator.unwrap().name, "A. Reader");
        assert_eq!(d.publication.unwrap().name, "Example Italia");
    }

    #[test]
    fn staleness_is_the_original_moving_past_the_source() {
        assert!(!is_stale(2, 2));
        assert!(is_stale(1, 2));
        assert!(!is_stale(3, 2));
    }

    #[test]
    fn only_the_latest_unpublished_revision_can_be_published() {
        let t = translation(2, Some(1));
        assert!(t.has_draft());
        assert!(check_publish(&t, 2).is_ok());
        assert!(matches!(
            check_publish(&t, 1),
            Err(Refusal::Conflict {
                code: "revision_outdated",
                ..
            })
        ));
        let done = translation(2, Some(2));
        assert!(!done.has_draft());
        assert!(matches!(
            check_publish(&done, 2),
            Err(Refusal::Conflict {
                code: "already_published",
                ..
            })
        ));
    }

    #[test]
    fn a_translation_is_into_another_language() {
        let en = LanguageTag::parse("en").unwrap();
        assert!(check_language(&en, &LanguageTag::parse("en-GB").unwrap()).is_err());
        assert!(check_language(&en, &LanguageTag::parse("it").unwrap()).is_ok());
        assert!(same_language(
            &LanguageTag::parse("it-CH").unwrap(),
            &LanguageTag::parse("it").unwrap()
        ));
    }
}
