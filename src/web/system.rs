//! Health, metrics, the OpenAPI document and the JSON 404.

use axum::Json;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use crate::error::AppError;

pub async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
}

pub async fn metrics() -> impl IntoResponse {
    let body = crate::metrics::handle()
        .map(|h| h.render())
        .unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}

pub async fn openapi() -> impl IntoResponse {
    Json(super::api::ApiDoc::openapi())
}

pub async fn not_found() -> AppError {
    AppError::NotFound("page")
}
