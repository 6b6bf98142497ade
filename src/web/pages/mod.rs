//! HTML pages: server-rendered, in the reader's language, working without JavaScript.

mod about;
mod account;
mod admin;
mod board;
mod comments;
mod editor;
mod form;
mod home;
mod indicators;
pub mod login;
mod moderation;
mod places;
mod reports;
mod search;
mod sources;
mod thread;
mod timed;
mod translations;
mod views;

use askama::Template;
use axum::Router;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::user::User;
use crate::error::AppError;
use crate::web::session::PageCtx;

pub use crate::web::assets::asset_version;
pub use crate::web::page_error::{OrPage, PageError, describe};
pub use form::CsrfForm;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/t/{slug}", get(thread::thread_page))
        .route("/search", get(search::search_page))
        .route("/about", get(about::about))
        .merge(board::routes())
        .merge(editor::routes())
        .merge(comments::routes())
        .merge(login::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(moderation::routes())
        .merge(sources::routes())
        .merge(places::routes())
        .merge(indicators::routes())
        .merge(reports::routes())
        .merge(translations::routes())
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::web::session::page_context,
        ))
}

/// Renders a template, or an error page if rendering fails.
pub fn render(ctx: &PageCtx, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => PageError::new(ctx, AppError::Internal(format!("template: {e}"))).into_response(),
    }
}

/// Why a page was not shown: an error page, or the way to the login form.
pub enum Refused {
    Page(PageError),
    Login(Redirect),
}

impl From<PageError> for Refused {
    fn from(e: PageError) -> Self {
        Refused::Page(e)
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Page(e) => e.into_response(),
            Refused::Login(r) => r.into_response(),
        }
    }
}

/// Lets the request through when its account may do `action`: guests are sent to log in,
/// accounts without the right get a 403 page.
pub fn allow(ctx: &PageCtx, action: Action) -> Result<&User, Refused> {
    let user = login::require_login(ctx).map_err(Refused::Login)?;
    if !ctx.can(action) {
        return Err(Refused::Page(PageError::new(
            ctx,
            AppError::Forbidden(String::new()),
        )));
    }
    Ok(user)
}

pub type PageResult = Result<Response, Refused>;
