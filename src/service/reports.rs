//! Reports: submit, edit, verify, strike, and mark a claim superseded.

use crate::domain::board::NewSupersession;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::report::{NewReport, NewReportStrike, NewVerification, Report};
use crate::domain::time;
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult};

use super::{Client, Service, Submitted, ownership, permit};

impl Service {
    /// A report on a thread (by id or slug): editors' reports publish at once, others wait for
    /// a moderator; guests only where the thread takes their contributions.
    pub async fn create_report(
        &self,
        actor: &Actor,
        client: Client,
        thread: &str,
        input: impl Submitted<NewReport>,
    ) -> AppResult<Report> {
        permit(actor, Action::SubmitReport, Ownership::Own)?;
        let draft = validate(input.open()?)?;
        let thread = self.store.thread(thread).await?;
        self.limits.check_write(actor, client.addr)?;
        let change = self.store.create_report(actor, &thread.id, draft).await?;
        Ok(self.announce(change))
    }

    /// A new version of a report; every version is kept. A report this actor may not see is
    /// not found, and one struck or removed is no longer changed.
    pub async fn edit_report(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<NewReport>,
    ) -> AppResult<Report> {
        let existing = self.existing_report(actor, id).await?;
        permit(
            actor,
            Action::EditReport,
            ownership(actor, existing.submitted_by.user_id.as_deref()),
        )?;
        let draft = validate(input.open()?)?;
        let change = self.store.edit_report(actor, &existing.id, draft).await?;
        Ok(self.announce(change))
    }

    /// A moderator's verdict on a published report.
    pub async fn verify_report(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<NewVerification>,
    ) -> AppResult<Report> {
        let existing = self.existing_report(actor, id).await?;
        permit(
            actor,
            Action::VerifyReport,
            ownership(actor, existing.submitted_by.user_id.as_deref()),
        )?;
        let (status, note) = input.open()?.validate()?;
        let change = self
            .store
            .verify_report(actor, &existing.id, status, note)
            .await?;
        Ok(self.announce(change))
    }

    /// Strikes a report: it stays on record, struck, and leaves the board.
    pub async fn strike_report(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<NewReportStrike>,
    ) -> AppResult<Report> {
        let existing = self.existing_report(actor, id).await?;
        permit(
            actor,
            Action::StrikeReport,
            ownership(actor, existing.submitted_by.user_id.as_deref()),
        )?;
        let reason = input.open()?.validate()?;
        let change = self
            .store
            .strike_report(actor, &existing.id, reason)
            .await?;
        Ok(self.announce(change))
    }

    /// An editor's mark that a claim is overtaken by a later report or update of its thread
    /// (or the mark cleared): the claim stays on record, struck through, and off the board.
    pub async fn supersede_claim(
        &self,
        actor: &Actor,
        claim_id: &str,
        input: impl Submitted<NewSupersession>,
    ) -> AppResult<Report> {
        if matches!(actor, Actor::Guest) {
            return Err(AppError::auth_required());
        }
        permit(actor, Action::EditReport, Ownership::Others)?;
        let by = input.open()?.validate()?;
        let change = self.store.supersede_claim(actor, claim_id, by).await?;
        Ok(self.announce(change))
    }

    /// The report an account acts on, as far as it may see it. A guest may change no report,
    /// and learns that before anything about the report.
    async fn existing_report(&self, actor: &Actor, id: &str) -> AppResult<Report> {
        if matches!(actor, Actor::Guest) {
            return Err(AppError::auth_required());
        }
        let report = self.store.report(id).await?;
        if !report.visible_to(actor) {
            return Err(AppError::NotFound("report"));
        }
        Ok(report)
    }
}

/// The report checked on its own, its language detected from the text when not given.
fn validate(input: NewReport) -> AppResult<crate::domain::report::ReportDraft> {
    let detected = if input.names_language() {
        None
    } else {
        crate::detect::detect(input.body.trim())
    };
    Ok(input.validate(time::now(), detected)?)
}
