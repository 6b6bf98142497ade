//! Health, readiness, metrics, the OpenAPI document and the JSON 404.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::app::AppState;
use crate::error::AppError;
use crate::store::StorageReport;

/// The storage part of a health answer: its state and, while it fails, why and since when.
fn storage_fields(body: &mut Value, storage: &StorageReport) {
    body["storage"] = json!(storage.state.as_str());
    if let Some(reason) = &storage.reason {
        body["storage_reason"] = json!(reason);
    }
    if let Some(since) = &storage.since {
        body["storage_since"] = json!(crate::domain::time::iso(since));
    }
}

/// Liveness: 200 while the process answers, whatever the storage does (restarting would not
/// free a disk), with what the last writes said about the storage.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = json!({ "status": "ok" });
    storage_fields(&mut body, &state.store.storage());
    Json(body)
}

/// Readiness for load balancers: 503 while writes cannot commit. After a storage fault each
/// call (at most one a second) tries a tiny real write, so it turns 200 as soon as the storage
/// takes writes again.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let storage = state.store.check_storage().await;
    if storage.is_ok() {
        let mut body = json!({ "status": "ready" });
        storage_fields(&mut body, &storage);
        return Json(body).into_response();
    }
    let refusal = AppError::StorageUnavailable(storage.reason.clone().unwrap_or_default());
    let mut body = json!({ "status": "not_ready", "error": refusal.body().error });
    storage_fields(&mut body, &storage);
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
    crate::error::set_retry_after(&mut response, refusal.retry_after());
    response
}

/// `/metrics` on the public listener: only with `--metrics-token`, to that bearer token. Without
/// it the address does not exist here (`--metrics-bind` serves it on a separate listener).
pub async fn metrics(
    axum::extract::State(state): axum::extract::State<crate::app::AppState>,
    headers: axum::http::HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let Some(token) = &state.config.metrics_token else {
        return Err(AppError::NotFound("page"));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| token.matches(g.trim())) {
        return Err(AppError::Unauthorized(
            "metrics need `Authorization: Bearer <metrics token>`".into(),
        ));
    }
    Ok((
        [(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        crate::metrics::render(),
    ))
}

pub async fn openapi() -> impl IntoResponse {
    Json(super::api::ApiDoc::openapi())
}

/// Unknown addresses: a JSON error under `/api`, a page in the reader's language elsewhere.
pub async fn not_found(
    axum::extract::State(state): axum::extract::State<crate::app::AppState>,
    req: axum::extract::Request,
) -> axum::response::Response {
    if req.uri().path().starts_with("/api/") {
        return AppError::NotFound("page").into_response();
    }
    let (ctx, _, _) = crate::web::session::build_context(&state, req.headers(), req.uri()).await;
    super::page_error::PageError::new(&ctx, AppError::NotFound("page")).into_response()
}
