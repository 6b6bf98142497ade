//! The items translations are of: an original's thread, language and current revision, and
//! who may be recorded as a translation's editor.

use crate::domain::language::LanguageTag;
use crate::domain::translation::ItemKind;
use crate::domain::user::Actor;
use crate::store::sqlite::{Tx, backend, rows};
use crate::store::{StoreError, StoreResult};

/// The thread, language and current revision of the item a translation is of.
pub(super) async fn original(
    tx: &mut Tx,
    kind: ItemKind,
    item_id: &str,
) -> StoreResult<(String, LanguageTag, i64)> {
    let sql = match kind {
        ItemKind::Thread => "SELECT id AS thread_id, language, revision FROM threads WHERE id = $1",
        ItemKind::Update => "SELECT thread_id, language, revision FROM updates WHERE id = $1",
        ItemKind::Report => {
            "SELECT thread_id, language, revision FROM reports
             WHERE id = $1 AND state = 'published'"
        }
        // An indicator's labels are written in its thread's language first.
        ItemKind::Indicator => {
            "SELECT i.thread_id, t.language, i.revision
             FROM indicators i JOIN threads t ON t.id = i.thread_id WHERE i.id = $1"
        }
    };
    let row = sqlx::query(sql)
        .bind(item_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound(kind.as_str()))?;
    Ok((
        rows::column(&row, "thread_id")?,
        rows::language(&row, "language")?,
        rows::column(&row, "revision")?,
    ))
}

pub(super) fn editor(actor: &Actor) -> StoreResult<&str> {
    actor
        .user_id()
        .ok_or_else(|| StoreError::Forbidden("translating needs an account".into()))
}
