//! A thread's indicators in SQLite.

use sqlx::SqlitePool;
use sqlx::sqlite::SqliteRow;

use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, rows, threads};
use crate::domain::event::{Change, EventKind, payload};
use crate::domain::indicator::{Indicator, IndicatorDraft, IndicatorKind, IndicatorPatch, Scope};
use crate::domain::time;
use crate::domain::user::Actor;
use crate::store::{StoreError, StoreResult};

const INDICATOR: &str = "SELECT id, thread_id, key, labels, kind, scope, statuses, position, created_at FROM indicators";

pub fn indicator(row: &SqliteRow) -> StoreResult<Indicator> {
    let kind: String = rows::column(row, "kind")?;
    let scope: String = rows::column(row, "scope")?;
    let labels: String = rows::column(row, "labels")?;
    let statuses: String = rows::column(row, "statuses")?;
    Ok(Indicator {
        id: rows::column(row, "id")?,
        thread_id: rows::column(row, "thread_id")?,
        key: rows::column(row, "key")?,
        labels: serde_json::from_str(&labels).map_err(|_| rows::unexpected("labels", &labels))?,
        kind: IndicatorKind::parse(&kind).ok_or_else(|| rows::unexpected("kind", &kind))?,
        scope: Scope::parse(&scope).ok_or_else(|| rows::unexpected("scope", &scope))?,
        statuses: serde_json::from_str(&statuses)
            .map_err(|_| rows::unexpected("statuses", &statuses))?,
        position: rows::column(row, "position")?,
        created_at: rows::timestamp(row, "created_at")?,
    })
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

pub async fn in_tx(tx: &mut Tx, id: &str) -> StoreResult<Indicator> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{INDICATOR} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound("indicator"))?;
    indicator(&row)
}

/// On a connection the caller already holds (a transaction, or a reader it keeps): taking a
/// second connection from the pool while holding one can starve the pool under load.
pub async fn of_thread_on(
    conn: &mut sqlx::SqliteConnection,
    thread_id: &str,
) -> StoreResult<Vec<Indicator>> {
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{INDICATOR} WHERE thread_id = $1 ORDER BY position, id"
    )))
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    found.iter().map(indicator).collect()
}

pub async fn of_thread(pool: &SqlitePool, thread_id: &str) -> StoreResult<Vec<Indicator>> {
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{INDICATOR} WHERE thread_id = $1 ORDER BY position, id"
    )))
    .bind(thread_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    found.iter().map(indicator).collect()
}

pub async fn create(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    draft: IndicatorDraft,
) -> StoreResult<Change<Indicator>> {
    let mut tx = store.begin().await?;
    let thread = threads::in_tx(&mut tx, thread_id).await?;
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM indicators WHERE thread_id = $1 AND key = $2")
            .bind(&thread.id)
            .bind(draft.key())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
    if taken.is_some() {
        return Err(StoreError::Conflict {
            code: "indicator_exists",
            message: format!("this thread already has an indicator '{}'", draft.key()),
        });
    }
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM indicators WHERE thread_id = $1",
    )
    .bind(&thread.id)
    .fetch_one(&mut *tx)
    .await
    .map_err(backend)?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO indicators (id, thread_id, key, labels, kind, scope, statuses, position,
                                 created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&thread.id)
    .bind(draft.key())
    .bind(json(draft.labels()))
    .bind(draft.kind().as_str())
    .bind(draft.scope().as_str())
    .bind(json(&draft.statuses()))
    .bind(position)
    .bind(time::to_db(&time::now()))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let created = in_tx(&mut tx, &id).await?;
    threads::touch(&mut tx, &thread.id).await?;
    let event = append_event(
        &mut tx,
        &thread.id,
        EventKind::IndicatorChanged,
        &id,
        payload(&id, &created),
    )
    .await?;
    let record = AuditRecord {
        action: "indicator.create",
        target_kind: "indicator",
        target_id: &id,
        before: None,
        after: super::to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: created,
        events: vec![event],
    })
}

pub async fn patch(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    patch: IndicatorPatch,
) -> StoreResult<Change<Indicator>> {
    let mut tx = store.begin().await?;
    let before = in_tx(&mut tx, id).await?;
    let in_use: Vec<String> = if before.kind == IndicatorKind::Status {
        sqlx::query_scalar(
            "SELECT DISTINCT json_extract(value, '$.value') FROM claims WHERE indicator_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?
    } else {
        Vec::new()
    };
    let after = patch.apply(&before, &in_use)?;
    sqlx::query(
        // A change of the labels is a new revision: translations of them become stale.
        "UPDATE indicators SET revision = revision + (labels IS NOT $1), labels = $1,
                statuses = $2, position = $3
         WHERE id = $4",
    )
    .bind(json(&after.labels))
    .bind(json(&after.statuses))
    .bind(after.position)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    threads::touch(&mut tx, &after.thread_id).await?;
    let event = append_event(
        &mut tx,
        &after.thread_id,
        EventKind::IndicatorChanged,
        id,
        payload(id, &after),
    )
    .await?;
    let record = AuditRecord {
        action: "indicator.edit",
        target_kind: "indicator",
        target_id: id,
        before: super::to_json(&before),
        after: super::to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events: vec![event],
    })
}
