//! Rows of users, comments and events, as the statements in `rows` select them.

use sqlx::FromRow;

use super::{DbTime, corrupt};
use crate::domain::comment::{Comment, CommentAuthor, CommentStatus};
use crate::domain::event::{Event, EventKind};
use crate::domain::language::LanguageTag;
use crate::domain::role::Role;
use crate::domain::user::User;
use crate::store::{StoreError, StoreResult};

/// `rows::USER`.
#[derive(FromRow)]
pub struct UserRow {
    id: String,
    name: String,
    display_name: String,
    role: String,
    disabled: bool,
    created_at: DbTime,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(r: UserRow) -> StoreResult<User> {
        Ok(User {
            role: Role::parse(&r.role).ok_or_else(|| corrupt("role", &r.role))?,
            id: r.id,
            name: r.name,
            display_name: r.display_name,
            disabled: r.disabled,
            created_at: r.created_at.into(),
        })
    }
}

/// `rows::COMMENT`.
#[derive(FromRow)]
pub struct CommentRow {
    id: String,
    thread_id: String,
    parent_id: Option<String>,
    author_id: Option<String>,
    author_name: String,
    body: String,
    body_html: String,
    status: String,
    created_at: DbTime,
    edited_at: Option<DbTime>,
    language: Option<String>,
}

impl TryFrom<CommentRow> for Comment {
    type Error = StoreError;

    fn try_from(r: CommentRow) -> StoreResult<Comment> {
        Ok(Comment {
            status: CommentStatus::parse(&r.status).ok_or_else(|| corrupt("status", &r.status))?,
            author: CommentAuthor {
                name: r.author_name,
                guest: r.author_id.is_none(),
            },
            language: r.language.and_then(|l| LanguageTag::parse(&l).ok()),
            id: r.id,
            thread_id: r.thread_id,
            parent_id: r.parent_id,
            body: r.body,
            body_html: r.body_html,
            created_at: r.created_at.into(),
            edited_at: r.edited_at.map(Into::into),
            author_id: r.author_id,
        })
    }
}

/// An event of a thread's log.
#[derive(FromRow)]
pub struct EventRow {
    thread_id: String,
    seq: i64,
    kind: String,
    item_id: String,
    data: String,
    created_at: DbTime,
}

impl TryFrom<EventRow> for Event {
    type Error = StoreError;

    fn try_from(r: EventRow) -> StoreResult<Event> {
        Ok(Event {
            kind: EventKind::parse(&r.kind).ok_or_else(|| corrupt("event kind", &r.kind))?,
            thread_id: r.thread_id,
            seq: r.seq,
            item_id: r.item_id,
            data: r.data.into(),
            created_at: r.created_at.into(),
        })
    }
}
