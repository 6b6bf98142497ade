//! Updates over the JSON API: post, page through, edit with history, strike.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::page::Page;
use crate::domain::update::{NewStrike, NewUpdate, Revision, Update, UpdatePatch};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody};

/// Post an update to a thread.
#[utoipa::path(post, path = "/api/v1/threads/{id}/updates", tag = "updates",
    request_body = NewUpdate, params(("id" = String, Path, description = "Thread id or slug")),
    security(("bearer" = [])),
    responses((status = 201, body = Update), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn post_update(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Update>)> {
    let update = state.service.post_update(&actor, &id, body).await?;
    Ok((StatusCode::CREATED, Json(update)))
}

/// A thread's updates, newest first.
#[utoipa::path(get, path = "/api/v1/threads/{id}/updates", tag = "updates",
    params(("id" = String, Path, description = "Thread id or slug"), PageQuery),
    responses((status = 200, body = Page<Update>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_updates(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(params): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<Update>>> {
    let page = params.request()?;
    let thread = state.store.thread(&id).await?;
    Ok(Json(state.store.list_updates(&thread.id, page).await?))
}

/// Edit an update; the earlier text stays in its revisions.
#[utoipa::path(patch, path = "/api/v1/updates/{id}", tag = "updates", request_body = UpdatePatch,
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Update), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "The update is struck", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn edit_update(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Update>> {
    Ok(Json(state.service.edit_update(&actor, &id, body).await?))
}

/// Strike an update, with a reason and optionally the update that corrects it.
#[utoipa::path(post, path = "/api/v1/updates/{id}/strike", tag = "updates", request_body = NewStrike,
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Update), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Already struck", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn strike_update(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Update>> {
    Ok(Json(state.service.strike_update(&actor, &id, body).await?))
}

/// Every version of an update, oldest first.
#[utoipa::path(get, path = "/api/v1/updates/{id}/revisions", tag = "updates",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<Revision>), (status = 404, body = ErrorBody)))]
pub async fn update_revisions(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Vec<Revision>>> {
    Ok(Json(state.store.update_revisions(&id).await?))
}
