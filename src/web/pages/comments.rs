//! Comments from the thread page: write, reply, flag, and moderate in place.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde::Deserialize;

use super::thread::{CommentForm, Composer, ThreadQuery, build};
use super::views::CommentView;
use super::{CsrfForm, OrPage, PageError, PageResult, Refused, allow, describe, render};
use crate::app::AppState;
use crate::domain::comment::{
    CommentNode, CommentStatus, Moderation, ModerationAction, NewComment, NewFlag,
};
use crate::domain::permissions::Action;
use crate::domain::thread::Thread;
use crate::error::AppError;
use crate::service::Client;
use crate::store::StoreError;
use crate::web::pending;
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/comments", post(create_comment))
        .route("/c/{id}/flag", get(flag_form).post(flag_comment))
        .route("/c/{id}/moderate", post(moderate_comment))
}

#[derive(Deserialize)]
pub struct CommentFields {
    #[serde(default)]
    body: String,
    #[serde(default)]
    author_name: String,
    #[serde(default)]
    parent_id: String,
}

async fn create_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    headers: HeaderMap,
    Path(slug): Path<String>,
    CsrfForm(f): CsrfForm<CommentFields>,
) -> PageResult {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let actor = ctx.actor();
    let input = NewComment {
        body: f.body.clone(),
        parent_id: Some(f.parent_id.trim().to_owned()).filter(|p| !p.is_empty()),
        author_name: Some(f.author_name.trim().to_owned()).filter(|n| !n.is_empty()),
    };
    let posted = state
        .service
        .create_comment(&actor, client, &thread.id, Ok(input))
        .await;
    match posted {
        // A waiting comment stays in sight of its writer: their browser remembers it, and the
        // page opens at the notice beside the form, where they just were.
        Ok(c) if c.status == CommentStatus::Pending => {
            let to = format!("/t/{}?done=pending#yours", thread.slug);
            let mut response = Redirect::to(&to).into_response();
            pending::remember(
                &mut response,
                &headers,
                &c.id,
                state.config.secure_cookies(),
            );
            Ok(response)
        }
        Ok(c) => {
            let to = format!("/t/{}?done=published#c-{}", thread.slug, c.id);
            Ok(Redirect::to(&to).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. } | AppError::Forbidden(_))) => {
            let status = e.status();
            let form = CommentForm {
                guest: ctx.user.is_none(),
                parent_id: f.parent_id,
                premoderated: false,
                body: f.body,
                author_name: f.author_name,
                error: Some(describe(&ctx, &e)),
            };
            let q = ThreadQuery {
                pending: pending::own_pending(&headers),
                ..ThreadQuery::default()
            };
            let page = build(&state, &ctx, thread, &q, Composer::default(), Some(form)).await?;
            Ok((status, render(&ctx, &page)).into_response())
        }
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}

/// Those of this browser's waiting comments that are on this thread and still wait; the
/// others (approved, rejected, gone) drop out of the list.
pub async fn waiting(
    state: &AppState,
    ctx: &PageCtx,
    thread_id: &str,
    ids: &[String],
) -> Result<Vec<CommentView>, PageError> {
    let mut out = Vec::new();
    for id in ids {
        // A comment deleted since is simply no longer waiting; any other failure is the page's.
        let c = match state.store.comment(id).await {
            Ok(c) => c,
            Err(StoreError::NotFound(_)) => continue,
            Err(e) => return Err(PageError::new(ctx, e.into())),
        };
        if c.thread_id == thread_id && c.status == CommentStatus::Pending {
            let node = CommentNode {
                comment: c,
                replies: Vec::new(),
            };
            let mut view = CommentView::of(&node, &ctx.i18n);
            // Waiting is not removed: its writer sees its text.
            view.removed = false;
            out.push(view);
        }
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "thread/flag.html")]
struct FlagPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    comment_id: String,
    author: String,
    body_html: String,
    error: Option<String>,
}

/// The flag form of a visible comment (comment ids are unique across threads).
async fn flag_page(state: &AppState, ctx: &PageCtx, id: &str, error: Option<String>) -> PageResult {
    let comment = state.store.comment(id).await.or_page(ctx)?;
    if comment.status != CommentStatus::Approved {
        return Err(PageError::new(ctx, AppError::NotFound("comment")).into());
    }
    let thread = state.store.thread(&comment.thread_id).await.or_page(ctx)?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = FlagPage {
        ctx,
        thread,
        comment_id: comment.id,
        author: comment.author.name,
        body_html: comment.body_html,
        error,
    };
    Ok((status, render(ctx, &page)).into_response())
}

async fn flag_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> PageResult {
    flag_page(&state, &ctx, &id, None).await
}

#[derive(Deserialize)]
pub struct FlagFields {
    #[serde(default)]
    reason: String,
}

async fn flag_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<FlagFields>,
) -> PageResult {
    let actor = ctx.actor();
    let flagged = state
        .service
        .flag_comment(&actor, client, &id, Ok(NewFlag { reason: f.reason }))
        .await;
    match flagged {
        Ok(flag) => {
            let thread_slug = thread_slug_of(&state, &ctx, &flag.comment_id).await?;
            Ok(Redirect::to(&format!("/t/{thread_slug}?done=flagged#c-{id}")).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            flag_page(&state, &ctx, &id, Some(describe(&ctx, &e))).await
        }
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}

async fn thread_slug_of(
    state: &AppState,
    ctx: &PageCtx,
    comment_id: &str,
) -> Result<String, Refused> {
    let comment = state.store.comment(comment_id).await.or_page(ctx)?;
    Ok(state
        .store
        .thread(&comment.thread_id)
        .await
        .or_page(ctx)?
        .slug)
}

#[derive(Deserialize)]
pub struct ModerateFields {
    action: String,
}

async fn moderate_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ModerateFields>,
) -> PageResult {
    allow(&ctx, Action::ModerateComment)?;
    let action = match f.action.as_str() {
        "approve" => ModerationAction::Approve,
        "reject" => ModerationAction::Reject,
        "spam" => ModerationAction::Spam,
        "delete" => ModerationAction::Delete,
        _ => {
            let bad = AppError::BadRequest {
                code: "bad_form",
                message: String::new(),
            };
            return Err(PageError::new(&ctx, bad).into());
        }
    };
    let moderation = Moderation::new(action, None).map_err(AppError::from);
    state
        .service
        .moderate_comment(&ctx.actor(), &id, moderation)
        .await
        .or_page(&ctx)?;
    let slug = thread_slug_of(&state, &ctx, &id).await?;
    Ok(Redirect::to(&format!("/t/{slug}?done=moderated#comments")).into_response())
}
