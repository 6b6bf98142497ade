//! What a translation's publication (or withdrawal) changes on the thread page, rendered alone
//! for the page script: the thread's head (title, credits, lead) or one update, as a reader of
//! one language reads them. The page shows the same after a reload.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::response::Response;
use serde::Deserialize;

use crate::app::AppState;
use crate::domain::reading::Renditions;
use crate::domain::thread::Thread;
use crate::error::AppError;
use crate::web::pages::thread::ThreadHead;
use crate::web::pages::views::{UpdateView, reader_language};
use crate::web::pages::{OrPage, PageError, render};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct ReadingQuery {
    /// The language the page reads the content in (the page's `?lang=`).
    pub lang: Option<String>,
}

#[derive(Template)]
#[template(path = "translate/head_fragment.html")]
struct HeadFragment<'a> {
    ctx: &'a PageCtx,
    head: ThreadHead,
}

#[derive(Template)]
#[template(path = "translate/update_fragment.html")]
struct UpdateFragment<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    u: UpdateView,
}

/// A fragment changes whenever a translation does: caches ask each time.
fn fresh(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn renditions_for(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    lang: Option<&str>,
) -> Result<Renditions, PageError> {
    let reader = reader_language(ctx, lang, &thread.language);
    let translations = state
        .store
        .thread_translations(&thread.id, None)
        .await
        .or_page(ctx)?;
    Ok(Renditions::new(&translations, &reader))
}

/// `GET /t/{slug}/reading/head`: the title, its credits and the lead.
pub async fn head_fragment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<ReadingQuery>,
) -> Result<Response, PageError> {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let renditions = renditions_for(&state, &ctx, &thread, q.lang.as_deref()).await?;
    let head = ThreadHead::of(&thread, &renditions, &ctx.i18n);
    Ok(fresh(render(&ctx, &HeadFragment { ctx: &ctx, head })))
}

/// `GET /t/{slug}/reading/updates/{id}`: one update of this thread, as the timeline shows it.
pub async fn update_fragment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    Query(q): Query<ReadingQuery>,
) -> Result<Response, PageError> {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let update = state.store.update(&id).await.or_page(&ctx)?;
    if update.thread_id != thread.id {
        return Err(PageError::new(&ctx, AppError::NotFound("update")));
    }
    let renditions = renditions_for(&state, &ctx, &thread, q.lang.as_deref()).await?;
    let u =
        UpdateView::of(&update, &ctx.i18n).read_in(&update, &renditions, &thread.slug, &ctx.i18n);
    Ok(fresh(render(
        &ctx,
        &UpdateFragment {
            ctx: &ctx,
            thread,
            u,
        },
    )))
}
