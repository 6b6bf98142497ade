//! Moderation: the decisions on comments and on submitted reports, and the queue's claims.

use chrono::Duration;

use crate::domain::comment::{Comment, Moderation};
use crate::domain::permissions::{Action, Ownership};
use crate::domain::report::Report;
use crate::domain::time;
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult};

use super::{Service, Submitted, ownership, permit};

/// How long opening the queue keeps its items for the moderator who opened it, so that two
/// moderators do not review the same comment.
pub const CLAIM_MINUTES: i64 = 5;

impl Service {
    /// Approves, rejects, marks as spam or deletes a comment; resolves its flags.
    pub async fn moderate_comment(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<Moderation>,
    ) -> AppResult<Comment> {
        // Who may not moderate at all learns so before whether the comment exists.
        permit(actor, Action::ModerateComment, Ownership::Own)?;
        let comment = self.store.comment(id).await?;
        permit(
            actor,
            Action::ModerateComment,
            ownership(actor, comment.author_id.as_deref()),
        )?;
        let moderation = input.open()?.validate()?;
        let change = self
            .store
            .moderate_comment(actor, &comment.id, moderation)
            .await?;
        Ok(self.announce(change))
    }

    /// Approves, rejects, marks as spam or deletes a submitted report.
    pub async fn moderate_report(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<Moderation>,
    ) -> AppResult<Report> {
        permit(actor, Action::ModerateReport, Ownership::Own)?;
        let report = self.store.report(id).await?;
        permit(
            actor,
            Action::ModerateReport,
            ownership(actor, report.submitted_by.user_id.as_deref()),
        )?;
        let moderation = input.open()?.validate()?;
        let change = self
            .store
            .moderate_report(actor, &report.id, moderation)
            .await?;
        Ok(self.announce(change))
    }

    /// Keeps the comments of a queue page for this moderator for [`CLAIM_MINUTES`], except
    /// those another moderator holds; returns the ids now held by this one.
    pub async fn claim_comments(&self, actor: &Actor, ids: &[String]) -> AppResult<Vec<String>> {
        permit(actor, Action::ModerateComment, Ownership::Others)?;
        let moderator = actor.user_id().ok_or_else(AppError::auth_required)?;
        let until = time::now() + Duration::minutes(CLAIM_MINUTES);
        Ok(self.store.claim_comments(moderator, ids, until).await?)
    }
}
