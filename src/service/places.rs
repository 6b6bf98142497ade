//! Custom places: an airport, a border crossing, with its coordinates.

use crate::domain::permissions::{Action, Ownership};
use crate::domain::place::{NewPlace, Place};
use crate::domain::user::Actor;
use crate::error::AppResult;

use super::{Client, Service, Submitted, permit};

impl Service {
    /// A custom place, added next to the gazetteer's cities.
    pub async fn add_place(
        &self,
        actor: &Actor,
        client: Client,
        input: impl Submitted<NewPlace>,
    ) -> AppResult<Place> {
        permit(actor, Action::AddPlace, Ownership::Own)?;
        let draft = input.open()?.validate()?;
        self.limits.check_write(actor, client.addr)?;
        Ok(self.store.add_place(actor, draft).await?)
    }
}
