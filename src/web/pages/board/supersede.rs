//! The editor's mark that a claim is superseded, on the report page: each claim with what
//! replaced it, and for editors a small form per claim choosing a later report or update of
//! the thread (no script needed).

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use serde::Deserialize;

use super::evidence::ReplacedBy;
use crate::app::AppState;
use crate::domain::board::{NewSupersession, SupersededBy};
use crate::domain::permissions::Action;
use crate::domain::report::{Report, ReportFilter, ReportState};
use crate::domain::thread::Thread;
use crate::error::AppError;
use crate::store::PageRequest;
use crate::web::pages::{CsrfForm, OrPage, PageError, PageResult, allow};
use crate::web::session::PageCtx;

/// How many of the thread's newest updates and reports the form offers.
const CHOICES: u32 = 30;

pub fn routes() -> Router<AppState> {
    Router::new().route("/r/{id}/claims/{claim}/supersession", post(supersede_claim))
}

/// One claim of the report: its id, what replaced it, the form's current choice.
pub struct MarkRow {
    pub id: String,
    pub replaced: Option<ReplacedBy>,
    pub chosen: String,
}

/// The claims' marks and, for an editor, the choices of the form.
#[derive(Default)]
pub struct Marks {
    pub rows: Vec<MarkRow>,
    pub can_mark: bool,
    /// `(form value, words)`: the thread's newest updates and other published reports.
    pub choices: Vec<(String, String)>,
    pub slug: String,
}

impl Marks {
    /// The mark of the claim at `index` in the report's order.
    pub fn row(&self, index: &usize) -> Option<&MarkRow> {
        self.rows.get(*index)
    }
}

fn excerpt(text: &str) -> String {
    let plain = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = plain.chars().take(60).collect();
    if plain.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// What the report page shows of the claims' marks, and the form's choices for an editor.
pub async fn marks(
    state: &AppState,
    ctx: &PageCtx,
    r: &Report,
    thread: &Thread,
) -> Result<Marks, PageError> {
    let rows = r
        .claims
        .iter()
        .map(|c| MarkRow {
            id: c.id.clone(),
            replaced: c
                .superseded_by
                .as_ref()
                .map(|by| ReplacedBy::marked(&ctx.i18n, by)),
            chosen: c
                .superseded_by
                .as_ref()
                .map(SupersededBy::form_value)
                .unwrap_or_default(),
        })
        .collect();
    let can_mark = ctx.can(Action::EditReport)
        && r.state == ReportState::Published
        && r.struck.is_none()
        && !r.claims.is_empty();
    let mut choices = Vec::new();
    if can_mark {
        let page = PageRequest {
            after: None,
            limit: CHOICES,
        };
        let updates = state.store.list_updates(&thread.id, page.clone()).await;
        for u in updates.or_page(ctx)?.items {
            let time = ctx.i18n.datetime(&u.created_at);
            let words = ctx.i18n.with_args(
                "evidence-supersede-update",
                [("time", time.into()), ("text", excerpt(&u.body).into())],
            );
            choices.push((SupersededBy::update(&u.id).form_value(), words));
        }
        let reports = state
            .store
            .list_reports(&thread.id, ReportFilter::default(), page)
            .await;
        for other in reports.or_page(ctx)?.items {
            if other.id == r.id || other.struck.is_some() {
                continue;
            }
            let time = ctx.i18n.datetime(&other.stated_at);
            let words = ctx.i18n.with_args(
                "evidence-supersede-report",
                [
                    ("source", other.source.name.clone().into()),
                    ("time", time.into()),
                ],
            );
            choices.push((SupersededBy::report(&other.id).form_value(), words));
        }
    }
    Ok(Marks {
        rows,
        can_mark,
        choices,
        slug: thread.slug.clone(),
    })
}

#[derive(Deserialize)]
pub struct MarkFields {
    /// `report:ID`, `update:ID`, or empty to clear the mark.
    #[serde(default)]
    by: String,
}

async fn supersede_claim(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, claim)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<MarkFields>,
) -> PageResult {
    allow(&ctx, Action::EditReport)?;
    let r = state.store.report(&id).await.or_page(&ctx)?;
    if !r.visible_to(&ctx.actor()) || !r.claims.iter().any(|c| c.id == claim) {
        return Err(PageError::new(&ctx, AppError::NotFound("claim")).into());
    }
    let by = match f.by.trim() {
        "" => None,
        value => Some(SupersededBy::from_form(value).ok_or_else(|| {
            PageError::new(
                &ctx,
                AppError::BadRequest {
                    code: "bad_superseding",
                    message: "not a report or an update of this thread".into(),
                },
            )
        })?),
    };
    state
        .service
        .supersede_claim(&ctx.actor(), &claim, Ok(NewSupersession { by }))
        .await
        .map_err(|e| PageError::new(&ctx, e))?;
    Ok(Redirect::to(&format!("/r/{}?done=superseded#claims", r.id)).into_response())
}
