//! Comments over the JSON API: list, post, edit, flag.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::comment::{self, Comment, CommentNode, CommentPatch, Flag, NewComment, NewFlag};
use crate::domain::page::Page;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, ClientAddr, JsonBody, require};

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
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Comment>)> {
    require(&actor, Action::Comment, Ownership::Own)?;
    let input: NewComment = body.parse()?;
    let draft = input.validate()?;
    let thread = state.store.thread(&id).await?;
    state.limits.check_write(&actor, addr)?;
    state
        .limits
        .check_slow_mode(&thread.id, thread.slow_mode_seconds, &actor, addr)?;
    let change = state
        .store
        .create_comment(&actor, &thread.id, draft)
        .await?;
    state.publish(&change.events);
    Ok((StatusCode::CREATED, Json(change.item)))
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
    if matches!(actor, Actor::Guest) {
        return Err(AppError::auth_required());
    }
    let existing = state.store.comment(&id).await?;
    let own = actor.user_id().is_some() && actor.user_id() == existing.author_id.as_deref();
    let ownership = if own {
        Ownership::Own
    } else {
        Ownership::Others
    };
    require(&actor, Action::EditComment, ownership)?;
    let input: CommentPatch = body.parse()?;
    let text = comment::text(&input.body)?;
    let change = state.store.edit_comment(&actor, &id, text).await?;
    state.publish(&change.events);
    Ok(Json(change.item))
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
    ClientAddr(addr): ClientAddr,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Flag>)> {
    require(&actor, Action::FlagComment, Ownership::Others)?;
    let input: NewFlag = body.parse()?;
    let reason = input.validate()?;
    state.limits.check_write(&actor, addr)?;
    let flag = state.store.flag_comment(&actor, &id, reason).await?;
    Ok((StatusCode::CREATED, Json(flag)))
}
