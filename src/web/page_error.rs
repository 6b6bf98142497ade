//! Errors shown as pages in the reader's language: what the pages and the feeds answer when a
//! request fails, and the words each refusal has in the locale files.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;
use crate::web::session::PageCtx;

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
