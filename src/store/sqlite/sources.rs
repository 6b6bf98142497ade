//! The source registry and places in SQLite.

use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteExecutor, SqlitePool};

use super::{AuditRecord, SqliteStore, Tx, audit, backend, new_id, rows, to_json};
use crate::domain::page::{Page, encode_cursor};
use crate::domain::place::{Place, PlaceDraft};
use crate::domain::source::{Source, SourceDraft, SourceKind, SourceRef, match_key};
use crate::domain::time;
use crate::domain::user::Actor;
use crate::store::{PageRequest, StoreError, StoreResult};

const SOURCE: &str =
    "SELECT id, name, match_key, kind, affiliation, country, language, homepage, notes,
        created_at, updated_at
    FROM sources";

const PLACE: &str = "SELECT id, name, country, lat, lon, custom FROM places";

fn kind(row: &SqliteRow) -> StoreResult<SourceKind> {
    let k: String = rows::column(row, "kind")?;
    SourceKind::parse(&k).ok_or_else(|| rows::unexpected("source kind", &k))
}

fn source(row: &SqliteRow) -> StoreResult<Source> {
    let language: Option<String> = rows::column(row, "language")?;
    Ok(Source {
        id: rows::column(row, "id")?,
        name: rows::column(row, "name")?,
        kind: kind(row)?,
        affiliation: rows::column(row, "affiliation")?,
        country: rows::column(row, "country")?,
        language: language.and_then(|l| crate::domain::language::LanguageTag::parse(&l).ok()),
        homepage: rows::column(row, "homepage")?,
        notes: rows::column(row, "notes")?,
        created_at: rows::timestamp(row, "created_at")?,
        updated_at: rows::timestamp(row, "updated_at")?,
    })
}

/// A source reference from columns `{prefix}id`, `{prefix}name`, `{prefix}kind`,
/// `{prefix}affiliation`; `None` when the id is null.
pub fn source_ref(row: &SqliteRow, prefix: &str) -> StoreResult<Option<SourceRef>> {
    let id: Option<String> = rows::column(row, &format!("{prefix}id"))?;
    let Some(id) = id else { return Ok(None) };
    let k: String = rows::column(row, &format!("{prefix}kind"))?;
    Ok(Some(SourceRef {
        id,
        name: rows::column(row, &format!("{prefix}name"))?,
        kind: SourceKind::parse(&k).ok_or_else(|| rows::unexpected("source kind", &k))?,
        affiliation: rows::column(row, &format!("{prefix}affiliation"))?,
    }))
}

pub fn place(row: &SqliteRow) -> StoreResult<Place> {
    Ok(Place {
        id: rows::column(row, "id")?,
        name: rows::column(row, "name")?,
        country: rows::column(row, "country")?,
        lat: rows::column(row, "lat")?,
        lon: rows::column(row, "lon")?,
        custom: rows::column(row, "custom")?,
    })
}

fn duplicate(existing: &str) -> StoreError {
    StoreError::Conflict {
        code: "source_exists",
        message: format!(
            "a source with this name is already in the registry (id {existing}); use it"
        ),
    }
}

async fn by_key(tx: &mut Tx, key: &str) -> StoreResult<Option<String>> {
    sqlx::query_scalar("SELECT id FROM sources WHERE match_key = $1")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)
}

/// A source by id, in a transaction (`&mut *tx`) or from the reader pool.
pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: &str) -> StoreResult<Source> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SOURCE} WHERE id = $1")))
        .bind(id)
        .fetch_optional(ex)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound("source"))?;
    source(&row)
}

