//! Reports, their places and claims, and what the board is computed from, in SQLite.

use std::collections::BTreeMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteConnection, SqlitePool};

use super::sources::{self, resolve_place, source_ref};
use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, rows, threads};
use crate::domain::board::{ClaimInput, Value, Verification};
use crate::domain::comment::Moderation;
use crate::domain::event::{Change, Event, EventKind, payload};
use crate::domain::indicator::Claim;
use crate::domain::language::LanguageTag;
use crate::domain::page::{Page, decode_cursor, encode_cursor};
use crate::domain::place::{Place, PlaceRef};
use crate::domain::report::{
    self, Report, ReportDraft, ReportFilter, ReportRevision, ReportState, ReportStrike, Submitter,
};
use crate::domain::time::{self, Timestamp};
use crate::domain::user::Actor;
use crate::domain::validation::ValidationError;
use crate::store::{BoardInputs, PageRequest, ReportQueueItem, StoreError, StoreResult};

const REPORT: &str = "SELECT r.id, r.thread_id, r.body, r.body_html, r.language,
        r.language_detected, r.link,
        r.occurred_at, r.stated_at, r.received_at, r.submitted_by, r.author_name, r.state,
        r.verification, r.verification_note, r.struck_at, r.strike_reason, r.revision,
        r.created_at, r.edited_at,
        s.id AS s_id, s.name AS s_name, s.kind AS s_kind, s.affiliation AS s_affiliation,
        c.id AS c_id, c.name AS c_name, c.kind AS c_kind, c.affiliation AS c_affiliation
    FROM reports r JOIN sources s ON s.id = r.source_id
    LEFT JOIN sources c ON c.id = r.cites_source_id";

fn report_row(row: &SqliteRow) -> StoreResult<Report> {
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

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_of(text: &str) -> StoreResult<Value> {
    serde_json::from_str(text).map_err(|_| rows::unexpected("claim value", text))
}

/// Fills the places and claims of `reports` (two queries for the whole batch).
async fn fill(conn: &mut SqliteConnection, reports: &mut [Report]) -> StoreResult<()> {
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
        "SELECT cl.report_id, cl.id, i.key, cl.place_id, p.name AS place_name, cl.value, cl.as_of
         FROM claims cl JOIN indicators i ON i.id = cl.indicator_id
         LEFT JOIN places p ON p.id = cl.place_id
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
            });
    }
    for r in reports.iter_mut() {
        r.places = places.remove(&r.id).unwrap_or_default();
        r.claims = claims.remove(&r.id).unwrap_or_default();
    }
    Ok(())
}

async fn load(conn: &mut SqliteConnection, id: &str) -> StoreResult<Report> {
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

/// The source must exist; the cited one too.
async fn check_sources(tx: &mut Tx, draft: &ReportDraft) -> StoreResult<()> {
    for (field, id) in [
        ("source", Some(draft.source_id())),
        ("cites", draft.cites_id()),
    ] {
        if let Some(id) = id {
            match sources::get(&mut **tx, id).await {
                Err(StoreError::NotFound(_)) => {
                    return Err(
                        ValidationError::new(field, "is not a source in the registry").into(),
                    );
                }
                other => {
                    other?;
                }
            }
        }
    }
    Ok(())
}

struct ResolvedClaim {
    indicator_id: String,
    place_id: Option<String>,
    value: Value,
    as_of: Timestamp,
}

/// Places by id (gazetteer cities copied in on first use) and claims checked against the
/// thread's indicators. A claim's place joins the report's places.
async fn resolve(
    tx: &mut Tx,
    thread_id: &str,
    draft: &ReportDraft,
    default_as_of: Timestamp,
) -> StoreResult<(Vec<Place>, Vec<ResolvedClaim>)> {
    let mut places: Vec<Place> = Vec::new();
    for id in draft.places() {
        match resolve_place(tx, id).await {
            Err(StoreError::NotFound(_)) => {
                return Err(
                    ValidationError::new("places", format!("no place has the id {id}")).into(),
                );
            }
            other => places.push(other?),
        }
    }
    let indicators = super::indicators::of_thread_on(tx, thread_id).await?;
    let mut claims = Vec::with_capacity(draft.claims().len());
    for c in draft.claims() {
        let indicator = indicators
            .iter()
            .find(|i| i.key == c.indicator.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "claims.indicator",
                    format!("this thread has no indicator '{}'", c.indicator.trim()),
                )
            })?;
        let place = match c.place.as_deref().map(str::trim) {
            Some(id) => {
                let place = match places.iter().find(|p| p.id == id) {
                    Some(p) => p.clone(),
                    None => match resolve_place(tx, id).await {
                        Err(StoreError::NotFound(_)) => {
                            return Err(ValidationError::new(
                                "claims.place",
                                format!("no place has the id {id}"),
                            )
                            .into());
                        }
                        other => {
                            let p = other?;
                            places.push(p.clone());
                            p
                        }
                    },
                };
                Some(place)
            }
            None => None,
        };
        let value =
            indicator.check_claim(place.as_ref().map(Place::reference).as_ref(), &c.value)?;
        claims.push(ResolvedClaim {
            indicator_id: indicator.id.clone(),
            place_id: place.map(|p| p.id),
            value,
            as_of: c.as_of.unwrap_or(default_as_of),
        });
    }
    Ok((places, claims))
}

