//! The source registry in the browser: list and search, add a source, see and edit one.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::places::too_long;
use super::reports::Problems;
use super::{CsrfForm, OrPage, PageError, PageResult, allow, render};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::redirect::local_path;
use crate::domain::source::{NewSource, Source, SourceKind, match_key};
use crate::error::AppError;
use crate::store::PageRequest;
use crate::web::extract::ClientAddr;
use crate::web::session::PageCtx;

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

/// The source form's values, as typed or as stored.
#[derive(Debug, Default, Deserialize)]
pub struct SourceFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    homepage: String,
    #[serde(default)]
    notes: String,
    /// Where to return once the source is added (the report form).
    #[serde(default)]
    next: String,
}

impl SourceFields {
    fn of(s: &Source) -> Self {
        Self {
            name: s.name.clone(),
            kind: s.kind.as_str().to_owned(),
            affiliation: s.affiliation.clone(),
            country: s.country.clone().unwrap_or_default(),
            language: s
                .language
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default(),
            homepage: s.homepage.clone().unwrap_or_default(),
            notes: s.notes.clone(),
            next: String::new(),
        }
    }

    /// The input the domain checks; an unknown kind is a problem of the `kind` field.
    fn input(&self) -> Option<NewSource> {
        let kind = SourceKind::parse(self.kind.trim())?;
        Some(NewSource {
            name: self.name.clone(),
            kind,
            affiliation: Some(self.affiliation.clone()),
            country: Some(self.country.clone()),
            language: Some(self.language.clone()),
            homepage: Some(self.homepage.clone()),
            notes: Some(self.notes.clone()),
        })
    }
}

#[derive(Template)]
#[template(path = "source/form.html")]
struct SourceForm<'a> {
    ctx: &'a PageCtx,
    f: SourceFields,
    kinds: Vec<(&'static str, String)>,
    errors: Problems,
    /// The source already in the registry under this name: `(id, name)`.
    existing: Option<(String, String)>,
}

#[derive(Deserialize)]
pub struct NewQuery {
    next: Option<String>,
    name: Option<String>,
}

async fn new_source_form(ctx: PageCtx, Query(q): Query<NewQuery>) -> PageResult {
    allow(&ctx, Action::CreateSource)?;
    let f = SourceFields {
        name: q.name.unwrap_or_default(),
        kind: SourceKind::Official.as_str().to_owned(),
        next: return_path(q.next.as_deref().unwrap_or_default()),
        ..Default::default()
    };
    let page = SourceForm {
        ctx: &ctx,
        kinds: kind_options(&ctx),
        f,
        errors: Problems::default(),
        existing: None,
    };
    Ok(render(&ctx, &page))
}

fn field_message(ctx: &PageCtx, field: &str) -> String {
    match field {
        "name" => ctx.t("source-error-name"),
        "kind" => ctx.t("source-error-kind"),
        "affiliation" => ctx.t("source-error-affiliation"),
        "country" => ctx.t("rx-error-country"),
        "language" => ctx.t("rx-error-language"),
        "homepage" => ctx.t("source-error-homepage"),
        "notes" => ctx.t("source-error-notes"),
        _ => ctx.t("rx-error-field"),
    }
}

/// The source whose name matches this one (ignoring case, accents and script).
async fn same_name(state: &AppState, name: &str) -> Option<(String, String)> {
    let key = match_key(name);
    let page = PageRequest {
        after: None,
        limit: 20,
    };
    let found = state.store.list_sources(Some(name), page).await.ok()?;
    found
        .items
        .into_iter()
        .find(|s| match_key(&s.name) == key)
        .map(|s| (s.id, s.name))
}

/// Why a source form is shown again: its problems, and the source already in the registry
/// under the same name when that is the problem.
struct Refusal {
    errors: Problems,
    duplicate: bool,
    existing: Option<(String, String)>,
}

impl Refusal {
    fn field(ctx: &PageCtx, field: &str) -> Self {
        let mut errors = Problems::default();
        errors.add(field.to_owned(), field_message(ctx, field));
        Refusal {
            errors,
            duplicate: false,
            existing: None,
        }
    }

