//! Comments: the readers' threaded discussion, and the rules of moderation.

mod moderation;
mod tree;

pub use self::moderation::{Flag, Moderation, ModerationAction, NewFlag, QueueItem};
pub use self::tree::build_tree;

use chrono::Duration;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::markup::{self, Flavor};
use super::role::Role;
use super::thread::{CommentPolicy, Thread, ThreadStatus, text_enum};
use super::time::Timestamp;
use super::validation::{Refusal, ValidationError, required_text};

pub const MAX_BODY: usize = 10_000;
pub const MAX_AUTHOR_NAME: usize = 60;
pub const MAX_REASON: usize = 500;
/// How long an author may still correct what they wrote.
pub const EDIT_WINDOW: Duration = Duration::minutes(15);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Pending,
    Approved,
    Rejected,
    Spam,
    Deleted,
}

text_enum!(CommentStatus {
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
    Spam => "spam",
    Deleted => "deleted",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CommentAuthor {
    /// The name shown: an account's display name or a pseudonym.
    pub name: String,
    /// True when written without an account.
    pub guest: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub id: String,
    pub thread_id: String,
    pub parent_id: Option<String>,
    pub author: CommentAuthor,
    pub body: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Detected from the text; absent when detection was not sure.
    pub language: Option<LanguageTag>,
    /// The account that wrote it; never shown publicly.
    #[serde(skip)]
    pub author_id: Option<String>,
}

/// A comment with its visible replies, as listed to readers.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CommentNode {
    #[serde(flatten)]
    pub comment: Comment,
    #[schema(no_recursion)]
    pub replies: Vec<CommentNode>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// Markdown (links, emphasis, quotes).
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// The comment this one replies to.
    #[schema(schema_with = super::schema::optional_id)]
    pub parent_id: Option<String>,
    /// A pseudonym on one line: required for guests, optional for accounts (shown instead of
    /// the account).
    #[schema(min_length = 1, max_length = 60, pattern = "^[^\\r\\n]*$")]
    pub author_name: Option<String>,
}

/// A comment's checked text, rendered, with the language it was detected in.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentText {
    body: String,
    body_html: String,
    language: Option<LanguageTag>,
}

impl CommentText {
    /// Checks and renders `body`; `detect` names the language of the checked text, or `None`
    /// when it is not sure (detection lives outside the domain).
    pub fn new(
        body: &str,
        detect: impl FnOnce(&str) -> Option<LanguageTag>,
    ) -> Result<Self, ValidationError> {
        let body = required_text("body", body, MAX_BODY)?;
        Ok(Self {
            body_html: markup::render(&body, Flavor::Comment),
            language: detect(&body),
            body,
        })
    }

    /// Markdown source.
    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn body_html(&self) -> &str {
        &self.body_html
    }

    /// Detected from the text.
    pub fn language(&self) -> Option<&LanguageTag> {
        self.language.as_ref()
    }
}

/// A validated new comment, before the thread's rules are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentDraft {
    text: CommentText,
    parent_id: Option<String>,
    author_name: Option<String>,
}

impl CommentDraft {
    pub fn text(&self) -> &CommentText {
        &self.text
    }

    /// The comment replied to.
    pub fn parent_id(&self) -> Option<&str> {
        self.parent_id.as_deref()
    }

    /// The pseudonym asked for, on one line.
    pub fn author_name(&self) -> Option<&str> {
        self.author_name.as_deref()
    }
}

impl NewComment {
    /// Checks the comment; `detect` names the language of its text (see [`CommentText::new`]).
    pub fn validate(
        &self,
        detect: impl FnOnce(&str) -> Option<LanguageTag>,
    ) -> Result<CommentDraft, ValidationError> {
        let author_name = match self.author_name.as_deref() {
            Some(n) => Some(required_text("author_name", n, MAX_AUTHOR_NAME)?),
            None => None,
        };
        if author_name
            .as_deref()
            .is_some_and(|n| n.contains(['\n', '\r']))
        {
            return Err(ValidationError::new("author_name", "must be on one line"));
        }
        Ok(CommentDraft {
            text: CommentText::new(&self.body, detect)?,
            parent_id: self
                .parent_id
                .as_deref()
                .map(|p| super::validation::id("parent_id", p))
                .transpose()?,
            author_name,
        })
    }
}

/// Whether a comment may be posted on this thread by this role, and the status it starts in.
pub fn admission(thread: &Thread, role: Option<Role>) -> Result<CommentStatus, Refusal> {
    if thread.status == ThreadStatus::Closed {
        return Err(Refusal::conflict("thread_closed", "this thread is closed"));
    }
    if thread.comment_policy == CommentPolicy::Closed {
        return Err(Refusal::conflict(
            "comments_closed",
            "comments are closed on this thread",
        ));
    }
    if role.is_none() && !thread.guests_may_comment {
        return Err(Refusal::Forbidden(
            "this thread takes comments from registered readers only".into(),
        ));
    }
    let staff = role.is_some_and(Role::is_staff);
    Ok(match thread.comment_policy {
        CommentPolicy::Premoderated if !staff => CommentStatus::Pending,
        _ => CommentStatus::Approved,
    })
}

