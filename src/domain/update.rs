//! Updates: the editors' timestamped lines; edited with history, struck but never erased.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::provenance::{NewProvenance, Provenance, double_option};
use super::thread::language;
use super::user::UserRef;
use super::validation::{Refusal, ValidationError, required_text};

pub const MAX_BODY: usize = 20_000;
pub const MAX_REASON: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Update {
    pub id: String,
    pub thread_id: String,
    pub body: String,
    pub body_html: String,
    pub language: LanguageTag,
    pub author: UserRef,
    pub created_at: DateTime<Utc>,
    /// When the body was last changed; absent if never edited.
    pub edited_at: Option<DateTime<Utc>>,
    /// 1 for the original text, one more for each edit.
    pub revision: i64,
    pub struck: Option<Strike>,
    /// Set when the update republishes something first published elsewhere.
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Strike {
    pub reason: String,
    /// The update that corrects this one, if any.
    pub corrected_by: Option<String>,
    pub struck_by: UserRef,
    pub struck_at: DateTime<Utc>,
}

/// One version of an update's text, as it was.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Revision {
    pub revision: i64,
    pub body: String,
    pub body_html: String,
    pub language: LanguageTag,
    pub author: UserRef,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    /// Markdown.
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// Defaults to the thread's language.
    #[schema(value_type = Option<LanguageTag>)]
    pub language: Option<String>,
    /// When the update republishes something first published elsewhere.
    #[serde(default)]
    pub provenance: Option<NewProvenance>,
}

/// Validated text of an update, for a new one or an edit; built only by the validation of
/// [`NewUpdate`] or [`UpdatePatch`].
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateText {
    body: String,
    body_html: String,
    language: Option<LanguageTag>,
    provenance: Option<Option<Provenance>>,
}

impl UpdateText {
    /// Markdown source.
    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn body_html(&self) -> &str {
        &self.body_html
    }

    /// The HTML of an edit that keeps the update's provenance (`kept`) unless it gives one: a
    /// republished translation's notes stay notes.
    pub fn body_html_keeping(&self, kept: Option<&Provenance>) -> String {
        match &self.provenance {
            Some(_) => self.body_html.clone(),
            None => super::provenance::render(&self.body, kept),
        }
    }

    /// `None` keeps the thread's language (for a new update) or the update's (for an edit).
    pub fn language(&self) -> Option<&LanguageTag> {
        self.language.as_ref()
    }

    /// `None` keeps what an edited update had (a new one has none); `Some(None)` removes it.
    pub fn provenance(&self) -> Option<Option<&Provenance>> {
        self.provenance.as_ref().map(Option::as_ref)
    }
}

fn text(
    body: &str,
    lang: Option<&str>,
    provenance: Option<Option<&NewProvenance>>,
) -> Result<UpdateText, ValidationError> {
    let body = required_text("body", body, MAX_BODY)?;
    let provenance = provenance
        .map(|p| p.map(NewProvenance::validate).transpose())
        .transpose()?;
    Ok(UpdateText {
        body_html: super::provenance::render(&body, provenance.as_ref().and_then(Option::as_ref)),
        body,
        language: lang.map(|l| language("language", l)).transpose()?,
        provenance,
    })
}

