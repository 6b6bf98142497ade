//! Comments, flags and moderation in SQLite.

use super::to_json;
use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, rows, threads};
use crate::domain::ValidationError;
use crate::domain::comment::{
    self, Comment, CommentDraft, CommentStatus, CommentText, Flag, Moderation,
};
use crate::domain::event::{Change, Event, EventKind, payload};
use crate::domain::language::LanguageTag;
use crate::domain::time;
use crate::domain::user::Actor;
use crate::store::{StoreError, StoreResult};

mod read;

pub use read::{claims, get, list, queue};

async fn in_tx(tx: &mut Tx, id: &str) -> StoreResult<Comment> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE c.id = $1",
        rows::COMMENT
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("comment"))?;
    rows::comment(&row)
}

/// `$first, $first+1, …` for an IN list of `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn record_revision(tx: &mut Tx, id: &str, body: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO comment_revisions (comment_id, revision, body, created_at)
         VALUES ($1, (SELECT COUNT(*) + 1 FROM comment_revisions WHERE comment_id = $1), $2, $3)",
    )
    .bind(id)
    .bind(body)
    .bind(time::to_db(&time::now()))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

pub async fn create(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    draft: CommentDraft,
) -> StoreResult<Change<Comment>> {
    let author_name = match (actor.user(), draft.author_name()) {
        (_, Some(pseudonym)) => pseudonym.to_owned(),
        (Some(user), None) => user.display_name.clone(),
        (None, None) => {
            return Err(
                ValidationError::new("author_name", "a guest must give a name to show").into(),
            );
        }
    };
    let mut tx = store.begin().await?;
    let thread = threads::in_tx(&mut tx, thread_id).await?;
    let status = comment::admission(&thread, actor.role())?;
    let id = new_id();
    let root_id = match draft.parent_id() {
        Some(parent_id) => {
            let parent = in_tx(&mut tx, parent_id).await.map_err(|e| match e {
                StoreError::NotFound(_) => {
                    ValidationError::new("parent_id", "is not a comment of this thread").into()
                }
                other => other,
            })?;
            comment::check_parent(&parent, &thread.id)?;
            sqlx::query_scalar::<_, String>("SELECT root_id FROM comments WHERE id = $1")
                .bind(parent_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(backend)?
        }
        None => id.clone(),
    };
    sqlx::query(
        "INSERT INTO comments (id, thread_id, parent_id, root_id, author_id, author_name, body,
                               body_html, status, created_at, language, language_detected)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11 IS NOT NULL)",
    )
    .bind(&id)
    .bind(&thread.id)
    .bind(draft.parent_id())
    .bind(&root_id)
    .bind(actor.user_id())
    .bind(&author_name)
    .bind(draft.text().body())
    .bind(draft.text().body_html())
    .bind(status.as_str())
    .bind(time::to_db(&time::now()))
    .bind(draft.text().language().map(LanguageTag::as_str))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    record_revision(&mut tx, &id, draft.text().body()).await?;
    let created = in_tx(&mut tx, &id).await?;
    let mut events = Vec::new();
    if status == CommentStatus::Approved {
        events.push(
            append_event(
                &mut tx,
                &thread.id,
                EventKind::CommentApproved,
                &id,
                payload(&id, &created),
            )
            .await?,
        );
    }
    tx.commit().await?;
    Ok(Change {
        item: created,
        events,
    })
}

pub async fn edit(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    text: CommentText,
) -> StoreResult<Change<Comment>> {
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, id).await?;
    let own = actor.user_id().is_some() && actor.user_id() == before.author_id.as_deref();
    if own {
        comment::check_author_edit(&before, time::now())?;
    }
    sqlx::query(
        "UPDATE comments SET body = $1, body_html = $2, edited_at = $3, language = $5,
                language_detected = $5 IS NOT NULL
         WHERE id = $4",
    )
    .bind(text.body())
    .bind(text.body_html())
    .bind(time::to_db(&time::now()))
    .bind(id)
    .bind(text.language().map(LanguageTag::as_str))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    record_revision(&mut tx, id, text.body()).await?;
    let after = in_tx(&mut tx, id).await?;
    let mut events = Vec::new();
    if after.status == CommentStatus::Approved {
        let data = payload(id, &after);
        events.push(
            append_event(
                &mut tx,
                &after.thread_id,
                EventKind::CommentEdited,
                id,
                data,
            )
            .await?,
        );
    }
    if !own {
        let record = AuditRecord {
            action: "comment.edit",
            target_kind: "comment",
            target_id: id,
            before: to_json(&before),
            after: to_json(&after),
        };
        audit(&mut tx, actor, record).await?;
    }
    tx.commit().await?;
    Ok(Change {
        item: after,
        events,
    })
}

