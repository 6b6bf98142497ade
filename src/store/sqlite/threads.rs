//! Threads in SQLite.

use sqlx::SqlitePool;

use super::{
    AuditRecord, SqliteStore, Tx, append_event, audit, backend, json_text, new_id, rows, to_json,
};
use crate::domain::event::{Change, EventKind, payload};
use crate::domain::page::{Page, encode_cursor};
use crate::domain::slug;
use crate::domain::thread::{
    SlugChoice, Thread, ThreadDraft, ThreadPatch, ThreadRevision, ThreadStatus,
};
use crate::domain::time;
use crate::domain::user::Actor;
use crate::domain::user::UserRef;
use crate::store::{PageRequest, StoreError, StoreResult};

async fn slug_taken(tx: &mut Tx, slug: &str) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM threads WHERE slug = $1")
        .bind(slug)
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(n > 0)
}

async fn free_slug(tx: &mut Tx, choice: &SlugChoice) -> StoreResult<String> {
    match choice {
        SlugChoice::Exact(s) => {
            if slug_taken(tx, s).await? {
                return Err(StoreError::Conflict {
                    code: "slug_taken",
                    message: format!("the slug {s:?} is already used by another thread"),
                });
            }
            Ok(s.clone())
        }
        SlugChoice::Derived(base) => {
            if !slug_taken(tx, base).await? {
                return Ok(base.clone());
            }
            for n in 2..10_000 {
                let candidate = slug::with_suffix(base, n);
                if !slug_taken(tx, &candidate).await? {
                    return Ok(candidate);
                }
            }
            Ok(slug::with_suffix(base, rand::random::<u32>()))
        }
    }
}

pub(super) async fn in_tx(tx: &mut Tx, id: &str) -> StoreResult<Thread> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE t.id = $1",
        rows::THREAD
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("thread"))?;
    rows::thread(&row)
}

pub async fn create(
    store: &SqliteStore,
    actor: &Actor,
    draft: ThreadDraft,
) -> StoreResult<Change<Thread>> {
    let mut tx = store.begin().await?;
    let slug = free_slug(&mut tx, draft.slug()).await?;
    let id = new_id();
    let now = time::to_db(&time::now());
    sqlx::query(
        "INSERT INTO threads (id, slug, title, lead, lead_html, language, status, comment_policy,
                              guests_may_comment, created_by, created_at, updated_at, provenance)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
    )
    .bind(&id)
    .bind(&slug)
    .bind(draft.title())
    .bind(draft.lead())
    .bind(draft.lead_html())
    .bind(draft.language().as_str())
    .bind(ThreadStatus::Open.as_str())
    .bind(draft.comment_policy().as_str())
    .bind(draft.guests_may_comment())
    .bind(actor.user_id())
    .bind(&now)
    .bind(draft.provenance().and_then(json_text))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let thread = in_tx(&mut tx, &id).await?;
    record_revision(&mut tx, &thread, actor.user_id()).await?;
    let event = append_event(
        &mut tx,
        &id,
        EventKind::ThreadCreated,
        &id,
        payload(&id, &thread),
    )
    .await?;
    let record = AuditRecord {
        action: "thread.create",
        target_kind: "thread",
        target_id: &id,
        before: None,
        after: to_json(&thread),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: thread,
        events: vec![event],
    })
}

pub async fn get(pool: &SqlitePool, key: &str) -> StoreResult<Thread> {
    // A slug may look like an id, so both are tried; each has a unique index.
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE t.id = $1 OR t.slug = $1 ORDER BY t.id = $1 DESC LIMIT 1",
        rows::THREAD
    )))
    .bind(key)
    .fetch_optional(pool)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("thread"))?;
    rows::thread(&row)
}

