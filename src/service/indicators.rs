//! A thread's indicators: define one, relabel, recolour or reorder it.

use crate::domain::indicator::{Indicator, IndicatorPatch, NewIndicator};
use crate::domain::permissions::{Action, Ownership};
use crate::domain::user::Actor;
use crate::error::AppResult;

use super::{Service, Submitted, permit};

impl Service {
    /// A new indicator on the thread's board (thread by id or slug); its key is unique in the
    /// thread.
    pub async fn create_indicator(
        &self,
        actor: &Actor,
        thread: &str,
        input: impl Submitted<NewIndicator>,
    ) -> AppResult<Indicator> {
        permit(actor, Action::ManageIndicators, Ownership::Others)?;
        let draft = input.open()?.validate()?;
        let thread = self.store.thread(thread).await?;
        let change = self
            .store
            .create_indicator(actor, &thread.id, draft)
            .await?;
        Ok(self.announce(change))
    }

    /// A change of labels, status values or position. The store checks it against the
    /// indicator and the claims resting on it in the transaction that writes it.
    pub async fn patch_indicator(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<IndicatorPatch>,
    ) -> AppResult<Indicator> {
        permit(actor, Action::ManageIndicators, Ownership::Others)?;
        let patch = input.open()?;
        let change = self.store.patch_indicator(actor, id, patch).await?;
        Ok(self.announce(change))
    }
}
