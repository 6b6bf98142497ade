//! A handler that panics: its request gets a 500 in the one JSON error shape, the panic is
//! logged, and the server goes on answering the others.

use std::any::Any;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;

use crate::error::AppError;

/// What makes the answer to a panic.
pub type PanicAnswer = fn(Box<dyn Any + Send + 'static>) -> Response;

/// The layer `web::build_router` puts around every route.
pub fn layer() -> CatchPanicLayer<PanicAnswer> {
    CatchPanicLayer::custom(answer as PanicAnswer)
}

fn answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request handler panicked");
    // The cause is in the log; the client gets the generic 500.
    let error = AppError::Internal(String::new());
    (StatusCode::INTERNAL_SERVER_ERROR, Json(error.body())).into_response()
}
