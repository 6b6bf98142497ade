//! The moderation queue and moderators' decisions.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::domain::comment::{Comment, Moderation, QueueItem};
use crate::domain::page::Page;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody, require};

/// Pending and flagged comments across threads, newest first.
#[utoipa::path(get, path = "/api/v1/moderation/queue", tag = "moderation", params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<QueueItem>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn moderation_queue(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(params): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<QueueItem>>> {
    require(&actor, Action::ViewModerationQueue, Ownership::Others)?;
    Ok(Json(state.store.moderation_queue(params.request()?).await?))
}

/// Approve, reject, mark as spam or delete a comment; resolves its flags.
#[utoipa::path(post, path = "/api/v1/comments/{id}/moderation", tag = "moderation",
    request_body = Moderation, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Comment), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn moderate_comment(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Comment>> {
    Ok(Json(
        state.service.moderate_comment(&actor, &id, body).await?,
    ))
}
