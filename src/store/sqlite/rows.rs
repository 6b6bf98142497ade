//! Rows to domain types: the column lists here, and for each a `#[derive(FromRow)]` row struct
//! (`rows/`) holding the columns as stored, converted into its domain type with `TryFrom`.
//! The helpers below serve the statements not yet given a row struct.

mod accounts;
mod people;
mod stamp;
mod threads;

use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row};

pub use self::accounts::{AuditRow, TokenRow};
pub use self::people::{CommentRow, EventRow, UserRow};
pub use self::stamp::DbTime;
pub use self::threads::{RevisionRow, ThreadRow, UpdateRow};
use super::backend;
use crate::domain::comment::Comment;
use crate::domain::event::Event;
use crate::domain::language::LanguageTag;
use crate::domain::provenance::Provenance;
use crate::domain::thread::Thread;
use crate::domain::time::Timestamp;
use crate::domain::update::{Revision, Update};
use crate::domain::user::User;
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

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::backend(format!("unexpected {what} in the database: {value:?}"))
}

fn parse_language(s: &str) -> StoreResult<LanguageTag> {
    LanguageTag::parse(s).map_err(|_| corrupt("language", s))
}

/// A republication credit kept as JSON.
fn parse_provenance(json: Option<String>) -> StoreResult<Option<Provenance>> {
    json.map(|j| serde_json::from_str(&j).map_err(|_| corrupt("provenance", &j)))
        .transpose()
}

fn get<'r, T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>>(
    row: &'r SqliteRow,
    col: &str,
) -> StoreResult<T> {
    row.try_get(col).map_err(backend)
}

/// A row through its row struct into its domain type.
fn map<'r, R: FromRow<'r, SqliteRow>, T: TryFrom<R, Error = StoreError>>(
    row: &'r SqliteRow,
) -> StoreResult<T> {
    R::from_row(row).map_err(backend)?.try_into()
}

pub fn thread(row: &SqliteRow) -> StoreResult<Thread> {
    map::<ThreadRow, _>(row)
}

pub fn update(row: &SqliteRow) -> StoreResult<Update> {
    map::<UpdateRow, _>(row)
}

pub fn revision(row: &SqliteRow) -> StoreResult<Revision> {
    map::<RevisionRow, _>(row)
}

pub fn comment(row: &SqliteRow) -> StoreResult<Comment> {
    map::<CommentRow, _>(row)
}

pub fn user(row: &SqliteRow) -> StoreResult<User> {
    map::<UserRow, _>(row)
}

pub fn event(row: &SqliteRow) -> StoreResult<Event> {
    map::<EventRow, _>(row)
}

/// Parses stored JSON text (audit before/after).
pub fn json(row: &SqliteRow, col: &str) -> StoreResult<Option<serde_json::Value>> {
    let s: Option<String> = get(row, col)?;
    Ok(s.and_then(|s| serde_json::from_str(&s).ok()))
}

pub fn timestamp(row: &SqliteRow, col: &str) -> StoreResult<Timestamp> {
    Ok(get::<DbTime>(row, col)?.into())
}

pub fn optional_timestamp(row: &SqliteRow, col: &str) -> StoreResult<Option<Timestamp>> {
    Ok(get::<Option<DbTime>>(row, col)?.map(Into::into))
}

pub fn language(row: &SqliteRow, col: &str) -> StoreResult<LanguageTag> {
    parse_language(&get::<String>(row, col)?)
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
