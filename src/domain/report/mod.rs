//! Reports: a piece of information attributed to a source, with its link, the source it only
//! repeats (if any), three times kept apart, its places and its claims.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod draft;
#[cfg(test)]
mod tests;

use super::board::Verification;
use super::comment::ModerationAction;
use super::indicator::Claim;
use super::language::LanguageTag;
use super::permissions::{self, Action, Ownership};
use super::place::PlaceRef;
use super::role::Role;
use super::source::SourceRef;
use super::thread::{Thread, ThreadStatus, text_enum};
use super::user::Actor;
use super::validation::{Refusal, ValidationError, optional_text, required_text};

pub use self::draft::{NewReport, ReportDraft};

pub const MAX_BODY: usize = 10_000;
pub const MAX_PLACES: usize = 20;
pub const MAX_NOTE: usize = 1_000;

/// Where a report stands in moderation: submitted reports wait for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportState {
    Pending,
    Published,
    Rejected,
    Spam,
    Deleted,
}

text_enum!(ReportState {
    Pending => "pending",
    Published => "published",
    Rejected => "rejected",
    Spam => "spam",
    Deleted => "deleted",
});

impl ReportState {
    pub fn after(action: ModerationAction) -> ReportState {
        match action {
            ModerationAction::Approve => ReportState::Published,
            ModerationAction::Reject => ReportState::Rejected,
            ModerationAction::Spam => ReportState::Spam,
            ModerationAction::Delete => ReportState::Deleted,
        }
    }
}

text_enum!(Verification {
    Unverified => "unverified",
    Corroborated => "corroborated",
    Disputed => "disputed",
    Confirmed => "confirmed",
    False => "false",
    Retracted => "retracted",
});

/// Who submitted a report: an account, or a guest under a pseudonym.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Submitter {
    pub user_id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReportStrike {
    pub reason: String,
    pub struck_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub id: String,
    pub thread_id: String,
    pub body: String,
    pub body_html: String,
    pub language: LanguageTag,
    /// The language was detected from the text, not given.
    pub language_detected: bool,
    pub source: SourceRef,
    /// The exact address where the source said it.
    pub link: Option<String>,
    /// The source this report only repeats: it counts for that one, not as corroboration.
    pub cites: Option<SourceRef>,
    /// When it happened, if known.
    pub occurred_at: Option<DateTime<Utc>>,
    /// When the source said it.
    pub stated_at: DateTime<Utc>,
    /// When it reached the thread.
    pub received_at: DateTime<Utc>,
    pub places: Vec<PlaceRef>,
    pub claims: Vec<Claim>,
    pub submitted_by: Submitter,
    pub state: ReportState,
    /// Set by a moderator: `unverified`, `confirmed`, `false` or `retracted`. The badge shown
    /// with the report adds what the board derives (`corroborated`, `disputed`).
    pub verification: Verification,
    pub verification_note: Option<String>,
    pub struck: Option<ReportStrike>,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

impl Report {
    /// Reports not published are for moderators and for whoever submitted them; to anyone
    /// else they do not exist.
    pub fn visible_to(&self, actor: &Actor) -> bool {
        let own = actor
            .user_id()
            .is_some_and(|me| self.submitted_by.user_id.as_deref() == Some(me));
        let moderator =
            permissions::allowed(actor.role(), Action::ModerateReport, Ownership::Others);
        self.state == ReportState::Published || own || moderator
    }

    /// Whether the board counts this report's claims at all.
    pub fn counts_on_board(&self) -> bool {
        self.state == ReportState::Published
            && self.struck.is_none()
            && !matches!(
                self.verification,
                Verification::False | Verification::Retracted
            )
    }
}

/// One version of a report as it was: the whole report, kept as written.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReportRevision {
    pub revision: i64,
    /// The report as it was (the shape of `Report`).
    #[schema(value_type = Object)]
    pub report: serde_json::Value,
    pub edited_by: String,
    pub created_at: DateTime<Utc>,
}

/// Whether a report may be submitted on this thread by this role, and the state it starts in:
/// editors' reports publish at once, others wait for a moderator.
pub fn admission(thread: &Thread, role: Option<Role>) -> Result<ReportState, Refusal> {
    if thread.status == ThreadStatus::Closed {
        return Err(Refusal::conflict("thread_closed", "this thread is closed"));
    }
    match role {
        Some(Role::Admin | Role::Editor) => Ok(ReportState::Published),
        Some(_) => Ok(ReportState::Pending),
        None if thread.guests_may_comment => Ok(ReportState::Pending),
        None => Err(Refusal::Forbidden(
            "this thread takes reports from registered readers only".into(),
        )),
    }
}

/// A moderator's verdict on a published report.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVerification {
    /// `unverified`, `confirmed`, `false` or `retracted`; the rest is derived from claims.
    #[schema(schema_with = crate::domain::schema::verification_choice)]
    pub status: String,
    /// Required for `false` and `retracted`: why.
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

impl NewVerification {
    pub fn validate(&self) -> Result<(Verification, Option<String>), ValidationError> {
        let status = match Verification::parse(self.status.trim()) {
            Some(
                v @ (Verification::Unverified
                | Verification::Confirmed
                | Verification::False
                | Verification::Retracted),
            ) => v,
            Some(_) => {
                return Err(ValidationError::new(
                    "status",
                    "corroborated and disputed follow from the claims; set unverified, \
                     confirmed, false or retracted",
                ));
            }
            None => {
                return Err(ValidationError::new(
                    "status",
                    "must be unverified, confirmed, false or retracted",
                ));
            }
        };
        let note = optional_text("note", self.note.as_deref().unwrap_or(""), MAX_NOTE)?;
        if matches!(status, Verification::False | Verification::Retracted) && note.is_empty() {
            return Err(ValidationError::new(
                "note",
                "say why the report is false or retracted",
            ));
        }
        Ok((status, (!note.is_empty()).then_some(note)))
    }
}

/// A struck report stays on record; it can be struck once and no longer edited.
pub fn check_editable(report: &Report) -> Result<(), Refusal> {
    if report.struck.is_some() {
        return Err(Refusal::conflict(
            "report_struck",
            "a struck report can no longer be changed",
        ));
    }
    if matches!(
        report.state,
        ReportState::Deleted | ReportState::Spam | ReportState::Rejected
    ) {
        return Err(Refusal::conflict(
            "report_removed",
            "this report was removed by a moderator",
        ));
    }
    Ok(())
}

/// Moderation applies to reports waiting for it; published ones may still be removed.
pub fn check_moderation(report: &Report, action: ModerationAction) -> Result<(), Refusal> {
    match (report.state, action) {
        (ReportState::Pending, _) => Ok(()),
        (ReportState::Published, ModerationAction::Delete | ModerationAction::Spam) => Ok(()),
        (ReportState::Published, _) => Err(Refusal::conflict(
            "already_published",
            "this report is already published; strike it or set its status instead",
        )),
        _ => Err(Refusal::conflict(
            "already_moderated",
            "this report was already removed",
        )),
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReportStrike {
    #[schema(min_length = 1, max_length = 1000)]
    pub reason: String,
}

impl NewReportStrike {
    pub fn validate(&self) -> Result<String, ValidationError> {
        required_text("reason", &self.reason, MAX_NOTE)
    }
}

/// Filters of a list of reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportFilter {
    pub source: Option<String>,
    pub place: Option<String>,
    /// The verification a moderator set (`unverified`, `confirmed`, `false`, `retracted`).
    pub status: Option<Verification>,
    /// Published only unless a moderator asks for others.
    pub state: Option<ReportState>,
}
