//! The versions of a report, newest first, each as it was: text, source, places and claims.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::page::visible_report;
use super::view::{ClaimView, When, claim_view};
use crate::app::AppState;
use crate::domain::board::Value;
use crate::web::pages::{OrPage, PageError, render};
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new().route("/r/{id}/revisions", get(revisions))
}

/// What a version of a report holds, read from its stored snapshot; missing parts stay empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Snapshot {
    body_html: String,
    language: String,
    source: Named,
    cites: Option<Named>,
    link: Option<String>,
    places: Vec<Named>,
    claims: Vec<SnapshotClaim>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Named {
    name: String,
}

#[derive(Debug, Deserialize)]
struct SnapshotClaim {
    indicator: String,
    place: Option<Named>,
    value: Value,
}

pub struct RevisionView {
    pub number: i64,
    pub at: When,
    pub by: String,
    pub lang: String,
    pub body_html: String,
    pub source: String,
    pub cites: Option<String>,
    pub link: Option<String>,
    pub places: Vec<String>,
    pub claims: Vec<ClaimView>,
}

#[derive(Template)]
#[template(path = "report/revisions.html")]
struct RevisionsPage<'a> {
    ctx: &'a PageCtx,
    report_id: String,
    thread_slug: String,
    thread_title: String,
    thread_lang: String,
    revisions: Vec<RevisionView>,
}

async fn revisions(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let r = visible_report(&state, &ctx, &id).await?;
    let thread = state.store.thread(&r.thread_id).await.or_page(&ctx)?;
    let indicators = state.store.indicators(&thread.id).await.or_page(&ctx)?;
    let list = state.store.report_revisions(&r.id).await.or_page(&ctx)?;
    let revisions = list
        .iter()
        .rev()
        .map(|rev| {
            let s: Snapshot = serde_json::from_value(rev.report.clone()).unwrap_or_default();
            RevisionView {
                number: rev.revision,
                at: When::of(&ctx, &rev.created_at),
                by: rev.edited_by.clone(),
                lang: s.language,
                body_html: s.body_html,
                source: s.source.name,
                cites: s.cites.map(|c| c.name),
                link: s.link,
                places: s.places.into_iter().map(|p| p.name).collect(),
                claims: s
                    .claims
                    .iter()
                    .map(|c| {
                        let place = c.place.as_ref().map(|p| p.name.clone());
                        claim_view(&ctx, &indicators, &c.indicator, &c.value, place)
                    })
                    .collect(),
            }
        })
        .collect();
    let page = RevisionsPage {
        ctx: &ctx,
        report_id: r.id,
        thread_slug: thread.slug,
        thread_title: thread.title,
        thread_lang: thread.language.to_string(),
        revisions,
    };
    Ok(render(&ctx, &page))
}
