//! The report page: the report with its source, times, places, claims and status, and the
//! forms each role may use on it (edit, strike, verification).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::Problems;
use super::view::{ReportView, verification_name};
use crate::app::AppState;
use crate::domain::board::Verification;
use crate::domain::permissions::Action;
use crate::domain::report::{self, NewReportStrike, NewVerification, Report, ReportState};
use crate::error::AppError;
use crate::web::pages::{CsrfForm, OrPage, PageError, PageResult, allow, describe, render};
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/r/{id}", get(report_page))
        .route("/r/{id}/strike", post(strike_report))
        .route("/r/{id}/status", post(verify_report))
}

/// Reports not published are for moderators and for whoever submitted them.
pub fn visible(ctx: &PageCtx, r: &Report) -> Result<(), AppError> {
    if r.visible_to(&ctx.actor()) {
        Ok(())
    } else {
        Err(AppError::NotFound("report"))
    }
}

/// The forms of the page, each with what was typed and its problems when shown again.
#[derive(Default)]
pub struct Actions {
    pub edit: bool,
    pub strike: bool,
    pub verify: bool,
    pub moderate: bool,
    pub reason: String,
    pub strike_errors: Problems,
    pub status: String,
    pub note: String,
    pub verify_errors: Problems,
    /// A refusal of the report's state (already struck, not published).
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "report/page.html")]
struct ReportPage<'a> {
    ctx: &'a PageCtx,
    thread_slug: String,
    thread_title: String,
    thread_lang: String,
    r: ReportView,
    a: Actions,
    notice: Option<String>,
    /// The statuses a moderator may set: `(value, words)`.
    statuses: Vec<(&'static str, String)>,
    /// What replaced each claim, and the editor's form to mark one superseded.
    marks: crate::web::pages::board::supersede::Marks,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The report at this address, if this reader may see it.
pub async fn visible_report(
    state: &AppState,
    ctx: &PageCtx,
    id: &str,
) -> Result<Report, PageError> {
    let r = state.store.report(id).await.or_page(ctx)?;
    visible(ctx, &r).map_err(|e| PageError::new(ctx, e))?;
    Ok(r)
}

async fn show(
    state: &AppState,
    ctx: &PageCtx,
    r: &Report,
    mut a: Actions,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let thread = state.store.thread(&r.thread_id).await.or_page(ctx)?;
    let indicators = state.store.indicators(&thread.id).await.or_page(ctx)?;
    let editable = report::check_editable(r).is_ok();
    a.edit = editable && ctx.can(Action::EditReport);
    a.strike = editable && ctx.can(Action::StrikeReport);
    a.verify = r.state == ReportState::Published && ctx.can(Action::VerifyReport);
    a.moderate = r.state == ReportState::Pending && ctx.can(Action::ModerateReport);
    if a.status.is_empty() {
        a.status = match r.verification {
            v @ (Verification::Confirmed | Verification::False | Verification::Retracted) => {
                v.as_str().to_owned()
            }
            _ => "unverified".to_owned(),
        };
    }
    let statuses = [
        Verification::Unverified,
        Verification::Confirmed,
        Verification::False,
        Verification::Retracted,
    ]
    .into_iter()
    .map(|v| (v.as_str(), verification_name(ctx, v)))
    .collect();
    let marks = crate::web::pages::board::supersede::marks(state, ctx, r, &thread).await?;
    let page = ReportPage {
        ctx,
        thread_slug: thread.slug,
        thread_title: thread.title,
        thread_lang: thread.language.to_string(),
        r: ReportView::of(ctx, r, &indicators),
        a,
        notice,
        statuses,
        marks,
    };
    Ok((status, render(ctx, &page)).into_response())
}

async fn report_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let r = visible_report(&state, &ctx, &id).await?;
    let notice = match q.done.as_deref() {
        Some("pending") => Some(ctx.t("report-notice-pending")),
        Some("saved") => Some(ctx.t("report-notice-saved")),
        Some("struck") => Some(ctx.t("report-notice-struck")),
        Some("verified") => Some(ctx.t("report-notice-verified")),
        Some("superseded") => Some(ctx.t("evidence-supersede-done")),
        _ => None,
    };
    show(&state, &ctx, &r, Actions::default(), notice, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct StrikeFields {
    #[serde(default)]
    reason: String,
}

async fn strike_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<StrikeFields>,
) -> PageResult {
    allow(&ctx, Action::StrikeReport)?;
    let r = visible_report(&state, &ctx, &id).await?;
    let input = NewReportStrike {
        reason: f.reason.clone(),
    };
    let struck = state
        .service
        .strike_report(&ctx.actor(), &r.id, Ok(input))
        .await;
    let mut a = Actions {
        reason: f.reason,
        ..Default::default()
    };
    let status = match struck {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/r/{}?done=struck", r.id)).into_response());
        }
        Err(AppError::Invalid(_)) => {
            a.strike_errors.add("reason", ctx.t("report-error-reason"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e @ AppError::Conflict { .. }) => {
            a.error = Some(describe_conflict(&ctx, &e));
            StatusCode::CONFLICT
        }
        Err(e) => return Err(PageError::new(&ctx, e).into()),
    };
    Ok(show(&state, &ctx, &r, a, None, status).await?)
}

/// A refusal of the report's state in words.
fn describe_conflict(ctx: &PageCtx, e: &AppError) -> String {
    match e {
        AppError::Conflict {
            code: "report_struck",
            ..
        } => ctx.t("report-conflict-struck"),
        AppError::Conflict {
            code: "report_removed",
            ..
        } => ctx.t("report-conflict-removed"),
        AppError::Conflict {
            code: "not_published",
            ..
        } => ctx.t("report-conflict-not-published"),
        other => describe(ctx, other),
    }
}

#[derive(Deserialize)]
pub struct VerifyFields {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
}

async fn verify_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<VerifyFields>,
) -> PageResult {
    allow(&ctx, Action::VerifyReport)?;
    let r = visible_report(&state, &ctx, &id).await?;
    let needs_note = matches!(f.status.trim(), "false" | "retracted") && f.note.trim().is_empty();
    let input = NewVerification {
        status: f.status.clone(),
        note: Some(f.note.clone()),
    };
    let verified = state
        .service
        .verify_report(&ctx.actor(), &r.id, Ok(input))
        .await;
    let mut a = Actions {
        status: f.status,
        note: f.note,
        ..Default::default()
    };
    let status = match verified {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/r/{}?done=verified", r.id)).into_response());
        }
        Err(AppError::Invalid(v)) if v.field == "note" => {
            let message = if needs_note {
                ctx.t("report-error-note-needed")
            } else {
                ctx.t("report-error-note")
            };
            a.verify_errors.add("note", message);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::Invalid(_)) => {
            a.verify_errors.add("status", ctx.t("report-error-status"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e @ AppError::Conflict { .. }) => {
            a.error = Some(describe_conflict(&ctx, &e));
            StatusCode::CONFLICT
        }
        Err(e) => return Err(PageError::new(&ctx, e).into()),
    };
    Ok(show(&state, &ctx, &r, a, None, status).await?)
}
