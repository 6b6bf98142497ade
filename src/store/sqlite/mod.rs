//! The SQLite backend: one file in the data directory, WAL, a single writer connection and a
//! pool of readers (WAL lets readers run beside the writer).

mod accounts;
mod comments;
mod errors;
mod indicators;
mod reports;
mod rows;
mod search;
mod sources;
mod storage;
mod threads;
mod translations;
mod tx;
mod updates;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub(crate) use self::errors::backend;
pub use self::storage::SizeLimit;
pub(crate) use self::tx::Tx;
use super::{
    ApiToken, AuditEntry, BoardInputs, NewUserRecord, PageRequest, ReportQueueItem, StorageHealth,
    StorageReport, Store, StoreError, StoreReads, StoreResult, TranslationTarget,
};
use crate::domain::board::Verification;
use crate::domain::comment::{
    Comment, CommentDraft, CommentNode, CommentText, Flag, Moderation, QueueItem,
};
use crate::domain::event::{Change, Event, EventKind};
use crate::domain::indicator::{Indicator, IndicatorDraft, IndicatorPatch};
use crate::domain::language::LanguageTag;
use crate::domain::page::Page;
use crate::domain::place::{Place, PlaceDraft};
use crate::domain::report::{Report, ReportDraft, ReportFilter, ReportRevision};
use crate::domain::role::Role;
use crate::domain::search::SearchHit;
use crate::domain::source::{Source, SourceDraft};
use crate::domain::thread::{Thread, ThreadDraft, ThreadPatch, ThreadRevision};
use crate::domain::time::{self, Timestamp};
use crate::domain::translation::{
    ItemKind, MachineTranslation, Translation, TranslationDraft, TranslationText,
};
use crate::domain::update::{NewStrike, Revision, Update, UpdateText};
use crate::domain::user::{Actor, User, UserRef};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub const DATABASE_FILE: &str = "cronaca.db";

#[derive(Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    health: Arc<StorageHealth>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `dir` and applies pending migrations.
    pub async fn open_dir(dir: &Path) -> StoreResult<Self> {
        Self::open(&dir.join(DATABASE_FILE), SizeLimit::default()).await
    }

    /// The same, with a cap on the database's size.
    pub async fn open_dir_limited(dir: &Path, limit: SizeLimit) -> StoreResult<Self> {
        Self::open(&dir.join(DATABASE_FILE), limit).await
    }

    pub async fn open(path: &Path, limit: SizeLimit) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(backend)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL loses nothing when the process dies: a commit is in the
            // log file before it returns. Only a power cut may lose the last commits.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-16000")
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| Box::pin(storage::apply_size_limit(conn, limit)))
            // No write may start inside another's unfinished transaction.
            .after_release(|conn, _| Box::pin(tx::release_clean(conn)))
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        MIGRATOR
            .run(&writer)
            .await
            .map_err(|e| StoreError::Backend(e.to_string()))?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.read_only(true))
            .await
            .map_err(backend)?;
        Ok(Self {
            writer,
            reader,
            health: Arc::new(StorageHealth::default()),
        })
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }

    /// A write transaction on the writer connection; every write goes through one.
    async fn begin(&self) -> StoreResult<Tx> {
        Tx::begin(&self.writer, self.health.clone()).await
    }
}

pub(crate) use crate::domain::id::new_id;

