//! The source registry: add and change sources.

use crate::domain::permissions::{Action, Ownership};
use crate::domain::source::{NewSource, Source, SourcePatch};
use crate::domain::user::Actor;
use crate::error::AppResult;

use super::{Client, Service, Submitted, permit};

impl Service {
    /// A new source in the registry; a name already there (ignoring case, accents, script and
    /// punctuation) is a conflict.
    pub async fn create_source(
        &self,
        actor: &Actor,
        client: Client,
        input: impl Submitted<NewSource>,
    ) -> AppResult<Source> {
        permit(actor, Action::CreateSource, Ownership::Own)?;
        let draft = input.open()?.validate()?;
        self.limits.check_write(actor, client.addr)?;
        Ok(self.store.create_source(actor, draft).await?)
    }

    /// A change to a source; absent fields stay. The registry is shared and its entries have
    /// no owner: only those who may edit any source may edit one.
    pub async fn edit_source(
        &self,
        actor: &Actor,
        id: &str,
        input: impl Submitted<SourcePatch>,
    ) -> AppResult<Source> {
        permit(actor, Action::EditSource, Ownership::Others)?;
        let patch = input.open()?;
        let current = self.store.source(id).await?;
        let draft = patch.apply(&current)?;
        Ok(self.store.edit_source(actor, &current.id, draft).await?)
    }
}
