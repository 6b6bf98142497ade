//! Reading reports: one with its sources, places and claims, a thread's filtered list,
//! revisions, the moderation queue and the board's inputs.

use std::collections::BTreeMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::board::{ClaimInput, Value, Verification};
use crate::domain::indicator::Claim;
use crate::domain::page::{Page, encode_cursor};
use crate::domain::place::PlaceRef;
use crate::domain::report::{
    Report, ReportFilter, ReportRevision, ReportState, ReportStrike, Submitter,
};
use crate::store::sqlite::sources::{self, source_ref};
use crate::store::sqlite::{backend, rows};
use crate::store::{BoardInputs, PageRequest, ReportQueueItem, StoreError, StoreResult};

pub(super) const REPORT: &str = "SELECT r.id, r.thread_id, r.body, r.body_html, r.language,
        r.language_detected, r.link,
        r.occurred_at, r.stated_at, r.received_at, r.submitted_by, r.author_name, r.state,
        r.verification, r.verification_note, r.struck_at, r.strike_reason, r.revision,
        r.created_at, r.edited_at,
        s.id AS s_id, s.name AS s_name, s.kind AS s_kind, s.affiliation AS s_affiliation,
        c.id AS c_id, c.name AS c_name, c.kind AS c_kind, c.affiliation AS c_affiliation
    FROM reports r JOIN sources s ON s.id = r.source_id
    LEFT JOIN sources c ON c.id = r.cites_source_id";

pub(super) fn report_row(row: &SqliteRow) -> StoreResult<Report> {
    let state: String = rows::column(row, "state")?;
    let verification: String = rows::column(row, "verification")?;
    let struck = match rows::optional_timestamp(row, "struck_at")? {
        Some(at) => Some(ReportStrike {
            reason: rows::column::<Option<String>>(row, "strike_reason")?.unwrap_or_default(),
            struck_at: at,
        }),
        None => None,
    };
    Ok(Report {
        id: rows::column(row, "id")?,
        thread_id: rows::column(row, "thread_id")?,
        body: rows::column(row, "body")?,
        body_html: rows::column(row, "body_html")?,
        language: rows::language(row, "language")?,
        language_detected: rows::column(row, "language_detected")?,
        source: source_ref(row, "s_")?.ok_or(StoreError::NotFound("source"))?,
        link: rows::column(row, "link")?,
        cites: source_ref(row, "c_")?,
        occurred_at: rows::optional_timestamp(row, "occurred_at")?,
        stated_at: rows::timestamp(row, "stated_at")?,
        received_at: rows::timestamp(row, "received_at")?,
        places: Vec::new(),
        claims: Vec::new(),
        submitted_by: Submitter {
            user_id: rows::column(row, "submitted_by")?,
            name: rows::column(row, "author_name")?,
        },
        state: ReportState::parse(&state).ok_or_else(|| rows::unexpected("state", &state))?,
        verification: Verification::parse(&verification)
            .ok_or_else(|| rows::unexpected("verification", &verification))?,
        verification_note: rows::column(row, "verification_note")?,
        struck,
        revision: rows::column(row, "revision")?,
        created_at: rows::timestamp(row, "created_at")?,
        edited_at: rows::optional_timestamp(row, "edited_at")?,
    })
}

pub(super) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn value_of(text: &str) -> StoreResult<Value> {
    serde_json::from_str(text).map_err(|_| rows::unexpected("claim value", text))
}

