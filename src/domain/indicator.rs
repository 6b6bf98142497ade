//! Indicators: what a thread's board tracks (a count, a status per place, a short text), and
//! the claims reports make about them, validated against the indicator.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::board::{Count, Value};
use super::language::LanguageTag;
use super::place::PlaceRef;
use super::thread::text_enum;
use super::validation::{ValidationError, optional_text, required_text};

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

/// Labels per language (`labels`): each key a language tag, each label 1 to 200 characters.
fn labels_builder() -> utoipa::openapi::schema::ObjectBuilder {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(LanguageTag::schema_object()))
        .additional_properties(Some(utoipa::openapi::RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(MAX_LABEL))
                .build(),
        ))))
        .description(Some("Label per language tag."))
}

fn labels_schema() -> utoipa::openapi::schema::Object {
    labels_builder().build()
}

fn required_labels_schema() -> utoipa::openapi::schema::Object {
    labels_builder().min_properties(Some(1)).build()
}

fn optional_labels_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{SchemaType, Type};
    labels_builder()
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .min_properties(Some(1))
        .build()
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIndicator {
    /// Short identifier, unique in the thread: a-z, 0-9 and `_`, starting with a letter.
    #[schema(pattern = "^[a-z][a-z0-9_]*$", max_length = 64)]
    pub key: String,
    /// At least one.
    #[schema(schema_with = required_labels_schema)]
    pub labels: BTreeMap<String, String>,
    pub kind: IndicatorKind,
    /// `thread` when absent.
    pub scope: Option<Scope>,
    /// A status indicator's values (1 to 12, required); none for the other kinds.
    #[serde(default)]
    #[schema(max_items = 12)]
    pub statuses: Vec<StatusOption>,
}

/// A validated indicator, new or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDraft {
    pub key: String,
    pub labels: BTreeMap<String, String>,
    pub kind: IndicatorKind,
    pub scope: Scope,
    pub statuses: Vec<StatusOption>,
}

fn labels(
    field: &str,
    raw: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ValidationError> {
    let mut out = BTreeMap::new();
    for (lang, label) in raw {
        let tag = LanguageTag::parse(lang)
            .map_err(|e| ValidationError::new(format!("{field}.{lang}"), e.to_string()))?;
        out.insert(
            tag.as_str().to_owned(),
            required_text(&format!("{field}.{lang}"), label, MAX_LABEL)?,
        );
    }
    Ok(out)
}

fn colour(value: &str) -> Result<String, ValidationError> {
    let v = value.trim().to_ascii_lowercase();
    let ok = v.len() == 7 && v.starts_with('#') && v[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(v)
    } else {
        Err(ValidationError::new(
            "statuses.colour",
            format!("'{value}' is not a colour: write #rrggbb"),
        ))
    }
}

impl NewIndicator {
    pub fn validate(&self) -> Result<IndicatorDraft, ValidationError> {
        let key = self.key.trim();
        let key_ok = !key.is_empty()
            && key.len() <= MAX_KEY
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !key_ok {
            return Err(ValidationError::new(
                "key",
                format!("must start with a-z and hold only a-z, 0-9 and _ (at most {MAX_KEY})"),
            ));
        }
        let labels = labels("labels", &self.labels)?;
        if labels.is_empty() {
            return Err(ValidationError::new(
                "labels",
                "needs a label in at least one language",
            ));
        }
        let statuses = check_statuses(self.kind, &self.statuses)?;
        Ok(IndicatorDraft {
            key: key.to_owned(),
            labels,
            kind: self.kind,
            scope: self.scope.unwrap_or(Scope::Thread),
            statuses,
        })
    }
}

fn check_statuses(
    kind: IndicatorKind,
    raw: &[StatusOption],
) -> Result<Vec<StatusOption>, ValidationError> {
    match kind {
        IndicatorKind::Status if raw.is_empty() => {
            return Err(ValidationError::new(
                "statuses",
                "a status indicator needs its list of values",
            ));
        }
        IndicatorKind::Count | IndicatorKind::Text if !raw.is_empty() => {
            return Err(ValidationError::new(
                "statuses",
                "only a status indicator has a list of values",
            ));
        }
        _ => {}
    }
    if raw.len() > MAX_STATUSES {
        return Err(ValidationError::new(
            "statuses",
            format!("at most {MAX_STATUSES} values"),
        ));
    }
    let mut out: Vec<StatusOption> = Vec::with_capacity(raw.len());
    for s in raw {
        let value = required_text("statuses.value", &s.value, MAX_LABEL)?;
        if out.iter().any(|o| o.value == value) {
            return Err(ValidationError::new(
                "statuses.value",
                format!("'{value}' is listed twice"),
            ));
        }
        out.push(StatusOption {
            value,
            colour: colour(&s.colour)?,
            labels: labels("statuses.labels", &s.labels)?,
        });
    }
    Ok(out)
}

/// Changes to an indicator. Its key, kind and scope stay: claims already rest on them.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPatch {
    /// Replaces all labels; at least one.
    #[schema(schema_with = optional_labels_schema)]
    pub labels: Option<BTreeMap<String, String>>,
    /// Replaces a status indicator's values (1 to 12); values used by claims must stay.
    #[schema(max_items = 12)]
    pub statuses: Option<Vec<StatusOption>>,
    pub position: Option<i64>,
}

