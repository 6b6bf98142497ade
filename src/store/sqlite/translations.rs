//! Translations of content, trusted translators and cached machine translations in SQLite.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{SqliteConnection, SqlitePool};

use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, rows, to_json};
use crate::domain::event::{Change, EventKind, payload};
use crate::domain::language::LanguageTag;
use crate::domain::time;
use crate::domain::translation::{
    self, Credit, ItemKind, MachineTranslation, Translation, TranslationDraft, TranslationStatus,
    TranslationText,
};
use crate::domain::user::{Actor, UserRef};
use crate::domain::validation::Refusal;
use crate::store::{StoreError, StoreResult, TranslationTarget};

/// A translation without its texts, which come from `translation_revisions`.
const TRANSLATION: &str = "SELECT t.id, t.thread_id, t.kind, t.item_id, t.language, t.revision,
        t.published_revision, t.created_by, u.display_name AS created_by_name, t.created_at,
        t.updated_at,
        CASE t.kind
            WHEN 'thread' THEN (SELECT revision FROM threads WHERE id = t.item_id)
            WHEN 'update' THEN (SELECT revision FROM updates WHERE id = t.item_id)
            WHEN 'report' THEN (SELECT revision FROM reports WHERE id = t.item_id)
            ELSE (SELECT revision FROM indicators WHERE id = t.item_id)
        END AS original_revision
    FROM translations t JOIN users u ON u.id = t.created_by";

const TEXT: &str = "SELECT r.translation_id, r.revision, r.title, r.body, r.body_html,
        r.translator_name, r.translator_url, r.publication_name, r.publication_url,
        r.source_revision, r.machine_engine, r.edited_by, u.display_name AS edited_by_name,
        r.created_at
    FROM translation_revisions r JOIN users u ON u.id = r.edited_by";

