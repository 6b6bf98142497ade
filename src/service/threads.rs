//! Threads: open one, change it.

use crate::domain::permissions::{Action, Ownership};
use crate::domain::thread::{NewThread, Thread, ThreadPatch};
use crate::domain::user::Actor;
use crate::error::AppResult;

use super::{Service, Submitted, ownership, permit};

impl Service {
    /// A new thread; its slug is the one asked for, or one derived from the title.
    pub async fn create_thread(
        &self,
        actor: &Actor,
        input: impl Submitted<NewThread>,
    ) -> AppResult<Thread> {
        permit(actor, Action::CreateThread, Ownership::Own)?;
        let draft = input.open()?.validate()?;
        let change = self.store.create_thread(actor, draft).await?;
        Ok(self.announce(change))
    }

    /// Changes a thread (by id or slug): its text, language, status or comment rules.
    pub async fn patch_thread(
        &self,
        actor: &Actor,
        thread: &str,
        input: impl Submitted<ThreadPatch>,
    ) -> AppResult<Thread> {
        // Who may not change any thread learns so before whether this one exists.
        permit(actor, Action::EditThread, Ownership::Own)?;
        let thread = self.store.thread(thread).await?;
        let creator = thread.created_by.as_ref().map(|u| u.id.as_str());
        permit(actor, Action::EditThread, ownership(actor, creator))?;
        let patch = input.open()?.validate()?;
        let change = self.store.patch_thread(actor, &thread.id, patch).await?;
        Ok(self.announce(change))
    }
}