/// A reply belongs to the same thread as its parent, and not under a removed comment.
pub fn check_parent(parent: &Comment, thread_id: &str) -> Result<(), Refusal> {
    if parent.thread_id != thread_id {
        return Err(ValidationError::new("parent_id", "is a comment of another thread").into());
    }
    if matches!(
        parent.status,
        CommentStatus::Deleted | CommentStatus::Spam | CommentStatus::Rejected
    ) {
        return Err(Refusal::conflict(
            "parent_removed",
            "the comment replied to was removed",
        ));
    }
    Ok(())
}

/// An author may correct their own comment for a short while, until it is moderated away.
pub fn check_author_edit(comment: &Comment, now: Timestamp) -> Result<(), Refusal> {
    if now - comment.created_at > EDIT_WINDOW {
        return Err(Refusal::conflict(
            "edit_window_over",
            "comments can only be edited in the first 15 minutes",
        ));
    }
    if !matches!(
        comment.status,
        CommentStatus::Pending | CommentStatus::Approved
    ) {
        return Err(Refusal::conflict(
            "comment_removed",
            "this comment was removed",
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentPatch {
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::LanguageTag;
    use crate::domain::time::now;

    fn thread(policy: CommentPolicy, guests: bool, status: ThreadStatus) -> Thread {
        Thread {
            id: "T".into(),
            slug: "t".into(),
            title: "T".into(),
            lead: String::new(),
            lead_html: String::new(),
            language: LanguageTag::parse("en").unwrap(),
            status,
            comment_policy: policy,
            guests_may_comment: guests,
            slow_mode_seconds: 0,
            dispute_window_hours: 12,
            created_by: None,
            created_at: now(),
            updated_at: now(),
            revision: 1,
            provenance: None,
        }
    }

    fn comment(id: &str, parent: Option<&str>, status: CommentStatus) -> Comment {
        Comment {
            id: id.into(),
            thread_id: "T".into(),
            parent_id: parent.map(Into::into),
            author: CommentAuthor {
                name: "a".into(),
                guest: true,
            },
            body: "b".into(),
            body_html: "<p>b</p>".into(),
            status,
            created_at: now(),
            edited_at: None,
            language: None,
            author_id: None,
        }
    }

    #[test]
    fn guest_comment_on_premoderated_thread_waits_for_review() {
        let t = thread(CommentPolicy::Premoderated, true, ThreadStatus::Open);
        assert_eq!(admission(&t, None), Ok(CommentStatus::Pending));
        assert_eq!(
            admission(&t, Some(Role::Contributor)),
            Ok(CommentStatus::Pending)
        );
        assert_eq!(
            admission(&t, Some(Role::Moderator)),
            Ok(CommentStatus::Approved)
        );
        assert_eq!(
            admission(&t, Some(Role::Editor)),
            Ok(CommentStatus::Approved)
        );
    }

    #[test]
    fn postmoderated_thread_publishes_at_once() {
        let t = thread(CommentPolicy::Postmoderated, true, ThreadStatus::Open);
        assert_eq!(admission(&t, None), Ok(CommentStatus::Approved));
    }

    #[test]
    fn closed_threads_and_guests_where_not_allowed_are_refused() {
        let closed = thread(CommentPolicy::Postmoderated, true, ThreadStatus::Closed);
        assert!(matches!(
            admission(&closed, None),
            Err(Refusal::Conflict { .. })
        ));
        let no_comments = thread(CommentPolicy::Closed, true, ThreadStatus::Open);
        assert!(matches!(
            admission(&no_comments, None),
            Err(Refusal::Conflict { .. })
        ));
        let members = thread(CommentPolicy::Postmoderated, false, ThreadStatus::Open);
        assert!(matches!(
            admission(&members, None),
            Err(Refusal::Forbidden(_))
        ));
        assert!(admission(&members, Some(Role::Contributor)).is_ok());
    }

    #[test]
    fn author_edit_window_closes_after_15_minutes() {
        let mut c = comment("a", None, CommentStatus::Approved);
        assert!(check_author_edit(&c, now()).is_ok());
        c.created_at = now() - Duration::minutes(16);
        assert!(check_author_edit(&c, now()).is_err());
    }

    #[test]
    fn tree_nests_replies_and_keeps_removed_parents_as_placeholders() {
        let rows = vec![
            comment("a", None, CommentStatus::Approved),
            comment("b", Some("a"), CommentStatus::Deleted),
            comment("c", Some("b"), CommentStatus::Approved),
            comment("d", Some("a"), CommentStatus::Pending),
            comment("e", None, CommentStatus::Approved),
        ];
        let tree = build_tree(rows);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].replies.len(), 1);
        let placeholder = &tree[0].replies[0];
        assert_eq!(placeholder.comment.id, "b");
        assert!(placeholder.comment.body.is_empty());
        assert_eq!(placeholder.replies[0].comment.id, "c");
    }
}
