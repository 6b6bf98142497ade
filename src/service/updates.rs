//! Updates: post one, edit it with its history kept, strike it.

use crate::domain::permissions::{Action, Ownership};
use crate::domain::update::{NewStrike, NewUpdate, Update, UpdatePatch};
use crate::domain::user::Actor;
use crate::error::AppResult;

use super::{Service, Submitted, ownership, permit};

impl Service {
    /// A new update on a thread (by id or slug), in the thread's language unless another is
    /// named.
    pub async fn post_update(
        &self,
        actor: &Actor,
        thread: &str,
        input: impl Submitted<NewUpdate>,
    ) -> AppResult<Update> {
        permit(actor, Action::PostUpdate, Ownership::Own)?;
        let text = input.open()?.validate()?;
        let thread = self.store.thread(thread).await?;
        let change = self.store.post_update(actor, &thread.id, text).await?;
        Ok(self.announce(change))
    }

    /// A new text for an update; the earlier one stays in its revisions.
    pub async fn edit_update(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<UpdatePatch>,
    ) -> AppResult<Update> {
        let existing = self.existing_update(actor, Action::EditUpdate, id).await?;
        let text = input.open()?.validate()?;
        let change = self.store.edit_update(actor, &existing.id, text).await?;
        Ok(self.announce(change))
    }

    /// Strikes an update, with a reason and optionally the update that corrects it.
    pub async fn strike_update(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<NewStrike>,
    ) -> AppResult<Update> {
        let existing = self
            .existing_update(actor, Action::StrikeUpdate, id)
            .await?;
        let strike = input.open()?.validate()?;
        let change = self
            .store
            .strike_update(actor, &existing.id, strike)
            .await?;
        Ok(self.announce(change))
    }

    /// The update `action` is about, once the actor may do it to this one: its author's own,
    /// or someone else's.
    async fn existing_update(&self, actor: &Actor, action: Action, id: &str) -> AppResult<Update> {
        // Who may not do this to any update learns so before whether this one exists.
        permit(actor, action, Ownership::Own)?;
        let update = self.store.update(id).await?;
        permit(
            actor,
            action,
            ownership(actor, Some(update.author.id.as_str())),
        )?;
        Ok(update)
    }
}
