//! Threads over the JSON API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::page::Page;
use crate::domain::thread::{NewThread, Thread, ThreadPatch};
use crate::domain::update::Update;
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::store::PageRequest;
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody};

/// A thread with its most recent updates.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ThreadView {
    #[serde(flatten)]
    pub thread: Thread,
    /// Newest first; page on with `GET /threads/{id}/updates?after=updates_next`.
    pub updates: Vec<Update>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates_next: Option<String>,
}

/// List threads, most recently updated first.
#[utoipa::path(get, path = "/api/v1/threads", tag = "threads", params(PageQuery),
    responses((status = 200, body = Page<Thread>), (status = 422, body = ErrorBody)))]
pub async fn list_threads(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<Thread>>> {
    Ok(Json(state.store.list_threads(params.request()?).await?))
}

/// Open a thread.
#[utoipa::path(post, path = "/api/v1/threads", tag = "threads", request_body = NewThread,
    security(("bearer" = [])),
    responses((status = 201, body = Thread), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "The slug is taken", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_thread(
    State(state): State<AppState>,
    actor: Actor,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Thread>)> {
    let thread = state.service.create_thread(&actor, body).await?;
    Ok((StatusCode::CREATED, Json(thread)))
}

/// Read a thread (by id or slug) with its latest updates.
#[utoipa::path(get, path = "/api/v1/threads/{id}", tag = "threads",
    params(("id" = String, Path, description = "Thread id or slug")),
    responses((status = 200, body = ThreadView), (status = 404, body = ErrorBody)))]
pub async fn get_thread(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<ThreadView>> {
    let thread = state.store.thread(&id).await?;
    let page = PageRequest {
        after: None,
        limit: crate::domain::page::DEFAULT_LIMIT,
    };
    let updates = state.store.list_updates(&thread.id, page).await?;
    Ok(Json(ThreadView {
        thread,
        updates: updates.items,
        updates_next: updates.next,
    }))
}

/// Change a thread's title, lead, language, status or comment policy.
#[utoipa::path(patch, path = "/api/v1/threads/{id}", tag = "threads", request_body = ThreadPatch,
    params(("id" = String, Path, description = "Thread id or slug")),
    security(("bearer" = [])),
    responses((status = 200, body = Thread), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch_thread(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Thread>> {
    Ok(Json(state.service.patch_thread(&actor, &id, body).await?))
}
