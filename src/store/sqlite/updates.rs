//! Updates and their revisions in SQLite.

use sqlx::SqlitePool;

use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, rows, threads};
use super::{json_text, to_json};
use crate::domain::event::{Change, EventKind, payload};
use crate::domain::page::{Page, encode_cursor};
use crate::domain::time;
use crate::domain::update::{self, NewStrike, Revision, Update, UpdateText};
use crate::domain::user::Actor;
use crate::store::{PageRequest, StoreError, StoreResult};

async fn in_tx(tx: &mut Tx, id: &str) -> StoreResult<Update> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE p.id = $1",
        rows::UPDATE
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("update"))?;
    rows::update(&row)
}

async fn record_revision(tx: &mut Tx, u: &Update) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO update_revisions (update_id, revision, body, body_html, language, author_id,
                                       created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&u.id)
    .bind(u.revision)
    .bind(&u.body)
    .bind(&u.body_html)
    .bind(u.language.as_str())
    .bind(&u.author.id)
    .bind(time::to_db(&u.edited_at.unwrap_or(u.created_at)))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

fn author_id(actor: &Actor) -> StoreResult<&str> {
    actor
        .user_id()
        .ok_or_else(|| StoreError::Forbidden("updates are written by an account".into()))
}

pub async fn post(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    text: UpdateText,
) -> StoreResult<Change<Update>> {
    let author = author_id(actor)?;
    let mut tx = store.begin().await?;
    let thread = threads::in_tx(&mut tx, thread_id).await?;
    let id = new_id();
    let language = text
        .language()
        .cloned()
        .unwrap_or_else(|| thread.language.clone());
    sqlx::query(
        "INSERT INTO updates (id, thread_id, body, body_html, language, author_id, created_at,
                              provenance)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&thread.id)
    .bind(text.body())
    .bind(text.body_html())
    .bind(language.as_str())
    .bind(author)
    .bind(time::to_db(&time::now()))
    .bind(text.provenance().flatten().and_then(json_text))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let created = in_tx(&mut tx, &id).await?;
    record_revision(&mut tx, &created).await?;
    threads::touch(&mut tx, &thread.id).await?;
    let event = append_event(
        &mut tx,
        &thread.id,
        EventKind::UpdatePosted,
        &id,
        payload(&id, &created),
    )
    .await?;
    let record = AuditRecord {
        action: "update.post",
        target_kind: "update",
        target_id: &id,
        before: None,
        after: to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: created,
        events: vec![event],
    })
}

pub async fn get(pool: &SqlitePool, id: &str) -> StoreResult<Update> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE p.id = $1",
        rows::UPDATE
    )))
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("update"))?;
    rows::update(&row)
}

pub async fn list(
    pool: &SqlitePool,
    thread_id: &str,
    page: PageRequest,
    oldest_first: bool,
) -> StoreResult<Page<Update>> {
    let after = page.after_id()?;
    let (compare, order) = if oldest_first {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE p.thread_id = $1 AND ($2 IS NULL OR p.id {compare} $2)
         ORDER BY p.id {order} LIMIT $3",
        rows::UPDATE
    )))
    .bind(thread_id)
    .bind(after)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let updates = found
        .iter()
        .map(rows::update)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Page::from_rows(updates, page.limit, |u| {
        encode_cursor(&[&u.id])
    }))
}

pub async fn edit(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    text: UpdateText,
) -> StoreResult<Change<Update>> {
    let editor = author_id(actor)?;
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, id).await?;
    update::check_editable(&before)?;
    let language = text
        .language()
        .cloned()
        .unwrap_or_else(|| before.language.clone());
    sqlx::query(
        "UPDATE updates SET body = $1, body_html = $2, language = $3, edited_at = $4,
                revision = revision + 1,
                provenance = CASE WHEN $6 THEN $7 ELSE provenance END
         WHERE id = $5",
    )
    .bind(text.body())
    .bind(text.body_html_keeping(before.provenance.as_ref()))
    .bind(language.as_str())
    .bind(time::to_db(&time::now()))
    .bind(id)
    .bind(text.provenance().is_some())
    .bind(text.provenance().flatten().and_then(json_text))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let after = in_tx(&mut tx, id).await?;
    // The revision records who wrote this version; the update keeps its original author.
    let mut revision = after.clone();
    revision.author.id = editor.to_owned();
    record_revision(&mut tx, &revision).await?;
    threads::touch(&mut tx, &after.thread_id).await?;
    let event = append_event(
        &mut tx,
        &after.thread_id,
        EventKind::UpdateEdited,
        id,
        payload(id, &after),
    )
    .await?;
    let record = AuditRecord {
        action: "update.edit",
        target_kind: "update",
        target_id: id,
        before: to_json(&before),
        after: to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events: vec![event],
    })
}

pub async fn strike(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    strike: NewStrike,
) -> StoreResult<Change<Update>> {
    let striker = author_id(actor)?;
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, id).await?;
    let correction_thread: Option<String> = match strike.corrected_by() {
        Some(c) => sqlx::query_scalar("SELECT thread_id FROM updates WHERE id = $1")
            .bind(c)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?,
        None => None,
    };
    update::check_strike(&before, &strike, correction_thread.as_deref())?;
    sqlx::query(
        "UPDATE updates SET struck_at = $1, struck_by = $2, strike_reason = $3, corrected_by = $4
         WHERE id = $5",
    )
    .bind(time::to_db(&time::now()))
    .bind(striker)
    .bind(strike.reason())
    .bind(strike.corrected_by())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let after = in_tx(&mut tx, id).await?;
    threads::touch(&mut tx, &after.thread_id).await?;
    let event = append_event(
        &mut tx,
        &after.thread_id,
        EventKind::UpdateStruck,
        id,
        payload(id, &after),
    )
    .await?;
    let record = AuditRecord {
        action: "update.strike",
        target_kind: "update",
        target_id: id,
        before: to_json(&before),
        after: to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events: vec![event],
    })
}

pub async fn revisions(pool: &SqlitePool, id: &str) -> StoreResult<Vec<Revision>> {
    let found = sqlx::query(
        "SELECT r.revision, r.body, r.body_html, r.language, r.author_id,
                a.display_name AS author_name, r.created_at
         FROM update_revisions r JOIN users a ON a.id = r.author_id
         WHERE r.update_id = $1 ORDER BY r.revision",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    if found.is_empty() {
        return Err(StoreError::NotFound("update"));
    }
    found.iter().map(rows::revision).collect()
}
