//! The situation board page (`/t/{slug}/board`), the fragments the page script swaps in when
//! the board changes, one report's fragment for the live timeline, and the plain-text digest.

pub mod digest;
pub mod evidence;
mod figures;
mod order;
pub mod supersede;
pub mod timeline;
pub mod view;
mod words;

use askama::Template;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::{OrPage, PageError, render};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::notes;
use crate::domain::page::decode_cursor;
use crate::domain::reading::Renditions;
use crate::domain::report::{Report, ReportFilter, ReportState};
use crate::domain::situation::{BoardInputs, Situation, situation, translate_labels};
use crate::domain::thread::Thread;
use crate::domain::translation::{ItemKind, Translation, same_language};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::PageRequest;
use crate::web::session::PageCtx;

use chrono::{DateTime, Utc};
use timeline::{ReportView, Span, TimelineOrder};
use view::{BoardView, SummaryView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/board", get(board_page))
        .route("/t/{slug}/board/fragment", get(board_fragment))
        .route("/t/{slug}/digest.txt", get(digest::board_digest))
        .route("/t/{slug}/reports/{id}/fragment", get(report_fragment))
        .merge(supersede::routes())
}

#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    /// The interface language; the page context has already chosen it, this only checks it.
    pub lang: Option<String>,
    /// Which fragment: `summary` or `board`.
    pub part: Option<String>,
    /// A report's fragment: the timeline's order, whose time its header shows.
    pub order: Option<String>,
}

fn bad_request(ctx: &PageCtx, code: &'static str, message: &str) -> PageError {
    PageError::new(
        ctx,
        AppError::BadRequest {
            code,
            message: message.to_owned(),
        },
    )
}

/// The query, refused with a 400 page when malformed or naming a language we do not speak.
fn checked(
    ctx: &PageCtx,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<BoardQuery, PageError> {
    let Query(q) = query.map_err(|e| bad_request(ctx, "bad_query", &e.body_text()))?;
    if let Some(lang) = q.lang.as_deref()
        && Lang::from_tag(lang).is_none()
    {
        return Err(bad_request(ctx, "bad_lang", "unknown interface language"));
    }
    Ok(q)
}

/// The interface language as a content language tag.
fn interface_language(ctx: &PageCtx, thread: &Thread) -> LanguageTag {
    LanguageTag::parse(ctx.i18n.code()).unwrap_or_else(|_| thread.language.clone())
}

/// The thread's published translations into the interface language.
pub async fn translations_of(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
) -> Result<Vec<Translation>, PageError> {
    let lang = interface_language(ctx, thread);
    state
        .store
        .thread_translations(&thread.id, Some(&lang))
        .await
        .or_page(ctx)
}

/// The thread's board inputs and its situation in the reader's language.
pub async fn situation_of(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
) -> Result<(BoardInputs, Situation), PageError> {
    let translations = translations_of(state, ctx, thread).await?;
    situation_with(state, ctx, thread, &translations).await
}

/// The same with the thread's translations already read (any languages; the interface's is
/// used for indicator labels their own lack).
pub async fn situation_with(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    translations: &[Translation],
) -> Result<(BoardInputs, Situation), PageError> {
    let mut inputs = state.store.board_inputs(&thread.id).await.or_page(ctx)?;
    translate_labels(&mut inputs, translations, &interface_language(ctx, thread));
    let situation = situation(&inputs, ctx.i18n.code());
    Ok((inputs, situation))
}

/// The thread's title in the interface language (its published translation, notes in brackets)
/// and that title's language.
pub fn title_in(ctx: &PageCtx, thread: &Thread, translations: &[Translation]) -> (String, String) {
    let lang = interface_language(ctx, thread);
    translations
        .iter()
        .filter(|t| t.kind == ItemKind::Thread && t.item_id == thread.id)
        .filter(|t| same_language(&t.language, &lang) && !same_language(&thread.language, &lang))
        .find_map(|t| {
            let title = t.published.as_ref()?.title.as_deref()?;
            Some((notes::plain(title), t.language.to_string()))
        })
        .unwrap_or_else(|| (thread.title.clone(), thread.language.to_string()))
}

/// At most this many reports are interleaved with one page of updates.
pub const REPORTS_PER_PAGE: u32 = 200;
/// How many pages of reports a page of updates may look through to find its span.
const REPORT_PAGES_SCANNED: usize = 25;

/// The published reports received within `span`, newest first, at most `REPORTS_PER_PAGE`.
pub async fn reports_in(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    span: Span,
) -> Result<Vec<Report>, PageError> {
    let mut out = Vec::new();
    let mut after = None;
    for _ in 0..REPORT_PAGES_SCANNED {
        let page = state
            .store
            .list_reports(
                &thread.id,
                ReportFilter::default(),
                PageRequest {
                    after,
                    limit: REPORTS_PER_PAGE,
                },
            )
            .await
            .or_page(ctx)?;
        let reached_start = page
            .items
            .last()
            .is_some_and(|r| span.from.is_some_and(|f| r.received_at < f));
        out.extend(
            page.items
                .into_iter()
                .filter(|r| span.contains(r.received_at)),
        );
        if out.len() >= REPORTS_PER_PAGE as usize || reached_start || page.next.is_none() {
            break;
        }
        after = page.next;
    }
    out.truncate(REPORTS_PER_PAGE as usize);
    Ok(out)
}

/// The published reports about one place, newest first, and the place's name.
pub async fn reports_about(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    place: &str,
) -> Result<(Vec<Report>, String), PageError> {
    let name = state.store.place(place).await.or_page(ctx)?.name;
    let filter = ReportFilter {
        place: Some(place.to_owned()),
        ..ReportFilter::default()
    };
    let page = PageRequest {
        after: None,
        limit: REPORTS_PER_PAGE,
    };
    let reports = state
        .store
        .list_reports(&thread.id, filter, page)
        .await
        .or_page(ctx)?;
    Ok((reports.items, name))
}

/// The time of the update a page cursor points after (the previous page's last update).
pub async fn update_time(state: &AppState, cursor: &str) -> Option<DateTime<Utc>> {
    let id = decode_cursor(cursor, 1).ok()?.into_iter().next()?;
    state.store.update(&id).await.ok().map(|u| u.created_at)
}

#[derive(Template)]
#[template(path = "board/page.html")]
pub struct BoardPage<'a> {
    pub ctx: &'a PageCtx,
    pub thread: Thread,
    /// The thread's title in the reader's language, and the language it is in.
    pub title: String,
    pub title_lang: String,
    pub board: BoardView,
    pub last_seq: i64,
}

