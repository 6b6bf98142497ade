//! Reports in the browser: the submission form (with its places resolved and shown), the edit
//! form, and the report page with its actions by role (see `page`).

mod check;
mod claims;
mod form;
mod page;
mod problems;
mod revisions;
mod view;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use serde::Deserialize;

use super::login::{require_login, urlencode};
use super::places::Found;
use super::{CsrfForm, OrPage, PageError, PageResult, Refused, allow, describe, render};
use crate::app::AppState;
use crate::domain::indicator::Indicator;
use crate::domain::permissions::Action;
use crate::domain::report::{self, Report, ReportState};
use crate::domain::thread::Thread;
use crate::error::AppError;
use crate::service::Client;
use crate::store::{PageRequest, StoreError};
use crate::web::session::PageCtx;
use claims::{ClaimGroup, groups};
use form::ReportFields;

pub use problems::Problems;

/// Sources listed in the form's select; a registry larger than this is searched at /sources.
const SOURCES_LISTED: u32 = 1_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/reports/new",
            get(new_report_form).post(create_report),
        )
        .route("/r/{id}/edit", get(edit_report_form).post(edit_report))
        .merge(page::routes())
        .merge(revisions::routes())
}

#[derive(Template)]
#[template(path = "report/form.html")]
struct ReportForm<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    /// The report being edited; none for a new one.
    editing: Option<String>,
    f: ReportFields,
    errors: Problems,
    /// A refusal that belongs to no field (a closed thread).
    form_error: Option<String>,
    /// `(id, name)`, by name.
    sources: Vec<(String, String)>,
    /// The claims, one group per indicator.
    groups: Vec<ClaimGroup>,
    found: Vec<Found>,
    guest: bool,
    /// The report will wait for a moderator.
    pending: bool,
    notice: Option<String>,
    /// Whether the places were checked on the reader's request.
    checked: bool,
}

impl ReportForm<'_> {
    fn action(&self) -> String {
        match &self.editing {
            Some(id) => format!("/r/{id}/edit"),
            None => format!("/t/{}/reports/new", self.thread.slug),
        }
    }

    /// The accessibility attributes of a claim row's field (`f-claim-<n>-<part>`), described
    /// by its group's hint.
    fn claim_aria(&self, idx: &str, part: &str, group: &str) -> String {
        let hint = format!("claims-{group}-hint");
        self.errors.described(
            &format!("f-claim-{idx}-{part}"),
            &format!("claim-{idx}-{part}"),
            (part == "value").then_some(hint.as_str()),
        )
    }

    fn claim_error(&self, idx: &str, part: &str) -> Option<&str> {
        self.errors.get(&format!("claim-{idx}-{part}"))
    }

    fn add_source_url(&self) -> String {
        let back = match &self.editing {
            Some(id) => format!("/r/{id}/edit"),
            None => format!("/t/{}/reports/new", self.thread.slug),
        };
        format!("/sources/new?next={}", urlencode(&back))
    }
}

/// What the form needs besides its fields: the registry and the thread's indicators.
async fn choices(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
) -> Result<(Vec<(String, String)>, Vec<Indicator>), PageError> {
    let page = PageRequest {
        after: None,
        limit: SOURCES_LISTED,
    };
    let mut sources: Vec<(String, String)> = state
        .store
        .list_sources(None, page)
        .await
        .or_page(ctx)?
        .items
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    sources.sort_by_cached_key(|(_, name)| name.to_lowercase());
    let indicators = state.store.indicators(&thread.id).await.or_page(ctx)?;
    Ok((sources, indicators))
}

struct FormState {
    thread: Thread,
    editing: Option<String>,
    f: ReportFields,
    errors: Problems,
    form_error: Option<String>,
    found: Vec<Found>,
    notice: Option<String>,
    checked: bool,
}

async fn show_form(
    state: &AppState,
    ctx: &PageCtx,
    s: FormState,
    status: StatusCode,
) -> PageResult {
    let (sources, indicators) = choices(state, ctx, &s.thread).await?;
    let more = s.f.intent.strip_prefix("more:");
    let groups = groups(ctx, &indicators, &s.f.claims, more);
    let pending =
        report::admission(&s.thread, ctx.role()).is_ok_and(|state| state == ReportState::Pending);
    let page = ReportForm {
        ctx,
        guest: ctx.user.is_none(),
        pending: pending && s.editing.is_none(),
        editing: s.editing,
        f: s.f,
        errors: s.errors,
        form_error: s.form_error,
        sources,
        groups,
        found: s.found,
        notice: s.notice,
        checked: s.checked,
        thread: s.thread,
    };
    Ok((status, render(ctx, &page)).into_response())
}

/// Whether this reader may submit a report on this thread: guests only where the thread takes
/// them (others are sent to log in), nobody on a closed thread.
fn may_submit(ctx: &PageCtx, thread: &Thread) -> Result<(), Refused> {
    if ctx.user.is_some() && !ctx.can(Action::SubmitReport) {
        return Err(PageError::new(ctx, AppError::Forbidden(String::new())).into());
    }
    match report::admission(thread, ctx.role()) {
        Ok(_) => Ok(()),
        Err(crate::domain::validation::Refusal::Forbidden(_)) if ctx.user.is_none() => {
            require_login(ctx).map(|_| ()).map_err(Refused::Login)
        }
        Err(refusal) => Err(PageError::new(ctx, StoreError::from(refusal).into()).into()),
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    source: Option<String>,
    done: Option<String>,
}

async fn new_report_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<NewQuery>,
) -> PageResult {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    may_submit(&ctx, &thread)?;
    let f = ReportFields {
        language: thread.language.to_string(),
        source: q.source.unwrap_or_default(),
        ..Default::default()
    };
    let notice = match q.done.as_deref() {
        Some("pending") => Some(ctx.t("report-notice-pending")),
        Some("next") => Some(ctx.t("report-notice-next")),
        _ => None,
    };
    let s = FormState {
        thread,
        editing: None,
        f,
        errors: Problems::default(),
        form_error: None,
        found: Vec::new(),
        notice,
        checked: false,
    };
    show_form(&state, &ctx, s, StatusCode::OK).await
}