impl NewUpdate {
    pub fn validate(&self) -> Result<UpdateText, ValidationError> {
        text(
            &self.body,
            self.language.as_deref(),
            self.provenance.as_ref().map(Some),
        )
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePatch {
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// Absent or `null` keeps the update's language.
    #[schema(value_type = Option<LanguageTag>)]
    pub language: Option<String>,
    /// Republication credit; `null` removes it, absent keeps it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NewProvenance>)]
    pub provenance: Option<Option<NewProvenance>>,
}

impl UpdatePatch {
    pub fn validate(&self) -> Result<UpdateText, ValidationError> {
        text(
            &self.body,
            self.language.as_deref(),
            self.provenance.as_ref().map(Option::as_ref),
        )
    }
}

/// Striking an update: why, and which update corrects it.
///
/// Its fields are private: a request body is read into it, then checked by
/// [`NewStrike::validate`] before anything acts on it; code builds one only through
/// [`NewStrike::new`].
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStrike {
    #[schema(min_length = 1, max_length = 500)]
    reason: String,
    /// The update of the same thread that corrects this one.
    #[schema(schema_with = super::schema::optional_id)]
    corrected_by: Option<String>,
}

impl NewStrike {
    /// A checked strike: a reason of at most [`MAX_REASON`] characters, and a well-formed id.
    pub fn new(reason: &str, corrected_by: Option<&str>) -> Result<NewStrike, ValidationError> {
        Ok(NewStrike {
            reason: required_text("reason", reason, MAX_REASON)?,
            corrected_by: corrected_by
                .map(|c| super::validation::id("corrected_by", c))
                .transpose()?,
        })
    }

    /// The same strike, checked as [`NewStrike::new`] checks it.
    pub fn validate(&self) -> Result<NewStrike, ValidationError> {
        Self::new(&self.reason, self.corrected_by.as_deref())
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    pub fn corrected_by(&self) -> Option<&str> {
        self.corrected_by.as_deref()
    }
}

/// A struck update keeps its text as it was when struck: it is the record of what was said.
pub fn check_editable(update: &Update) -> Result<(), Refusal> {
    if update.struck.is_some() {
        return Err(Refusal::conflict(
            "update_struck",
            "a struck update can no longer be edited",
        ));
    }
    Ok(())
}

/// An update is struck once; the correction must be another update of the same thread.
pub fn check_strike(
    update: &Update,
    strike: &NewStrike,
    correction_thread: Option<&str>,
) -> Result<(), Refusal> {
    if update.struck.is_some() {
        return Err(Refusal::conflict(
            "already_struck",
            "this update is already struck",
        ));
    }
    if let Some(corrected_by) = strike.corrected_by() {
        if corrected_by == update.id {
            return Err(
                ValidationError::new("corrected_by", "an update cannot correct itself").into(),
            );
        }
        if correction_thread != Some(update.thread_id.as_str()) {
            return Err(ValidationError::new(
                "corrected_by",
                "must be an update of the same thread",
            )
            .into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::now;

    fn update() -> Update {
        Update {
            id: "01HZZZZZZZZZZZZZZZZZZZZZZZ".into(),
            thread_id: "T1".into(),
            body: "b".into(),
            body_html: "<p>b</p>".into(),
            language: LanguageTag::parse("en").unwrap(),
            author: UserRef {
                id: "u".into(),
                name: "U".into(),
            },
            created_at: now(),
            edited_at: None,
            revision: 1,
            struck: None,
            provenance: None,
        }
    }

    fn strike(corrected_by: Option<&str>) -> NewStrike {
        NewStrike {
            reason: "wrong".into(),
            corrected_by: corrected_by.map(Into::into),
        }
    }

    #[test]
    fn correction_must_be_in_the_same_thread() {
        let u = update();
        assert!(check_strike(&u, &strike(Some("X")), Some("T1")).is_ok());
        assert!(matches!(
            check_strike(&u, &strike(Some("X")), Some("T2")),
            Err(Refusal::Invalid(_))
        ));
        assert!(matches!(
            check_strike(&u, &strike(Some("X")), None),
            Err(Refusal::Invalid(_))
        ));
    }

    #[test]
    fn struck_update_cannot_be_struck_again_or_edited() {
        let mut u = update();
        u.struck = Some(Strike {
            reason: "r".into(),
            corrected_by: None,
            struck_by: u.author.clone(),
            struck_at: now(),
        });
        assert!(matches!(
            check_strike(&u, &strike(None), None),
            Err(Refusal::Conflict { .. })
        ));
        assert!(check_editable(&u).is_err());
    }

    #[test]
    fn update_text_is_rendered_and_language_checked() {
        let t = NewUpdate {
            body: "*x*".into(),
            language: Some("it".into()),
            provenance: None,
        }
        .validate()
        .unwrap();
        assert!(t.body_html.contains("<em>x</em>"));
        let bad = NewUpdate {
            body: "x".into(),
            language: Some("!!".into()),
            provenance: None,
        }
        .validate();
        assert_eq!(bad.unwrap_err().field, "language");
        assert_eq!(
            NewUpdate {
                body: " ".into(),
                language: None,
                provenance: None
            }
            .validate()
            .unwrap_err()
            .field,
            "body"
        );
    }
}