/// Fills the places and claims of `reports` (two queries for the whole batch).
pub(super) async fn fill(conn: &mut SqliteConnection, reports: &mut [Report]) -> StoreResult<()> {
    if reports.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = reports.iter().map(|r| r.id.clone()).collect();
    let marks = placeholders(1, ids.len());
    let sql = format!(
        "SELECT rp.report_id, p.id, p.name FROM report_places rp JOIN places p ON p.id = rp.place_id
         WHERE rp.report_id IN ({marks}) ORDER BY rp.report_id, rp.position"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in &ids {
        q = q.bind(id);
    }
    let mut places: BTreeMap<String, Vec<PlaceRef>> = BTreeMap::new();
    for row in q.fetch_all(&mut *conn).await.map_err(backend)? {
        places
            .entry(rows::column(&row, "report_id")?)
            .or_default()
            .push(PlaceRef {
                id: rows::column(&row, "id")?,
                name: rows::column(&row, "name")?,
            });
    }
    let sql = format!(
        "SELECT cl.report_id, cl.id, i.key, cl.place_id, p.name AS place_name, cl.value, cl.as_of,
                cs.by_report_id, cs.by_update_id
         FROM claims cl JOIN indicators i ON i.id = cl.indicator_id
         LEFT JOIN places p ON p.id = cl.place_id
         LEFT JOIN claim_supersessions cs ON cs.claim_id = cl.id
         WHERE cl.report_id IN ({marks}) ORDER BY cl.report_id, cl.position"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in &ids {
        q = q.bind(id);
    }
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    for row in q.fetch_all(&mut *conn).await.map_err(backend)? {
        let place_id: Option<String> = rows::column(&row, "place_id")?;
        let value: String = rows::column(&row, "value")?;
        claims
            .entry(rows::column(&row, "report_id")?)
            .or_default()
            .push(Claim {
                id: rows::column(&row, "id")?,
                indicator: rows::column(&row, "key")?,
                place: match place_id {
                    Some(id) => Some(PlaceRef {
                        id,
                        name: rows::column::<Option<String>>(&row, "place_name")?
                            .unwrap_or_default(),
                    }),
                    None => None,
                },
                value: value_of(&value)?,
                as_of: rows::timestamp(&row, "as_of")?,
                superseded_by: super::supersede::mark(&row)?,
            });
    }
    for r in reports.iter_mut() {
        r.places = places.remove(&r.id).unwrap_or_default();
        r.claims = claims.remove(&r.id).unwrap_or_default();
    }
    Ok(())
}

pub(super) async fn load(conn: &mut SqliteConnection, id: &str) -> StoreResult<Report> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{REPORT} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound("report"))?;
    let mut found = [report_row(&row)?];
    fill(conn, &mut found).await?;
    let [report] = found;
    Ok(report)
}

pub async fn get(pool: &SqlitePool, id: &str) -> StoreResult<Report> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    load(&mut conn, id).await
}

pub async fn list(
    pool: &SqlitePool,
    thread_id: &str,
    filter: ReportFilter,
    page: PageRequest,
) -> StoreResult<Page<Report>> {
    let mut sql = format!("{REPORT} WHERE r.thread_id = $1 AND r.state = $2");
    let mut binds: Vec<String> = vec![
        thread_id.to_owned(),
        filter
            .state
            .unwrap_or(ReportState::Published)
            .as_str()
            .to_owned(),
    ];
    if let Some(after) = page.after_id()? {
        binds.push(after);
        sql.push_str(&format!(" AND r.id < ${}", binds.len()));
    }
    if let Some(source) = filter.source {
        binds.push(source);
        let n = binds.len();
        sql.push_str(&format!(
            " AND (r.source_id = ${n} OR r.cites_source_id = ${n})"
        ));
    }
    if let Some(place) = filter.place {
        binds.push(place);
        let n = binds.len();
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM report_places rp WHERE rp.report_id = r.id \
             AND rp.place_id = ${n})"
        ));
    }
    if let Some(status) = filter.status {
        binds.push(status.as_str().to_owned());
        sql.push_str(&format!(" AND r.verification = ${}", binds.len()));
    }
    sql.push_str(&format!(" ORDER BY r.id DESC LIMIT ${}", binds.len() + 1));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for b in &binds {
        q = q.bind(b);
    }
    let mut conn = pool.acquire().await.map_err(backend)?;
    let found = q
        .bind(i64::from(page.limit) + 1)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
    let mut reports = found
        .iter()
        .map(report_row)
        .collect::<StoreResult<Vec<_>>>()?;
    fill(&mut conn, &mut reports).await?;
    Ok(Page::from_rows(reports, page.limit, |r| {
        encode_cursor(&[&r.id])
    }))
}