impl IndicatorPatch {
    /// The indicator after the patch. Status values already in use may be relabelled or
    /// recoloured but not removed.
    pub fn apply(
        &self,
        indicator: &Indicator,
        values_in_use: &[String],
    ) -> Result<Indicator, ValidationError> {
        let mut out = indicator.clone();
        if let Some(l) = &self.labels {
            out.labels = labels("labels", l)?;
            if out.labels.is_empty() {
                return Err(ValidationError::new(
                    "labels",
                    "needs a label in at least one language",
                ));
            }
        }
        if let Some(s) = &self.statuses {
            out.statuses = check_statuses(indicator.kind, s)?;
            if let Some(gone) = values_in_use.iter().find(|v| out.status(v).is_none()) {
                return Err(ValidationError::new(
                    "statuses",
                    format!("'{gone}' is used by claims and cannot be removed"),
                ));
            }
        }
        if let Some(p) = self.position {
            out.position = p;
        }
        Ok(out)
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

/// Checks a free text is a plausible short note (used for status notes).
pub fn note(field: &str, value: &str) -> Result<String, ValidationError> {
    optional_text(field, value, 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn indicator(kind: IndicatorKind, scope: Scope) -> Indicator {
        Indicator {
            id: "I".into(),
            thread_id: "T".into(),
            key: "k".into(),
            labels: BTreeMap::from([("en".into(), "Control".into())]),
            kind,
            scope,
            statuses: if kind == IndicatorKind::Status {
                vec![StatusOption {
                    value: "government".into(),
                    colour: "#1f77b4".into(),
                    labels: BTreeMap::new(),
                }]
            } else {
                vec![]
            },
            position: 0,
            created_at: crate::domain::time::now(),
        }
    }

    fn place() -> PlaceRef {
        PlaceRef {
            id: "gn:1526384".into(),
            name: "Almaty".into(),
        }
    }

    #[test]
    fn claims_are_checked_against_kind_and_scope() {
        let count = indicator(IndicatorKind::Count, Scope::Thread);
        assert_eq!(
            count.check_claim(None, &json!("at least 8")).unwrap(),
            Value::Count {
                count: Count::AtLeast { n: 8 }
            }
        );
        assert_eq!(
            count.check_claim(None, &json!(12)).unwrap(),
            Value::Count {
                count: Count::Exact { n: 12 }
            }
        );
        assert!(count.check_claim(None, &json!("many")).is_err());
        assert!(count.check_claim(None, &json!(-3)).is_err());
        assert_eq!(
            count
                .check_claim(Some(&place()), &json!(1))
                .unwrap_err()
                .field,
            "claims.place"
        );
        let status = indicator(IndicatorKind::Status, Scope::Place);
        assert!(
            status
                .check_claim(Some(&place()), &json!("government"))
                .is_ok()
        );
        assert!(
            status
                .check_claim(Some(&place()), &json!("rebels"))
                .is_err()
        );
        assert!(status.check_claim(None, &json!("government")).is_err());
        let text = indicator(IndicatorKind::Text, Scope::Thread);
        assert!(text.check_claim(None, &json!(" ")).is_err());
        assert!(text.check_claim(None, &json!(5)).is_err());
    }

    #[test]
    fn indicators_are_validated() {
        let mut new = NewIndicator {
            key: "police_dead".into(),
            labels: BTreeMap::from([("en".into(), "Police dead".into())]),
            kind: IndicatorKind::Count,
            scope: None,
            statuses: vec![],
        };
        assert_eq!(new.validate().unwrap().scope, Scope::Thread);
        new.key = "Police Dead".into();
        assert_eq!(new.validate().unwrap_err().field, "key");
        new.key = "control".into();
        new.kind = IndicatorKind::Status;
        assert_eq!(new.validate().unwrap_err().field, "statuses");
        new.statuses = vec![StatusOption {
            value: "government".into(),
            colour: "blue".into(),
            labels: BTreeMap::new(),
        }];
        assert_eq!(new.validate().unwrap_err().field, "statuses.colour");
        new.statuses[0].colour = "#1F77B4".into();
        assert_eq!(new.validate().unwrap().statuses[0].colour, "#1f77b4");
        new.labels = BTreeMap::new();
        assert_eq!(new.validate().unwrap_err().field, "labels");
    }

    #[test]
    fn status_values_in_use_cannot_be_removed() {
        let ind = indicator(IndicatorKind::Status, Scope::Place);
        let patch = IndicatorPatch {
            statuses: Some(vec![StatusOption {
                value: "contested".into(),
                colour: "#ff7f0e".into(),
                labels: BTreeMap::new(),
            }]),
            ..Default::default()
        };
        assert!(patch.apply(&ind, &["government".into()]).is_err());
        assert!(patch.apply(&ind, &[]).is_ok());
    }

    #[test]
    fn labels_fall_back_sensibly() {
        let labels = BTreeMap::from([
            ("en".to_owned(), "Police dead".to_owned()),
            ("ru".to_owned(), "Погибшие полицейские".to_owned()),
        ]);
        assert_eq!(pick_label(&labels, "ru", "k"), "Погибшие полицейские");
        assert_eq!(pick_label(&labels, "ru-KZ", "k"), "Погибшие полицейские");
        assert_eq!(pick_label(&labels, "it", "k"), "Police dead");
        assert_eq!(pick_label(&BTreeMap::new(), "it", "k"), "k");
    }
}
