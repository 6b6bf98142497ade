//! Translations of content: one per language per item, credited, drafted then published, kept
//! with history, and known stale when the original changes after the revision it was made from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::notes;
use super::user::UserRef;
use super::validation::{Refusal, ValidationError};

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

/// Where a translation's latest revision stands, as its translator is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Readers see the latest revision.
    Published { revision: i64 },
    /// A person's revision waits for someone allowed to publish it; readers see `published`
    /// (a revision) or, when `None`, the original.
    Waiting {
        revision: i64,
        published: Option<i64>,
    },
    /// An engine's draft: it waits for a person to read and save it before publication.
    Machine {
        revision: i64,
        published: Option<i64>,
    },
}

impl Translation {
    pub fn standing(&self) -> Standing {
        let revision = self.latest.revision;
        let published = self.published.as_ref().map(|p| p.revision);
        if !self.has_draft() {
            Standing::Published { revision }
        } else if self.latest.machine.is_some() {
            Standing::Machine {
                revision,
                published,
            }
        } else {
            Standing::Waiting {
                revision,
                published,
            }
        }
    }

    /// A person's revision waits for publication (an engine's draft waits for a person first).
    pub fn awaits_publication(&self) -> bool {
        matches!(self.standing(), Standing::Waiting { .. })
    }
}

/// How many of these translations wait for publication; with `by`, only those whose latest
/// revision that account saved.
pub fn waiting_count(translations: &[Translation], by: Option<&str>) -> i64 {
    let n = translations
        .iter()
        .filter(|t| t.awaits_publication())
        .filter(|t| by.is_none_or(|id| t.latest.edited_by.id == id))
        .count();
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether a text made from `source_revision` lags an original now at `original_revision`.
pub fn is_stale(source_revision: i64, original_revision: i64) -> bool {
    source_revision < original_revision
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

mod input;
mod machine;
#[cfg(test)]
mod tests;

pub use self::input::{
    MAX_BODY, MAX_LABEL, MAX_NAME, MAX_TITLE, NewTranslation, Publish, TranslationDraft,
    TranslationInput, render,
};
pub use self::machine::{MACHINE_KINDS, MachineDraftRequest, MachineTranslation};
