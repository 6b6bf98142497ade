//! The moderation queue page: pending and flagged comments, decided one by one or in bulk, with
//! each moderator's items claimed for a while so two moderators do not review the same comment.

mod decide;
mod queue;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::login::{forbidden, require_login};
use crate::app::AppState;
use crate::domain::comment::ModerationAction;
use crate::domain::permissions::Action;
use crate::domain::user::User;
use crate::web::session::PageCtx;

/// Items on one page of the queue.
const SHOWN: u32 = 50;
/// More than a page holds, fewer than a hand-made body could carry.
const MAX_BULK: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation", get(queue::queue))
        .route("/moderation/bulk", post(decide::moderate_selected))
        .route("/moderation/{id}", post(decide::moderate_one))
        .route("/moderation/reports/{id}", post(decide::moderate_report))
}

/// Fields of the query string; parsed leniently so odd links never fail the page.
fn query_params(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

/// The account allowed to do `action` here; a guest is sent to log in, other roles get a 403.
fn moderator(ctx: &PageCtx, action: Action) -> Result<User, Box<Response>> {
    // After logging in, the queue itself: its POST addresses cannot be opened as pages.
    let back = PageCtx {
        path: "/moderation".to_owned(),
        ..ctx.clone()
    };
    let user = require_login(&back).map_err(|to_login| Box::new(to_login.into_response()))?;
    if !ctx.can(action) {
        return Err(Box::new(forbidden(ctx)));
    }
    Ok(user.clone())
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn parse_action(s: &str) -> Option<ModerationAction> {
    match s {
        "approve" => Some(ModerationAction::Approve),
        "reject" => Some(ModerationAction::Reject),
        "spam" => Some(ModerationAction::Spam),
        "delete" => Some(ModerationAction::Delete),
        _ => None,
    }
}

fn action_code(action: ModerationAction) -> &'static str {
    match action {
        ModerationAction::Approve => "approve",
        ModerationAction::Reject => "reject",
        ModerationAction::Spam => "spam",
        ModerationAction::Delete => "delete",
    }
}