/// The outcome of a submitted form: saved, or the form to show again.
enum Submitted {
    Saved(Report),
    Again(FormState, StatusCode),
}

/// Checks the typed report, and saves it unless the reader only asked to check the places.
async fn submit(
    state: &AppState,
    ctx: &PageCtx,
    client: Client,
    thread: Thread,
    editing: Option<String>,
    f: ReportFields,
) -> Result<Submitted, PageError> {
    let indicators = state.store.indicators(&thread.id).await.or_page(ctx)?;
    let checked = check::check(
        state.store.as_ref(),
        ctx,
        &f,
        &indicators,
        ctx.user.is_none(),
    )
    .await
    .or_page(ctx)?;
    let more = f.intent.starts_with("more:");
    let mut again = FormState {
        checked: f.intent == "check",
        thread,
        editing,
        f,
        errors: checked.errors,
        form_error: None,
        found: checked.found,
        notice: None,
    };
    if more {
        // Another row asked for: the form comes back as typed, judged only when sent.
        again.errors = Problems::default();
        return Ok(Submitted::Again(again, StatusCode::OK));
    }
    let Some(input) = checked.input else {
        return Ok(Submitted::Again(again, StatusCode::UNPROCESSABLE_ENTITY));
    };
    if again.checked {
        return Ok(Submitted::Again(again, StatusCode::OK));
    }
    let actor = ctx.actor();
    let saved = match &again.editing {
        Some(id) => state.service.edit_report(&actor, id, Ok(input)).await,
        None => {
            let thread = &again.thread.id;
            state
                .service
                .create_report(&actor, client, thread, Ok(input))
                .await
        }
    };
    match saved {
        Ok(report) => Ok(Submitted::Saved(report)),
        Err(AppError::Invalid(v)) => {
            let (field, message) = check::refusal(ctx, &v.field);
            again.errors.add(field, message);
            Ok(Submitted::Again(again, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e @ AppError::Conflict { .. }) => {
            again.form_error = Some(describe(ctx, &e));
            Ok(Submitted::Again(again, StatusCode::CONFLICT))
        }
        Err(e) => Err(PageError::new(ctx, e)),
    }
}

async fn create_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    may_submit(&ctx, &thread)?;
    let f = ReportFields::from_pairs(&pairs);
    let next = f.intent == "next";
    let slug = thread.slug.clone();
    match submit(&state, &ctx, client, thread, None, f).await? {
        Submitted::Again(s, status) => show_form(&state, &ctx, s, status).await,
        Submitted::Saved(r) if r.state == ReportState::Published && next => Ok(Redirect::to(
            &format!("/t/{slug}/reports/new?done=next&last={}", r.id),
        )
        .into_response()),
        Submitted::Saved(r) if r.state == ReportState::Published => {
            Ok(Redirect::to(&format!("/t/{slug}?done=report#r-{}", r.id)).into_response())
        }
        Submitted::Saved(r) if ctx.user.is_some() => {
            Ok(Redirect::to(&format!("/r/{}?done=pending", r.id)).into_response())
        }
        Submitted::Saved(_) => {
            Ok(Redirect::to(&format!("/t/{slug}/reports/new?done=pending")).into_response())
        }
    }
}

/// A report an editor may change, with its thread.
async fn editable(state: &AppState, ctx: &PageCtx, id: &str) -> Result<(Thread, Report), Refused> {
    allow(ctx, Action::EditReport)?;
    let r = state.store.report(id).await.or_page(ctx)?;
    page::visible(ctx, &r).map_err(|e| PageError::new(ctx, e))?;
    report::check_editable(&r).map_err(|e| PageError::new(ctx, StoreError::from(e).into()))?;
    let thread = state.store.thread(&r.thread_id).await.or_page(ctx)?;
    Ok((thread, r))
}

async fn edit_report_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<NewQuery>,
) -> PageResult {
    let (thread, r) = editable(&state, &ctx, &id).await?;
    let mut f = ReportFields::of(&r);
    if let Some(source) = q.source {
        f.source = source;
    }
    let s = FormState {
        thread,
        editing: Some(r.id.clone()),
        f,
        errors: Problems::default(),
        form_error: None,
        found: Vec::new(),
        notice: None,
        checked: false,
    };
    show_form(&state, &ctx, s, StatusCode::OK).await
}

async fn edit_report(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let (thread, r) = editable(&state, &ctx, &id).await?;
    let f = ReportFields::from_pairs(&pairs);
    match submit(&state, &ctx, client, thread, Some(r.id.clone()), f).await? {
        Submitted::Again(s, status) => show_form(&state, &ctx, s, status).await,
        Submitted::Saved(r) => Ok(Redirect::to(&format!("/r/{}?done=saved", r.id)).into_response()),
    }
}
