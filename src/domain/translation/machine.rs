//! Machine translation: what a reader's engine translation is kept as, and what a translator
//! asks an engine to draft.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ItemKind;
use crate::domain::language::LanguageTag;

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

/// A translator's request for an engine's draft of one item.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MachineDraftRequest {
    pub kind: ItemKind,
    /// The thread's own id for `thread`, else the id of one of its updates, reports or
    /// indicators.
    pub item_id: String,
    /// The language to translate into: another one than the item's.
    #[schema(value_type = LanguageTag)]
    pub language: String,
}
