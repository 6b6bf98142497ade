//! The search page: threads, updates, published reports and approved comments.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{OrPage, PageError, render};
use crate::app::AppState;
use crate::domain::search::{HitKind, SearchHit, SearchQuery};
use crate::web::place_search::naming_places;
use crate::web::session::PageCtx;

const PER_PAGE: u32 = 20;
const MAX_PAGES: u32 = 25;

/// A result as the page shows it.
struct HitView {
    hit: SearchHit,
    kind: String,
    href: String,
}

#[derive(Template)]
#[template(path = "search/page.html")]
struct SearchPage<'a> {
    ctx: &'a PageCtx,
    q: String,
    hits: Vec<HitView>,
    page: u32,
    more: bool,
    error: Option<String>,
}

fn href(hit: &SearchHit) -> String {
    let anchor = match hit.kind {
        HitKind::Thread => String::new(),
        HitKind::Update => format!("#u-{}", hit.id),
        HitKind::Report => format!("#r-{}", hit.id),
        HitKind::Comment => format!("#c-{}", hit.id),
    };
    format!("/t/{}{anchor}", hit.thread_slug)
}

pub async fn search_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let params: Vec<(String, String)> = raw
        .as_deref()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let field = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let q = field("q").unwrap_or_default();
    let page = field("page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_PAGES);
    let mut view = SearchPage {
        ctx: &ctx,
        q: q.trim().to_owned(),
        hits: Vec::new(),
        page,
        more: false,
        error: None,
    };
    let search = match SearchQuery::parse(&q) {
        Ok(search) => search,
        Err(_) => {
            view.error = Some(ctx.t("search-too-long"));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &view)).into_response());
        }
    };
    if let Some(search) = search {
        let search = naming_places(state.store.as_ref(), search, &q)
            .await
            .or_page(&ctx)?;
        // One result more than shown tells whether there is a next page.
        let found = state
            .store
            .search(&search.paged(PER_PAGE + 1, (page - 1) * PER_PAGE))
            .await
            .or_page(&ctx)?;
        view.more = found.len() > PER_PAGE as usize && page < MAX_PAGES;
        view.hits = found
            .into_iter()
            .take(PER_PAGE as usize)
            .map(|hit| HitView {
                kind: ctx.t(&format!("search-kind-{}", hit.kind.as_str())),
                href: href(&hit),
                hit,
            })
            .collect();
    }
    Ok(render(&ctx, &view))
}
