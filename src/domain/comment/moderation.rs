//! The moderators' side of comments: decisions, readers' flags and the queue.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Comment, CommentStatus, MAX_REASON};
use crate::domain::validation::{ValidationError, optional_text, required_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ModerationAction {
    Approve,
    Reject,
    Spam,
    Delete,
}

impl ModerationAction {
    pub fn status(self) -> CommentStatus {
        match self {
            ModerationAction::Approve => CommentStatus::Approved,
            ModerationAction::Reject => CommentStatus::Rejected,
            ModerationAction::Spam => CommentStatus::Spam,
            ModerationAction::Delete => CommentStatus::Deleted,
        }
    }
}

/// A moderator's decision on a comment or a submitted report, with an optional note.
///
/// Its fields are private: a request body is read into it, then checked by [`Moderation::validate`]
/// before anything acts on it; code builds one only through [`Moderation::new`].
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Moderation {
    action: ModerationAction,
    #[schema(max_length = 500)]
    note: Option<String>,
}

impl Moderation {
    /// A checked decision: the note is trimmed and at most [`MAX_REASON`] characters.
    pub fn new(action: ModerationAction, note: Option<&str>) -> Result<Self, ValidationError> {
        Ok(Self {
            action,
            note: note
                .map(|n| optional_text("note", n, MAX_REASON))
                .transpose()?,
        })
    }

    /// The same decision, checked as [`Moderation::new`] checks it.
    pub fn validate(&self) -> Result<Self, ValidationError> {
        Self::new(self.action, self.note.as_deref())
    }

    pub fn action(&self) -> ModerationAction {
        self.action
    }

    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFlag {
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

impl NewFlag {
    pub fn validate(&self) -> Result<String, ValidationError> {
        required_text("reason", &self.reason, MAX_REASON)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Flag {
    pub id: String,
    pub comment_id: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// A comment waiting for a moderator: pending, or flagged by readers.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub comment: Comment,
    pub thread_title: String,
    pub thread_slug: String,
    pub flags: Vec<Flag>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_over_the_limit_is_refused_and_a_blank_one_kept_empty() {
        let long = "x".repeat(MAX_REASON + 1);
        let err = Moderation::new(ModerationAction::Reject, Some(&long)).unwrap_err();
        assert_eq!(err.field, "note");
        let m = Moderation::new(ModerationAction::Approve, Some("  ok  ")).unwrap();
        assert_eq!(m.note(), Some("ok"));
        assert_eq!(m.action().status(), CommentStatus::Approved);
    }
}
