//! A report as submitted, and its validated draft.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::super::comment::MAX_AUTHOR_NAME;
use super::super::indicator::{MAX_CLAIMS, NewClaim};
use super::super::language::LanguageTag;
use super::super::markup::{self, Flavor};
use super::super::source::web_address;
use super::super::thread::language;
use super::super::time::Timestamp;
use super::super::validation::{ValidationError, required_text};
use super::{MAX_BODY, MAX_PLACES};

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// Markdown (links, emphasis, quotes).
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// Detected from the text when absent or empty.
    #[schema(schema_with = crate::domain::schema::language_or_empty)]
    pub language: Option<String>,
    /// The id of a source in the registry.
    #[schema(schema_with = crate::domain::schema::id)]
    pub source: String,
    /// The exact address where the source said it.
    #[schema(schema_with = crate::domain::schema::web_address)]
    pub link: Option<String>,
    /// The id of the source this report only repeats (not `source` itself).
    #[schema(schema_with = crate::domain::schema::cited_id)]
    pub cites: Option<String>,
    pub occurred_at: Option<DateTime<Utc>>,
    /// Defaults to the time it is received.
    pub stated_at: Option<DateTime<Utc>>,
    /// Place ids: `gn:<GeoNames id>` from `/api/v1/places`, or a custom place's id; at most 20
    /// different ones.
    #[serde(default)]
    #[schema(schema_with = crate::domain::schema::place_ids)]
    pub places: Vec<String>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub claims: Vec<NewClaim>,
    /// A guest's pseudonym on one line, where the thread takes guests' contributions; empty
    /// for none.
    #[schema(max_length = 60, pattern = "^[^\\r\\n]*$")]
    pub author_name: Option<String>,
}

/// A validated report, before the store resolves its source, places and claims. Only
/// [`NewReport::validate`] builds one.
#[derive(Debug, Clone)]
pub struct ReportDraft {
    body: String,
    body_html: String,
    /// Given, or detected from the text when not given; absent when neither.
    language: Option<LanguageTag>,
    /// The language was detected rather than given.
    language_detected: bool,
    source_id: String,
    link: Option<String>,
    cites_id: Option<String>,
    occurred_at: Option<Timestamp>,
    stated_at: Option<Timestamp>,
    places: Vec<String>,
    claims: Vec<NewClaim>,
    author_name: Option<String>,
}

impl ReportDraft {
    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn body_html(&self) -> &str {
        &self.body_html
    }

    pub fn language(&self) -> Option<&LanguageTag> {
        self.language.as_ref()
    }

    pub fn language_detected(&self) -> bool {
        self.language_detected
    }

    pub fn source_id(&self) -> &str {
        &self.source_id
    }

    pub fn link(&self) -> Option<&str> {
        self.link.as_deref()
    }

    pub fn cites_id(&self) -> Option<&str> {
        self.cites_id.as_deref()
    }

    pub fn occurred_at(&self) -> Option<Timestamp> {
        self.occurred_at
    }

    pub fn stated_at(&self) -> Option<Timestamp> {
        self.stated_at
    }

    /// Place ids, each once.
    pub fn places(&self) -> &[String] {
        &self.places
    }

    /// Claims in their submitted shape; the store checks them against the thread's
    /// indicators, which only it can read in the same transaction.
    pub fn claims(&self) -> &[NewClaim] {
        &self.claims
    }

    pub fn author_name(&self) -> Option<&str> {
        self.author_name.as_deref()
    }
}

fn place_id(value: &str) -> Result<String, ValidationError> {
    let v = value.trim();
    if super::super::place::Place::is_gazetteer_id(v) {
        Ok(v.to_owned())
    } else {
        super::super::validation::id("places", v)
    }
}

impl NewReport {
    /// Whether the report names its language; when it does not, the caller detects one from
    /// the text and passes it to [`NewReport::validate`].
    pub fn names_language(&self) -> bool {
        self.language
            .as_deref()
            .is_some_and(|l| !l.trim().is_empty())
    }

    /// Checks the report on its own; `now` bounds the times (nothing is stated in the future).
    /// `detected` is the language found in the text, used only when none is given.
    pub fn validate(
        &self,
        now: Timestamp,
        detected: Option<LanguageTag>,
    ) -> Result<ReportDraft, ValidationError> {
        let body = required_text("body", &self.body, MAX_BODY)?;
        let source_id = super::super::validation::id("source", &self.source)?;
        let cites_id = self
            .cites
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| super::super::validation::id("cites", c.trim()))
            .transpose()?;
        if cites_id.as_deref() == Some(source_id.as_str()) {
            return Err(ValidationError::new(
                "cites",
                "a source cannot only repeat itself",
            ));
        }
        let slack = chrono::Duration::minutes(5);
        for (field, t) in [
            ("occurred_at", self.occurred_at),
            ("stated_at", self.stated_at),
        ] {
            if t.is_some_and(|t| t > now + slack) {
                return Err(ValidationError::new(field, "is in the future"));
            }
        }
        if let (Some(o), Some(s)) = (self.occurred_at, self.stated_at)
            && o > s
        {
            return Err(ValidationError::new(
                "occurred_at",
                "is after the time the source stated it",
            ));
        }
        let mut places = Vec::new();
        for p in &self.places {
            let id = place_id(p)?;
            if !places.contains(&id) {
                places.push(id);
            }
        }
        if places.len() > MAX_PLACES {
            return Err(ValidationError::new(
                "places",
                format!("at most {MAX_PLACES} places"),
            ));
        }
        if self.claims.len() > MAX_CLAIMS {
            return Err(ValidationError::new(
                "claims",
                format!("at most {MAX_CLAIMS} claims"),
            ));
        }
        for c in &self.claims {
            if let Some(p) = &c.place {
                place_id(p).map_err(|e| ValidationError::new("claims.place", e.message))?;
            }
            if c.as_of.is_some_and(|t| t > now + slack) {
                return Err(ValidationError::new("claims.as_of", "is in the future"));
            }
        }
        let author_name = match self.author_name.as_deref() {
            Some(n) if !n.trim().is_empty() => {
                let n = required_text("author_name", n, MAX_AUTHOR_NAME)?;
                if n.contains(['\n', '\r']) {
                    return Err(ValidationError::new("author_name", "must be on one line"));
                }
                Some(n)
            }
            _ => None,
        };
        let given = self
            .language
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .map(|l| language("language", l.trim()))
            .transpose()?;
        let detected = match given {
            Some(_) => None,
            None => detected,
        };
        Ok(ReportDraft {
            body_html: markup::render(&body, Flavor::Comment),
            language_detected: detected.is_some(),
            language: given.or(detected),
            body,
            source_id,
            link: self
                .link
                .as_deref()
                .map(|l| web_address("link", l))
                .transpose()?
                .flatten(),
            cites_id,
            occurred_at: self.occurred_at,
            stated_at: self.stated_at,
            places,
            claims: self.claims.clone(),
            author_name,
        })
    }
}
