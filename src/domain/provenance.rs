//! Republication: a thread or an update first published elsewhere, credited to its publisher,
//! and, when what is republished is a translation, to its translator and the publication it
//! was made for. The translator's notes `[[…]]` of such a text are rendered as notes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::markup::{self, Flavor};
use super::notes;
use super::source::web_address;
use super::translation::Credit;
use super::validation::{ValidationError, optional_text, required_text};

pub const MAX_PUBLISHER: usize = 200;
pub const MAX_TITLE: usize = 300;
pub const MAX_NAME: usize = 200;

/// Where a thread or an update was first published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Provenance {
    /// The original publisher, e.g. "The Example Post".
    pub publisher: String,
    /// The title it had there, if different.
    pub title: Option<String>,
    /// The original address.
    pub url: Option<String>,
    /// When it was first published there, when the moment is known.
    pub published_at: Option<DateTime<Utc>>,
    /// The day it was first published there, when only the day is known.
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    /// What is republished is a translation: its translator and publication (boxed: most
    /// threads and updates carry this struct inline and are no translation).
    #[serde(default)]
    pub translation: Option<Box<RepublishedTranslation>>,
}

/// The translation a republication reproduces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RepublishedTranslation {
    pub translator: Credit,
    /// The publication it was made for.
    pub publication: Option<Credit>,
}

impl Provenance {
    /// What is republished is a translation: its `[[…]]` are the translator's notes.
    pub fn is_translation(&self) -> bool {
        self.translation.is_some()
    }

    /// The day it was first published, whether a moment or only a day was given.
    pub fn published_day(&self) -> Option<NaiveDate> {
        self.published_on
            .or_else(|| self.published_at.map(|t| t.date_naive()))
    }
}

/// The HTML of a lead or an update: in a republished translation, `[[…]]` are the translator's
/// notes, marked as such; anywhere else they are text like any other.
pub fn render(markdown: &str, provenance: Option<&Provenance>) -> String {
    if provenance.is_some_and(Provenance::is_translation) {
        notes::render(markdown, Flavor::Full)
    } else {
        markup::render(markdown, Flavor::Full)
    }
}

/// Whether a text shows translator's notes (and the page their legend).
pub fn shows_notes(markdown: &str, provenance: Option<&Provenance>) -> bool {
    provenance.is_some_and(Provenance::is_translation) && notes::has_notes(markdown)
}

/// Provenance as a client sends it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProvenance {
    #[schema(min_length = 1, max_length = 200)]
    pub publisher: String,
    #[schema(max_length = 300)]
    pub title: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub url: Option<String>,
    /// The moment it was first published there; give `published_on` instead when only the
    /// day is known (not both).
    pub published_at: Option<DateTime<Utc>>,
    /// The day it was first published there (`2022-01-05`).
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    /// A republished translation: its translator.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub translator: Option<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::web_address)]
    pub translator_url: Option<String>,
    /// A republished translation: the publication it was made for.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub translated_for: Option<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::web_address)]
    pub translated_for_url: Option<String>,
}

/// A name with its address, both optional; an address needs its name.
fn credit(
    field: &'static str,
    url_field: &'static str,
    name: Option<&str>,
    url: Option<&str>,
) -> Result<Option<Credit>, ValidationError> {
    let name = optional_text(field, name.unwrap_or(""), MAX_NAME)?;
    let url = web_address(url_field, url.unwrap_or(""))?;
    match (name.is_empty(), url) {
        (true, None) => Ok(None),
        (true, Some(_)) => Err(ValidationError::new(field, "an address needs a name")),
        (false, url) => Ok(Some(Credit { name, url })),
    }
}

