//! Reading translations: one with its published and latest texts, an item's, a thread's,
//! their revisions, the trusted translators and cached machine translations.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::language::LanguageTag;
use crate::domain::time;
use crate::domain::translation::{
    self, Credit, ItemKind, MachineTranslation, Translation, TranslationStatus, TranslationText,
};
use crate::domain::user::UserRef;
use crate::store::sqlite::{backend, rows};
use crate::store::{StoreError, StoreResult};

/// A translation without its texts, which come from `translation_revisions`.
pub(super) const TRANSLATION: &str =
    "SELECT t.id, t.thread_id, t.kind, t.item_id, t.language, t.revision,
        t.published_revision, t.created_by, u.display_name AS created_by_name, t.created_at,
        t.updated_at,
        CASE t.kind
            WHEN 'thread' THEN (SELECT revision FROM threads WHERE id = t.item_id)
            WHEN 'update' THEN (SELECT revision FROM updates WHERE id = t.item_id)
            WHEN 'report' THEN (SELECT revision FROM reports WHERE id = t.item_id)
            ELSE (SELECT revision FROM indicators WHERE id = t.item_id)
        END AS original_revision
    FROM translations t JOIN users u ON u.id = t.created_by";

pub(super) const TEXT: &str = "SELECT r.translation_id, r.revision, r.title, r.body, r.body_html,
        r.translator_name, r.translator_url, r.publication_name, r.publication_url,
        r.source_revision, r.machine_engine, r.edited_by, u.display_name AS edited_by_name,
        r.created_at
    FROM translation_revisions r JOIN users u ON u.id = r.edited_by";

pub(super) struct Head {
    id: String,
    thread_id: String,
    kind: ItemKind,
    item_id: String,
    language: LanguageTag,
    revision: i64,
    published_revision: Option<i64>,
    original_revision: i64,
    created_by: UserRef,
    created_at: time::Timestamp,
    updated_at: time::Timestamp,
}

pub(super) fn head(row: &SqliteRow) -> StoreResult<Head> {
    let kind: String = rows::column(row, "kind")?;
    Ok(Head {
        id: rows::column(row, "id")?,
        thread_id: rows::column(row, "thread_id")?,
        kind: ItemKind::parse(&kind).ok_or_else(|| rows::unexpected("kind", &kind))?,
        item_id: rows::column(row, "item_id")?,
        language: rows::language(row, "language")?,
        revision: rows::column(row, "revision")?,
        published_revision: rows::column(row, "published_revision")?,
        // An original that is gone leaves its translations unread; 0 keeps them from
        // looking stale.
        original_revision: rows::column::<Option<i64>>(row, "original_revision")?.unwrap_or(0),
        created_by: UserRef {
            id: rows::column(row, "created_by")?,
            name: rows::column(row, "created_by_name")?,
        },
        created_at: rows::timestamp(row, "created_at")?,
        updated_at: rows::timestamp(row, "updated_at")?,
    })
}

pub(super) fn text(row: &SqliteRow) -> StoreResult<TranslationText> {
    let publication: Option<String> = rows::column(row, "publication_name")?;
    Ok(TranslationText {
        revision: rows::column(row, "revision")?,
        title: rows::column(row, "title")?,
        body: rows::column(row, "body")?,
        body_html: rows::column(row, "body_html")?,
        translator: Credit {
            name: rows::column(row, "translator_name")?,
            url: rows::column(row, "translator_url")?,
        },
        publication: publication
            .map(|name| -> StoreResult<Credit> {
                Ok(Credit {
                    name,
                    url: rows::column(row, "publication_url")?,
                })
            })
            .transpose()?,
        source_revision: rows::column(row, "source_revision")?,
        machine: rows::column(row, "machine_engine")?,
        edited_by: UserRef {
            id: rows::column(row, "edited_by")?,
            name: rows::column(row, "edited_by_name")?,
        },
        created_at: rows::timestamp(row, "created_at")?,
    })
}

/// Joins a translation with its latest and published texts.
pub(super) fn assemble(
    head: Head,
    texts: &HashMap<(String, i64), TranslationText>,
) -> StoreResult<Translation> {
    let latest = texts
        .get(&(head.id.clone(), head.revision))
        .cloned()
        .ok_or_else(|| rows::unexpected("translation revision", &head.id))?;
    let published = head
        .published_revision
        .and_then(|r| texts.get(&(head.id.clone(), r)).cloned());
    Ok(Translation {
        status: if published.is_some() {
            TranslationStatus::Published
        } else {
            TranslationStatus::Draft
        },
        stale: published
            .as_ref()
            .is_some_and(|p| translation::is_stale(p.source_revision, head.original_revision)),
        id: head.id,
        thread_id: head.thread_id,
        kind: head.kind,
        item_id: head.item_id,
        language: head.language,
        latest,
        published,
        original_revision: head.original_revision,
        created_by: head.created_by,
        created_at: head.created_at,
        updated_at: head.updated_at,
    })
}