struct Head {
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

fn head(row: &SqliteRow) -> StoreResult<Head> {
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

fn text(row: &SqliteRow) -> StoreResult<TranslationText> {
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
fn assemble(
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

async fn load(conn: &mut SqliteConnection, id: &str) -> StoreResult<Translation> {
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

fn keyed(found: &[SqliteRow]) -> StoreResult<HashMap<(String, i64), TranslationText>> {
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

/// The thread, language and current revision of the item a translation is of.
async fn original(
    tx: &mut Tx,
    kind: ItemKind,
    item_id: &str,
) -> StoreResult<(String, LanguageTag, i64)> {
    let sql = match kind {
        ItemKind::Thread => "SELECT id AS thread_id, language, revision FROM threads WHERE id = $1",
        ItemKind::Update => "SELECT thread_id, language, revision FROM updates WHERE id = $1",
        ItemKind::Report => {
            "SELECT thread_id, language, revision FROM reports
             WHERE id = $1 AND state = 'published'"
        }
        // An indicator's labels are written in its thread's language first.
        ItemKind::Indicator => {
            "SELECT i.thread_id, t.language, i.revision
             FROM indicators i JOIN threads t ON t.id = i.thread_id WHERE i.id = $1"
        }
    };
    let row = sqlx::query(sql)
        .bind(item_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .ok_or(StoreError::NotFound(kind.as_str()))?;
    Ok((
        rows::column(&row, "thread_id")?,
        rows::language(&row, "language")?,
        rows::column(&row, "revision")?,
    ))
}

fn editor(actor: &Actor) -> StoreResult<&str> {
    actor
        .user_id()
        .ok_or_else(|| StoreError::Forbidden("translating needs an account".into()))
}

async fn insert_text(
    tx: &mut Tx,
    id: &str,
    revision: i64,
    draft: &TranslationDraft,
    source_revision: i64,
    edited_by: &str,
    at: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO translation_revisions (translation_id, revision, title, body, body_html,
             translator_name, translator_url, publication_name, publication_url,
             source_revision, machine_engine, edited_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id)
    .bind(revision)
    .bind(draft.title())
    .bind(draft.body())
    .bind(draft.body_html())
    .bind(draft.translator().map(|t| &t.name))
    .bind(draft.translator().and_then(|t| t.url.as_ref()))
    .bind(draft.publication().map(|p| &p.name))
    .bind(draft.publication().and_then(|p| p.url.as_ref()))
    .bind(source_revision)
    .bind(draft.machine())
    .bind(edited_by)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

/// A revision must come from a revision of the original that exists.
fn source_revision(draft: &TranslationDraft, current: i64) -> StoreResult<i64> {
    match draft.source_revision() {
        Some(r) if r > current => Err(StoreError::Invalid(crate::domain::ValidationError::new(
            "source_revision",
            format!("the original has no revision {r}; its latest is {current}"),
        ))),
        Some(r) => Ok(r),
        None => Ok(current),
    }
}

fn default_translator(actor: &Actor) -> Credit {
    Credit {
        name: actor
            .user()
            .map(|u| u.display_name.clone())
            .unwrap_or_default(),
        url: None,
    }
}

pub async fn create(
    store: &SqliteStore,
    actor: &Actor,
    target: TranslationTarget,
    draft: TranslationDraft,
) -> StoreResult<Change<Translation>> {
    let by = editor(actor)?;
    let mut tx = store.begin().await?;
    let (thread_id, original_language, current) =
        original(&mut tx, target.kind, &target.item_id).await?;
    translation::check_language(&original_language, &target.language)?;
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM translations WHERE kind = $1 AND item_id = $2 AND language = $3",
    )
    .bind(target.kind.as_str())
    .bind(&target.item_id)
    .bind(target.language.as_str())
    .fetch_optional(&mut *tx)
    .await
    .map_err(backend)?;
    if let Some(existing) = taken {
        return Err(Refusal::conflict(
            "translation_exists",
            format!(
                "this item already has a translation into {}: {existing}; save a new revision of it",
                target.language
            ),
        )
        .into());
    }
    let id = new_id();
    let now = time::to_db(&time::now());
    sqlx::query(
        "INSERT INTO translations (id, thread_id, kind, item_id, language, revision,
                                   created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)",
    )
    .bind(&id)
    .bind(&thread_id)
    .bind(target.kind.as_str())
    .bind(&target.item_id)
    .bind(target.language.as_str())
    .bind(by)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let draft = draft.credited(|| default_translator(actor));
    let from = source_revision(&draft, current)?;
    insert_text(&mut tx, &id, 1, &draft, from, by, &now).await?;
    let created = load(&mut tx, &id).await?;
    let record = AuditRecord {
        action: "translation.create",
        target_kind: "translation",
        target_id: &id,
        before: None,
        after: to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: created,
        events: Vec::new(),
    })
}

pub async fn revise(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    draft: TranslationDraft,
) -> StoreResult<Change<Translation>> {
    let by = editor(actor)?;
    let mut tx = store.begin().await?;
    let before = load(&mut tx, id).await?;
    let (_, _, current) = original(&mut tx, before.kind, &before.item_id).await?;
    let revision = before.latest.revision + 1;
    let now = time::to_db(&time::now());
    // Credits carry over from the revision before unless the new one names them.
    let draft = draft
        // A person revising an engine's draft is its translator from now on.
        .credited(|| match before.latest.machine {
            Some(_) => default_translator(actor),
            None => before.latest.translator.clone(),
        })
        .published_for(before.latest.publication.as_ref());
    let from = source_revision(&draft, current)?;
    insert_text(&mut tx, id, revision, &draft, from, by, &now).await?;
    sqlx::query("UPDATE translations SET revision = $1, updated_at = $2 WHERE id = $3")
        .bind(revision)
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    let after = load(&mut tx, id).await?;
    let record = AuditRecord {
        action: "translation.revise",
        target_kind: "translation",
        target_id: id,
        before: to_json(&before.latest),
        after: to_json(&after.latest),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events: Vec::new(),
    })
}

async fn set_published(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    revision: Option<i64>,
) -> StoreResult<Change<Translation>> {
    let mut tx = store.begin().await?;
    let before = load(&mut tx, id).await?;
    let action = match revision {
        Some(r) => {
            translation::check_publish(&before, r)?;
            "translation.publish"
        }
        None => {
            if before.published.is_none() {
                return Err(Refusal::conflict(
                    "not_published",
                    "this translation is not published",
                )
                .into());
            }
            "translation.withdraw"
        }
    };
    let now = time::to_db(&time::now());
    sqlx::query(
        "UPDATE translations SET published_revision = $1, published_at = $2, updated_at = $2
         WHERE id = $3",
    )
    .bind(revision)
    .bind(&now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let after = load(&mut tx, id).await?;
    super::threads::touch(&mut tx, &after.thread_id).await?;
    let event = append_event(
        &mut tx,
        &after.thread_id,
        EventKind::TranslationPublished,
        id,
        payload(id, &after),
    )
    .await?;
    let record = AuditRecord {
        action,
        target_kind: "translation",
        target_id: id,
        before: before.published.as_ref().and_then(to_json),
        after: after.published.as_ref().and_then(to_json),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(Change {
        item: after,
        events: vec![event],
    })
}

pub async fn publish(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
    revision: i64,
) -> StoreResult<Change<Translation>> {
    set_published(store, actor, id, Some(revision)).await
}

pub async fn withdraw(
    store: &SqliteStore,
    actor: &Actor,
    id: &str,
) -> StoreResult<Change<Translation>> {
    set_published(store, actor, id, None).await
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

async fn translators_on(conn: &mut SqliteConnection, thread_id: &str) -> StoreResult<Vec<UserRef>> {
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

pub async fn set_trusted(
    store: &SqliteStore,
    actor: &Actor,
    thread_id: &str,
    user_name: &str,
    trusted: bool,
) -> StoreResult<Vec<UserRef>> {
    let by = editor(actor)?;
    let mut tx = store.begin().await?;
    super::threads::in_tx(&mut tx, thread_id).await?;
    let user: Option<(String, String)> =
        sqlx::query_as("SELECT id, role FROM users WHERE name_key = $1 AND NOT disabled")
            .bind(crate::domain::user::name_key(user_name))
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
    let Some((user_id, role)) = user else {
        return Err(StoreError::NotFound("user"));
    };
    if trusted {
        if role != "translator" {
            return Err(StoreError::Invalid(crate::domain::ValidationError::new(
                "user",
                format!("{user_name} is not a translator"),
            )));
        }
        sqlx::query(
            "INSERT INTO thread_translators (thread_id, user_id, added_by, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(thread_id)
        .bind(&user_id)
        .bind(by)
        .bind(time::to_db(&time::now()))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    } else {
        sqlx::query("DELETE FROM thread_translators WHERE thread_id = $1 AND user_id = $2")
            .bind(thread_id)
            .bind(&user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    }
    let record = AuditRecord {
        action: if trusted {
            "translator.trust"
        } else {
            "translator.distrust"
        },
        target_kind: "thread",
        target_id: thread_id,
        before: None,
        after: to_json(&serde_json::json!({ "user": user_name })),
    };
    audit(&mut tx, actor, record).await?;
    let now_trusted = translators_on(&mut tx, thread_id).await?;
    tx.commit().await?;
    Ok(now_trusted)
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

pub async fn save_machine(store: &SqliteStore, m: &MachineTranslation) -> StoreResult<()> {
    if !translation::MACHINE_KINDS.contains(&m.kind.as_str()) {
        return Err(StoreError::Invalid(crate::domain::ValidationError::new(
            "kind",
            format!("{} cannot be machine translated", m.kind),
        )));
    }
    let mut tx = store.begin().await?;
    sqlx::query(
        "INSERT INTO machine_translations (kind, item_id, language, engine, from_language,
                                           source_text, text, html, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (kind, item_id, language, engine) DO UPDATE SET
             from_language = excluded.from_language, source_text = excluded.source_text,
             text = excluded.text, html = excluded.html, created_at = excluded.created_at",
    )
    .bind(&m.kind)
    .bind(&m.item_id)
    .bind(m.language.as_str())
    .bind(&m.engine)
    .bind(m.from_language.as_str())
    .bind(&m.source_text)
    .bind(&m.text)
    .bind(&m.html)
    .bind(time::to_db(&m.created_at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    tx.commit().await?;
    Ok(())
}
