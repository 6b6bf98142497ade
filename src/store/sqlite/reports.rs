//! Reports, their places and claims, and what the board is computed from, in SQLite.

use super::sources::{self, resolve_place};
use super::{AuditRecord, SqliteStore, Tx, audit, backend, new_id, threads};
use crate::domain::board::{Value, Verification};
use crate::domain::comment::Moderation;
use crate::domain::event::{Change, EventKind};
use crate::domain::language::LanguageTag;
use crate::domain::place::Place;
use crate::domain::report::{self, Report, ReportDraft, ReportState};
use crate::domain::time::{self, Timestamp};
use crate::domain::user::Actor;
use crate::domain::validation::ValidationError;
use crate::store::{StoreError, StoreResult};

mod read;
mod record;
mod supersede;

use read::load;
pub use read::{board_inputs, get, list, queue, revisions};
use record::{announce, record_revision, set_status};
pub use supersede::supersede;

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
    let marks = supersede::hold(tx, report_id).await?;
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
        .bind(serde_json::to_string(&c.value).map_err(StoreError::backend)?)
        .bind(time::to_db(&c.as_of))
        .bind(i as i64)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    supersede::restore(tx, report_id, &marks).await
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
