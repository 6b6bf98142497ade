//! A thread's indicators over the JSON API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::indicator::{Indicator, IndicatorPatch, NewIndicator};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::web::extract::{ApiPath, JsonBody};

/// A thread's indicators, in display order.
#[utoipa::path(get, path = "/api/v1/threads/{id}/indicators", tag = "board",
    params(("id" = String, Path, description = "Thread id or slug")),
    responses((status = 200, body = Vec<Indicator>), (status = 404, body = ErrorBody)))]
pub async fn list_indicators(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Vec<Indicator>>> {
    let thread = state.store.thread(&id).await?;
    Ok(Json(state.store.indicators(&thread.id).await?))
}

/// Define an indicator of the thread's board.
#[utoipa::path(post, path = "/api/v1/threads/{id}/indicators", tag = "board",
    request_body = NewIndicator, params(("id" = String, Path, description = "Thread id or slug")),
    security(("bearer" = [])),
    responses((status = 201, body = Indicator), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The key is taken in this thread", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_indicator(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Indicator>)> {
    let created = state.service.create_indicator(&actor, &id, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Relabel, recolour or reorder an indicator; its key, kind and scope stay.
#[utoipa::path(patch, path = "/api/v1/indicators/{id}", tag = "board",
    request_body = IndicatorPatch, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Indicator), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch_indicator(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Indicator>> {
    Ok(Json(
        state.service.patch_indicator(&actor, &id, body).await?,
    ))
}
