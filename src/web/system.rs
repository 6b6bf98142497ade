//! Health, metrics, the OpenAPI document and the JSON 404.

use axum::Json;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use crate::error::AppError;

pub async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
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
    super::pages::PageError::new(&ctx, AppError::NotFound("page")).into_response()
}
