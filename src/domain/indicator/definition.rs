//! What a thread's editors define: a new indicator, and the changes an existing one allows.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::language::LanguageTag;
use super::super::validation::{ValidationError, required_text};
use super::{Indicator, IndicatorKind, MAX_KEY, MAX_LABEL, MAX_STATUSES, Scope, StatusOption};

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

pub(super) fn labels_schema() -> utoipa::openapi::schema::Object {
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

/// A validated indicator; only [`NewIndicator::validate`] builds one.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDraft {
    key: String,
    labels: BTreeMap<String, String>,
    kind: IndicatorKind,
    scope: Scope,
    statuses: Vec<StatusOption>,
}

impl IndicatorDraft {
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn labels(&self) -> &BTreeMap<String, String> {
        &self.labels
    }

    pub fn kind(&self) -> IndicatorKind {
        self.kind
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn statuses(&self) -> &[StatusOption] {
        &self.statuses
    }
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

/// The indicator's own labels: at least one.
fn required_labels(
    raw: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ValidationError> {
    let out = labels("labels", raw)?;
    if out.is_empty() {
        return Err(ValidationError::new(
            "labels",
            "needs a label in at least one language",
        ));
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
        let labels = required_labels(&self.labels)?;
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
///
/// What it may change is checked against the indicator and the claims resting on it by
/// [`IndicatorPatch::apply`], in the same transaction that writes the change.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPatch {
    /// Replaces all labels; at least one.
    #[schema(schema_with = optional_labels_schema)]
    labels: Option<BTreeMap<String, String>>,
    /// Replaces a status indicator's values (1 to 12); values used by claims must stay.
    #[schema(max_items = 12)]
    statuses: Option<Vec<StatusOption>>,
    position: Option<i64>,
}

impl IndicatorPatch {
    /// A change of labels, status values or position; the labels are checked here, the rest
    /// against the indicator when applied.
    pub fn new(
        labels: Option<BTreeMap<String, String>>,
        statuses: Option<Vec<StatusOption>>,
        position: Option<i64>,
    ) -> Result<Self, ValidationError> {
        if let Some(l) = &labels {
            required_labels(l)?;
        }
        Ok(Self {
            labels,
            statuses,
            position,
        })
    }

    pub fn labels(&self) -> Option<&BTreeMap<String, String>> {
        self.labels.as_ref()
    }

    pub fn statuses(&self) -> Option<&[StatusOption]> {
        self.statuses.as_deref()
    }

    pub fn position(&self) -> Option<i64> {
        self.position
    }

    /// The indicator after the patch. Status values already in use may be relabelled or
    /// recoloured but not removed.
    pub fn apply(
        &self,
        indicator: &Indicator,
        values_in_use: &[String],
    ) -> Result<Indicator, ValidationError> {
        let mut out = indicator.clone();
        if let Some(l) = &self.labels {
            out.labels = required_labels(l)?;
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
