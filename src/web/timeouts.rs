//! The time a request may take to be answered (`Config::request_timeout`): past it the
//! handler is dropped and the client told so, in JSON under `/api` and as a page in the
//! reader's language elsewhere. Event streams are mounted outside it (`web::router`).
//!
//! The timeout bounds the wait for the answer's head; a body already started (a page, a
//! feed) is not cut.

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::timeout::TimeoutLayer;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::page_error::PageError;
use crate::web::session::guest_context;

/// Put on every answer a handler gave, so the timeout's own (bodiless) 503 can be told apart
/// from a handler's 503.
#[derive(Clone, Copy)]
struct Answered;

/// What the timeout's answer needs to know of its request.
#[derive(Clone, Copy)]
struct Limit {
    timeout: Duration,
    default_language: Lang,
}

/// `routes`, each held to `timeout`; `default_language` is that of the page that says so.
pub fn limit<S>(routes: Router<S>, timeout: Duration, default_language: Lang) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let limit = Limit {
        timeout,
        default_language,
    };
    routes
        .layer(middleware::map_response(mark_answered))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn_with_state(limit, answer_timeouts))
}

async fn mark_answered(mut response: Response) -> Response {
    response.extensions_mut().insert(Answered);
    response
}

async fn answer_timeouts(State(limit): State<Limit>, req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    // Only what the answer's language needs; the request itself goes on to the handler.
    let mut asked = HeaderMap::new();
    for name in [ACCEPT_LANGUAGE, COOKIE] {
        for value in req.headers().get_all(&name) {
            asked.append(name.clone(), value.clone());
        }
    }
    let response = next.run(req).await;
    if response.extensions().get::<Answered>().is_some()
        || response.status() != StatusCode::SERVICE_UNAVAILABLE
    {
        return response;
    }
    let seconds = limit.timeout.as_secs_f64();
    tracing::warn!(
        path = uri.path(),
        timeout_seconds = seconds,
        "request not answered in time"
    );
    let error = AppError::Unavailable {
        code: "request_timeout",
        message: format!(
            "the server took longer than {seconds} s to answer this request and gave up; \
             please try again"
        ),
    };
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return error.into_response();
    }
    let ctx = guest_context(&asked, &uri, limit.default_language);
    let message = ctx.t("error-request-timeout");
    PageError::with_message(&ctx, error, message).into_response()
}
