//! An editor's mark that a claim is superseded by a later report or update of its thread, and
//! the marks a report's edit carries over to its new claims.

use sqlx::sqlite::SqliteRow;

use super::read::load;
use super::record::announce;
use crate::domain::board::{SupersededBy, SupersedingKind};
use crate::domain::event::{Change, EventKind};
use crate::domain::report::{self, Report, ReportState};
use crate::domain::time;
use crate::domain::user::Actor;
use crate::domain::validation::ValidationError;
use crate::store::sqlite::{AuditRecord, SqliteStore, Tx, audit, backend, rows, to_json};
use crate::store::{StoreError, StoreResult};

/// The mark of a row with `by_report_id` and `by_update_id` columns.
pub(super) fn mark(row: &SqliteRow) -> StoreResult<Option<SupersededBy>> {
    let by_report: Option<String> = rows::column(row, "by_report_id")?;
    let by_update: Option<String> = rows::column(row, "by_update_id")?;
    Ok(by_report
        .map(SupersededBy::report)
        .or_else(|| by_update.map(SupersededBy::update)))
}

/// The superseding item must be of the claim's thread, public, and not the claim's own report.
async fn check_superseding(tx: &mut Tx, claimed: &Report, by: &SupersededBy) -> StoreResult<()> {
    let refuse = |message: &str| Err(ValidationError::new("by", message).into());
    let found: Option<(String, String)> = match by.kind {
        SupersedingKind::Report => {
            if by.id == claimed.id {
                return refuse("a claim is not superseded by its own report");
            }
            sqlx::query_as("SELECT thread_id, state FROM reports WHERE id = $1")
                .bind(&by.id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(backend)?
        }
        SupersedingKind::Update => {
            sqlx::query_as("SELECT thread_id, 'published' FROM updates WHERE id = $1")
                .bind(&by.id)
                .fetch_optional(&mut **tx)
                .await
                .map_err(backend)?
        }
    };
    match found {
        Some((thread, state)) if thread == claimed.thread_id && state == "published" => Ok(()),
        _ => refuse(match by.kind {
            SupersedingKind::Report => "no published report of this thread has this id",
            SupersedingKind::Update => "no update of this thread has this id",
        }),
    }
}

/// Marks the claim superseded by `by`, or clears the mark (`None`). The claim's report is
/// announced changed, so open boards refresh.
pub async fn supersede(
    store: &SqliteStore,
    actor: &Actor,
    claim_id: &str,
    by: Option<SupersededBy>,
) -> StoreResult<Change<Report>> {
    let mut tx = store.begin().await?;
    let report_id: String = sqlx::query_scalar("SELECT report_id FROM claims WHERE id = $1")
        .bind(claim_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound("claim"))?;
    let before = load(&mut tx, &report_id).await?;
    report::check_editable(&before)?;
    if before.state != ReportState::Published {
        return Err(StoreError::Conflict {
            code: "not_published",
            message: "only a claim of a published report can be superseded".into(),
        });
    }
    match &by {
        Some(by) => {
            check_superseding(&mut tx, &before, by).await?;
            let (by_report, by_update) = match by.kind {
                SupersedingKind::Report => (Some(&by.id), None),
                SupersedingKind::Update => (None, Some(&by.id)),
            };
            sqlx::query(
                "INSERT INTO claim_supersessions
                     (claim_id, by_report_id, by_update_id, marked_by, marked_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (claim_id) DO UPDATE SET by_report_id = excluded.by_report_id,
                     by_update_id = excluded.by_update_id, marked_by = excluded.marked_by,
                     marked_at = excluded.marked_at",
            )
            .bind(claim_id)
            .bind(by_report)
            .bind(by_update)
            .bind(actor.user_id())
            .bind(time::to_db(&time::now()))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        None => {
            sqlx::query("DELETE FROM claim_supersessions WHERE claim_id = $1")
                .bind(claim_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
    }
    let after = load(&mut tx, &report_id).await?;
    let events = announce(&mut tx, &after, EventKind::ReportChanged, true).await?;
    let record = AuditRecord {
        action: if by.is_some() {
            "claim.supersede"
        } else {
            "claim.unsupersede"
        },
        target_kind: "claim",
        target_id: claim_id,
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

/// A mark as it was before an edit replaced the report's claims.
pub(super) struct HeldMark {
    indicator_id: String,
    place_id: Option<String>,
    by_report_id: Option<String>,
    by_update_id: Option<String>,
    marked_by: Option<String>,
    marked_at: String,
}

/// The marks on a report's claims, before its edit deletes them.
pub(super) async fn hold(tx: &mut Tx, report_id: &str) -> StoreResult<Vec<HeldMark>> {
    let found = sqlx::query(
        "SELECT cl.indicator_id, cl.place_id, cs.by_report_id, cs.by_update_id, cs.marked_by,
                cs.marked_at
         FROM claim_supersessions cs JOIN claims cl ON cl.id = cs.claim_id
         WHERE cl.report_id = $1",
    )
    .bind(report_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(backend)?;
    found
        .iter()
        .map(|row| {
            Ok(HeldMark {
                indicator_id: rows::column(row, "indicator_id")?,
                place_id: rows::column(row, "place_id")?,
                by_report_id: rows::column(row, "by_report_id")?,
                by_update_id: rows::column(row, "by_update_id")?,
                marked_by: rows::column(row, "marked_by")?,
                marked_at: rows::column(row, "marked_at")?,
            })
        })
        .collect()
}

/// Puts each held mark on the edited report's first claim of the same indicator and place; a
/// mark whose claim the edit removed goes with it.
pub(super) async fn restore(tx: &mut Tx, report_id: &str, marks: &[HeldMark]) -> StoreResult<()> {
    for m in marks {
        sqlx::query(
            "INSERT INTO claim_supersessions
                 (claim_id, by_report_id, by_update_id, marked_by, marked_at)
             SELECT id, $4, $5, $6, $7 FROM claims
             WHERE report_id = $1 AND indicator_id = $2 AND place_id IS $3
             ORDER BY position LIMIT 1
             ON CONFLICT (claim_id) DO NOTHING",
        )
        .bind(report_id)
        .bind(&m.indicator_id)
        .bind(&m.place_id)
        .bind(&m.by_report_id)
        .bind(&m.by_update_id)
        .bind(&m.marked_by)
        .bind(&m.marked_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
