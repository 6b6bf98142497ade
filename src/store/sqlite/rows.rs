//! Rows to domain types: the column lists and the mapping live side by side.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::backend;
use crate::domain::comment::{Comment, CommentAuthor, CommentStatus};
use crate::domain::event::{Event, EventKind};
use crate::domain::language::LanguageTag;
use crate::domain::provenance::Provenance;
use crate::domain::role::Role;
use crate::domain::thread::{CommentPolicy, Thread, ThreadStatus};
use crate::domain::time::{self, Timestamp};
use crate::domain::update::{Revision, Strike, Update};
use crate::domain::user::{User, UserRef};
use crate::store::{StoreError, StoreResult};

pub const THREAD: &str = "SELECT t.id, t.slug, t.title, t.lead, t.lead_html, t.language, t.status,
        t.comment_policy, t.guests_may_comment, t.slow_mode_seconds, t.dispute_window_minutes, t.created_by, u.display_name AS created_by_name,
        t.created_at, t.updated_at, t.revision, t.provenance
    FROM threads t LEFT JOIN users u ON u.id = t.created_by";

pub const UPDATE: &str = "SELECT p.id, p.thread_id, p.body, p.body_html, p.language,
        p.author_id, a.display_name AS author_name, p.created_at, p.edited_at, p.revision,
        p.struck_at, p.struck_by, s.display_name AS struck_by_name, p.strike_reason, p.corrected_by,
        p.provenance
    FROM updates p JOIN users a ON a.id = p.author_id LEFT JOIN users s ON s.id = p.struck_by";

pub const COMMENT: &str = "SELECT c.id, c.thread_id, c.parent_id, c.author_id, c.author_name,
        c.body, c.body_html, c.status, c.created_at, c.edited_at, c.language
    FROM comments c";

pub const USER: &str = "SELECT id, name, display_name, role, disabled, created_at FROM users";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Backend(format!("unexpected {what} in the database: {value:?}"))
}

fn get<'r, T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>>(
    row: &'r SqliteRow,
    col: &str,
) -> StoreResult<T> {
    row.try_get(col).map_err(backend)
}

fn ts(row: &SqliteRow, col: &str) -> StoreResult<Timestamp> {
    let s: String = get(row, col)?;
    time::from_db(&s).map_err(|_| corrupt("time", &s))
}

fn opt_ts(row: &SqliteRow, col: &str) -> StoreResult<Option<Timestamp>> {
    let s: Option<String> = get(row, col)?;
    s.map(|s| time::from_db(&s).map_err(|_| corrupt("time", &s)))
        .transpose()
}

fn lang(row: &SqliteRow, col: &str) -> StoreResult<LanguageTag> {
    let s: String = get(row, col)?;
    LanguageTag::parse(&s).map_err(|_| corrupt("language", &s))
}

pub fn thread(row: &SqliteRow) -> StoreResult<Thread> {
    let status: String = get(row, "status")?;
    let policy: String = get(row, "comment_policy")?;
    let created_by: Option<String> = get(row, "created_by")?;
    let created_by_name: Option<String> = get(row, "created_by_name")?;
    Ok(Thread {
        id: get(row, "id")?,
        slug: get(row, "slug")?,
        title: get(row, "title")?,
        lead: get(row, "lead")?,
        lead_html: get(row, "lead_html")?,
        language: lang(row, "language")?,
        status: ThreadStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        comment_policy: CommentPolicy::parse(&policy).ok_or_else(|| corrupt("policy", &policy))?,
        guests_may_comment: get(row, "guests_may_comment")?,
        slow_mode_seconds: get(row, "slow_mode_seconds")?,
        dispute_window_hours: u32::try_from(get::<i64>(row, "dispute_window_minutes")? / 60)
            .unwrap_or(crate::domain::thread::DEFAULT_DISPUTE_WINDOW_HOURS),
        created_by: created_by.map(|id| UserRef {
            id,
            name: created_by_name.unwrap_or_default(),
        }),
        created_at: ts(row, "created_at")?,
        updated_at: ts(row, "updated_at")?,
        revision: get(row, "revision")?,
        provenance: provenance(row)?,
    })
}