pub async fn revisions(pool: &SqlitePool, id: &str) -> StoreResult<Vec<ReportRevision>> {
    let found = sqlx::query(
        "SELECT revision, snapshot, edited_by, created_at FROM report_revisions
         WHERE report_id = $1 ORDER BY revision",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    if found.is_empty() {
        return Err(StoreError::NotFound("report"));
    }
    found
        .iter()
        .map(|row| {
            Ok(ReportRevision {
                revision: rows::column(row, "revision")?,
                report: rows::json(row, "snapshot")?.unwrap_or_default(),
                edited_by: rows::column(row, "edited_by")?,
                created_at: rows::timestamp(row, "created_at")?,
            })
        })
        .collect()
}

pub async fn queue(pool: &SqlitePool, limit: u32) -> StoreResult<Vec<ReportQueueItem>> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT q.*, t.title AS thread_title, t.slug AS thread_slug
         FROM ({REPORT} WHERE r.state = 'pending') q JOIN threads t ON t.id = q.thread_id
         ORDER BY q.id DESC LIMIT $1"
    )))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut reports = found
        .iter()
        .map(report_row)
        .collect::<StoreResult<Vec<_>>>()?;
    fill(&mut conn, &mut reports).await?;
    reports
        .into_iter()
        .zip(&found)
        .map(|(report, row)| {
            Ok(ReportQueueItem {
                report,
                thread_title: rows::column(row, "thread_title")?,
                thread_slug: rows::column(row, "thread_slug")?,
            })
        })
        .collect()
}

pub async fn board_inputs(pool: &SqlitePool, thread_id: &str) -> StoreResult<BoardInputs> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    let minutes: i64 =
        sqlx::query_scalar("SELECT dispute_window_minutes FROM threads WHERE id = $1")
            .bind(thread_id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound("thread"))?;
    let indicators = crate::store::sqlite::indicators::of_thread_on(&mut conn, thread_id).await?;
    let found = sqlx::query(
        "SELECT cl.id, cl.report_id, i.key, cl.place_id, cl.value, cl.as_of, r.source_id,
                r.cites_source_id, r.struck_at, r.verification, cs.by_report_id, cs.by_update_id
         FROM claims cl JOIN reports r ON r.id = cl.report_id
         JOIN indicators i ON i.id = cl.indicator_id
         LEFT JOIN claim_supersessions cs ON cs.claim_id = cl.id
         WHERE r.thread_id = $1 AND r.state = 'published'
         ORDER BY cl.as_of, cl.id",
    )
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut claims = Vec::with_capacity(found.len());
    for row in &found {
        let value: String = rows::column(row, "value")?;
        let verification: String = rows::column(row, "verification")?;
        claims.push(ClaimInput {
            claim_id: rows::column(row, "id")?,
            report_id: rows::column(row, "report_id")?,
            indicator: rows::column(row, "key")?,
            place: rows::column(row, "place_id")?,
            value: value_of(&value)?,
            as_of: rows::timestamp(row, "as_of")?,
            source: rows::column(row, "source_id")?,
            cites: rows::column(row, "cites_source_id")?,
            report_struck: rows::column::<Option<String>>(row, "struck_at")?.is_some(),
            report_status: Verification::parse(&verification)
                .ok_or_else(|| rows::unexpected("verification", &verification))?,
            superseded_by: super::supersede::mark(row)?,
        });
    }
    let source_rows = sqlx::query(
        "SELECT s.id AS s_id, s.name AS s_name, s.kind AS s_kind, s.affiliation AS s_affiliation
         FROM sources s WHERE s.id IN (
             SELECT source_id FROM reports WHERE thread_id = $1 AND state = 'published'
             UNION SELECT cites_source_id FROM reports WHERE thread_id = $1 AND state = 'published')",
    )
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut sources = BTreeMap::new();
    for row in &source_rows {
        if let Some(s) = source_ref(row, "s_")? {
            sources.insert(s.id.clone(), s);
        }
    }
    let place_rows = sqlx::query(
        "SELECT id, name, country, lat, lon, custom FROM places WHERE id IN (
             SELECT rp.place_id FROM report_places rp JOIN reports r ON r.id = rp.report_id
             WHERE r.thread_id = $1 AND r.state = 'published')",
    )
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut places = BTreeMap::new();
    for row in &place_rows {
        let p = sources::place(row)?;
        places.insert(p.id.clone(), p);
    }
    Ok(BoardInputs {
        indicators,
        claims,
        dispute_window: chrono::Duration::minutes(minutes),
        sources,
        places,
    })
}
