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

/// Unknown addresses: a JSON error under `/api`, a page in the reader's language elsewhere.
pub async fn not_found(
    axum::extract::State(state): axum::extract::State<crate::app::AppState>,
    req: axum::extract::Request,
) -> axum::response::Response {
    if req.uri().path().starts_with("/api/") {
        return AppError::NotFound("page").into_response();
    }
    let (ctx, _, _) = crate::web::session::build_context(&state, req.headers(), req.uri()).await;
    super::pages::PageError::new(&ctx, AppError::NotFound("page")).into_response()
}
