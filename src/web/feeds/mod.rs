//! Atom and JSON feeds: one per thread (its updates) and one for the whole site (its threads).
//!
//! Both formats are written from one neutral description of the feed (`Channel`), so they
//! always carry the same items; the words Cronaca adds are in the reader's interface language.

mod atom;
mod json;
mod text;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::domain::thread::Thread;
use crate::domain::time::{self, Timestamp};
use crate::domain::update::Update;
use crate::store::PageRequest;
use crate::web::pages::{OrPage, PageError};
use crate::web::session::PageCtx;

/// How many updates (or threads) a feed carries.
const FEED_SIZE: u32 = 50;
const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
const JSON_TYPE: &str = "application/feed+json; charset=utf-8";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feed.atom", get(site_atom))
        .route("/feed.json", get(site_json))
        .route("/t/{slug}/feed.atom", get(thread_atom))
        .route("/t/{slug}/feed.json", get(thread_json))
}

/// A feed, whatever its format.
struct Channel {
    id: String,
    title: String,
    /// Who publishes the feed: the site, by name.
    publisher: String,
    /// Rendered HTML shown under the title, if any.
    subtitle_html: Option<String>,
    home_url: String,
    atom_url: String,
    json_url: String,
    language: String,
    updated: Timestamp,
    /// Thread feeds carry whole updates as content; the site feed summarises threads.
    items_are_summaries: bool,
    items: Vec<Item>,
}

struct Item {
    id: String,
    url: String,
    title: String,
    html: String,
    language: String,
    author: Option<String>,
    published: Timestamp,
    updated: Timestamp,
    struck: Option<StruckInfo>,
}

struct StruckInfo {
    reason: String,
    corrected_by: Option<String>,
}

async fn thread_atom(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let channel = thread_channel(&state, &ctx, &headers, &slug).await?;
    Ok(respond(ATOM_TYPE, atom::write(&channel)))
}

async fn thread_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let channel = thread_channel(&state, &ctx, &headers, &slug).await?;
    Ok(respond(JSON_TYPE, json::write(&channel)))
}

async fn site_atom(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let channel = site_channel(&state, &ctx, &headers).await?;
    Ok(respond(ATOM_TYPE, atom::write(&channel)))
}

async fn site_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let channel = site_channel(&state, &ctx, &headers).await?;
    Ok(respond(JSON_TYPE, json::write(&channel)))
}

fn respond(content_type: &'static str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    // The words Cronaca adds follow the reader's language, chosen by cookie or header.
    headers.insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

/// The address links start with: the configured public address, else the request's Host when
/// it looks like a host name, else localhost.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = state.config.public_url.as_deref() {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.len() <= 255)
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".:-[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

async fn thread_channel(
    state: &AppState,
    ctx: &PageCtx,
    headers: &HeaderMap,
    slug: &str,
) -> Result<Channel, PageError> {
    let thread = state.store.thread(slug).await.or_page(ctx)?;
    let updates = state
        .store
        .list_updates(
            &thread.id,
            PageRequest {
                after: None,
                limit: FEED_SIZE,
            },
        )
        .await
        .or_page(ctx)?;
    let base = base_url(state, headers);
    let home_url = format!("{base}/t/{}", thread.slug);
    let items: Vec<Item> = updates
        .items
        .iter()
        .map(|u| update_item(ctx, &base, &home_url, u))
        .collect();
    let updated = items
        .iter()
        .map(|i| i.updated)
        .fold(thread.updated_at, Timestamp::max);
    Ok(Channel {
        id: format!("urn:cronaca:thread:{}", thread.id),
        title: ctx.i18n.ts("feeds-thread-title", "title", &thread.title),
        publisher: ctx.t("site-name"),
        subtitle_html: Some(text::absolute_links(&thread.lead_html, &base))
            .filter(|l| !l.is_empty()),
        atom_url: format!("{home_url}/feed.atom"),
        json_url: format!("{home_url}/feed.json"),
        home_url,
        language: thread.language.to_string(),
        updated,
        items_are_summaries: false,
        items,
    })
}

fn update_item(ctx: &PageCtx, base: &str, thread_url: &str, update: &Update) -> Item {
    let mut title = text::plain_title(&update.body);
    if title.is_empty() {
        title = ctx.i18n.ts(
            "feeds-update-untitled",
            "time",
            &ctx.i18n.datetime(&update.created_at),
        );
    }
    let body_html = text::absolute_links(&update.body_html, base);
    let (title, html) = match &update.struck {
        Some(strike) => (
            ctx.i18n.ts("feeds-struck-title", "title", &title),
            text::struck_html(ctx, thread_url, strike, &body_html),
        ),
        None => (title, body_html),
    };
    let updated = [
        update.edited_at,
        update.struck.as_ref().map(|s| s.struck_at),
    ]
    .into_iter()
    .flatten()
    .fold(update.created_at, Timestamp::max);
    Item {
        id: format!("urn:cronaca:update:{}", update.id),
        url: format!("{thread_url}#u-{}", update.id),
        title,
        html,
        language: update.language.to_string(),
        author: Some(update.author.name.clone()),
        published: update.created_at,
        updated,
        struck: update.struck.as_ref().map(|s| StruckInfo {
            reason: s.reason.clone(),
            corrected_by: s.corrected_by.clone(),
        }),
    }
}

async fn site_channel(
    state: &AppState,
    ctx: &PageCtx,
    headers: &HeaderMap,
) -> Result<Channel, PageError> {
    let threads = state
        .store
        .list_threads(PageRequest {
            after: None,
            limit: FEED_SIZE,
        })
        .await
        .or_page(ctx)?;
    let base = base_url(state, headers);
    let items: Vec<Item> = threads
        .items
        .iter()
        .map(|t| thread_item(&base, t))
        .collect();
    let updated = items.iter().map(|i| i.updated).max();
    Ok(Channel {
        id: format!("{base}/"),
        title: ctx.i18n.ts("feeds-all-title", "site", &ctx.t("site-name")),
        publisher: ctx.t("site-name"),
        subtitle_html: None,
        home_url: format!("{base}/"),
        atom_url: format!("{base}/feed.atom"),
        json_url: format!("{base}/feed.json"),
        language: ctx.i18n.code().to_owned(),
        updated: updated.unwrap_or_else(time::now),
        items_are_summaries: true,
        items,
    })
}

fn thread_item(base: &str, thread: &Thread) -> Item {
    Item {
        id: format!("urn:cronaca:thread:{}", thread.id),
        url: format!("{base}/t/{}", thread.slug),
        title: thread.title.clone(),
        html: text::absolute_links(&thread.lead_html, base),
        language: thread.language.to_string(),
        author: thread.created_by.as_ref().map(|u| u.name.clone()),
        published: thread.created_at,
        updated: thread.updated_at,
        struck: None,
    }
}
