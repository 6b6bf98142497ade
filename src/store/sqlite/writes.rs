//! The write half of the SQLite backend: each trait method runs its aggregate's write in one
//! transaction on the writer connection, through `SqliteStore::write`.

use async_trait::async_trait;

use super::{
    SqliteStore, accounts, comments, indicators, reports, sources, threads, translations, updates,
};
use crate::domain::board::{SupersededBy, Verification};
use crate::domain::comment::{Comment, CommentDraft, CommentText, Flag, Moderation};
use crate::domain::event::Change;
use crate::domain::indicator::{Indicator, IndicatorDraft, IndicatorPatch};
use crate::domain::place::{Place, PlaceDraft};
use crate::domain::report::{Report, ReportDraft};
use crate::domain::role::Role;
use crate::domain::source::{Source, SourceDraft};
use crate::domain::thread::{Thread, ThreadDraft, ThreadPatch};
use crate::domain::time::Timestamp;
use crate::domain::translation::{MachineTranslation, Translation, TranslationDraft};
use crate::domain::update::{NewStrike, Update, UpdateText};
use crate::domain::user::{Actor, User, UserRef};
use crate::store::{ApiToken, NewUserRecord, Store, StoreResult, TranslationTarget};

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
    async fn supersede_claim(
        &self,
        actor: &Actor,
        claim_id: &str,
        by: Option<SupersededBy>,
    ) -> StoreResult<Change<Report>> {
        self.write(reports::supersede(self, actor, claim_id, by))
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
