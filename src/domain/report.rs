//! Reports: a piece of information attributed to a source, with its link, the source it only
//! repeats (if any), three times kept apart, its places and its claims.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::board::Verification;
use super::comment::{MAX_AUTHOR_NAME, ModerationAction};
use super::indicator::{Claim, MAX_CLAIMS, NewClaim};
use super::language::LanguageTag;
use super::markup::{self, Flavor};
use super::place::PlaceRef;
use super::role::Role;
use super::source::{SourceRef, web_address};
use super::thread::{Thread, ThreadStatus, language, text_enum};
use super::time::Timestamp;
use super::validation::{Refusal, ValidationError, optional_text, required_text};

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

/// A validated report, before the store resolves its source, places and claims.
#[derive(Debug, Clone)]
pub struct ReportDraft {
    pub body: String,
    pub body_html: String,
    /// Given, or detected from the text when not given; absent when neither.
    pub language: Option<LanguageTag>,
    /// The language was detected rather than given.
    pub language_detected: bool,
    pub source_id: String,
    pub link: Option<String>,
    pub cites_id: Option<String>,
    pub occurred_at: Option<Timestamp>,
    pub stated_at: Option<Timestamp>,
    pub places: Vec<String>,
    pub claims: Vec<NewClaim>,
    pub author_name: Option<String>,
}

fn place_id(value: &str) -> Result<String, ValidationError> {
    let v = value.trim();
    if super::place::Place::is_gazetteer_id(v) {
        Ok(v.to_owned())
    } else {
        super::validation::id("places", v)
    }
}

impl NewReport {
    /// Checks the report on its own; `now` bounds the times (nothing is stated in the future).
    pub fn validate(&self, now: Timestamp) -> Result<ReportDraft, ValidationError> {
        let body = required_text("body", &self.body, MAX_BODY)?;
        let source_id = super::validation::id("source", &self.source)?;
        let cites_id = self
            .cites
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| super::validation::id("cites", c.trim()))
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
            None => crate::detect::detect(&body),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::now;

    fn new() -> NewReport {
        NewReport {
            body: "Official sources report 8 police dead".into(),
            language: Some("en".into()),
            source: "01HZZZZZZZZZZZZZZZZZZZZZZA".into(),
            link: Some("https://news.example/a".into()),
            cites: None,
            occurred_at: None,
            stated_at: None,
            places: vec!["gn:1526384".into(), "gn:1526384".into()],
            claims: vec![],
            author_name: None,
        }
    }

    #[test]
    fn a_report_is_validated() {
        let d = new().validate(now()).unwrap();
        assert_eq!(d.places, ["gn:1526384"], "places are listed once");
        let mut r = new();
        r.cites = Some(r.source.clone());
        assert_eq!(r.validate(now()).unwrap_err().field, "cites");
        let mut r = new();
        r.stated_at = Some(now() + chrono::Duration::hours(2));
        assert_eq!(r.validate(now()).unwrap_err().field, "stated_at");
        let mut r = new();
        r.occurred_at = Some(now());
        r.stated_at = Some(now() - chrono::Duration::hours(1));
        assert_eq!(r.validate(now()).unwrap_err().field, "occurred_at");
        let mut r = new();
        r.link = Some("ftp://x".into());
        assert_eq!(r.validate(now()).unwrap_err().field, "link");
        let mut r = new();
        r.places = vec!["Almaty".into()];
        assert_eq!(r.validate(now()).unwrap_err().field, "places");
        let mut r = new();
        r.body = "<script>alert(1)</script>**ok**".into();
        let html = r.validate(now()).unwrap().body_html;
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn verification_by_a_moderator() {
        let v = |s: &str, n: Option<&str>| {
            NewVerification {
                status: s.into(),
                note: n.map(Into::into),
            }
            .validate()
        };
        assert_eq!(
            v("false", Some("photo is from 2019")).unwrap().0,
            Verification::False
        );
        assert_eq!(v("false", None).unwrap_err().field, "note");
        assert_eq!(v("disputed", None).unwrap_err().field, "status");
        assert_eq!(v("nonsense", None).unwrap_err().field, "status");
        assert_eq!(
            v("confirmed", None).unwrap(),
            (Verification::Confirmed, None)
        );
    }

    #[test]
    fn moderation_rules() {
        assert_eq!(
            ReportState::after(ModerationAction::Approve),
            ReportState::Published
        );
        let mut r = Report {
            id: "R".into(),
            thread_id: "T".into(),
            body: String::new(),
            body_html: String::new(),
            language: LanguageTag::parse("en").unwrap(),
            language_detected: false,
            source: SourceRef {
                id: "S".into(),
                name: "S".into(),
                kind: super::super::source::SourceKind::Official,
                affiliation: String::new(),
            },
            link: None,
            cites: None,
            occurred_at: None,
            stated_at: now(),
            received_at: now(),
            places: vec![],
            claims: vec![],
            submitted_by: Submitter {
                user_id: None,
                name: "x".into(),
            },
            state: ReportState::Pending,
            verification: Verification::Unverified,
            verification_note: None,
            struck: None,
            revision: 1,
            created_at: now(),
            edited_at: None,
        };
        assert!(!r.counts_on_board());
        assert!(check_moderation(&r, ModerationAction::Approve).is_ok());
        r.state = ReportState::Published;
        assert!(r.counts_on_board());
        assert!(check_moderation(&r, ModerationAction::Approve).is_err());
        assert!(check_moderation(&r, ModerationAction::Delete).is_ok());
        r.verification = Verification::Retracted;
        assert!(!r.counts_on_board());
        r.state = ReportState::Deleted;
        assert!(check_editable(&r).is_err());
    }
}
