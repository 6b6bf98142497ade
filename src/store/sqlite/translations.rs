//! Translations of content, trusted translators and cached machine translations in SQLite.

use super::{AuditRecord, SqliteStore, Tx, append_event, audit, backend, new_id, to_json};
use crate::domain::event::{Change, EventKind, payload};
use crate::domain::time;
use crate::domain::translation::{self, Credit, MachineTranslation, Translation, TranslationDraft};
use crate::domain::user::{Actor, UserRef};
use crate::domain::validation::Refusal;
use crate::store::{StoreError, StoreResult, TranslationTarget};

mod items;
mod read;

use items::{editor, original};
pub use read::{get, languages, machine, of_item, of_thread, revisions, trusted};
use read::{load, translators_on};

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
    // Nothing happened in the world: the thread's "last update" stays where it was.
    let after = load(&mut tx, id).await?;
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