pub async fn list(pool: &SqlitePool, page: PageRequest) -> StoreResult<Page<Thread>> {
    let (after_time, after_id) = match page.after_key(2)? {
        Some(mut parts) => (parts.swap_remove(0), parts.pop()),
        None => (String::new(), None),
    };
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE ($2 IS NULL OR (t.updated_at, t.id) < ($1, $2))
         ORDER BY t.updated_at DESC, t.id DESC LIMIT $3",
        rows::THREAD
    )))
    .bind(after_time)
    .bind(after_id)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let threads = found
        .iter()
        .map(rows::thread)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Page::from_rows(threads, page.limit, |t| {
        encode_cursor(&[&time::to_db(&t.updated_at), &t.id])
    }))
}

pub async fn patch(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    patch: ThreadPatch,
) -> StoreResult<Change<Thread>> {
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, thread_id).await?;
    let after = patch.apply(&before, time::now());
    sqlx::query(
        "UPDATE threads SET title = $1, lead = $2, lead_html = $3, language = $4, status = $5,
                comment_policy = $6, guests_may_comment = $7, updated_at = $8,
                slow_mode_seconds = $10, dispute_window_minutes = $11, revision = $12,
                provenance = $13
         WHERE id = $9",
    )
    .bind(&after.title)
    .bind(&after.lead)
    .bind(&after.lead_html)
    .bind(after.language.as_str())
    .bind(after.status.as_str())
    .bind(after.comment_policy.as_str())
    .bind(after.guests_may_comment)
    .bind(time::to_db(&after.updated_at))
    .bind(&before.id)
    .bind(after.slow_mode_seconds)
    .bind(i64::from(after.dispute_window_hours) * 60)
    .bind(after.revision)
    .bind(after.provenance.as_ref().and_then(json_text))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    if after.revision != before.revision {
        record_revision(&mut tx, &after, actor.user_id()).await?;
    }
    let event = append_event(
        &mut tx,
        &before.id,
        EventKind::ThreadChanged,
        &before.id,
        payload(&before.id, &after),
    )
    .await?;
    let record = AuditRecord {
        action: "thread.edit",
        target_kind: "thread",
        target_id: &before.id,
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

pub async fn revisions(pool: &SqlitePool, thread_id: &str) -> StoreResult<Vec<ThreadRevision>> {
    let found = sqlx::query(
        "SELECT r.revision, r.title, r.lead, r.lead_html, r.author_id, u.display_name, r.created_at
         FROM thread_revisions r LEFT JOIN users u ON u.id = r.author_id
         WHERE r.thread_id = $1 ORDER BY r.revision",
    )
    .bind(thread_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    if found.is_empty() {
        return Err(StoreError::NotFound("thread"));
    }
    found
        .iter()
        .map(|row| {
            let author: Option<String> = rows::column(row, "author_id")?;
            Ok(ThreadRevision {
                revision: rows::column(row, "revision")?,
                title: rows::column(row, "title")?,
                lead: rows::column(row, "lead")?,
                lead_html: rows::column(row, "lead_html")?,
                author: author
                    .map(|id| -> StoreResult<UserRef> {
                        Ok(UserRef {
                            id,
                            name: rows::column::<Option<String>>(row, "display_name")?
                                .unwrap_or_default(),
                        })
                    })
                    .transpose()?,
                created_at: rows::timestamp(row, "created_at")?,
            })
        })
        .collect()
}

/// Keeps the thread's title and lead as they are now, under its current revision.
async fn record_revision(tx: &mut Tx, thread: &Thread, author: Option<&str>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO thread_revisions (thread_id, revision, title, lead, lead_html, author_id,
                                       created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&thread.id)
    .bind(thread.revision)
    .bind(&thread.title)
    .bind(&thread.lead)
    .bind(&thread.lead_html)
    .bind(author)
    .bind(time::to_db(&thread.updated_at))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Moves the thread to the top of the list of recently updated threads.
pub(super) async fn touch(tx: &mut Tx, thread_id: &str) -> StoreResult<()> {
    sqlx::query("UPDATE threads SET updated_at = $1 WHERE id = $2")
        .bind(time::to_db(&time::now()))
        .bind(thread_id)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}
