//! A source's own page, with the edit form for those who may edit it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::super::reports::Problems;
use super::super::{CsrfForm, OrPage, PageError, PageResult, allow, render};
use super::form::{SourceFields, save};
use super::{SourceRow, kind_options};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::source::Source;
use crate::service::Client;
use crate::web::session::PageCtx;

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

pub(super) async fn source_page(
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

pub(super) async fn edit_source(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<SourceFields>,
) -> PageResult {
    allow(&ctx, Action::EditSource)?;
    let source = state.store.source(&id).await.or_page(&ctx)?;
    match save(&state, &ctx, Client::default(), Some(&source.id), &f).await? {
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
