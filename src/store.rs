//! Persistence behind one interface: domain-level methods, two backends to come (SQLite now,
//! PostgreSQL next). Every write is one transaction that also appends the change's live events.

pub mod health;
pub mod sqlite;
mod types;

use async_trait::async_trait;

use crate::domain::board::{SupersededBy, Verification};
use crate::domain::comment::{
    Comment, CommentDraft, CommentNode, CommentText, Flag, Moderation, QueueItem,
};
use crate::domain::event::{Change, Event};
use crate::domain::indicator::{Indicator, IndicatorDraft, IndicatorPatch};
use crate::domain::language::LanguageTag;
use crate::domain::page::Page;
use crate::domain::place::{Place, PlaceDraft};
use crate::domain::report::{Report, ReportDraft, ReportFilter, ReportRevision};
use crate::domain::role::Role;
use crate::domain::search::{SearchHit, SearchQuery};
pub use crate::domain::situation::BoardInputs;
use crate::domain::source::{Source, SourceDraft};
use crate::domain::thread::{Thread, ThreadDraft, ThreadPatch, ThreadRevision};
use crate::domain::time::Timestamp;
use crate::domain::translation::{
    ItemKind, MachineTranslation, Translation, TranslationDraft, TranslationText,
};
use crate::domain::update::{NewStrike, Revision, Update, UpdateText};
use crate::domain::user::{Actor, User, UserRef};

pub use crate::domain::audit::AuditEntry;
pub use health::{StorageHealth, StorageReport, StorageState};
pub use types::{
    ApiToken, BackendError, NewUserRecord, PageRequest, ReportQueueItem, StoreError, StoreResult,
    TranslationTarget,
};

