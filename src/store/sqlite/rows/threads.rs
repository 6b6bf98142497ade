//! Rows of threads, updates and their revisions, as the statements in `rows` select them.

use sqlx::FromRow;

use super::{DbTime, corrupt, parse_language, parse_provenance};
use crate::domain::thread::{self, CommentPolicy, Thread, ThreadStatus};
use crate::domain::update::{Revision, Strike, Update};
use crate::domain::user::UserRef;
use crate::store::{StoreError, StoreResult};

/// `rows::THREAD`.
#[derive(FromRow)]
pub struct ThreadRow {
    id: String,
    slug: String,
    title: String,
    lead: String,
    lead_html: String,
    language: String,
    status: String,
    comment_policy: String,
    guests_may_comment: bool,
    slow_mode_seconds: u32,
    dispute_window_minutes: i64,
    created_by: Option<String>,
    created_by_name: Option<String>,
    created_at: DbTime,
    updated_at: DbTime,
    revision: i64,
    provenance: Option<String>,
}

impl TryFrom<ThreadRow> for Thread {
    type Error = StoreError;

    fn try_from(r: ThreadRow) -> StoreResult<Thread> {
        Ok(Thread {
            language: parse_language(&r.language)?,
            status: ThreadStatus::parse(&r.status).ok_or_else(|| corrupt("status", &r.status))?,
            comment_policy: CommentPolicy::parse(&r.comment_policy)
                .ok_or_else(|| corrupt("policy", &r.comment_policy))?,
            dispute_window_hours: u32::try_from(r.dispute_window_minutes / 60)
                .unwrap_or(thread::DEFAULT_DISPUTE_WINDOW_HOURS),
            created_by: r.created_by.map(|id| UserRef {
                id,
                name: r.created_by_name.unwrap_or_default(),
            }),
            provenance: parse_provenance(r.provenance)?,
            id: r.id,
            slug: r.slug,
            title: r.title,
            lead: r.lead,
            lead_html: r.lead_html,
            guests_may_comment: r.guests_may_comment,
            slow_mode_seconds: r.slow_mode_seconds,
            created_at: r.created_at.into(),
            updated_at: r.updated_at.into(),
            revision: r.revision,
        })
    }
}

/// `rows::UPDATE`.
#[derive(FromRow)]
pub struct UpdateRow {
    id: String,
    thread_id: String,
    body: String,
    body_html: String,
    language: String,
    author_id: String,
    author_name: String,
    created_at: DbTime,
    edited_at: Option<DbTime>,
    revision: i64,
    struck_at: Option<DbTime>,
    struck_by: Option<String>,
    struck_by_name: Option<String>,
    strike_reason: Option<String>,
    corrected_by: Option<String>,
    provenance: Option<String>,
}

impl TryFrom<UpdateRow> for Update {
    type Error = StoreError;

    fn try_from(r: UpdateRow) -> StoreResult<Update> {
        let struck = r.struck_at.map(|at| Strike {
            reason: r.strike_reason.unwrap_or_default(),
            corrected_by: r.corrected_by,
            struck_by: UserRef {
                id: r.struck_by.unwrap_or_default(),
                name: r.struck_by_name.unwrap_or_default(),
            },
            struck_at: at.into(),
        });
        Ok(Update {
            language: parse_language(&r.language)?,
            provenance: parse_provenance(r.provenance)?,
            id: r.id,
            thread_id: r.thread_id,
            body: r.body,
            body_html: r.body_html,
            author: UserRef {
                id: r.author_id,
                name: r.author_name,
            },
            created_at: r.created_at.into(),
            edited_at: r.edited_at.map(Into::into),
            revision: r.revision,
            struck,
        })
    }
}

/// An update's revision with its author's name.
#[derive(FromRow)]
pub struct RevisionRow {
    revision: i64,
    body: String,
    body_html: String,
    language: String,
    author_id: String,
    author_name: String,
    created_at: DbTime,
}

impl TryFrom<RevisionRow> for Revision {
    type Error = StoreError;

    fn try_from(r: RevisionRow) -> StoreResult<Revision> {
        Ok(Revision {
            language: parse_language(&r.language)?,
            revision: r.revision,
            body: r.body,
            body_html: r.body_html,
            author: UserRef {
                id: r.author_id,
                name: r.author_name,
            },
            created_at: r.created_at.into(),
        })
    }
}