/// Appends an event to the thread's log in the caller's transaction.
pub(crate) async fn append_event(
    tx: &mut Tx,
    thread_id: &str,
    kind: EventKind,
    item_id: &str,
    data: String,
) -> StoreResult<Event> {
    let at = time::now();
    let seq: i64 = sqlx::query_scalar(
        "UPDATE threads SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
    )
    .bind(thread_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(backend)?;
    sqlx::query(
        "INSERT INTO events (thread_id, seq, kind, item_id, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(thread_id)
    .bind(seq)
    .bind(kind.as_str())
    .bind(item_id)
    .bind(&data)
    .bind(time::to_db(&at))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(Event {
        thread_id: thread_id.to_owned(),
        seq,
        kind,
        item_id: item_id.to_owned(),
        data: data.into(),
        created_at: at,
    })
}

/// What an audit entry records, written in the same transaction as the change.
pub(crate) struct AuditRecord<'a> {
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(crate) async fn audit(tx: &mut Tx, actor: &Actor, rec: AuditRecord<'_>) -> StoreResult<()> {
    let json = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    sqlx::query(
        "INSERT INTO audit_log (id, actor_id, actor_name, action, target_kind, target_id,
                                before, after, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(actor.user_id())
    .bind(actor.audit_name())
    .bind(rec.action)
    .bind(rec.target_kind)
    .bind(rec.target_id)
    .bind(json(rec.before))
    .bind(json(rec.after))
    .bind(time::to_db(&time::now()))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn to_json<T: serde::Serialize>(item: &T) -> Option<serde_json::Value> {
    serde_json::to_value(item).ok()
}

/// A value as JSON text, for a column that keeps it whole.
pub(crate) fn json_text<T: serde::Serialize>(item: &T) -> Option<String> {
    serde_json::to_string(item).ok()
}

#[async_trait]
impl StoreReads for SqliteStore {
    async fn thread(&self, key: &str) -> StoreResult<Thread> {
        threads::get(&self.reader, key).await
    }
    async fn list_threads(&self, page: PageRequest) -> StoreResult<Page<Thread>> {
        threads::list(&self.reader, page).await
    }

    async fn thread_revisions(&self, thread_id: &str) -> StoreResult<Vec<ThreadRevision>> {
        threads::revisions(&self.reader, thread_id).await
    }
    async fn update(&self, id: &str) -> StoreResult<Update> {
        updates::get(&self.reader, id).await
    }
    async fn list_updates(&self, thread_id: &str, page: PageRequest) -> StoreResult<Page<Update>> {
        updates::list(&self.reader, thread_id, page, false).await
    }
    async fn list_updates_oldest_first(
        &self,
        thread_id: &str,
        page: PageRequest,
    ) -> StoreResult<Page<Update>> {
        updates::list(&self.reader, thread_id, page, true).await
    }
    async fn update_revisions(&self, id: &str) -> StoreResult<Vec<Revision>> {
        updates::revisions(&self.reader, id).await
    }
    async fn comment(&self, id: &str) -> StoreResult<Comment> {
        comments::get(&self.reader, id).await
    }
    async fn list_comments(
        &self,
        thread_id: &str,
        page: PageRequest,
    ) -> StoreResult<Page<CommentNode>> {
        comments::list(&self.reader, thread_id, page).await
    }
    async fn moderation_queue(&self, page: PageRequest) -> StoreResult<Page<QueueItem>> {
        comments::queue(&self.reader, page).await
    }
    async fn comment_claims(
        &self,
        ids: &[String],
        now: Timestamp,
    ) -> StoreResult<Vec<(String, String, String)>> {
        comments::claims(&self.reader, ids, now).await
    }
    async fn source(&self, id: &str) -> StoreResult<Source> {
        sources::get(&self.reader, id).await
    }
    async fn list_sources(
        &self,
        query: Option<&str>,
        page: PageRequest,
    ) -> StoreResult<Page<Source>> {
        sources::list(&self.reader, query, page).await
    }
    async fn place(&self, id: &str) -> StoreResult<Place> {
        sources::get_place(&self.reader, id).await
    }
    async fn search_custom_places(&self, query: &str, limit: u32) -> StoreResult<Vec<Place>> {
        sources::search_custom(&self.reader, query, limit).await
    }
    async fn indicators(&self, thread_id: &str) -> StoreResult<Vec<Indicator>> {
        indicators::of_thread(&self.reader, thread_id).await
    }
    async fn report(&self, id: &str) -> StoreResult<Report> {
        reports::get(&self.reader, id).await
    }
    async fn list_reports(
        &self,
        thread_id: &str,
        filter: ReportFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Report>> {
        reports::list(&self.reader, thread_id, filter, page).await
    }
    async fn report_revisions(&self, id: &str) -> StoreResult<Vec<ReportRevision>> {
        reports::revisions(&self.reader, id).await
    }
    async fn report_queue(&self, limit: u32) -> StoreResult<Vec<ReportQueueItem>> {
        reports::queue(&self.reader, limit).await
    }
    async fn board_inputs(&self, thread_id: &str) -> StoreResult<BoardInputs> {
        reports::board_inputs(&self.reader, thread_id).await
    }

    async fn translation(&self, id: &str) -> StoreResult<Translation> {
        translations::get(&self.reader, id).await
    }

    async fn translation_of(
        &self,
        kind: ItemKind,
        item_id: &str,
        language: &LanguageTag,
    ) -> StoreResult<Option<Translation>> {
        translations::of_item(&self.reader, kind, item_id, language).await
    }

    async fn translation_revisions(&self, id: &str) -> StoreResult<Vec<TranslationText>> {
        translations::revisions(&self.reader, id).await
    }

    async fn thread_translations(
        &self,
        thread_id: &str,
        language: Option<&LanguageTag>,
    ) -> StoreResult<Vec<Translation>> {
        translations::of_thread(&self.reader, thread_id, language).await
    }

    async fn thread_languages(&self, thread_id: &str) -> StoreResult<Vec<(LanguageTag, u32)>> {
        translations::languages(&self.reader, thread_id).await
    }

    async fn trusted_translators(&self, thread_id: &str) -> StoreResult<Vec<UserRef>> {
        translations::trusted(&self.reader, thread_id).await
    }

    async fn machine_translation(
        &self,
        kind: &str,
        item_id: &str,
        language: &LanguageTag,
        engine: &str,
    ) -> StoreResult<Option<MachineTranslation>> {
        translations::machine(&self.reader, kind, item_id, language, engine).await
    }

    async fn search(
        &self,
        query: &str,
        thread_id: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> StoreResult<Vec<SearchHit>> {
        search::search(&self.reader, query, thread_id, limit, offset).await
    }
    async fn user_by_name(&self, name: &str) -> StoreResult<User> {
        accounts::user_credentials(&self.reader, name)
            .await
            .map(|(u, _)| u)
    }
    async fn user_credentials(&self, name: &str) -> StoreResult<(User, Option<String>)> {
        accounts::user_credentials(&self.reader, name).await
    }
    async fn list_users(&self) -> StoreResult<Vec<User>> {
        accounts::list_users(&self.reader).await
    }
    async fn user_by_token(&self, token_hash: &str) -> StoreResult<Option<User>> {
        accounts::user_by_token(&self.reader, token_hash).await
    }
    async fn list_tokens(&self, user_name: Option<&str>) -> StoreResult<Vec<ApiToken>> {
        accounts::list_tokens(&self.reader, user_name).await
    }
    async fn user_by_session(
        &self,
        session_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<User>> {
        accounts::user_by_session(&self.reader, session_hash, now).await
    }

    async fn audit_log(&self, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
        accounts::audit_log(&self.reader, page).await
    }

    async fn last_event_seq(&self, thread_id: &str) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT last_seq FROM threads WHERE id = $1")
            .bind(thread_id)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound("thread"))
    }

    async fn events_after(
        &self,
        thread_id: &str,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let rows = sqlx::query(
            "SELECT thread_id, seq, kind, item_id, data, created_at FROM events
             WHERE thread_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(thread_id)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter().map(rows::event).collect()
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM threads)",
        )
        .fetch_one(&self.reader)
        .await
        .map_err(backend)?;
        Ok(n == 0)
    }

    fn storage(&self) -> StorageReport {
        self.health.report()
    }

    async fn check_storage(&self) -> StorageReport {
        self.health
            .check(|| async {
                // The outcome lands in the health tracker; the report below says it.
                let _ = self.write(self.probe_write()).await;
            })
            .await
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_thread(
        &self,
        actor: &Actor,
        draft: ThreadDraft,
    ) -> StoreResult<Change<Thread>> {
        self.write(threads::create(self, actor, draft)).await
    }
    async fn patch_thread(
        &self,
        actor: &Actor,
        thread_id: &str,
        patch: ThreadPatch,
    ) -> StoreResult<Change<Thread>> {
        self.write(threads::patch(self, actor, thread_id, patch))
            .await
    }

    async fn post_update(
        &self,
        actor: &Actor,
        thread_id: &str,
        text: UpdateText,
    ) -> StoreResult<Change<Update>> {
        self.write(updates::post(self, actor, thread_id, text))
            .await
    }
    async fn edit_update(
        &self,
        actor: &Actor,
        id: &str,
        text: UpdateText,
    ) -> StoreResult<Change<Update>> {
        self.write(updates::edit(self, actor, id, text)).await
    }
    async fn strike_update(
        &self,
        actor: &Actor,
        id: &str,
        strike: NewStrike,
    ) -> StoreResult<Change<Update>> {
        self.write(updates::strike(self, actor, id, strike)).await
    }

    async fn create_comment(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: CommentDraft,
    ) -> StoreResult<Change<Comment>> {
        self.write(comments::create(self, actor, thread_id, draft))
            .await
    }
    async fn edit_comment(
        &self,
        actor: &Actor,
        id: &str,
        text: CommentText,
    ) -> StoreResult<Change<Comment>> {
        self.write(comments::edit(self, actor, id, text)).await
    }
    async fn flag_comment(&self, actor: &Actor, id: &str, reason: String) -> StoreResult<Flag> {
        self.write(comments::flag(self, actor, id, reason)).await
    }
    async fn moderate_comment(
        &self,
        actor: &Actor,
        id: &str,
        moderation: Moderation,
    ) -> StoreResult<Change<Comment>> {
        self.write(comments::moderate(self, actor, id, moderation))
            .await
    }
    async fn claim_comments(
        &self,
        moderator_id: &str,
        ids: &[String],
        until: Timestamp,
    ) -> StoreResult<Vec<String>> {
        self.write(comments::claim(self, moderator_id, ids, until))
            .await
    }

    async fn create_source(&self, actor: &Actor, draft: SourceDraft) -> StoreResult<Source> {
        self.write(sources::create(self, actor, draft)).await
    }
    async fn edit_source(
        &self,
        actor: &Actor,
        id: &str,
        draft: SourceDraft,
    ) -> StoreResult<Source> {
        self.write(sources::edit(self, actor, id, draft)).await
    }
    async fn add_place(&self, actor: &Actor, draft: PlaceDraft) -> StoreResult<Place> {
        self.write(sources::add_place(self, actor, draft)).await
    }

    async fn create_indicator(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: IndicatorDraft,
    ) -> StoreResult<Change<Indicator>> {
        self.write(indicators::create(self, actor, thread_id, draft))
            .await
    }
    async fn patch_indicator(
        &self,
        actor: &Actor,
        id: &str,
        patch: IndicatorPatch,
    ) -> StoreResult<Change<Indicator>> {
        self.write(indicators::patch(self, actor, id, patch)).await
    }

    async fn create_report(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: ReportDraft,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::create(self, actor, thread_id, draft))
            .await
    }
    async fn edit_report(
        &self,
        actor: &Actor,
        id: &str,
        draft: ReportDraft,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::edit(self, actor, id, draft)).await
    }
    async fn verify_report(
        &self,
        actor: &Actor,
        id: &str,
        status: Verification,
        note: Option<String>,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::verify(self, actor, id, status, note))
            .await
    }
    async fn strike_report(
        &self,
        actor: &Actor,
        id: &str,
        reason: String,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::strike(self, actor, id, reason)).await
    }
    async fn moderate_report(
        &self,
        actor: &Actor,
        id: &str,
        moderation: Moderation,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::moderate(self, actor, id, moderation))
            .await
    }

    async fn create_translation(
        &self,
        actor: &Actor,
        item: TranslationTarget,
        draft: TranslationDraft,
    ) -> StoreResult<Change<Translation>> {
        self.write(translations::create(self, actor, item, draft))
            .await
    }

    async fn revise_translation(
        &self,
        actor: &Actor,
        id: &str,
        draft: TranslationDraft,
    ) -> StoreResult<Change<Translation>> {
        self.write(translations::revise(self, actor, id, draft))
            .await
    }

    async fn publish_translation(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
    ) -> StoreResult<Change<Translation>> {
        self.write(translations::publish(self, actor, id, revision))
            .await
    }

    async fn withdraw_translation(
        &self,
        actor: &Actor,
        id: &str,
    ) -> StoreResult<Change<Translation>> {
        self.write(translations::withdraw(self, actor, id)).await
    }

    async fn set_trusted_translator(
        &self,
        actor: &Actor,
        thread_id: &str,
        user_name: &str,
        trusted: bool,
    ) -> StoreResult<Vec<UserRef>> {
        self.write(translations::set_trusted(
            self, actor, thread_id, user_name, trusted,
        ))
        .await
    }

    async fn save_machine_translation(&self, translation: &MachineTranslation) -> StoreResult<()> {
        self.write(translations::save_machine(self, translation))
            .await
    }

    async fn create_user(&self, actor: &Actor, new: NewUserRecord) -> StoreResult<User> {
        self.write(accounts::create_user(self, actor, new)).await
    }
    async fn set_user_role(&self, actor: &Actor, name: &str, role: Role) -> StoreResult<User> {
        self.write(accounts::set_role(self, actor, name, role))
            .await
    }
    async fn set_user_disabled(
        &self,
        actor: &Actor,
        name: &str,
        disabled: bool,
    ) -> StoreResult<User> {
        self.write(accounts::set_disabled(self, actor, name, disabled))
            .await
    }
    async fn set_password(
        &self,
        actor: &Actor,
        name: &str,
        password_hash: String,
    ) -> StoreResult<()> {
        self.write(accounts::set_password(self, actor, name, password_hash))
            .await
    }
    async fn create_token(
        &self,
        actor: &Actor,
        user_name: &str,
        label: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken> {
        self.write(accounts::create_token(
            self, actor, user_name, label, token_hash,
        ))
        .await
    }
    async fn revoke_token(&self, actor: &Actor, token_id: &str) -> StoreResult<ApiToken> {
        self.write(accounts::revoke_token(self, actor, token_id))
            .await
    }
    async fn create_session(
        &self,
        user_id: &str,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> StoreResult<()> {
        self.write(accounts::create_session(
            self,
            user_id,
            session_hash,
            expires_at,
        ))
        .await
    }
    async fn delete_session(&self, session_hash: &str) -> StoreResult<()> {
        self.write(accounts::delete_session(self, session_hash))
            .await
    }
    async fn end_other_sessions(&self, user_id: &str, keep_session_hash: &str) -> StoreResult<u64> {
        accounts::end_other_sessions(self, user_id, keep_session_hash).await
    }
    async fn purge_expired_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        self.write(accounts::purge_expired_sessions(self, now))
            .await
    }
}