/// Everything Cronaca keeps, read in domain terms; implemented once per database. The web
/// holds only this half: reads cannot change anything, so a handler may call them directly.
#[async_trait]
pub trait StoreReads: Send + Sync + 'static {
    /// By id, or by slug when `key` is not an id.
    async fn thread(&self, key: &str) -> StoreResult<Thread>;
    async fn list_threads(&self, page: PageRequest) -> StoreResult<Page<Thread>>;
    /// Versions of the title and lead, oldest first, the current one last.
    async fn thread_revisions(&self, thread_id: &str) -> StoreResult<Vec<ThreadRevision>>;
    async fn update(&self, id: &str) -> StoreResult<Update>;
    /// Newest first.
    async fn list_updates(&self, thread_id: &str, page: PageRequest) -> StoreResult<Page<Update>>;
    /// Oldest first, for reading a thread from its beginning.
    async fn list_updates_oldest_first(
        &self,
        thread_id: &str,
        page: PageRequest,
    ) -> StoreResult<Page<Update>>;
    /// Oldest first, the current text last.
    async fn update_revisions(&self, id: &str) -> StoreResult<Vec<Revision>>;
    async fn comment(&self, id: &str) -> StoreResult<Comment>;
    /// Approved top-level comments, oldest first, each with its visible replies.
    async fn list_comments(
        &self,
        thread_id: &str,
        page: PageRequest,
    ) -> StoreResult<Page<CommentNode>>;
    /// Pending and flagged comments across threads, newest first.
    async fn moderation_queue(&self, page: PageRequest) -> StoreResult<Page<QueueItem>>;
    /// Who holds each of these comments now: `(comment id, moderator id, display name)`.
    async fn comment_claims(
        &self,
        ids: &[String],
        now: Timestamp,
    ) -> StoreResult<Vec<(String, String, String)>>;
    async fn source(&self, id: &str) -> StoreResult<Source>;
    /// By name, ignoring case, accents and script: the closest first when `query` is given.
    async fn list_sources(
        &self,
        query: Option<&str>,
        page: PageRequest,
    ) -> StoreResult<Page<Source>>;
    /// A custom place, or a gazetteer city once a report has used it.
    async fn place(&self, id: &str) -> StoreResult<Place>;
    /// Custom places whose name starts with (or contains) `query`.
    async fn search_custom_places(&self, query: &str, limit: u32) -> StoreResult<Vec<Place>>;
    /// In display order.
    async fn indicators(&self, thread_id: &str) -> StoreResult<Vec<Indicator>>;
    async fn report(&self, id: &str) -> StoreResult<Report>;
    /// Newest first (by the time received).
    async fn list_reports(
        &self,
        thread_id: &str,
        filter: ReportFilter,
        page: PageRequest,
    ) -> StoreResult<Page<Report>>;
    /// Oldest first, the current version last.
    async fn report_revisions(&self, id: &str) -> StoreResult<Vec<ReportRevision>>;
    /// Submitted reports waiting for a moderator, newest first.
    async fn report_queue(&self, limit: u32) -> StoreResult<Vec<ReportQueueItem>>;
    async fn board_inputs(&self, thread_id: &str) -> StoreResult<BoardInputs>;
    async fn translation(&self, id: &str) -> StoreResult<Translation>;
    /// The translation of one item into one language, if any.
    async fn translation_of(
        &self,
        kind: ItemKind,
        item_id: &str,
        language: &LanguageTag,
    ) -> StoreResult<Option<Translation>>;
    /// Oldest first, the latest last.
    async fn translation_revisions(&self, id: &str) -> StoreResult<Vec<TranslationText>>;
    /// Every translation of a thread's items (in one language when given), drafts included.
    async fn thread_translations(
        &self,
        thread_id: &str,
        language: Option<&LanguageTag>,
    ) -> StoreResult<Vec<Translation>>;
    /// The languages a thread has published translations in, with how many items each.
    async fn thread_languages(&self, thread_id: &str) -> StoreResult<Vec<(LanguageTag, u32)>>;
    async fn trusted_translators(&self, thread_id: &str) -> StoreResult<Vec<UserRef>>;
    /// A cached machine translation of an item's current text.
    async fn machine_translation(
        &self,
        kind: &str,
        item_id: &str,
        language: &LanguageTag,
        engine: &str,
    ) -> StoreResult<Option<MachineTranslation>>;

    // Search.
    /// Best match first; case and accents do not matter.
    async fn search(&self, query: &SearchQuery) -> StoreResult<Vec<SearchHit>>;
    async fn user_by_name(&self, name: &str) -> StoreResult<User>;
    /// The account and its password hash, for logging in.
    async fn user_credentials(&self, name: &str) -> StoreResult<(User, Option<String>)>;
    async fn list_users(&self) -> StoreResult<Vec<User>>;
    /// The active account holding the token, if any.
    async fn user_by_token(&self, token_hash: &str) -> StoreResult<Option<User>>;
    async fn list_tokens(&self, user_name: Option<&str>) -> StoreResult<Vec<ApiToken>>;
    /// The active account of an unexpired session, if any.
    async fn user_by_session(
        &self,
        session_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<User>>;

    // Audit log, newest first.
    async fn audit_log(&self, page: PageRequest) -> StoreResult<Page<AuditEntry>>;

    // Live events.
    /// The sequence number of the thread's last event (0 before any).
    async fn last_event_seq(&self, thread_id: &str) -> StoreResult<i64>;
    /// Events of a thread with a sequence number above `after`, in order, at most `limit`.
    async fn events_after(
        &self,
        thread_id: &str,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<Event>>;

    /// True before anything was ever stored: the demo only fills an empty database.
    async fn is_empty(&self) -> StoreResult<bool>;

    // Storage health.
    /// What the last writes said about the storage, without touching it (for `/healthz`).
    fn storage(&self) -> StorageReport;
    /// Whether a write can commit now (for `/readyz`): the last writes' outcome while they
    /// succeed; after a storage fault, a tiny real write decides, so that the store reads as
    /// ready again as soon as the storage takes writes.
    async fn check_storage(&self) -> StorageReport;
}

/// The writes, each one transaction with its audit entry and its events. Only the service
/// layer (`crate::service`) holds a handle with them: every change goes through an operation
/// there, which checks, validates, limits and announces it.
#[async_trait]
pub trait Store: StoreReads {
    // Threads.
    async fn create_thread(&self, actor: &Actor, draft: ThreadDraft)
    -> StoreResult<Change<Thread>>;
    async fn patch_thread(
        &self,
        actor: &Actor,
        thread_id: &str,
        patch: ThreadPatch,
    ) -> StoreResult<Change<Thread>>;

    // Updates.
    async fn post_update(
        &self,
        actor: &Actor,
        thread_id: &str,
        text: UpdateText,
    ) -> StoreResult<Change<Update>>;
    async fn edit_update(
        &self,
        actor: &Actor,
        id: &str,
        text: UpdateText,
    ) -> StoreResult<Change<Update>>;
    async fn strike_update(
        &self,
        actor: &Actor,
        id: &str,
        strike: NewStrike,
    ) -> StoreResult<Change<Update>>;

    // Comments and moderation.
    async fn create_comment(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: CommentDraft,
    ) -> StoreResult<Change<Comment>>;
    async fn edit_comment(
        &self,
        actor: &Actor,
        id: &str,
        text: CommentText,
    ) -> StoreResult<Change<Comment>>;
    async fn flag_comment(&self, actor: &Actor, id: &str, reason: String) -> StoreResult<Flag>;
    async fn moderate_comment(
        &self,
        actor: &Actor,
        id: &str,
        moderation: Moderation,
    ) -> StoreResult<Change<Comment>>;
    /// Marks comments as being reviewed by `moderator_id` until `until`, except those another
    /// moderator holds; returns the ids now held by `moderator_id`.
    async fn claim_comments(
        &self,
        moderator_id: &str,
        ids: &[String],
        until: Timestamp,
    ) -> StoreResult<Vec<String>>;

    // Sources and places.
    async fn create_source(&self, actor: &Actor, draft: SourceDraft) -> StoreResult<Source>;
    async fn edit_source(&self, actor: &Actor, id: &str, draft: SourceDraft)
    -> StoreResult<Source>;
    async fn add_place(&self, actor: &Actor, draft: PlaceDraft) -> StoreResult<Place>;

    // Indicators.
    async fn create_indicator(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: IndicatorDraft,
    ) -> StoreResult<Change<Indicator>>;
    async fn patch_indicator(
        &self,
        actor: &Actor,
        id: &str,
        patch: IndicatorPatch,
    ) -> StoreResult<Change<Indicator>>;

    // Reports.
    async fn create_report(
        &self,
        actor: &Actor,
        thread_id: &str,
        draft: ReportDraft,
    ) -> StoreResult<Change<Report>>;
    async fn edit_report(
        &self,
        actor: &Actor,
        id: &str,
        draft: ReportDraft,
    ) -> StoreResult<Change<Report>>;
    async fn verify_report(
        &self,
        actor: &Actor,
        id: &str,
        status: Verification,
        note: Option<String>,
    ) -> StoreResult<Change<Report>>;
    async fn strike_report(
        &self,
        actor: &Actor,
        id: &str,
        reason: String,
    ) -> StoreResult<Change<Report>>;
    async fn moderate_report(
        &self,
        actor: &Actor,
        id: &str,
        moderation: Moderation,
    ) -> StoreResult<Change<Report>>;
    /// Marks a claim superseded by a report or an update of its thread (`None` clears the
    /// mark); the claim's report is returned and announced changed.
    async fn supersede_claim(
        &self,
        actor: &Actor,
        claim_id: &str,
        by: Option<SupersededBy>,
    ) -> StoreResult<Change<Report>>;

    // Translations.
    /// A first draft of `item` in `language`; one translation per item per language.
    async fn create_translation(
        &self,
        actor: &Actor,
        item: TranslationTarget,
        draft: TranslationDraft,
    ) -> StoreResult<Change<Translation>>;
    /// A new revision, saved as a draft; what readers see does not change until it is
    /// published.
    async fn revise_translation(
        &self,
        actor: &Actor,
        id: &str,
        draft: TranslationDraft,
    ) -> StoreResult<Change<Translation>>;
    /// Shows `revision` (the latest) to readers.
    async fn publish_translation(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
    ) -> StoreResult<Change<Translation>>;
    /// Stops showing the translation; its revisions are kept.
    async fn withdraw_translation(
        &self,
        actor: &Actor,
        id: &str,
    ) -> StoreResult<Change<Translation>>;
    /// Lets a translator publish on one thread, or stops it.
    async fn set_trusted_translator(
        &self,
        actor: &Actor,
        thread_id: &str,
        user_name: &str,
        trusted: bool,
    ) -> StoreResult<Vec<UserRef>>;
    async fn save_machine_translation(&self, translation: &MachineTranslation) -> StoreResult<()>;

    // Accounts.
    async fn create_user(&self, actor: &Actor, new: NewUserRecord) -> StoreResult<User>;
    async fn set_user_role(&self, actor: &Actor, name: &str, role: Role) -> StoreResult<User>;
    async fn set_user_disabled(
        &self,
        actor: &Actor,
        name: &str,
        disabled: bool,
    ) -> StoreResult<User>;
    /// Also ends every browser session of the account.
    async fn set_password(
        &self,
        actor: &Actor,
        name: &str,
        password_hash: String,
    ) -> StoreResult<()>;

    // API tokens and browser sessions: only hashes are stored.
    async fn create_token(
        &self,
        actor: &Actor,
        user_name: &str,
        label: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken>;
    async fn revoke_token(&self, actor: &Actor, token_id: &str) -> StoreResult<ApiToken>;
    async fn create_session(
        &self,
        user_id: &str,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> StoreResult<()>;
    async fn delete_session(&self, session_hash: &str) -> StoreResult<()>;
    /// Ends every session of the account except `keep_session_hash`; returns how many ended.
    async fn end_other_sessions(&self, user_id: &str, keep_session_hash: &str) -> StoreResult<u64>;
    async fn purge_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;
}