pub async fn create(store: &SqliteStore, actor: &Actor, draft: SourceDraft) -> StoreResult<Source> {
    let mut tx = store.begin().await?;
    if let Some(existing) = by_key(&mut tx, draft.match_key()).await? {
        return Err(duplicate(&existing));
    }
    let id = new_id();
    let now = time::to_db(&time::now());
    sqlx::query(
        "INSERT INTO sources (id, name, match_key, kind, affiliation, country, language, homepage,
                              notes, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(&id)
    .bind(draft.name())
    .bind(draft.match_key())
    .bind(draft.kind().as_str())
    .bind(draft.affiliation())
    .bind(draft.country())
    .bind(draft.language().map(|l| l.as_str()))
    .bind(draft.homepage())
    .bind(draft.notes())
    .bind(actor.user_id())
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let created = get(&mut *tx, &id).await?;
    let record = AuditRecord {
        action: "source.create",
        target_kind: "source",
        target_id: &id,
        before: None,
        after: to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn edit(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    draft: SourceDraft,
) -> StoreResult<Source> {
    let mut tx = store.begin().await?;
    let before = get(&mut *tx, id).await?;
    if let Some(existing) = by_key(&mut tx, draft.match_key()).await?
        && existing != id
    {
        return Err(duplicate(&existing));
    }
    sqlx::query(
        "UPDATE sources SET name = $1, match_key = $2, kind = $3, affiliation = $4, country = $5,
                language = $6, homepage = $7, notes = $8, updated_at = $9
         WHERE id = $10",
    )
    .bind(draft.name())
    .bind(draft.match_key())
    .bind(draft.kind().as_str())
    .bind(draft.affiliation())
    .bind(draft.country())
    .bind(draft.language().map(|l| l.as_str()))
    .bind(draft.homepage())
    .bind(draft.notes())
    .bind(time::to_db(&time::now()))
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let after = get(&mut *tx, id).await?;
    let record = AuditRecord {
        action: "source.edit",
        target_kind: "source",
        target_id: id,
        before: to_json(&before),
        after: to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(after)
}

/// By name order; with a query, names starting with it come first, then names containing it.
pub async fn list(
    pool: &SqlitePool,
    query: Option<&str>,
    page: PageRequest,
) -> StoreResult<Page<Source>> {
    let key = query.map(match_key).unwrap_or_default();
    let (rank_after, key_after) = match page.after_key(2)? {
        Some(mut parts) => (parts.swap_remove(0), parts.pop()),
        None => (String::new(), None),
    };
    // rank 0: starts with the query, 1: contains it. Cursor: (rank, match_key).
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT * FROM (
            SELECT s.*, CASE WHEN s.match_key LIKE $1 || '%' ESCAPE '\\' THEN '0' ELSE '1' END AS rank
            FROM ({SOURCE}) s
            WHERE s.match_key LIKE '%' || $1 || '%' ESCAPE '\\'
         ) WHERE $3 IS NULL OR (rank, match_key) > ($2, $3)
         ORDER BY rank, match_key LIMIT $4"
    )))
    .bind(like_escape(&key))
    .bind(&rank_after)
    .bind(&key_after)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut items = Vec::with_capacity(found.len());
    for row in &found {
        let rank: String = rows::column(row, "rank")?;
        let key: String = rows::column(row, "match_key")?;
        items.push((rank, key, source(row)?));
    }
    Ok(Page::from_rows(items, page.limit, |(rank, key, _)| {
        encode_cursor(&[rank, key])
    })
    .map(|(_, _, s)| s))
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub async fn add_place(
    store: &SqliteStore,
    actor: &Actor,
    draft: PlaceDraft,
) -> StoreResult<Place> {
    let mut tx = store.begin().await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO places (id, name, country, lat, lon, custom, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7)",
    )
    .bind(&id)
    .bind(draft.name())
    .bind(draft.country())
    .bind(draft.lat())
    .bind(draft.lon())
    .bind(actor.user_id())
    .bind(time::to_db(&time::now()))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let created = get_place(&mut *tx, &id).await?;
    let record = AuditRecord {
        action: "place.add",
        target_kind: "place",
        target_id: &id,
        before: None,
        after: to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(created)
}

/// A stored place by id, in a transaction (`&mut *tx`) or from the reader pool.
pub async fn get_place<'e>(ex: impl SqliteExecutor<'e>, id: &str) -> StoreResult<Place> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{PLACE} WHERE id = $1")))
        .bind(id)
        .fetch_optional(ex)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound("place"))?;
    place(&row)
}

/// The place with this id, copying a gazetteer city into the database on first use (a
/// concurrent first use has then copied it already: the copy does nothing).
pub async fn resolve_place(tx: &mut Tx, id: &str) -> StoreResult<Place> {
    match get_place(&mut **tx, id).await {
        Err(StoreError::NotFound(_)) if Place::is_gazetteer_id(id) => {
            let city = crate::gazetteer::get(id).ok_or(StoreError::NotFound("place"))?;
            sqlx::query(
                "INSERT INTO places (id, name, country, lat, lon, custom, created_at)
                 VALUES ($1, $2, $3, $4, $5, FALSE, $6)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(&city.name)
            .bind(&city.country)
            .bind(city.lat)
            .bind(city.lon)
            .bind(time::to_db(&time::now()))
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
            get_place(&mut **tx, id).await
        }
        other => other,
    }
}

pub async fn search_custom(pool: &SqlitePool, query: &str, limit: u32) -> StoreResult<Vec<Place>> {
    let q = like_escape(query.trim());
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{PLACE} WHERE custom AND name LIKE '%' || $1 || '%' ESCAPE '\\'
         ORDER BY CASE WHEN name LIKE $1 || '%' ESCAPE '\\' THEN 0 ELSE 1 END, name LIMIT $2"
    )))
    .bind(q)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    found.iter().map(place).collect()
}