async fn write_details(
    tx: &mut Tx,
    report_id: &str,
    places: &[Place],
    claims: &[ResolvedClaim],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM report_places WHERE report_id = $1")
        .bind(report_id)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    sqlx::query("DELETE FROM claims WHERE report_id = $1")
        .bind(report_id)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    for (i, p) in places.iter().enumerate() {
        sqlx::query(
            "INSERT INTO report_places (report_id, place_id, position) VALUES ($1, $2, $3)",
        )
        .bind(report_id)
        .bind(&p.id)
        .bind(i as i64)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for (i, c) in claims.iter().enumerate() {
        sqlx::query(
            "INSERT INTO claims (id, report_id, indicator_id, place_id, value, as_of, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(report_id)
        .bind(&c.indicator_id)
        .bind(&c.place_id)
        .bind(serde_json::to_string(&c.value).map_err(|e| StoreError::Backend(e.to_string()))?)
        .bind(time::to_db(&c.as_of))
        .bind(i as i64)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

async fn record_revision(tx: &mut Tx, report: &Report, editor: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO report_revisions (report_id, revision, snapshot, edited_by, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&report.id)
    .bind(report.revision)
    .bind(serde_json::to_string(report).map_err(|e| StoreError::Backend(e.to_string()))?)
    .bind(editor)
    .bind(time::to_db(&report.edited_at.unwrap_or(report.created_at)))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Appends the event readers see for a change to a published report (none for others).
async fn announce(
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

pub async fn create(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    draft: ReportDraft,
) -> StoreResult<Change<Report>> {
    let mut tx = store.begin().await?;
    let thread = threads::in_tx(&mut tx, thread_id).await?;
    let state = report::admission(&thread, actor.role())?;
    let author_name = match (actor, draft.author_name()) {
        (Actor::User(u), _) => u.display_name.clone(),
        (Actor::System, _) => actor.audit_name().to_owned(),
        (Actor::Guest, Some(n)) => n.to_owned(),
        (Actor::Guest, None) => {
            return Err(
                ValidationError::new("author_name", "a guest must give a name to show").into(),
            );
        }
    };
    check_sources(&mut tx, &draft).await?;
    let now = time::now();
    let stated_at = draft.stated_at().unwrap_or(now);
    let (places, claims) = resolve(
        &mut tx,
        &thread.id,
        &draft,
        draft.occurred_at().unwrap_or(stated_at),
    )
    .await?;
    let id = new_id();
    let language = draft
        .language()
        .cloned()
        .unwrap_or_else(|| thread.language.clone());
    sqlx::query(
        "INSERT INTO reports (id, thread_id, body, body_html, language, source_id, link,
                              cites_source_id, occurred_at, stated_at, received_at, submitted_by,
                              author_name, state, created_at, language_detected)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $11, $15)",
    )
    .bind(&id)
    .bind(&thread.id)
    .bind(draft.body())
    .bind(draft.body_html())
    .bind(language.as_str())
    .bind(draft.source_id())
    .bind(draft.link())
    .bind(draft.cites_id())
    .bind(draft.occurred_at().as_ref().map(time::to_db))
    .bind(time::to_db(&stated_at))
    .bind(time::to_db(&now))
    .bind(actor.user_id())
    .bind(&author_name)
    .bind(state.as_str())
    .bind(draft.language_detected())
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    write_details(&mut tx, &id, &places, &claims).await?;
    let created = load(&mut tx, &id).await?;
    record_revision(&mut tx, &created, actor.audit_name()).await?;
    let events = announce(&mut tx, &created, EventKind::ReportPublished, false).await?;
    let record = AuditRecord {
        action: "report.create",
        target_kind: "report",
        target_id: &id,
        before: None,
        after: super::to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
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
    draft: ReportDraft,
) -> StoreResult<Change<Report>> {
    let mut tx = store.begin().await?;
    let before = load(&mut tx, id).await?;
    report::check_editable(&before)?;
    check_sources(&mut tx, &draft).await?;
    let stated_at = draft.stated_at().unwrap_or(before.stated_at);
    let occurred_at = draft.occurred_at().or(before.occurred_at);
    let (places, claims) = resolve(
        &mut tx,
        &before.thread_id,
        &draft,
        occurred_at.unwrap_or(stated_at),
    )
    .await?;
    let language = draft
        .language()
        .cloned()
        .unwrap_or_else(|| before.language.clone());
    sqlx::query(
        "UPDATE reports SET body = $1, body_html = $2, language = $3, source_id = $4, link = $5,
                cites_source_id = $6, occurred_at = $7, stated_at = $8, edited_at = $9,
                revision = revision + 1,
                language_detected = CASE WHEN $11 IS NULL THEN language_detected ELSE $12 END
         WHERE id = $10",
    )
    .bind(draft.body())
    .bind(draft.body_html())
    .bind(language.as_str())
    .bind(draft.source_id())
    .bind(draft.link())
    .bind(draft.cites_id())
    .bind(occurred_at.as_ref().map(time::to_db))
    .bind(time::to_db(&stated_at))
    .bind(time::to_db(&time::now()))
    .bind(id)
    .bind(draft.language().map(LanguageTag::as_str))
    .bind(draft.language_detected())
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    write_details(&mut tx, id, &places, &claims).await?;
    let after = load(&mut tx, id).await?;
    record_revision(&mut tx, &after, actor.audit_name()).await?;
    let events = announce(&mut tx, &after, EventKind::ReportChanged, false).await?;
    let record = AuditRecord {
        action: "report.edit",
        target_kind: "report",
        target_id: id,
        before: super::to_json(&before),
        after: super::to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events,
    })
}

/// Applies one change of status columns and records it: verification, strike or moderation.
async fn set_status(
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
        before: super::to_json(&before),
        after: super::to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events,
    })
}

pub async fn verify(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    status: Verification,
    note: Option<String>,
) -> StoreResult<Change<Report>> {
    let now = time::to_db(&time::now());
    set_status(
        store,
        actor,
        id,
        "report.verify",
        |r| {
            if r.state != ReportState::Published {
                return Err(StoreError::Conflict {
                    code: "not_published",
                    message: "only a published report has a verification status".into(),
                });
            }
            Ok(())
        },
        "UPDATE reports SET verification = $1, verification_note = $2, verified_by = $3,
                edited_at = COALESCE($4, edited_at)
         WHERE id = $5",
        vec![
            Some(status.as_str().to_owned()),
            note,
            actor.user_id().map(str::to_owned),
            Some(now),
        ],
    )
    .await
}

pub async fn strike(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    reason: String,
) -> StoreResult<Change<Report>> {
    set_status(
        store,
        actor,
        id,
        "report.strike",
        |r| report::check_editable(r).map_err(Into::into),
        "UPDATE reports SET struck_at = $1, strike_reason = $2, struck_by = $3 WHERE id = $4",
        vec![
            Some(time::to_db(&time::now())),
            Some(reason),
            actor.user_id().map(str::to_owned),
        ],
    )
    .await
}

pub async fn moderate(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    moderation: Moderation,
) -> StoreResult<Change<Report>> {
    let state = ReportState::after(moderation.action());
    set_status(
        store,
        actor,
        id,
        "report.moderate",
        |r| report::check_moderation(r, moderation.action()).map_err(Into::into),
        "UPDATE reports SET state = $1, verification_note = COALESCE($2, verification_note),
                moderated_by = $3, moderated_at = $4
         WHERE id = $5",
        vec![
            Some(state.as_str().to_owned()),
            moderation.note().map(str::to_owned),
            actor.user_id().map(str::to_owned),
            Some(time::to_db(&time::now())),
        ],
    )
    .await
}

pub async fn list(
    pool: &SqlitePool,
    thread_id: &str,
    filter: ReportFilter,
    page: PageRequest,
) -> StoreResult<Page<Report>> {
    let after = match &page.after {
        Some(c) => decode_cursor(c, 1)?.remove(0),
        None => "~".to_owned(),
    };
    let mut sql = format!("{REPORT} WHERE r.thread_id = $1 AND r.id < $2 AND r.state = $3");
    let mut binds: Vec<String> = vec![
        thread_id.to_owned(),
        after,
        filter
            .state
            .unwrap_or(ReportState::Published)
            .as_str()
            .to_owned(),
    ];
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
    let indicators = super::indicators::of_thread_on(&mut conn, thread_id).await?;
    let found = sqlx::query(
        "SELECT cl.id, cl.report_id, i.key, cl.place_id, cl.value, cl.as_of, r.source_id,
                r.cites_source_id, r.struck_at, r.verification
         FROM claims cl JOIN reports r ON r.id = cl.report_id
         JOIN indicators i ON i.id = cl.indicator_id
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
