//! The read half of the SQLite backend: each trait method forwards to its aggregate's module,
//! on the reader pool.

use async_trait::async_trait;

use super::{
    SqliteStore, accounts, backend, comments, indicators, reports, rows, search, sources, threads,
    translations, updates,
};
use crate::domain::comment::{Comment, CommentNode, QueueItem};
use crate::domain::event::Event;
use crate::domain::indicator::Indicator;
use crate::domain::language::LanguageTag;
use crate::domain::page::Page;
use crate::domain::place::Place;
use crate::domain::report::{Report, ReportFilter, ReportRevision};
use crate::domain::search::{SearchHit, SearchQuery};
use crate::domain::source::Source;
use crate::domain::thread::{Thread, ThreadRevision};
use crate::domain::time::Timestamp;
use crate::domain::translation::{ItemKind, MachineTranslation, Translation, TranslationText};
use crate::domain::update::{Revision, Update};
use crate::domain::user::{User, UserRef};
use crate::store::{
    ApiToken, AuditEntry, BoardInputs, PageRequest, ReportQueueItem, StorageReport, StoreError,
    StoreReads, StoreResult,
};

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

    async fn search(&self, query: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
        search::search(&self.reader, query).await
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
