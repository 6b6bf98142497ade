//! Threads: the live page on one event.

mod patch;

pub use self::patch::{ThreadChanges, ThreadPatch};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::provenance::{self, NewProvenance, Provenance};
use super::slug;
use super::user::UserRef;
use super::validation::{ValidationError, optional_text, required_text};

pub const MAX_TITLE: usize = 200;
pub const MAX_LEAD: usize = 20_000;
pub const MAX_SLOW_MODE: u32 = 3600;
/// A dispute window of a week at most: older disagreements are history, not disputes.
pub const MAX_DISPUTE_WINDOW_HOURS: u32 = 168;
pub const DEFAULT_DISPUTE_WINDOW_HOURS: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ThreadStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CommentPolicy {
    /// Comments from anyone below staff wait for a moderator.
    Premoderated,
    /// Comments publish at once; moderators act afterwards.
    Postmoderated,
    Closed,
}

macro_rules! text_enum {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(ThreadStatus { Open => "open", Closed => "closed" });
text_enum!(CommentPolicy {
    Premoderated => "premoderated",
    Postmoderated => "postmoderated",
    Closed => "closed",
});

/// A thread as readers see it (the API's representation).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Thread {
    pub id: String,
    pub slug: String,
    pub title: String,
    /// Markdown source.
    pub lead: String,
    /// The lead rendered to safe HTML.
    pub lead_html: String,
    pub language: LanguageTag,
    pub status: ThreadStatus,
    pub comment_policy: CommentPolicy,
    pub guests_may_comment: bool,
    /// At most one comment per person every this many seconds; 0 is off.
    pub slow_mode_seconds: u32,
    /// How long another source's disagreeing figure keeps a board value disputed.
    pub dispute_window_hours: u32,
    pub created_by: Option<UserRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 1 for the first title and lead, one more for each change of either.
    pub revision: i64,
    /// Set when the thread republishes something first published elsewhere.
    pub provenance: Option<Provenance>,
}

/// One version of a thread's title and lead, as it was.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ThreadRevision {
    pub revision: i64,
    pub title: String,
    pub lead: String,
    pub lead_html: String,
    pub author: Option<UserRef>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThread {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub lead: String,
    #[schema(value_type = LanguageTag)]
    pub language: String,
    /// Defaults to `postmoderated`.
    pub comment_policy: Option<CommentPolicy>,
    /// Defaults to false.
    pub guests_may_comment: Option<bool>,
    /// Chosen from the title when absent; a given slug that is taken is a conflict.
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    pub slug: Option<String>,
    /// When the thread republishes something first published elsewhere.
    pub provenance: Option<NewProvenance>,
}

/// A new thread that passed validation; built only by [`NewThread::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadDraft {
    title: String,
    lead: String,
    lead_html: String,
    language: LanguageTag,
    comment_policy: CommentPolicy,
    guests_may_comment: bool,
    slug: SlugChoice,
    provenance: Option<Provenance>,
}

impl ThreadDraft {
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Markdown source.
    pub fn lead(&self) -> &str {
        &self.lead
    }

    pub fn lead_html(&self) -> &str {
        &self.lead_html
    }

    pub fn language(&self) -> &LanguageTag {
        &self.language
    }

    pub fn comment_policy(&self) -> CommentPolicy {
        self.comment_policy
    }

    pub fn guests_may_comment(&self) -> bool {
        self.guests_may_comment
    }

    pub fn slug(&self) -> &SlugChoice {
        &self.slug
    }

    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SlugChoice {
    /// Asked for by name: taken means conflict.
    Exact(String),
    /// Derived from the title: taken means try `-2`, `-3`…
    Derived(String),
}

pub fn language(field: &str, value: &str) -> Result<LanguageTag, ValidationError> {
    LanguageTag::parse(value).map_err(|e| ValidationError::new(field, e.to_string()))
}

impl NewThread {
    pub fn validate(self) -> Result<ThreadDraft, ValidationError> {
        let title = required_text("title", &self.title, MAX_TITLE)?;
        let lead = optional_text("lead", &self.lead, MAX_LEAD)?;
        let language = language("language", &self.language)?;
        let slug = match self.slug {
            Some(s) if slug::is_valid(&s) => SlugChoice::Exact(s),
            Some(_) => {
                return Err(ValidationError::new(
                    "slug",
                    "may only contain a-z, 0-9 and single '-' between them",
                ));
            }
            None => SlugChoice::Derived(slug::slugify(&title)),
        };
        let provenance = self
            .provenance
            .as_ref()
            .map(NewProvenance::validate)
            .transpose()?;
        Ok(ThreadDraft {
            lead_html: provenance::render(&lead, provenance.as_ref()),
            title,
            lead,
            language,
            comment_policy: self.comment_policy.unwrap_or(CommentPolicy::Postmoderated),
            guests_may_comment: self.guests_may_comment.unwrap_or(false),
            slug,
            provenance,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_thread(title: &str, language: &str) -> NewThread {
        NewThread {
            title: title.into(),
            lead: "**Lead**".into(),
            language: language.into(),
            comment_policy: None,
            guests_may_comment: None,
            slug: None,
            provenance: None,
        }
    }

    #[test]
    fn new_thread_derives_slug_and_renders_lead() {
        let d = new_thread("Kazakistan: la rivolta", "it")
            .validate()
            .unwrap();
        assert_eq!(d.slug, SlugChoice::Derived("kazakistan-la-rivolta".into()));
        assert!(d.lead_html.contains("<strong>Lead</strong>"));
        assert_eq!(d.comment_policy, CommentPolicy::Postmoderated);
        assert!(!d.guests_may_comment);
    }

    #[test]
    fn bad_language_names_the_field() {
        let err = new_thread("T", "xx-!!").validate().unwrap_err();
        assert_eq!(err.field, "language");
    }

    #[test]
    fn bad_explicit_slug_is_refused() {
        let mut t = new_thread("T", "en");
        t.slug = Some("Not A Slug".into());
        assert_eq!(t.validate().unwrap_err().field, "slug");
    }
}
