//! Comments: post, edit, flag.

use crate::detect::detect;
use crate::domain::comment::{Comment, CommentPatch, CommentText, Flag, NewComment, NewFlag};
use crate::domain::permissions::{Action, Ownership};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult};

use super::{Client, Service, Submitted, ownership, permit};

impl Service {
    /// A comment on a thread (by id or slug); on a premoderated thread, or from someone the
    /// thread's policy does not trust, it waits for a moderator.
    pub async fn create_comment(
        &self,
        actor: &Actor,
        client: Client,
        thread: &str,
        input: impl Submitted<NewComment>,
    ) -> AppResult<Comment> {
        permit(actor, Action::Comment, Ownership::Own)?;
        let draft = input.open()?.validate(detect)?;
        let thread = self.store.thread(thread).await?;
        self.limits.check_write(actor, client.addr)?;
        self.limits
            .check_slow_mode(&thread.id, thread.slow_mode_seconds, actor, client.addr)?;
        let change = self.store.create_comment(actor, &thread.id, draft).await?;
        Ok(self.announce(change))
    }

    /// Its author's edit, within the edit window, or a moderator's.
    pub async fn edit_comment(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<CommentPatch>,
    ) -> AppResult<Comment> {
        if matches!(actor, Actor::Guest) {
            return Err(AppError::auth_required());
        }
        let existing = self.store.comment(id).await?;
        permit(
            actor,
            Action::EditComment,
            ownership(actor, existing.author_id.as_deref()),
        )?;
        let text = CommentText::new(&input.open()?.body, detect)?;
        let change = self.store.edit_comment(actor, id, text).await?;
        Ok(self.announce(change))
    }

    /// A reader's flag for the moderators, with a reason; once per account.
    pub async fn flag_comment(
        &self,
        actor: &Actor,
        client: Client,
        id: &str,
        input: impl Submitted<NewFlag>,
    ) -> AppResult<Flag> {
        permit(actor, Action::FlagComment, Ownership::Others)?;
        let reason = input.open()?.validate()?;
        self.limits.check_write(actor, client.addr)?;
        Ok(self.store.flag_comment(actor, id, reason).await?)
    }
}
