//! The source registry in the browser: list and search, add a source, see and edit one.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

mod form;
mod page;

use super::places::too_long;
use super::{OrPage, PageError, render};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::redirect::local_path;
use crate::domain::source::{Source, SourceKind};
use crate::store::PageRequest;
use crate::web::session::PageCtx;
use form::{create_source, new_source_form};
use page::{edit_source, source_page};

const PER_PAGE: u32 = 50;
const MAX_QUERY: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sources", get(list_sources))
        .route("/sources/new", get(new_source_form).post(create_source))
        .route("/sources/{id}", get(source_page).post(edit_source))
}

/// A kind of source in the reader's words.
pub fn kind_name(ctx: &PageCtx, kind: SourceKind) -> String {
    match kind {
        SourceKind::Official => ctx.t("source-kind-official"),
        SourceKind::StateMedia => ctx.t("source-kind-state-media"),
        SourceKind::IndependentMedia => ctx.t("source-kind-independent-media"),
        SourceKind::Agency => ctx.t("source-kind-agency"),
        SourceKind::Ngo => ctx.t("source-kind-ngo"),
        SourceKind::InternationalOrg => ctx.t("source-kind-international-org"),
        SourceKind::Media => ctx.t("source-kind-media"),
        SourceKind::Aggregated => ctx.t("source-kind-aggregated"),
        SourceKind::SocialChannel => ctx.t("source-kind-social-channel"),
        SourceKind::Eyewitness => ctx.t("source-kind-eyewitness"),
        SourceKind::Anonymous => ctx.t("source-kind-anonymous"),
        SourceKind::Other => ctx.t("source-kind-other"),
    }
}

/// Every kind as `(value, words)`, for a select.
fn kind_options(ctx: &PageCtx) -> Vec<(&'static str, String)> {
    SourceKind::ALL
        .into_iter()
        .map(|k| (k.as_str(), kind_name(ctx, k)))
        .collect()
}

/// A source as the list and the details show it.
pub struct SourceRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub affiliation: String,
    pub country: String,
    pub language: String,
}

impl SourceRow {
    fn of(ctx: &PageCtx, s: &Source) -> Self {
        Self {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: kind_name(ctx, s.kind),
            affiliation: s.affiliation.clone(),
            country: s.country.clone().unwrap_or_default(),
            language: s
                .language
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
        }
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "source/list.html")]
struct SourceList<'a> {
    ctx: &'a PageCtx,
    q: String,
    rows: Vec<SourceRow>,
    next: Option<String>,
    may_add: bool,
}

async fn list_sources(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let q = query.q.unwrap_or_default().trim().to_owned();
    if q.chars().count() > MAX_QUERY {
        return Err(too_long(&ctx));
    }
    let page = state
        .store
        .list_sources(
            Some(q.as_str()).filter(|q| !q.is_empty()),
            PageRequest {
                after: query.after,
                limit: PER_PAGE,
            },
        )
        .await
        .or_page(&ctx)?;
    let list = SourceList {
        ctx: &ctx,
        rows: page.items.iter().map(|s| SourceRow::of(&ctx, s)).collect(),
        next: page.next,
        q,
        may_add: ctx.can(Action::CreateSource),
    };
    Ok(render(&ctx, &list))
}

/// Where a form returns once done: a path of this site, `/` for anything else, or none.
pub fn return_path(next: &str) -> String {
    if next.trim().is_empty() {
        String::new()
    } else {
        local_path(next.trim()).to_owned()
    }
}

/// The address to return to, told which source was just added (the report form selects it).
pub fn with_source(next: &str, source_id: &str) -> String {
    let (path, fragment) = match next.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (next, None),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut out = format!("{path}{sep}source={source_id}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_return_only_to_paths_of_this_site() {
        assert_eq!(return_path(" "), "");
        assert_eq!(return_path("/t/x/reports/new"), "/t/x/reports/new");
        assert_eq!(return_path("javascript:alert(1)"), "/");
        assert_eq!(return_path("//evil.example/"), "/");
    }

    #[test]
    fn the_return_address_names_the_new_source() {
        assert_eq!(
            with_source("/t/x/reports/new", "S1"),
            "/t/x/reports/new?source=S1"
        );
        assert_eq!(
            with_source("/t/x/reports/new?lang=it#form", "S1"),
            "/t/x/reports/new?lang=it&source=S1#form"
        );
    }
}
