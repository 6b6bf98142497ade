//! Translations: drafts and revisions by translators, publication and withdrawal by editors
//! or the translators a thread trusts, and the trusted translators themselves.

use crate::domain::ValidationError;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::thread::Thread;
use crate::domain::translation::{
    ItemKind, NewTranslation, Publish, Translation, TranslationInput,
};
use crate::domain::user::{Actor, UserRef};
use crate::error::{AppError, AppResult};
use crate::store::TranslationTarget;

use super::{Service, Submitted, permit};

impl Service {
    /// A first draft of one item of the thread (by id or slug) in one language.
    pub async fn create_translation(
        &self,
        actor: &Actor,
        thread: &str,
        input: impl Submitted<NewTranslation>,
    ) -> AppResult<Translation> {
        permit(actor, Action::Translate, Ownership::Others)?;
        let input = input.open()?;
        let language = input.language()?;
        let draft = input.text().validate(input.kind)?;
        let thread = self.store.thread(thread).await?;
        self.check_item(&thread, input.kind, &input.item_id).await?;
        let target = TranslationTarget {
            kind: input.kind,
            item_id: input.item_id,
            language,
        };
        let change = self.store.create_translation(actor, target, draft).await?;
        Ok(self.announce(change))
    }

    /// A new draft revision; readers keep the published one until it is published.
    pub async fn revise_translation(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<TranslationInput>,
    ) -> AppResult<Translation> {
        permit(actor, Action::Translate, Ownership::Others)?;
        let input = input.open()?;
        let before = self.store.translation(id).await?;
        let draft = input.validate(before.kind)?;
        let change = self.store.revise_translation(actor, id, draft).await?;
        Ok(self.announce(change))
    }

    /// Shows a revision, the latest, to readers.
    pub async fn publish_translation(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<Publish>,
    ) -> AppResult<Translation> {
        let t = self.store.translation(id).await?;
        self.may_publish(actor, &t.thread_id).await?;
        let publish = input.open()?;
        let change = self
            .store
            .publish_translation(actor, id, publish.revision)
            .await?;
        Ok(self.announce(change))
    }

    /// Stops showing the translation to readers; its revisions are kept.
    pub async fn withdraw_translation(&self, actor: &Actor, id: &str) -> AppResult<Translation> {
        let t = self.store.translation(id).await?;
        self.may_publish(actor, &t.thread_id).await?;
        let change = self.store.withdraw_translation(actor, id).await?;
        Ok(self.announce(change))
    }

    /// Trusts (or stops trusting) the translator with account `name` to publish on the
    /// thread; the thread's trusted translators after the change.
    pub async fn set_trusted_translator(
        &self,
        actor: &Actor,
        thread: &str,
        name: &str,
        trusted: bool,
    ) -> AppResult<Vec<UserRef>> {
        permit(actor, Action::TrustTranslator, Ownership::Others)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("name", "an account name is needed").into());
        }
        let thread = self.store.thread(thread).await?;
        Ok(self
            .store
            .set_trusted_translator(actor, &thread.id, name, trusted)
            .await?)
    }

    /// Editors and admins publish anywhere; translators where the thread's editors trust them.
    async fn may_publish(&self, actor: &Actor, thread_id: &str) -> AppResult<()> {
        let trusted = match actor.user() {
            Some(u) => self
                .store
                .trusted_translators(thread_id)
                .await?
                .iter()
                .any(|t| t.id == u.id),
            None => false,
        };
        let ownership = if trusted {
            Ownership::Own
        } else {
            Ownership::Others
        };
        permit(actor, Action::PublishTranslation, ownership)
    }

    /// The item is the thread's own: its title and lead, or one of its updates, reports or
    /// indicators.
    async fn check_item(&self, thread: &Thread, kind: ItemKind, item: &str) -> AppResult<()> {
        let owner = match kind {
            ItemKind::Thread => thread.id.clone(),
            ItemKind::Update => self.store.update(item).await?.thread_id,
            ItemKind::Report => self.store.report(item).await?.thread_id,
            ItemKind::Indicator => {
                let found = self.store.indicators(&thread.id).await?;
                if found.iter().any(|i| i.id == item) {
                    thread.id.clone()
                } else {
                    return Err(AppError::NotFound("indicator"));
                }
            }
        };
        if owner != thread.id || (kind == ItemKind::Thread && item != thread.id) {
            return Err(AppError::NotFound(kind.as_str()));
        }
        Ok(())
    }
}
