//! Updates from the editors' side: post with a preview, edit, strike.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use serde::Deserialize;

use super::super::thread::{Composer, ThreadQuery, build};
use super::super::views::UpdateView;
use super::super::{CsrfForm, OrPage, PageError, PageResult, Refused, allow, describe, render};
use super::republication::{self, RepublicationFields};
use crate::app::AppState;
use crate::domain::markup::{self, Flavor};
use crate::domain::permissions::Action;
use crate::domain::thread::Thread;
use crate::domain::update::{NewStrike, NewUpdate, Update, UpdatePatch};
use crate::error::AppError;
use crate::web::session::PageCtx;

#[derive(Deserialize)]
pub struct UpdateFields {
    #[serde(default)]
    body: String,
    intent: Option<String>,
    /// Only the edit form has them; the composer posts none.
    #[serde(flatten)]
    rep: RepublicationFields,
}

pub(super) async fn post_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(f): CsrfForm<UpdateFields>,
) -> PageResult {
    allow(&ctx, Action::PostUpdate)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let input = NewUpdate {
        body: f.body.clone(),
        language: None,
        provenance: None,
    };
    let text = match input.validate() {
        Ok(text) => text,
        Err(e) => {
            let error = Some(describe(&ctx, &e.into()));
            let composer = Composer {
                body: f.body,
                preview_html: None,
                error,
            };
            return show_again(
                &state,
                &ctx,
                thread,
                composer,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if f.intent.as_deref() == Some("preview") {
        let composer = Composer {
            body: f.body,
            preview_html: Some(text.body_html().to_owned()),
            error: None,
        };
        return show_again(&state, &ctx, thread, composer, StatusCode::OK).await;
    }
    let update = state
        .service
        .post_update(&ctx.actor(), &thread.id, Ok(input))
        .await
        .or_page(&ctx)?;
    Ok(Redirect::to(&format!("/t/{}#u-{}", thread.slug, update.id)).into_response())
}

/// The thread page again, with the composer's text, preview or error.
async fn show_again(
    state: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    composer: Composer,
    status: StatusCode,
) -> PageResult {
    let page = build(state, ctx, thread, &ThreadQuery::default(), composer, None).await?;
    Ok((status, render(ctx, &page)).into_response())
}

#[derive(Deserialize)]
pub struct PreviewFields {
    #[serde(default)]
    body: String,
}

/// The composer's preview for the page script: the same rendering as a posted update.
pub(super) async fn preview(ctx: PageCtx, CsrfForm(f): CsrfForm<PreviewFields>) -> PageResult {
    allow(&ctx, Action::PostUpdate)?;
    Ok(Html(markup::render(&f.body, Flavor::Full)).into_response())
}

/// The update at this address, checked to belong to the thread named in it.
pub(super) async fn update_of(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    id: &str,
) -> Result<(Thread, Update), Refused> {
    let thread = state.store.thread(slug).await.or_page(ctx)?;
    let update = state.store.update(id).await.or_page(ctx)?;
    if update.thread_id != thread.id {
        return Err(PageError::new(ctx, AppError::NotFound("update")).into());
    }
    Ok((thread, update))
}

#[derive(Template)]
#[template(path = "editor/update_form.html")]
struct UpdateForm<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    u: UpdateView,
    body: String,
    rep: RepublicationFields,
    error: Option<String>,
}

pub(super) async fn edit_update_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
) -> PageResult {
    allow(&ctx, Action::EditUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let page = UpdateForm {
        ctx: &ctx,
        body: update.body.clone(),
        rep: RepublicationFields::of(update.provenance.as_ref()),
        u: UpdateView::of(&update, &ctx.i18n),
        thread,
        error: None,
    };
    Ok(render(&ctx, &page))
}

pub(super) async fn edit_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<UpdateFields>,
) -> PageResult {
    allow(&ctx, Action::EditUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    // Emptied republication fields remove the credit; untouched empty ones leave none.
    let patch = f.rep.provenance().map(|p| UpdatePatch {
        body: f.body.clone(),
        language: None,
        provenance: match p {
            Some(p) => Some(Some(p)),
            None if update.provenance.is_some() => Some(None),
            None => None,
        },
    });
    match state
        .service
        .edit_update(&ctx.actor(), &id, patch.map_err(AppError::from))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/t/{}#u-{id}", thread.slug)).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let error = match &e {
                AppError::Invalid(v) => republication::label_of(&v.field)
                    .map(|l| ctx.i18n.ts("error-invalid-field", "field", &ctx.t(l))),
                _ => None,
            };
            let page = UpdateForm {
                ctx: &ctx,
                u: UpdateView::of(&update, &ctx.i18n),
                thread,
                body: f.body,
                rep: f.rep,
                error: Some(error.unwrap_or_else(|| describe(&ctx, &e))),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &page)).into_response())
        }
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}

#[derive(Template)]
#[template(path = "editor/strike_form.html")]
struct StrikeForm<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    u: UpdateView,
    /// Updates that may be named as the correction: `(id, time, excerpt)`.
    candidates: Vec<(String, String, String)>,
    error: Option<String>,
}

async fn strike_page(
    state: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    update: &Update,
    error: Option<String>,
) -> PageResult {
    let recent = state
        .store
        .list_updates(
            &thread.id,
            crate::store::PageRequest {
                after: None,
                limit: 50,
            },
        )
        .await
        .or_page(ctx)?;
    let candidates = recent
        .items
        .iter()
        .filter(|u| u.id != update.id && u.struck.is_none())
        .map(|u| {
            let excerpt: String = u.body.chars().take(60).collect();
            (u.id.clone(), ctx.i18n.datetime(&u.created_at), excerpt)
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StrikeForm {
        ctx,
        u: UpdateView::of(update, &ctx.i18n),
        thread,
        candidates,
        error,
    };
    Ok((status, render(ctx, &page)).into_response())
}

pub(super) async fn strike_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
) -> PageResult {
    allow(&ctx, Action::StrikeUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    strike_page(&state, &ctx, thread, &update, None).await
}

#[derive(Deserialize)]
pub struct StrikeFields {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    corrected_by: String,
}

pub(super) async fn strike_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<StrikeFields>,
) -> PageResult {
    allow(&ctx, Action::StrikeUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let corrected_by = Some(f.corrected_by.trim()).filter(|c| !c.is_empty());
    let strike = NewStrike::new(&f.reason, corrected_by).map_err(AppError::from);
    match state.service.strike_update(&ctx.actor(), &id, strike).await {
        Ok(_) => Ok(Redirect::to(&format!("/t/{}#u-{id}", thread.slug)).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            strike_page(&state, &ctx, thread, &update, Some(describe(&ctx, &e))).await
        }
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}
