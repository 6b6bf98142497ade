//! Deciding: one comment, a selection of them, or a submitted report.

use std::collections::BTreeSet;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::super::login::urlencode;
use super::super::{CsrfForm, OrPage, PageError};
use super::queue::{QueueView, show_queue};
use super::{MAX_BULK, action_code, field, moderator, parse_action};
use crate::app::AppState;
use crate::domain::ValidationError;
use crate::domain::comment::{Moderation, ModerationAction};
use crate::domain::permissions::Action;
use crate::domain::user::User;
use crate::store::StoreError;
use crate::web::session::PageCtx;

/// Back to the queue page the moderator was on, saying what was done.
fn done_redirect(action: ModerationAction, count: Option<usize>, after: Option<&str>) -> Response {
    let mut url = format!("/moderation?done={}", action_code(action));
    if let Some(n) = count {
        url.push_str(&format!("&n={n}"));
    }
    if let Some(a) = after {
        url.push_str(&format!("&after={}", urlencode(a)));
    }
    Redirect::to(&url).into_response()
}

fn invalid_message(ctx: &PageCtx, v: &ValidationError) -> String {
    ctx.i18n.ts(
        "error-invalid-field",
        "field",
        &ctx.t(&format!("field-{}", v.field)),
    )
}

/// A moderation from the form's fields; an empty note is no note.
fn moderation(
    ctx: &PageCtx,
    action: Option<&str>,
    note: Option<&str>,
) -> Result<Moderation, String> {
    let action = action
        .and_then(parse_action)
        .ok_or_else(|| ctx.t("moderation-error-action"))?;
    let note = note.filter(|n| !n.trim().is_empty());
    Moderation::new(action, note).map_err(|v| invalid_message(ctx, &v))
}

#[derive(Deserialize)]
pub struct OneForm {
    action: Option<String>,
    note: Option<String>,
    after: Option<String>,
}

pub async fn moderate_one(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OneForm>,
) -> Result<Response, PageError> {
    let user = match moderator(&ctx, Action::ModerateComment) {
        Ok(user) => user,
        Err(refusal) => return Ok(*refusal),
    };
    let after = form.after.filter(|a| !a.is_empty());
    let moderation = match moderation(&ctx, form.action.as_deref(), form.note.as_deref()) {
        Ok(m) => m,
        Err(message) => return refuse(&state, &ctx, &user, after, message).await,
    };
    let action = moderation.action();
    state
        .service
        .moderate_comment(&ctx.actor(), &id, Ok(moderation))
        .await
        .or_page(&ctx)?;
    Ok(done_redirect(action, None, after.as_deref()))
}

/// Approve, reject, mark as spam or delete a submitted report.
pub async fn moderate_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OneForm>,
) -> Result<Response, PageError> {
    let user = match moderator(&ctx, Action::ModerateReport) {
        Ok(user) => user,
        Err(refusal) => return Ok(*refusal),
    };
    let moderation = match moderation(&ctx, form.action.as_deref(), form.note.as_deref()) {
        Ok(m) => m,
        Err(message) => return refuse(&state, &ctx, &user, None, message).await,
    };
    let action = moderation.action();
    state
        .service
        .moderate_report(&ctx.actor(), &id, Ok(moderation))
        .await
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!(
        "/moderation?done={}&what=report",
        action_code(action)
    ))
    .into_response())
}

/// The queue again, with what was wrong; nothing was changed.
async fn refuse(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    after: Option<String>,
    message: String,
) -> Result<Response, PageError> {
    let view = QueueView {
        after,
        notice: None,
        error: Some(message),
    };
    show_queue(state, ctx, user, view, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The bulk form repeats `ids`, which a struct cannot collect: its fields arrive as pairs.
pub async fn moderate_selected(
    State(state): State<AppState>,
    ctx: PageCtx,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let user = match moderator(&ctx, Action::ModerateComment) {
        Ok(user) => user,
        Err(refusal) => return Ok(*refusal),
    };
    let after = field(&fields, "after").map(str::to_owned);
    let moderation = match moderation(&ctx, field(&fields, "action"), field(&fields, "note")) {
        Ok(m) => m,
        Err(message) => return refuse(&state, &ctx, &user, after, message).await,
    };
    let mut seen = BTreeSet::new();
    let ids: Vec<&str> = fields
        .iter()
        .filter(|(k, v)| k == "ids" && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .filter(|v| seen.insert(*v))
        .collect();
    if ids.is_empty() {
        let message = ctx.t("moderation-error-no-selection");
        return refuse(&state, &ctx, &user, after, message).await;
    }
    if ids.len() > MAX_BULK {
        let limit = i64::try_from(MAX_BULK).unwrap_or(i64::MAX);
        let message = ctx.i18n.tn("moderation-error-too-many", "count", limit);
        return refuse(&state, &ctx, &user, after, message).await;
    }
    // Every selected comment must exist before any is changed: a stale page changes nothing
    // rather than half of what was selected.
    for id in &ids {
        match state.store.comment(id).await {
            Ok(_) => {}
            Err(StoreError::NotFound(_)) => {
                let message = ctx.t("moderation-error-gone");
                return refuse(&state, &ctx, &user, after, message).await;
            }
            Err(e) => return Err(PageError::new(&ctx, e.into())),
        }
    }
    let actor = ctx.actor();
    let action = moderation.action();
    for id in &ids {
        state
            .service
            .moderate_comment(&actor, id, Ok(moderation.clone()))
            .await
            .or_page(&ctx)?;
    }
    Ok(done_redirect(action, Some(ids.len()), after.as_deref()))
}