pub async fn flag(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    reason: String,
) -> StoreResult<Flag> {
    let mut tx = store.begin().await?;
    let target = in_tx(&mut tx, id).await?;
    if target.status != CommentStatus::Approved {
        return Err(StoreError::NotFound("comment"));
    }
    // A second open flag by the same account fails on `comment_flags_one_open_per_reporter`,
    // which `backend` turns into `already_flagged`.
    let flag = Flag {
        id: new_id(),
        comment_id: id.to_owned(),
        reason,
        created_at: time::now(),
    };
    sqlx::query(
        "INSERT INTO comment_flags (id, comment_id, reason, reporter_id, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&flag.id)
    .bind(id)
    .bind(&flag.reason)
    .bind(actor.user_id())
    .bind(time::to_db(&flag.created_at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    sqlx::query("UPDATE comments SET open_flags = open_flags + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await?;
    Ok(flag)
}

pub async fn moderate(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    moderation: Moderation,
) -> StoreResult<Change<Comment>> {
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, id).await?;
    let status = moderation.action().status();
    let now = time::to_db(&time::now());
    sqlx::query(
        "UPDATE comments SET status = $1, moderated_by = $2, moderated_at = $3,
                moderation_note = $4, open_flags = 0
         WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(actor.user_id())
    .bind(&now)
    .bind(moderation.note())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    sqlx::query(
        "UPDATE comment_flags SET resolved_at = $1, resolved_by = $2
         WHERE comment_id = $3 AND resolved_at IS NULL",
    )
    .bind(&now)
    .bind(actor.user_id())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let after = in_tx(&mut tx, id).await?;
    let mut events: Vec<Event> = Vec::new();
    let was_public = before.status == CommentStatus::Approved;
    let is_public = status == CommentStatus::Approved;
    if is_public && !was_public {
        let data = payload(id, &after);
        events.push(
            append_event(
                &mut tx,
                &after.thread_id,
                EventKind::CommentApproved,
                id,
                data,
            )
            .await?,
        );
    } else if was_public && !is_public {
        // Readers learn only that it is gone, not what it said.
        let data = payload(id, &serde_json::json!({ "id": id, "status": status }));
        events.push(
            append_event(
                &mut tx,
                &after.thread_id,
                EventKind::CommentRemoved,
                id,
                data,
            )
            .await?,
        );
    }
    let mut audited_after = to_json(&after);
    if let Some(serde_json::Value::Object(map)) = audited_after.as_mut() {
        map.insert("note".into(), serde_json::json!(moderation.note()));
    }
    let record = AuditRecord {
        action: "comment.moderate",
        target_kind: "comment",
        target_id: id,
        before: to_json(&before),
        after: audited_after,
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events,
    })
}

pub async fn claim(
    store: &SqliteStore,
    moderator_id: &str,
    ids: &[String],
    until: time::Timestamp,
) -> StoreResult<Vec<String>> {
    let now = time::to_db(&time::now());
    let mut tx = store.begin().await?;
    let mut held = Vec::new();
    for id in ids {
        // Takes the claim when it is free, expired or already ours.
        let done = sqlx::query(
            "INSERT INTO comment_claims (comment_id, moderator_id, expires_at)
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM comments WHERE id = $1)
             ON CONFLICT (comment_id) DO UPDATE SET moderator_id = $2, expires_at = $3
             WHERE comment_claims.moderator_id = $2 OR comment_claims.expires_at <= $4",
        )
        .bind(id)
        .bind(moderator_id)
        .bind(time::to_db(&until))
        .bind(&now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if done.rows_affected() > 0 {
            held.push(id.clone());
        }
    }
    tx.commit().await?;
    Ok(held)
}