pub async fn board_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    checked(&ctx, query)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    // The event number is read first: anything newer reaches the page over the stream.
    let last_seq = state.store.last_event_seq(&thread.id).await.or_page(&ctx)?;
    let translations = translations_of(&state, &ctx, &thread).await?;
    let (inputs, situation) = situation_with(&state, &ctx, &thread, &translations).await?;
    let board = view::board(&ctx.i18n, &inputs, &situation);
    let (title, title_lang) = title_in(&ctx, &thread, &translations);
    Ok(render(
        &ctx,
        &BoardPage {
            ctx: &ctx,
            thread,
            title,
            title_lang,
            board,
            last_seq,
        },
    ))
}

#[derive(Template)]
#[template(path = "board/summary.html")]
pub struct SummaryFragment<'a> {
    pub ctx: &'a PageCtx,
    pub thread: Thread,
    pub summary: Option<SummaryView>,
}

#[derive(Template)]
#[template(path = "board/board.html")]
pub struct BoardFragment<'a> {
    pub ctx: &'a PageCtx,
    pub thread: Thread,
    pub board: BoardView,
}

/// Fragments change with every report: no cache may keep them.
fn fresh(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A section of a page rendered alone, for the page script to swap in: `?part=summary` (the
/// thread page's box) or `?part=board` (the board page's body).
pub async fn board_fragment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let q = checked(&ctx, query)?;
    let part = q.part.as_deref().unwrap_or_default();
    if !matches!(part, "summary" | "board") {
        return Err(bad_request(&ctx, "bad_part", "part is summary or board"));
    }
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let (inputs, situation) = situation_of(&state, &ctx, &thread).await?;
    let response = if part == "summary" {
        let summary = view::summary(&ctx.i18n, &inputs, &situation);
        render(
            &ctx,
            &SummaryFragment {
                ctx: &ctx,
                thread,
                summary,
            },
        )
    } else {
        let board = view::board(&ctx.i18n, &inputs, &situation);
        render(
            &ctx,
            &BoardFragment {
                ctx: &ctx,
                thread,
                board,
            },
        )
    };
    Ok(fresh(response))
}

#[derive(Template)]
#[template(path = "board/report.html")]
pub struct ReportFragment<'a> {
    pub ctx: &'a PageCtx,
    pub thread: Thread,
    pub r: ReportView,
}

/// One published report of the thread as the timeline shows it; 404 once it is not published.
pub async fn report_fragment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    let q = checked(&ctx, query)?;
    let order = TimelineOrder::parse(q.order.as_deref())
        .ok_or_else(|| bad_request(&ctx, "bad_order", "order is newest, oldest or stated"))?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let translations = translations_of(&state, &ctx, &thread).await?;
    let (_, situation) = situation_with(&state, &ctx, &thread, &translations).await?;
    let report = state.store.report(&id).await.or_page(&ctx)?;
    if report.thread_id != thread.id || report.state != ReportState::Published {
        return Err(PageError::new(&ctx, AppError::NotFound("report")));
    }
    let reader = interface_language(&ctx, &thread);
    let renditions = Renditions::new(&translations, &reader);
    let r = ReportView::of(&report, &situation, &ctx.i18n)
        .read_in(
            &report,
            &renditions,
            &format!("/t/{}", thread.slug),
            &reader,
            state.service.engine().is_some(),
            &ctx.i18n,
        )
        .ordered(order);
    Ok(fresh(render(
        &ctx,
        &ReportFragment {
            ctx: &ctx,
            thread,
            r,
        },
    )))
}
