//! HTML pages: server-rendered, in the reader's language, working without JavaScript.

mod account;
mod admin;
mod assets;
mod form;
mod home;
pub mod login;
mod moderation;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::error::AppError;
use crate::web::session::PageCtx;

pub use assets::asset_version;
pub use form::CsrfForm;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/static/{file}", get(assets::serve))
        .merge(login::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(moderation::routes())
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

    /// The message for this error in the reader's language: the domain's refusals are named
    /// by field or code, and each has its words in the locale files.
    fn localized_message(&self, key: &str) -> String {
        let ctx = &self.0.ctx;
        match (&self.0.message, &self.0.error) {
            (Some(m), _) => m.clone(),
            (None, AppError::Invalid(v)) => ctx.i18n.ts(
                "error-invalid-field",
                "field",
                &ctx.t(&format!("field-{}", v.field)),
            ),
            (None, AppError::Conflict { code, .. }) => ctx.t(&format!("conflict-{code}")),
            (None, _) => ctx.t(&format!("error-{key}-message")),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.error.status();
        if let AppError::Internal(cause) = &self.0.error {
            tracing::error!(error = %cause, "page failed");
        }
        let key = match status {
            StatusCode::NOT_FOUND => "404",
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "403",
            StatusCode::TOO_MANY_REQUESTS => "429",
            s if s.is_server_error() => "500",
            _ => "400",
        };
        let message = self.localized_message(key);
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
        (status, Html(html)).into_response()
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
