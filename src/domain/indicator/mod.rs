//! Indicators: what a thread's board tracks (a count, a status per place, a short text), and
//! the claims reports make about them, validated against the indicator.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod definition;
pub mod palette;
#[cfg(test)]
mod tests;

use super::board::{Count, Value};
use super::place::PlaceRef;
use super::thread::text_enum;
use super::validation::{ValidationError, optional_text, required_text};
use definition::labels_schema;

pub use definition::{IndicatorDraft, IndicatorPatch, NewIndicator};

pub const MAX_KEY: usize = 64;
pub const MAX_LABEL: usize = 200;
pub const MAX_STATUSES: usize = 12;
pub const MAX_TEXT_VALUE: usize = 500;
pub const MAX_CLAIMS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    Count,
    Status,
    Text,
}

text_enum!(IndicatorKind { Count => "count", Status => "status", Text => "text" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One value for the whole thread.
    Thread,
    /// One value per place.
    Place,
}

text_enum!(Scope { Thread => "thread", Place => "place" });

/// One allowed value of a status indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusOption {
    /// Unique among the indicator's values.
    #[schema(min_length = 1, max_length = 200)]
    pub value: String,
    /// `#rrggbb`.
    #[schema(pattern = "^#[0-9A-Fa-f]{6}$")]
    pub colour: String,
    /// The value's label per language; the value itself when none fits.
    #[serde(default)]
    #[schema(schema_with = labels_schema)]
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Indicator {
    pub id: String,
    pub thread_id: String,
    pub key: String,
    /// Label per language tag.
    pub labels: BTreeMap<String, String>,
    pub kind: IndicatorKind,
    pub scope: Scope,
    /// Allowed values of a status indicator, in display order.
    pub statuses: Vec<StatusOption>,
    pub position: i64,
    pub created_at: DateTime<Utc>,
}

/// The label in `lang` (or its primary language), else English, else any, else the key.
pub fn pick_label<'a>(
    labels: &'a BTreeMap<String, String>,
    lang: &str,
    fallback: &'a str,
) -> &'a str {
    let primary = lang.split('-').next().unwrap_or(lang);
    labels
        .get(lang)
        .or_else(|| labels.get(primary))
        .or_else(|| {
            labels
                .iter()
                .find(|(k, _)| k.split('-').next() == Some(primary))
                .map(|(_, v)| v)
        })
        .or_else(|| labels.get("en"))
        .or_else(|| labels.values().next())
        .map_or(fallback, String::as_str)
}

impl Indicator {
    pub fn label(&self, lang: &str) -> &str {
        pick_label(&self.labels, lang, &self.key)
    }

    pub fn status(&self, value: &str) -> Option<&StatusOption> {
        self.statuses.iter().find(|s| s.value == value)
    }

    /// Checks a claim against this indicator: the place where the scope wants one (and only
    /// there), and a value of the indicator's kind.
    pub fn check_claim(
        &self,
        place: Option<&PlaceRef>,
        value: &serde_json::Value,
    ) -> Result<Value, ValidationError> {
        match (self.scope, place) {
            (Scope::Place, None) => {
                return Err(ValidationError::new(
                    "claims.place",
                    format!("indicator '{}' is per place: name the place", self.key),
                ));
            }
            (Scope::Thread, Some(_)) => {
                return Err(ValidationError::new(
                    "claims.place",
                    format!("indicator '{}' is thread-wide: it takes no place", self.key),
                ));
            }
            _ => {}
        }
        let text = match value {
            serde_json::Value::String(s) => s.trim().to_owned(),
            serde_json::Value::Number(n) if self.kind == IndicatorKind::Count => n.to_string(),
            _ => {
                return Err(ValidationError::new(
                    "claims.value",
                    "must be a string (or a number for a count)",
                ));
            }
        };
        match self.kind {
            IndicatorKind::Count => Count::parse(&text)
                .map(|count| Value::Count { count })
                .ok_or_else(|| {
                    ValidationError::new(
                        "claims.value",
                        format!(
                            "'{text}' is not a count: write a number (8), a range (5-10) or \
                             'at least 8'"
                        ),
                    )
                }),
            IndicatorKind::Status => match self.status(&text) {
                Some(s) => Ok(Value::Status {
                    value: s.value.clone(),
                }),
                None => Err(ValidationError::new(
                    "claims.value",
                    format!(
                        "'{text}' is not a value of '{}'; allowed: {}",
                        self.key,
                        self.statuses
                            .iter()
                            .map(|s| s.value.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            },
            IndicatorKind::Text => Ok(Value::Text {
                text: required_text("claims.value", &text, MAX_TEXT_VALUE)?,
            }),
        }
    }
}

/// A claim as stored and shown with its report.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Claim {
    pub id: String,
    pub indicator: String,
    pub place: Option<PlaceRef>,
    #[schema(value_type = super::board::ClaimValue)]
    pub value: Value,
    pub as_of: DateTime<Utc>,
    /// Set when an editor marked the claim overtaken by a later report or update: it stays on
    /// record, struck through, and the board no longer counts it.
    pub superseded_by: Option<super::board::SupersededBy>,
}

/// A claim as submitted with a report: the indicator by key, the place by id.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClaim {
    /// The key of one of the thread's indicators.
    #[schema(min_length = 1, max_length = 64)]
    pub indicator: String,
    #[schema(schema_with = crate::domain::schema::optional_place_id)]
    pub place: Option<String>,
    #[schema(schema_with = crate::domain::schema::claim_value)]
    pub value: serde_json::Value,
    /// Defaults to the report's `occurred_at`, else its `stated_at`.
    pub as_of: Option<DateTime<Utc>>,
}

/// A short, human form of a value: "8", "5–10", "≥ 8", the status or the text.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Count { count } => match count {
            Count::Exact { n } => n.to_string(),
            Count::Range { low, high } => format!("{low}–{high}"),
            Count::AtLeast { n } => format!("≥ {n}"),
        },
        Value::Status { value } => value.clone(),
        Value::Text { text } => text.clone(),
    }
}

/// A code made from a label, as keys and status values are: "Cut partly" → `cut_partly`,
/// "Связь прервана" → `sviaz_prervana`; starting with a letter, at most [`MAX_KEY`] long, and
/// numbered (`_2`, `_3`…) when `taken` already holds it.
pub fn code_from_label(label: &str, taken: &[&str]) -> String {
    let slug = if label.chars().any(char::is_alphanumeric) {
        super::slug::slugify(label).replace('-', "_")
    } else {
        "value".to_owned()
    };
    let mut base = if slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        slug
    } else {
        format!("v_{slug}")
    };
    base.truncate(MAX_KEY - 4);
    let base = base.trim_end_matches('_').to_owned();
    let mut code = base.clone();
    let mut n = 2;
    while taken.contains(&code.as_str()) {
        code = format!("{base}_{n}");
        n += 1;
    }
    code
}

/// Checks a free text is a plausible short note (used for status notes).
pub fn note(field: &str, value: &str) -> Result<String, ValidationError> {
    optional_text(field, value, 1_000)
}
