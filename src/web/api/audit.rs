//! The audit log, for admins.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::domain::page::Page;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::store::AuditEntry;
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiQuery, require};

/// Every editorial and moderation action, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEntry>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    actor: Actor,
    ApiQuery(params): ApiQuery<PageQuery>,
) -> AppResult<Json<Page<AuditEntry>>> {
    require(&actor, Action::ViewAudit, Ownership::Others)?;
    Ok(Json(state.store.audit_log(params.request()?).await?))
}