/// A republication credit kept as JSON.
pub fn provenance(row: &SqliteRow) -> StoreResult<Option<Provenance>> {
    let json: Option<String> = get(row, "provenance")?;
    json.map(|j| serde_json::from_str(&j).map_err(|_| corrupt("provenance", &j)))
        .transpose()
}

pub fn update(row: &SqliteRow) -> StoreResult<Update> {
    let struck_at = opt_ts(row, "struck_at")?;
    let struck = match struck_at {
        Some(at) => Some(Strike {
            reason: get::<Option<String>>(row, "strike_reason")?.unwrap_or_default(),
            corrected_by: get(row, "corrected_by")?,
            struck_by: UserRef {
                id: get::<Option<String>>(row, "struck_by")?.unwrap_or_default(),
                name: get::<Option<String>>(row, "struck_by_name")?.unwrap_or_default(),
            },
            struck_at: at,
        }),
        None => None,
    };
    Ok(Update {
        id: get(row, "id")?,
        thread_id: get(row, "thread_id")?,
        body: get(row, "body")?,
        body_html: get(row, "body_html")?,
        language: lang(row, "language")?,
        author: UserRef {
            id: get(row, "author_id")?,
            name: get(row, "author_name")?,
        },
        created_at: ts(row, "created_at")?,
        edited_at: opt_ts(row, "edited_at")?,
        revision: get(row, "revision")?,
        struck,
        provenance: provenance(row)?,
    })
}

pub fn revision(row: &SqliteRow) -> StoreResult<Revision> {
    Ok(Revision {
        revision: get(row, "revision")?,
        body: get(row, "body")?,
        body_html: get(row, "body_html")?,
        language: lang(row, "language")?,
        author: UserRef {
            id: get(row, "author_id")?,
            name: get(row, "author_name")?,
        },
        created_at: ts(row, "created_at")?,
    })
}

pub fn comment(row: &SqliteRow) -> StoreResult<Comment> {
    let status: String = get(row, "status")?;
    let author_id: Option<String> = get(row, "author_id")?;
    Ok(Comment {
        id: get(row, "id")?,
        thread_id: get(row, "thread_id")?,
        parent_id: get(row, "parent_id")?,
        author: CommentAuthor {
            name: get(row, "author_name")?,
            guest: author_id.is_none(),
        },
        body: get(row, "body")?,
        body_html: get(row, "body_html")?,
        status: CommentStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        created_at: ts(row, "created_at")?,
        edited_at: opt_ts(row, "edited_at")?,
        language: get::<Option<String>>(row, "language")?.and_then(|l| LanguageTag::parse(&l).ok()),
        author_id,
    })
}

pub fn user(row: &SqliteRow) -> StoreResult<User> {
    let role: String = get(row, "role")?;
    Ok(User {
        id: get(row, "id")?,
        name: get(row, "name")?,
        display_name: get(row, "display_name")?,
        role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
        disabled: get(row, "disabled")?,
        created_at: ts(row, "created_at")?,
    })
}

pub fn event(row: &SqliteRow) -> StoreResult<Event> {
    let kind: String = get(row, "kind")?;
    let data: String = get(row, "data")?;
    Ok(Event {
        thread_id: get(row, "thread_id")?,
        seq: get(row, "seq")?,
        kind: EventKind::parse(&kind).ok_or_else(|| corrupt("event kind", &kind))?,
        item_id: get(row, "item_id")?,
        data: data.into(),
        created_at: ts(row, "created_at")?,
    })
}

/// Parses stored JSON text (audit before/after).
pub fn json(row: &SqliteRow, col: &str) -> StoreResult<Option<serde_json::Value>> {
    let s: Option<String> = get(row, col)?;
    Ok(s.and_then(|s| serde_json::from_str(&s).ok()))
}

pub fn timestamp(row: &SqliteRow, col: &str) -> StoreResult<Timestamp> {
    ts(row, col)
}

pub fn optional_timestamp(row: &SqliteRow, col: &str) -> StoreResult<Option<Timestamp>> {
    opt_ts(row, col)
}

pub fn language(row: &SqliteRow, col: &str) -> StoreResult<LanguageTag> {
    lang(row, col)
}

pub fn unexpected(what: &str, value: &str) -> StoreError {
    corrupt(what, value)
}

pub fn column<'r, T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>>(
    row: &'r SqliteRow,
    col: &str,
) -> StoreResult<T> {
    get(row, col)
}
