//! What every change of a report leaves behind, in its transaction: the revision kept, the
//! event announced (while the report is public) and, for a change of status alone, the audit.

use super::read::load;
use crate::store::sqlite::to_json;

use crate::domain::event::{Change, Event, EventKind, payload};
use crate::domain::report::{Report, ReportState};
use crate::domain::time::{self};
use crate::domain::user::Actor;
use crate::store::sqlite::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, threads};
use crate::store::{StoreError, StoreResult};

pub(super) async fn record_revision(tx: &mut Tx, report: &Report, editor: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO report_revisions (report_id, revision, snapshot, edited_by, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&report.id)
    .bind(report.revision)
    .bind(serde_json::to_string(report).map_err(StoreError::backend)?)
    .bind(editor)
    .bind(time::to_db(&report.edited_at.unwrap_or(report.created_at)))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Appends the event readers see for a change to a published report (none for others).
pub(super) async fn announce(
    tx: &mut Tx,
    report: &Report,
    kind: EventKind,
    was_public: bool,
) -> StoreResult<Vec<Event>> {
    if report.state != ReportState::Published && !was_public {
        return Ok(Vec::new());
    }
    threads::touch(tx, &report.thread_id).await?;
    let event = append_event(
        tx,
        &report.thread_id,
        kind,
        &report.id,
        payload(&report.id, report),
    )
    .await?;
    Ok(vec![event])
}

/// Applies one change of status columns and records it: verification, strike or moderation.
pub(super) async fn set_status(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    action: &'static str,
    check: impl FnOnce(&Report) -> StoreResult<()>,
    sql: &'static str,
    binds: Vec<Option<String>>,
) -> StoreResult<Change<Report>> {
    let mut tx = store.begin().await?;
    let before = load(&mut tx, id).await?;
    check(&before)?;
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(b);
    }
    q.bind(id).execute(&mut *tx).await.map_err(backend)?;
    let after = load(&mut tx, id).await?;
    let was_public = before.state == ReportState::Published;
    let kind = if before.state == ReportState::Pending && after.state == ReportState::Published {
        EventKind::ReportPublished
    } else {
        EventKind::ReportChanged
    };
    let events = announce(&mut tx, &after, kind, was_public).await?;
    let record = AuditRecord {
        action,
        target_kind: "report",
        target_id: id,
        before: to_json(&before),
        after: to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events,
    })
}