pub(super) async fn load(conn: &mut SqliteConnection, id: &str) -> StoreResult<Translation> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TRANSLATION} WHERE t.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("translation"))?;
    let head = head(&row)?;
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TEXT} WHERE r.translation_id = $1 AND (r.revision = $2 OR r.revision = $3)"
    )))
    .bind(&head.id)
    .bind(head.revision)
    .bind(head.published_revision)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let texts = keyed(&found)?;
    assemble(head, &texts)
}

pub(super) fn keyed(found: &[SqliteRow]) -> StoreResult<HashMap<(String, i64), TranslationText>> {
    found
        .iter()
        .map(|row| {
            Ok((
                (
                    rows::column(row, "translation_id")?,
                    rows::column(row, "revision")?,
                ),
                text(row)?,
            ))
        })
        .collect()
}

pub async fn get(pool: &SqlitePool, id: &str) -> StoreResult<Translation> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    load(&mut conn, id).await
}

pub async fn of_item(
    pool: &SqlitePool,
    kind: ItemKind,
    item_id: &str,
    language: &LanguageTag,
) -> StoreResult<Option<Translation>> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM translations WHERE kind = $1 AND item_id = $2 AND language = $3",
    )
    .bind(kind.as_str())
    .bind(item_id)
    .bind(language.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?;
    match id {
        Some(id) => load(&mut conn, &id).await.map(Some),
        None => Ok(None),
    }
}

pub async fn revisions(pool: &SqlitePool, id: &str) -> StoreResult<Vec<TranslationText>> {
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TEXT} WHERE r.translation_id = $1 ORDER BY r.revision"
    )))
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    if found.is_empty() {
        return Err(StoreError::NotFound("translation"));
    }
    found.iter().map(text).collect()
}

pub async fn of_thread(
    pool: &SqlitePool,
    thread_id: &str,
    language: Option<&LanguageTag>,
) -> StoreResult<Vec<Translation>> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    // The primary subtag picks a language: a reader of "it" sees "it-CH" translations.
    let primary = language.map(|l| l.primary().to_ascii_lowercase());
    let heads = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TRANSLATION} WHERE t.thread_id = $1
           AND ($2 IS NULL OR lower(t.language) = $2 OR lower(t.language) LIKE $2 || '-%')
         ORDER BY t.language, t.kind, t.item_id"
    )))
    .bind(thread_id)
    .bind(&primary)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TEXT} JOIN translations t ON t.id = r.translation_id
         WHERE t.thread_id = $1
           AND ($2 IS NULL OR lower(t.language) = $2 OR lower(t.language) LIKE $2 || '-%')
           AND (r.revision = t.revision OR r.revision = t.published_revision)"
    )))
    .bind(thread_id)
    .bind(&primary)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let texts = keyed(&found)?;
    heads
        .iter()
        .map(|row| assemble(head(row)?, &texts))
        .collect()
}

pub async fn languages(pool: &SqlitePool, thread_id: &str) -> StoreResult<Vec<(LanguageTag, u32)>> {
    let found = sqlx::query(
        "SELECT language, COUNT(*) AS n FROM translations
         WHERE thread_id = $1 AND published_revision IS NOT NULL
         GROUP BY language ORDER BY language",
    )
    .bind(thread_id)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    found
        .iter()
        .map(|row| {
            Ok((
                rows::language(row, "language")?,
                u32::try_from(rows::column::<i64>(row, "n")?).unwrap_or(u32::MAX),
            ))
        })
        .collect()
}

pub(super) async fn translators_on(
    conn: &mut SqliteConnection,
    thread_id: &str,
) -> StoreResult<Vec<UserRef>> {
    let found = sqlx::query(
        "SELECT u.id, u.display_name FROM thread_translators tt JOIN users u ON u.id = tt.user_id
         WHERE tt.thread_id = $1 ORDER BY u.display_name",
    )
    .bind(thread_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    found
        .iter()
        .map(|row| {
            Ok(UserRef {
                id: rows::column(row, "id")?,
                name: rows::column(row, "display_name")?,
            })
        })
        .collect()
}

pub async fn trusted(pool: &SqlitePool, thread_id: &str) -> StoreResult<Vec<UserRef>> {
    let mut conn = pool.acquire().await.map_err(backend)?;
    translators_on(&mut conn, thread_id).await
}

pub async fn machine(
    pool: &SqlitePool,
    kind: &str,
    item_id: &str,
    language: &LanguageTag,
    engine: &str,
) -> StoreResult<Option<MachineTranslation>> {
    let row = sqlx::query(
        "SELECT kind, item_id, language, engine, from_language, source_text, text, html,
                created_at
         FROM machine_translations
         WHERE kind = $1 AND item_id = $2 AND language = $3 AND engine = $4",
    )
    .bind(kind)
    .bind(item_id)
    .bind(language.as_str())
    .bind(engine)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    row.map(|row| {
        Ok(MachineTranslation {
            kind: rows::column(&row, "kind")?,
            item_id: rows::column(&row, "item_id")?,
            language: rows::language(&row, "language")?,
            from_language: rows::language(&row, "from_language")?,
            engine: rows::column(&row, "engine")?,
            source_text: rows::column(&row, "source_text")?,
            text: rows::column(&row, "text")?,
            html: rows::column(&row, "html")?,
            created_at: rows::timestamp(&row, "created_at")?,
        })
    })
    .transpose()
}
