//! Republication: a thread or an update first published elsewhere, credited to its publisher.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::source::web_address;
use super::validation::{ValidationError, optional_text, required_text};

pub const MAX_PUBLISHER: usize = 200;
pub const MAX_TITLE: usize = 300;

/// Where a thread or an update was first published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Provenance {
    /// The original publisher, e.g. "The Example Post".
    pub publisher: String,
    /// The title it had there, if different.
    pub title: Option<String>,
    /// The original address.
    pub url: Option<String>,
    /// When it was first published there.
    pub published_at: Option<DateTime<Utc>>,
}

/// Provenance as a client sends it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProvenance {
    #[schema(min_length = 1, max_length = 200)]
    pub publisher: String,
    #[schema(max_length = 300)]
    pub title: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

impl NewProvenance {
    pub fn validate(&self) -> Result<Provenance, ValidationError> {
        let title = optional_text(
            "provenance.title",
            self.title.as_deref().unwrap_or(""),
            MAX_TITLE,
        )?;
        Ok(Provenance {
            publisher: required_text("provenance.publisher", &self.publisher, MAX_PUBLISHER)?,
            title: (!title.is_empty()).then_some(title),
            url: web_address("provenance.url", self.url.as_deref().unwrap_or(""))?,
            published_at: self.published_at,
        })
    }
}

impl From<Provenance> for NewProvenance {
    fn from(p: Provenance) -> Self {
        NewProvenance {
            publisher: p.publisher,
            title: p.title,
            url: p.url,
            published_at: p.published_at,
        }
    }
}

/// Distinguishes a field left out (`None`) from one sent as `null` (`Some(None)`), so a patch
/// can clear a value.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publisher_is_required_and_addresses_are_checked() {
        let mut p = NewProvenance {
            publisher: " The Example Post ".into(),
            title: Some("".into()),
            url: Some("https://example.org/a".into()),
            published_at: None,
        };
        let ok = p.validate().unwrap();
        assert_eq!(ok.publisher, "The Example Post");
        assert_eq!(ok.title, None);
        p.url = Some("javascript:alert(1)".into());
        assert_eq!(p.validate().unwrap_err().field, "provenance.url");
        p.url = None;
        p.publisher = " ".into();
        assert_eq!(p.validate().unwrap_err().field, "provenance.publisher");
    }
}
