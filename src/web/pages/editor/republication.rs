//! The republication fields of the thread and update forms: the original publisher, title,
//! address and day, and, for a republished translation, its translator and the publication it
//! was made for.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::provenance::{NewProvenance, Provenance};
use crate::domain::validation::ValidationError;

/// The fields as typed; all empty means "not a republication".
#[derive(Debug, Default, Clone, Deserialize)]
pub struct RepublicationFields {
    #[serde(default)]
    pub provenance_publisher: String,
    #[serde(default)]
    pub provenance_title: String,
    #[serde(default)]
    pub provenance_url: String,
    /// `2022-01-05`, as a date field sends it: the day only.
    #[serde(default)]
    pub provenance_published_on: String,
    #[serde(default)]
    pub provenance_translator: String,
    #[serde(default)]
    pub provenance_translator_url: String,
    #[serde(default)]
    pub provenance_translated_for: String,
    #[serde(default)]
    pub provenance_translated_for_url: String,
}

impl RepublicationFields {
    pub fn of(p: Option<&Provenance>) -> Self {
        let Some(p) = p else {
            return Self::default();
        };
        let t = p.translation.as_deref();
        let publication = t.and_then(|t| t.publication.as_ref());
        Self {
            provenance_publisher: p.publisher.clone(),
            provenance_title: p.title.clone().unwrap_or_default(),
            provenance_url: p.url.clone().unwrap_or_default(),
            provenance_published_on: p
                .published_day()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            provenance_translator: t.map(|t| t.translator.name.clone()).unwrap_or_default(),
            provenance_translator_url: t.and_then(|t| t.translator.url.clone()).unwrap_or_default(),
            provenance_translated_for: publication.map(|c| c.name.clone()).unwrap_or_default(),
            provenance_translated_for_url: publication
                .and_then(|c| c.url.clone())
                .unwrap_or_default(),
        }
    }

    /// The republication credit the form gives; `None` when its fields are all empty.
    pub fn provenance(&self) -> Result<Option<NewProvenance>, ValidationError> {
        let fields = [
            &self.provenance_publisher,
            &self.provenance_title,
            &self.provenance_url,
            &self.provenance_published_on,
            &self.provenance_translator,
            &self.provenance_translator_url,
            &self.provenance_translated_for,
            &self.provenance_translated_for_url,
        ];
        if fields.iter().all(|f| f.trim().is_empty()) {
            return Ok(None);
        }
        let day = self.provenance_published_on.trim();
        let published_on = if day.is_empty() {
            None
        } else {
            Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                ValidationError::new("provenance.published_on", "a day, as 2022-01-05")
            })?)
        };
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(Some(NewProvenance {
            publisher: self.provenance_publisher.clone(),
            title: optional(&self.provenance_title),
            url: optional(&self.provenance_url),
            published_at: None,
            published_on,
            translator: optional(&self.provenance_translator),
            translator_url: optional(&self.provenance_translator_url),
            translated_for: optional(&self.provenance_translated_for),
            translated_for_url: optional(&self.provenance_translated_for_url),
        }))
    }
}

/// The label of a refused republication field (`provenance.…`), to name it in the message.
pub fn label_of(field: &str) -> Option<&'static str> {
    Some(match field.strip_prefix("provenance.")? {
        "publisher" => "editor-provenance-publisher",
        "title" => "editor-provenance-title",
        "url" => "editor-provenance-url",
        "translator" => "republication-translator",
        "translator_url" => "republication-translator-url",
        "translated_for" => "republication-translated-for",
        "translated_for_url" => "republication-translated-for-url",
        _ => "editor-provenance-published-at",
    })
}
