//! What translators send, validated: a new translation or a revision, its credits, and the
//! draft the store saves, which only validation builds.

use serde::Deserialize;

use super::{Credit, ItemKind};
use crate::domain::language::LanguageTag;
use crate::domain::markup::Flavor;
use crate::domain::notes;
use crate::domain::source::web_address;
use crate::domain::thread::language;
use crate::domain::validation::{ValidationError, optional_text, required_text};

pub const MAX_TITLE: usize = 300;
pub const MAX_BODY: usize = 20_000;
pub const MAX_LABEL: usize = 200;
pub const MAX_NAME: usize = 200;

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
    #[schema(schema_with = crate::domain::schema::web_address)]
    pub translator_url: Option<String>,
    /// For whom it was made, if not this site.
    #[schema(max_length = 200)]
    pub publication: Option<String>,
    #[schema(schema_with = crate::domain::schema::web_address)]
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
    #[schema(schema_with = crate::domain::schema::web_address)]
    pub translator_url: Option<String>,
    #[schema(max_length = 200)]
    pub publication: Option<String>,
    #[schema(schema_with = crate::domain::schema::web_address)]
    pub publication_url: Option<String>,
    /// The revision of the original the text was made from; defaults to the current one.
    #[schema(minimum = 1)]
    pub source_revision: Option<i64>,
}

/// A translation's text that passed validation; only `TranslationInput::validate` makes one,
/// so the store saves nothing that was not checked.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationDraft {
    title: Option<String>,
    body: String,
    body_html: String,
    translator: Option<Credit>,
    publication: Option<Credit>,
    source_revision: Option<i64>,
    /// Set when an engine wrote the text.
    machine: Option<String>,
}

impl TranslationDraft {
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn body_html(&self) -> &str {
        &self.body_html
    }

    pub fn translator(&self) -> Option<&Credit> {
        self.translator.as_ref()
    }

    pub fn publication(&self) -> Option<&Credit> {
        self.publication.as_ref()
    }

    pub fn source_revision(&self) -> Option<i64> {
        self.source_revision
    }

    pub fn machine(&self) -> Option<&str> {
        self.machine.as_deref()
    }

    /// The same text, marked as written by `engine` (until a person saves a revision).
    pub fn machine_made(mut self, engine: &str) -> Self {
        self.machine = Some(engine.to_owned());
        self
    }

    /// Credits the translator when the draft names none (the one saving, or the revision
    /// before's translator).
    pub fn credited(mut self, translator: impl FnOnce() -> Credit) -> Self {
        if self.translator.is_none() {
            self.translator = Some(translator());
        }
        self
    }

    /// Keeps the publication credited before when the draft names none.
    pub fn published_for(mut self, publication: Option<&Credit>) -> Self {
        if self.publication.is_none() {
            self.publication = publication.cloned();
        }
        self
    }
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

/// Which revision of a translation to show readers.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// The revision to show readers: the latest (so nothing unseen is published).
    pub revision: i64,
}
