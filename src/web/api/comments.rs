//! Comments over the JSON API: list, post, edit, flag.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::comment::{Comment, CommentNode, CommentPatch, Flag, NewComment, NewFlag};
use crate::domain::page::Page;
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::service::Client;
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody};

/// Approved comments, threaded: top-level comments oldest first, each with its replies.
#[utoipa::path(get, path = "/api/v1/threads/{id}/comments", tag = "comments",
    params(("id" = String, Path, description = "Thread id or slug"), PageQuery),
    responses((status = 200, body = Page<CommentNode>), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_comments(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(params): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<CommentNode>>> {
    let page = params.request()?;
    let thread = state.store.thread(&id).await?;
    Ok(Json(state.store.list_comments(&thread.id, page).await?))
}

/// Post a comment; on a premoderated thread it waits for a moderator (`status: pending`).
#[utoipa::path(post, path = "/api/v1/threads/{id}/comments", tag = "comments",
    request_body = NewComment, params(("id" = String, Path, description = "Thread id or slug")),
    responses((status = 201, body = Comment), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The thread or its comments are closed, or slow mode", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn create_comment(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Comment>)> {
    let comment = state
        .service
        .create_comment(&actor, client, &id, body)
        .await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Edit a comment: its author within 15 minutes of posting it.
#[utoipa::path(patch, path = "/api/v1/comments/{id}", tag = "comments", request_body = CommentPatch,
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Comment), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "The edit window is over", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn edit_comment(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Comment>> {
    Ok(Json(state.service.edit_comment(&actor, &id, body).await?))
}

/// Flag a comment for the moderators, with a reason.
#[utoipa::path(post, path = "/api/v1/comments/{id}/flags", tag = "comments", request_body = NewFlag,
    params(("id" = String, Path)),
    responses((status = 201, body = Flag), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already flagged by this account", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn flag_comment(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Flag>)> {
    let flag = state
        .service
        .flag_comment(&actor, client, &id, body)
        .await?;
    Ok((StatusCode::CREATED, Json(flag)))
}
