//! HTML pages: server-rendered, in the reader's language, working without JavaScript.

mod about;
mod account;
mod admin;
mod assets;
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
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::user::User;
use crate::error::AppError;
use crate::web::session::PageCtx;

pub use assets::asset_version;
pub use form::CsrfForm;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
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
        .merge(crate::web::feeds::routes())
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

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a PageCtx,
    status_line: String,
    title: String,
    message: String,
}

/// An error shown as a page in the reader's language.
pub struct PageError(Box<PageErrorInner>);

struct PageErrorInner {
    ctx: PageCtx,
    error: AppError,
    message: Option<String>,
}

impl PageError {
    pub fn new(ctx: &PageCtx, error: AppError) -> Self {
        Self(Box::new(PageErrorInner {
            ctx: ctx.clone(),
            error,
            message: None,
        }))
    }

    /// With a message of its own, already in the reader's language.
    pub fn with_message(ctx: &PageCtx, error: AppError, message: String) -> Self {
        Self(Box::new(PageErrorInner {
            ctx: ctx.clone(),
            error,
            message: Some(message),
        }))
    }
}

/// An error in the reader's language: the domain's refusals are named by field or code, and
/// each has its words in the locale files.
pub fn describe(ctx: &PageCtx, error: &AppError) -> String {
    let key = status_key(error.status());
    match error {
        AppError::Invalid(v) => ctx.i18n.ts(
            "error-invalid-field",
            "field",
            &ctx.t(&format!("field-{}", v.field)),
        ),
        AppError::Conflict { code, .. } => ctx.t(&format!("conflict-{code}")),
        AppError::StorageUnavailable(_) => ctx.t("error-storage-unavailable"),
        _ => ctx.t(&format!("error-{key}-message")),
    }
}

fn status_key(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "404",
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "403",
        StatusCode::TOO_MANY_REQUESTS => "429",
        StatusCode::SERVICE_UNAVAILABLE => "503",
        s if s.is_server_error() => "500",
        _ => "400",
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

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.error.status();
        self.0.error.log();
        let key = status_key(status);
        let message = match &self.0.message {
            Some(m) => m.clone(),
            None => describe(&self.0.ctx, &self.0.error),
        };
        let page = ErrorPage {
            ctx: &self.0.ctx,
            status_line: self
                .0
                .ctx
                .i18n
                .tn("error-status", "status", i64::from(status.as_u16())),
            title: self.0.ctx.t(&format!("error-{key}-title")),
            message,
        };
        let html = page.render().unwrap_or_else(|_| "error".into());
        let mut response = (status, Html(html)).into_response();
        crate::error::set_retry_after(&mut response, self.0.error.retry_after());
        response
    }
}

/// Turns any edge error into a page error for this reader.
pub trait OrPage<T> {
    fn or_page(self, ctx: &PageCtx) -> Result<T, PageError>;
}

impl<T, E: Into<AppError>> OrPage<T> for Result<T, E> {
    fn or_page(self, ctx: &PageCtx) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(ctx, e.into()))
    }
}
