//! The one permission check of every operation.

use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult};

/// Refuses the action unless the actor's role allows it: 401 for guests, 403 for accounts.
pub fn permit(actor: &Actor, action: Action, ownership: Ownership) -> AppResult<()> {
    if permissions::allowed(actor.role(), action, ownership) {
        return Ok(());
    }
    match actor {
        Actor::Guest => Err(AppError::auth_required()),
        _ => Err(AppError::Forbidden(format!(
            "the role {} may not do this",
            actor.role().map(|r| r.as_str()).unwrap_or("guest")
        ))),
    }
}

/// Whether the actor wrote the item whose author is `author_id`.
pub fn ownership(actor: &Actor, author_id: Option<&str>) -> Ownership {
    match (actor.user_id(), author_id) {
        (Some(me), Some(author)) if me == author => Ownership::Own,
        _ => Ownership::Others,
    }
}
