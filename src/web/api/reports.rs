//! Reports over the JSON API: submit, read, list with filters, edit with history, verify,
//! strike and moderate.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::ValidationError;
use crate::domain::board::Verification;
use crate::domain::comment::Moderation;
use crate::domain::page::Page;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::report::{
    NewReport, NewReportStrike, NewVerification, Report, ReportFilter, ReportRevision, ReportState,
};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::service::Client;
use crate::store::ReportQueueItem;
use crate::web::api::page::PageQuery;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody, require};

/// Submit a report. Editors' reports publish at once; others wait for a moderator
/// (`state: pending`).
#[utoipa::path(post, path = "/api/v1/threads/{id}/reports", tag = "reports",
    request_body = NewReport, params(("id" = String, Path, description = "Thread id or slug")),
    responses((status = 201, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The thread is closed", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn create_report(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Report>)> {
    let report = state
        .service
        .create_report(&actor, client, &id, body)
        .await?;
    Ok((StatusCode::CREATED, Json(report)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// A source id: reports by it or citing it.
    pub source: Option<String>,
    /// A place id.
    pub place: Option<String>,
    /// `unverified`, `confirmed`, `false` or `retracted`.
    #[param(schema_with = crate::domain::schema::verification_choice)]
    pub status: Option<String>,
    /// `published` (default); moderators may ask for `pending`, `rejected`, `spam`, `deleted`.
    #[param(value_type = Option<ReportState>)]
    pub state: Option<String>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// 1 to 200; 50 when absent.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

impl ReportQuery {
    fn filter(&self, actor: &Actor) -> Result<ReportFilter, AppError> {
        let state = match self.state.as_deref() {
            None => None,
            Some(s) => Some(ReportState::parse(s).ok_or_else(|| {
                ValidationError::new(
                    "state",
                    "must be published, pending, rejected, spam or deleted",
                )
            })?),
        };
        if state.is_some_and(|s| s != ReportState::Published) {
            require(actor, Action::ModerateReport, Ownership::Others)?;
        }
        let status = match self.status.as_deref() {
            None => None,
            Some(s) => match Verification::parse(s) {
                Some(
                    v @ (Verification::Unverified
                    | Verification::Confirmed
                    | Verification::False
                    | Verification::Retracted),
                ) => Some(v),
                _ => {
                    return Err(ValidationError::new(
                        "status",
                        "must be unverified, confirmed, false or retracted",
                    )
                    .into());
                }
            },
        };
        Ok(ReportFilter {
            source: self.source.clone(),
            place: self.place.clone(),
            status,
            state,
        })
    }
}

/// A thread's reports, newest first, filtered by source, place, status or state.
#[utoipa::path(get, path = "/api/v1/threads/{id}/reports", tag = "reports",
    params(("id" = String, Path, description = "Thread id or slug"), ReportQuery),
    responses((status = 200, body = Page<Report>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_reports(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> AppResult<Json<Page<Report>>> {
    let filter = query.filter(&actor)?;
    let page = PageQuery {
        after: query.after,
        limit: query.limit,
    }
    .request()?;
    let thread = state.store.thread(&id).await?;
    Ok(Json(
        state.store.list_reports(&thread.id, filter, page).await?,
    ))
}

/// A report; one waiting for moderation is shown to moderators only.
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", params(("id" = String, Path)),
    responses((status = 200, body = Report), (status = 404, body = ErrorBody)))]
pub async fn get_report(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Report>> {
    let report = state.store.report(&id).await?;
    visible(&actor, &report)?;
    Ok(Json(report))
}

/// Reports not published are for moderators and for whoever submitted them.
fn visible(actor: &Actor, report: &Report) -> Result<(), AppError> {
    if report.visible_to(actor) {
        Ok(())
    } else {
        Err(AppError::NotFound("report"))
    }
}

/// Edit a report (text, source, link, times, places, claims); every version is kept.
#[utoipa::path(patch, path = "/api/v1/reports/{id}", tag = "reports", request_body = NewReport,
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The report is struck or removed", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn edit_report(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Report>> {
    Ok(Json(state.service.edit_report(&actor, &id, body).await?))
}

/// Set a report confirmed, false or retracted (with a note), or back to unverified.
#[utoipa::path(post, path = "/api/v1/reports/{id}/status", tag = "reports",
    request_body = NewVerification, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The report is not published", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn verify_report(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Report>> {
    Ok(Json(state.service.verify_report(&actor, &id, body).await?))
}

/// Strike a report: it stays on record, struck, and leaves the board.
#[utoipa::path(post, path = "/api/v1/reports/{id}/strike", tag = "reports",
    request_body = NewReportStrike, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already struck", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn strike_report(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Report>> {
    Ok(Json(state.service.strike_report(&actor, &id, body).await?))
}

/// Approve, reject, mark as spam or delete a submitted report.
#[utoipa::path(post, path = "/api/v1/reports/{id}/moderation", tag = "reports",
    request_body = Moderation, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already moderated", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn moderate_report(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Report>> {
    Ok(Json(
        state.service.moderate_report(&actor, &id, body).await?,
    ))
}

/// Every version of a report, oldest first.
#[utoipa::path(get, path = "/api/v1/reports/{id}/revisions", tag = "reports",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<ReportRevision>), (status = 404, body = ErrorBody)))]
pub async fn report_revisions(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Vec<ReportRevision>>> {
    let report = state.store.report(&id).await?;
    visible(&actor, &report)?;
    Ok(Json(state.store.report_revisions(&id).await?))
}

/// Submitted reports waiting for a moderator, newest first.
#[utoipa::path(get, path = "/api/v1/moderation/reports", tag = "moderation",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ReportQueueItem>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn report_queue(
    State(state): State<AppState>,
    actor: Actor,
) -> AppResult<Json<Vec<ReportQueueItem>>> {
    require(&actor, Action::ModerateReport, Ownership::Others)?;
    Ok(Json(state.store.report_queue(200).await?))
}
