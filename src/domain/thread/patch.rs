//! Changing a thread: the fields a change names, checked before the store applies them.

use serde::Deserialize;

use super::{
    CommentPolicy, MAX_DISPUTE_WINDOW_HOURS, MAX_LEAD, MAX_SLOW_MODE, MAX_TITLE, Thread,
    ThreadStatus, language,
};
use crate::domain::language::LanguageTag;
use crate::domain::provenance::{NewProvenance, double_option};
use crate::domain::time::Timestamp;
use crate::domain::validation::{ValidationError, optional_text, required_text};

/// What a change to a thread names, as its caller has it: absent fields are kept.
#[derive(Debug, Clone, Default)]
pub struct ThreadChanges {
    pub title: Option<String>,
    pub lead: Option<String>,
    pub language: Option<String>,
    pub status: Option<ThreadStatus>,
    pub comment_policy: Option<CommentPolicy>,
    pub guests_may_comment: Option<bool>,
    /// 0 turns slow mode off; at most one hour.
    pub slow_mode_seconds: Option<u32>,
    /// 1 to 168 hours; 12 by default.
    pub dispute_window_hours: Option<u32>,
    /// Republication credit; `null` removes it.
    pub provenance: Option<Option<NewProvenance>>,
}

/// A checked change to a thread.
///
/// Its fields are private: a request body is read into it, then checked by
/// [`ThreadPatch::validate`] before the store applies it; code builds one only through
/// [`ThreadPatch::new`].
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreadPatch {
    #[schema(min_length = 1, max_length = 200)]
    title: Option<String>,
    #[schema(max_length = 20000)]
    lead: Option<String>,
    #[schema(value_type = Option<LanguageTag>)]
    language: Option<String>,
    status: Option<ThreadStatus>,
    comment_policy: Option<CommentPolicy>,
    guests_may_comment: Option<bool>,
    /// 0 turns slow mode off; at most one hour.
    #[schema(minimum = 0, maximum = 3600)]
    slow_mode_seconds: Option<u32>,
    /// 1 to 168 hours; 12 by default.
    #[schema(minimum = 1, maximum = 168)]
    dispute_window_hours: Option<u32>,
    /// Republication credit; `null` removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NewProvenance>)]
    provenance: Option<Option<NewProvenance>>,
}

impl ThreadPatch {
    /// Validates the fields present; an empty patch is refused as it would change nothing.
    pub fn new(changes: ThreadChanges) -> Result<ThreadPatch, ValidationError> {
        let out = ThreadPatch {
            title: changes
                .title
                .map(|t| required_text("title", &t, MAX_TITLE))
                .transpose()?,
            lead: changes
                .lead
                .map(|l| optional_text("lead", &l, MAX_LEAD))
                .transpose()?,
            language: changes
                .language
                .map(|l| language("language", &l).map(String::from))
                .transpose()?,
            slow_mode_seconds: changes
                .slow_mode_seconds
                .map(|s| {
                    if s <= MAX_SLOW_MODE {
                        Ok(s)
                    } else {
                        Err(ValidationError::new(
                            "slow_mode_seconds",
                            format!("must be at most {MAX_SLOW_MODE}"),
                        ))
                    }
                })
                .transpose()?,
            dispute_window_hours: changes
                .dispute_window_hours
                .map(|h| {
                    if (1..=MAX_DISPUTE_WINDOW_HOURS).contains(&h) {
                        Ok(h)
                    } else {
                        Err(ValidationError::new(
                            "dispute_window_hours",
                            format!("must be between 1 and {MAX_DISPUTE_WINDOW_HOURS}"),
                        ))
                    }
                })
                .transpose()?,
            provenance: match changes.provenance {
                Some(Some(p)) => Some(Some(NewProvenance::from(p.validate()?))),
                other => other,
            },
            status: changes.status,
            comment_policy: changes.comment_policy,
            guests_may_comment: changes.guests_may_comment,
        };
        if out.title.is_none()
            && out.lead.is_none()
            && out.language.is_none()
            && out.status.is_none()
            && out.comment_policy.is_none()
            && out.guests_may_comment.is_none()
            && out.slow_mode_seconds.is_none()
            && out.dispute_window_hours.is_none()
            && out.provenance.is_none()
        {
            return Err(ValidationError::new("body", "names no field to change"));
        }
        Ok(out)
    }

    /// The same change, checked as [`ThreadPatch::new`] checks it.
    pub fn validate(self) -> Result<ThreadPatch, ValidationError> {
        Self::new(ThreadChanges {
            title: self.title,
            lead: self.lead,
            language: self.language,
            status: self.status,
            comment_policy: self.comment_policy,
            guests_may_comment: self.guests_may_comment,
            slow_mode_seconds: self.slow_mode_seconds,
            dispute_window_hours: self.dispute_window_hours,
            provenance: self.provenance,
        })
    }

    /// The thread after the patch.
    pub fn apply(&self, thread: &Thread, at: Timestamp) -> Thread {
        let mut t = thread.clone();
        if let Some(title) = &self.title {
            t.title.clone_from(title);
        }
        if let Some(p) = &self.provenance {
            t.provenance = p.as_ref().and_then(|p| p.validate().ok());
        }
        if let Some(lead) = &self.lead {
            t.lead.clone_from(lead);
        }
        // A republished translation's notes follow its credit, even when only the credit changed.
        if self.lead.is_some() || self.provenance.is_some() {
            t.lead_html = crate::domain::provenance::render(&t.lead, t.provenance.as_ref());
        }
        if t.title != thread.title || t.lead != thread.lead {
            t.revision += 1;
        }
        if let Some(lang) = self
            .language
            .as_deref()
            .and_then(|l| LanguageTag::parse(l).ok())
        {
            t.language = lang;
        }
        t.status = self.status.unwrap_or(t.status);
        t.comment_policy = self.comment_policy.unwrap_or(t.comment_policy);
        t.guests_may_comment = self.guests_may_comment.unwrap_or(t.guests_may_comment);
        t.slow_mode_seconds = self.slow_mode_seconds.unwrap_or(t.slow_mode_seconds);
        t.dispute_window_hours = self.dispute_window_hours.unwrap_or(t.dispute_window_hours);
        t.updated_at = at;
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_patch_is_refused() {
        assert!(ThreadPatch::new(ThreadChanges::default()).is_err());
        assert!(ThreadPatch::default().validate().is_err());
    }

    #[test]
    fn slow_mode_over_an_hour_is_refused() {
        let changes = ThreadChanges {
            slow_mode_seconds: Some(MAX_SLOW_MODE + 1),
            ..Default::default()
        };
        assert_eq!(
            ThreadPatch::new(changes).unwrap_err().field,
            "slow_mode_seconds"
        );
    }
}