impl NewProvenance {
    pub fn validate(&self) -> Result<Provenance, ValidationError> {
        let title = optional_text(
            "provenance.title",
            self.title.as_deref().unwrap_or(""),
            MAX_TITLE,
        )?;
        if self.published_at.is_some() && self.published_on.is_some() {
            return Err(ValidationError::new(
                "provenance.published_on",
                "give the day or the moment it was first published, not both",
            ));
        }
        let translator = credit(
            "provenance.translator",
            "provenance.translator_url",
            self.translator.as_deref(),
            self.translator_url.as_deref(),
        )?;
        let translated_for = credit(
            "provenance.translated_for",
            "provenance.translated_for_url",
            self.translated_for.as_deref(),
            self.translated_for_url.as_deref(),
        )?;
        if translator.is_none() && translated_for.is_some() {
            return Err(ValidationError::new(
                "provenance.translator",
                "a republished translation names its translator",
            ));
        }
        Ok(Provenance {
            publisher: required_text("provenance.publisher", &self.publisher, MAX_PUBLISHER)?,
            title: (!title.is_empty()).then_some(title),
            url: web_address("provenance.url", self.url.as_deref().unwrap_or(""))?,
            published_at: self.published_at,
            published_on: self.published_on,
            translation: translator.map(|translator| {
                Box::new(RepublishedTranslation {
                    translator,
                    publication: translated_for,
                })
            }),
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
            published_on: p.published_on,
            translator: p.translation.as_ref().map(|t| t.translator.name.clone()),
            translator_url: p
                .translation
                .as_ref()
                .and_then(|t| t.translator.url.clone()),
            translated_for: p
                .translation
                .as_ref()
                .and_then(|t| t.publication.as_ref().map(|c| c.name.clone())),
            translated_for_url: p
                .translation
                .and_then(|t| t.publication.and_then(|c| c.url)),
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

    fn blank() -> NewProvenance {
        NewProvenance {
            publisher: "The Example Post".into(),
            title: None,
            url: None,
            published_at: None,
            published_on: None,
            translator: None,
            translator_url: None,
            translated_for: None,
            translated_for_url: None,
        }
    }

    #[test]
    fn a_republished_translation_names_its_translator_and_keeps_a_day_alone() {
        let day = NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
        let p = NewProvenance {
            published_on: Some(day),
            translator: Some(" A. Reader ".into()),
            translated_for: Some("Example Italia".into()),
            translated_for_url: Some("https://example.it/".into()),
            ..blank()
        }
        .validate()
        .unwrap();
        assert!(p.is_translation());
        assert_eq!(p.published_day(), Some(day));
        assert_eq!(p.published_at, None);
        let t = p.translation.as_ref().unwrap();
        assert_eq!(t.translator.name, "A. Reader");
        assert_eq!(
            t.publication.as_ref().unwrap().url.as_deref(),
            Some("https://example.it/")
        );
        let back = NewProvenance::from(p.clone()).validate().unwrap();
        assert_eq!(back, p);

        let orphan = NewProvenance {
            translated_for: Some("Example Italia".into()),
            ..blank()
        };
        assert_eq!(
            orphan.validate().unwrap_err().field,
            "provenance.translator"
        );
        let nameless = NewProvenance {
            translator_url: Some("https://reader.example/".into()),
            ..blank()
        };
        assert_eq!(
            nameless.validate().unwrap_err().field,
            "provenance.translator"
        );
        let both = NewProvenance {
            published_on: Some(day),
            published_at: Some(day.and_hms_opt(12, 0, 0).unwrap().and_utc()),
            ..blank()
        };
        assert_eq!(
            both.validate().unwrap_err().field,
            "provenance.published_on"
        );
    }

    #[test]
    fn notes_are_notes_only_in_a_republished_translation() {
        let text = "The bridge [[il ponte]] is closed.";
        let plain = blank().validate().unwrap();
        let translated = NewProvenance {
            translator: Some("A. Reader".into()),
            ..blank()
        }
        .validate()
        .unwrap();
        assert!(render(text, Some(&translated)).contains(r#"role="note""#));
        assert!(!render(text, Some(&plain)).contains(r#"role="note""#));
        assert!(render(text, Some(&plain)).contains("[[il ponte]]"));
        assert!(!render(text, None).contains(r#"role="note""#));
        assert!(shows_notes(text, Some(&translated)));
        assert!(!shows_notes(text, Some(&plain)));
        assert!(!shows_notes("no notes", Some(&translated)));
    }

    #[test]
    fn a_publisher_is_required_and_addresses_are_checked() {
        let mut p = NewProvenance {
            publisher: " The Example Post ".into(),
            title: Some("".into()),
            url: Some("https://example.org/a".into()),
            ..blank()
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
