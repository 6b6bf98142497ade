//! Administration pages: the accounts (create, change role, disable, enable) and the audit log.

mod audit;
mod users;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::SecondsFormat;

use super::login::{forbidden, require_login, urlencode};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::time::Timestamp;
use crate::domain::user::User;
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new().merge(users::routes()).merge(audit::routes())
}

/// Why someone other than an admin is turned away.
pub(super) enum Refused {
    /// A guest: log in first.
    LogIn(Redirect),
    /// An account whose role may not do this.
    Forbidden,
}

impl Refused {
    pub(super) fn answer(self, ctx: &PageCtx) -> Response {
        match self {
            Refused::LogIn(redirect) => redirect.into_response(),
            Refused::Forbidden => forbidden(ctx),
        }
    }
}

/// The account asking may do this, or is turned away with a 403.
fn allowed(ctx: &PageCtx, action: Action) -> Result<(), Refused> {
    if ctx.can(action) {
        Ok(())
    } else {
        Err(Refused::Forbidden)
    }
}

/// Pages: a guest logs in and comes back to the page itself.
pub(super) fn admin_page(ctx: &PageCtx, action: Action) -> Result<&User, Refused> {
    let user = require_login(ctx).map_err(Refused::LogIn)?;
    allowed(ctx, action).map(|()| user)
}

/// Forms: a guest logs in and comes back to the list of accounts, not to the address of
/// the form.
pub(super) fn admin_form(ctx: &PageCtx) -> Result<&User, Refused> {
    let Some(user) = ctx.user.as_ref() else {
        let to = format!("/login?next={}", urlencode("/admin/users"));
        return Err(Refused::LogIn(Redirect::to(&to)));
    };
    allowed(ctx, Action::ManageUsers).map(|()| user)
}

/// A time for a `datetime` attribute: HTML allows at most three digits of a second.
pub(super) fn html_time(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn query<T: serde::de::DeserializeOwned + Default>(raw: Option<&str>) -> T {
    serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default()
}
