//! The form that adds a source, and the saving shared with the edit form on a source's page.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::super::reports::Problems;
use super::super::{CsrfForm, PageError, PageResult, allow, render};
use super::{kind_options, return_path, with_source};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::source::{NewSource, Source, SourceKind, SourcePatch, match_key};
use crate::error::AppError;
use crate::service::Client;
use crate::store::PageRequest;
use crate::web::session::PageCtx;

/// The source form's values, as typed or as stored.
#[derive(Debug, Default, Deserialize)]
pub struct SourceFields {
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) affiliation: String,
    #[serde(default)]
    pub(super) country: String,
    #[serde(default)]
    pub(super) language: String,
    #[serde(default)]
    pub(super) homepage: String,
    #[serde(default)]
    pub(super) notes: String,
    /// Where to return once the source is added (the report form).
    #[serde(default)]
    pub(super) next: String,
}

impl SourceFields {
    pub(super) fn of(s: &Source) -> Self {
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

pub(super) async fn new_source_form(ctx: PageCtx, Query(q): Query<NewQuery>) -> PageResult {
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
pub(super) struct Refusal {
    pub(super) errors: Problems,
    duplicate: bool,
    pub(super) existing: Option<(String, String)>,
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

    pub(super) fn status(&self) -> StatusCode {
        if self.duplicate {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

/// Validates and stores a new source (`id: None`, from `addr`) or a change to one.
pub(super) async fn save(
    state: &AppState,
    ctx: &PageCtx,
    client: Client,
    id: Option<&str>,
    f: &SourceFields,
) -> Result<Result<Source, Refusal>, PageError> {
    let Some(input) = f.input() else {
        return Ok(Err(Refusal::field(ctx, "kind")));
    };
    let actor = ctx.actor();
    let saved = match id {
        // The form holds every field: the change replaces them all.
        Some(id) => {
            let patch = SourcePatch {
                name: Some(input.name),
                kind: Some(input.kind),
                affiliation: input.affiliation,
                country: input.country,
                language: input.language,
                homepage: input.homepage,
                notes: input.notes,
            };
            state.service.edit_source(&actor, id, Ok(patch)).await
        }
        None => state.service.create_source(&actor, client, Ok(input)).await,
    };
    match saved {
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

pub(super) async fn create_source(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    CsrfForm(mut f): CsrfForm<SourceFields>,
) -> PageResult {
    allow(&ctx, Action::CreateSource)?;
    f.next = return_path(&f.next);
    match save(&state, &ctx, client, None, &f).await? {
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