    fn status(&self) -> StatusCode {
        if self.duplicate {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

/// Validates and stores a new source (`id: None`, from `addr`) or a change to one.
async fn save(
    state: &AppState,
    ctx: &PageCtx,
    addr: Option<std::net::IpAddr>,
    id: Option<&str>,
    f: &SourceFields,
) -> Result<Result<Source, Refusal>, PageError> {
    let Some(input) = f.input() else {
        return Ok(Err(Refusal::field(ctx, "kind")));
    };
    let draft = match input.validate() {
        Ok(d) => d,
        Err(e) => return Ok(Err(Refusal::field(ctx, &e.field))),
    };
    let saved = match id {
        Some(id) => state.writes.edit_source(&ctx.actor(), id, draft).await,
        None => {
            state.limits.check_write(&ctx.actor(), addr).or_page(ctx)?;
            state.writes.create_source(&ctx.actor(), draft).await
        }
    };
    match saved.map_err(AppError::from) {
        Ok(source) => Ok(Ok(source)),
        Err(AppError::Conflict {
            code: "source_exists",
            ..
        }) => {
            let mut errors = Problems::default();
            errors.add("name", ctx.t("source-exists"));
            Ok(Err(Refusal {
                errors,
                duplicate: true,
                existing: same_name(state, &f.name).await,
            }))
        }
        Err(AppError::Invalid(v)) => Ok(Err(Refusal::field(ctx, &v.field))),
        Err(e) => Err(PageError::new(ctx, e)),
    }
}

async fn create_source(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    CsrfForm(mut f): CsrfForm<SourceFields>,
) -> PageResult {
    allow(&ctx, Action::CreateSource)?;
    f.next = return_path(&f.next);
    match save(&state, &ctx, addr, None, &f).await? {
        Err(refusal) => {
            let status = refusal.status();
            let page = SourceForm {
                ctx: &ctx,
                kinds: kind_options(&ctx),
                f,
                errors: refusal.errors,
                existing: refusal.existing,
            };
            Ok((status, render(&ctx, &page)).into_response())
        }
        Ok(source) => {
            let to = if f.next.is_empty() {
                format!("/sources/{}?done=created", source.id)
            } else {
                with_source(&f.next, &source.id)
            };
            Ok(Redirect::to(&to).into_response())
        }
    }
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

#[derive(Template)]
#[template(path = "source/page.html")]
struct SourcePage<'a> {
    ctx: &'a PageCtx,
    s: SourceRow,
    homepage: Option<String>,
    notes: String,
    created: String,
    notice: Option<String>,
    /// The edit form, for those who may edit.
    form: Option<SourceEdit>,
}

struct SourceEdit {
    f: SourceFields,
    kinds: Vec<(&'static str, String)>,
    errors: Problems,
    existing: Option<(String, String)>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn source_page_view<'a>(
    ctx: &'a PageCtx,
    source: &Source,
    notice: Option<String>,
    form: Option<SourceEdit>,
) -> SourcePage<'a> {
    SourcePage {
        ctx,
        s: SourceRow::of(ctx, source),
        homepage: source.homepage.clone(),
        notes: source.notes.clone(),
        created: ctx.i18n.datetime(&source.created_at),
        notice,
        form,
    }
}

async fn source_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let source = state.store.source(&id).await.or_page(&ctx)?;
    let notice = match q.done.as_deref() {
        Some("created") => Some(ctx.t("source-created")),
        Some("saved") => Some(ctx.t("source-saved")),
        _ => None,
    };
    let form = ctx.can(Action::EditSource).then(|| SourceEdit {
        f: SourceFields::of(&source),
        kinds: kind_options(&ctx),
        errors: Problems::default(),
        existing: None,
    });
    Ok(render(&ctx, &source_page_view(&ctx, &source, notice, form)))
}

async fn edit_source(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<SourceFields>,
) -> PageResult {
    allow(&ctx, Action::EditSource)?;
    let source = state.store.source(&id).await.or_page(&ctx)?;
    match save(&state, &ctx, None, Some(&source.id), &f).await? {
        Ok(saved) => Ok(Redirect::to(&format!("/sources/{}?done=saved", saved.id)).into_response()),
        Err(refusal) => {
            // Shown again on the source's own page, with the edit form open.
            let status = refusal.status();
            let form = SourceEdit {
                f,
                kinds: kind_options(&ctx),
                errors: refusal.errors,
                existing: refusal.existing,
            };
            let page = source_page_view(&ctx, &source, None, Some(form));
            Ok((status, render(&ctx, &page)).into_response())
        }
    }
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
