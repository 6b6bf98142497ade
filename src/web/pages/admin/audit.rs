//! The audit log: who changed what, newest first.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::super::{OrPage, PageError, render};
use super::{admin_page, html_time, query};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::error::AppError;
use crate::store::{AuditEntry, PageRequest, StoreError};
use crate::web::session::PageCtx;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/audit", get(audit))
}

/// Audit entries on one page.
const AUDIT_PAGE: u32 = 50;

struct AuditRow {
    at: String,
    at_iso: String,
    who: String,
    action: String,
    action_code: String,
    target_kind: String,
    target_id: String,
    target_name: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    ctx: &'a PageCtx,
    rows: Vec<AuditRow>,
    next: Option<String>,
    is_first: bool,
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    after: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    if let Err(refused) = admin_page(&ctx, Action::ViewAudit) {
        return Ok(refused.answer(&ctx));
    }
    let q: AuditQuery = query(raw.as_deref());
    let after = q.after.filter(|a| !a.is_empty());
    let is_first = after.is_none();
    let request = PageRequest {
        after,
        limit: AUDIT_PAGE,
    };
    let page = match state.store.audit_log(request).await {
        Ok(page) => page,
        Err(StoreError::Invalid(_)) => {
            let message = ctx.t("admin-audit-bad-cursor");
            let error = AppError::BadRequest {
                code: "bad_cursor",
                message: message.clone(),
            };
            return Err(PageError::with_message(&ctx, error, message));
        }
        Err(e) => return Err(PageError::new(&ctx, e.into())),
    };
    let names: HashMap<String, String> = state
        .store
        .list_users()
        .await
        .or_page(&ctx)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let rows = page
        .items
        .into_iter()
        .map(|e| audit_row(&ctx, &names, e))
        .collect();
    let page = AuditPage {
        ctx: &ctx,
        rows,
        next: page.next,
        is_first,
    };
    Ok(render(&ctx, &page))
}

fn audit_row(ctx: &PageCtx, names: &HashMap<String, String>, e: AuditEntry) -> AuditRow {
    let who = match (&e.actor_id, e.actor_name.as_str()) {
        (None, "system") => ctx.t("admin-audit-actor-system"),
        (None, "guest") => ctx.t("admin-audit-actor-guest"),
        _ => e.actor_name.clone(),
    };
    let now_disabled = e
        .after
        .as_ref()
        .and_then(|a| a.get("disabled"))
        .and_then(serde_json::Value::as_bool);
    let action = match (e.action.as_str(), now_disabled) {
        ("user.create", _) => ctx.t("admin-action-user-create"),
        ("user.set_role", _) => ctx.t("admin-action-user-set-role"),
        ("user.set_disabled", Some(true)) => ctx.t("admin-action-user-disable"),
        ("user.set_disabled", _) => ctx.t("admin-action-user-enable"),
        ("user.set_password", _) => ctx.t("admin-action-user-set-password"),
        ("token.create", _) => ctx.t("admin-action-token-create"),
        ("token.revoke", _) => ctx.t("admin-action-token-revoke"),
        ("thread.create", _) => ctx.t("admin-action-thread-create"),
        ("thread.edit", _) => ctx.t("admin-action-thread-edit"),
        ("update.post", _) => ctx.t("admin-action-update-post"),
        ("update.edit", _) => ctx.t("admin-action-update-edit"),
        ("update.strike", _) => ctx.t("admin-action-update-strike"),
        ("comment.edit", _) => ctx.t("admin-action-comment-edit"),
        ("comment.moderate", _) => ctx.t("admin-action-comment-moderate"),
        (other, _) => other.to_owned(),
    };
    let target_kind = match e.target_kind.as_str() {
        "user" => ctx.t("admin-kind-user"),
        "token" => ctx.t("admin-kind-token"),
        "thread" => ctx.t("admin-kind-thread"),
        "update" => ctx.t("admin-kind-update"),
        "comment" => ctx.t("admin-kind-comment"),
        other => other.to_owned(),
    };
    let target_name = (e.target_kind == "user")
        .then(|| names.get(&e.target_id).cloned())
        .flatten();
    let pretty = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string()))
    };
    AuditRow {
        at: ctx.i18n.datetime(&e.at),
        at_iso: html_time(&e.at),
        who,
        action,
        before: pretty(&e.before),
        after: pretty(&e.after),
        action_code: e.action,
        target_kind,
        target_id: e.target_id,
        target_name,
    }
}
