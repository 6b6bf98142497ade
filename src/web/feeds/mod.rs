//! Atom and JSON feeds: one per thread (its updates) and one for the whole site (its threads).
//!
//! Both formats are written from one neutral description of the feed (`Channel`), so they
//! always carry the same items; the words Cronaca adds are in the reader's interface language.

mod atom;
pub mod credits;
mod json;
mod text;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::notes;
use crate::domain::provenance::Provenance;
use crate::domain::reading::Renditions;
use crate::domain::thread::Thread;
use crate::domain::time::{self, Timestamp};
use crate::domain::translation::{Credit, ItemKind, Rendition, same_language};
use crate::domain::update::Update;
use crate::store::PageRequest;
use crate::web::pages::{OrPage, PageError};
use crate::web::session::PageCtx;
use credits::{escape, language_credit_html, provenance_html};

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
    /// The thread's republication credit, and its title and lead's translation.
    provenance: Option<Provenance>,
    translation: Option<TranslationInfo>,
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
    /// Set when the item is shown in a translation.
    translation: Option<TranslationInfo>,
    /// Where the item was first published, when it republishes something.
    provenance: Option<Provenance>,
}

/// The credit of a translation an item is shown in.
struct TranslationInfo {
    language: String,
    translator: Credit,
    publication: Option<Credit>,
    /// The engine that made the text, until a person edits it.
    machine: Option<String>,
    /// The original changed after the translation was made.
    stale: bool,
}

impl TranslationInfo {
    fn of(r: &Rendition) -> Self {
        Self {
            language: r.language.to_string(),
            translator: r.translator.clone(),
            publication: r.publication.clone(),
            machine: r.machine.clone(),
            stale: r.stale,
        }
    }
}

struct StruckInfo {
    reason: String,
    corrected_by: Option<String>,
}

/// The content language a feed is asked for with `?lang=`: any well-formed tag.
fn asked_language(query: Option<&str>) -> Option<LanguageTag> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| LanguageTag::parse(v.trim()).ok())
}

async fn thread_atom(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = thread_channel(&state, &ctx, &headers, &slug, asked).await?;
    Ok(respond(ATOM_TYPE, atom::write(&channel)))
}

async fn thread_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = thread_channel(&state, &ctx, &headers, &slug, asked).await?;
    Ok(respond(JSON_TYPE, json::write(&channel)))
}

async fn site_atom(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = site_channel(&state, &ctx, &headers, asked).await?;
    Ok(respond(ATOM_TYPE, atom::write(&channel)))
}

async fn site_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = site_channel(&state, &ctx, &headers, asked).await?;
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

/// The published translations of a thread into `asked`, when that is not its own language.
async fn renditions_of(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
    asked: Option<&LanguageTag>,
) -> Result<Option<Renditions>, PageError> {
    let Some(lang) = asked.filter(|l| !same_language(l, &thread.language)) else {
        return Ok(None);
    };
    let translations = state
        .store
        .thread_translations(&thread.id, Some(lang))
        .await
        .or_page(ctx)?;
    Ok(Some(Renditions::new(&translations, lang)))
}

/// A paragraph of credits under a text, or nothing.
fn credits_paragraph(lines: &[String]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("<p><small>{}</small></p>", lines.join("<br>"))
    }
}

/// "Italian translation by …" and, when the original changed since, a word on that.
fn translation_lines(ctx: &PageCtx, r: &Rendition) -> Vec<String> {
    let mut lines = vec![language_credit_html(&ctx.i18n, r)];
    if r.stale {
        lines.push(escape(&ctx.t("feeds-stale")));
    }
    lines
}

async fn thread_channel(
    state: &AppState,
    ctx: &PageCtx,
    headers: &HeaderMap,
    slug: &str,
    asked: Option<LanguageTag>,
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
    let renditions = renditions_of(state, ctx, &thread, asked.as_ref()).await?;
    let base = base_url(state, headers);
    let home_url = format!("{base}/t/{}", thread.slug);
    // Feeds in another language than the thread's are addressed with it.
    let query = match (&renditions, &asked) {
        (Some(_), Some(l)) => format!("?lang={l}"),
        _ => String::new(),
    };
    let page_url = format!("{home_url}{query}");
    let rendition = |kind: ItemKind, id: &str| renditions.as_ref().and_then(|r| r.get(kind, id));
    let items: Vec<Item> = updates
        .items
        .iter()
        .map(|u| update_item(ctx, &base, &page_url, u, rendition(ItemKind::Update, &u.id)))
        .collect();
    let updated = items
        .iter()
        .map(|i| i.updated)
        .fold(thread.updated_at, Timestamp::max);
    let head = rendition(ItemKind::Thread, &thread.id);
    let (title, lead_html, lines) = thread_head(ctx, &thread, head);
    let subtitle = format!(
        "{}{}",
        text::absolute_links(lead_html, &base),
        credits_paragraph(&lines)
    );
    Ok(Channel {
        id: format!("urn:cronaca:thread:{}", thread.id),
        title: ctx.i18n.ts("feeds-thread-title", "title", &title),
        publisher: ctx.t("site-name"),
        subtitle_html: Some(subtitle).filter(|l| !l.is_empty()),
        atom_url: format!("{home_url}/feed.atom{query}"),
        json_url: format!("{home_url}/feed.json{query}"),
        home_url: page_url,
        language: head.map_or_else(|| thread.language.to_string(), |r| r.language.to_string()),
        updated,
        items_are_summaries: false,
        items,
        provenance: thread.provenance.clone(),
        translation: head.map(TranslationInfo::of),
    })
}

fn update_item(
    ctx: &PageCtx,
    base: &str,
    thread_url: &str,
    update: &Update,
    rendition: Option<&Rendition>,
) -> Item {
    let (source, source_html) = match rendition {
        Some(r) => (notes::plain(&r.body), r.body_html.as_str()),
        None => (update.body.clone(), update.body_html.as_str()),
    };
    let mut title = text::plain_title(&source);
    if title.is_empty() {
        title = ctx.i18n.ts(
            "feeds-update-untitled",
            "time",
            &ctx.i18n.datetime(&update.created_at),
        );
    }
    let mut lines: Vec<String> = update
        .provenance
        .as_ref()
        .map(|p| provenance_html(&ctx.i18n, p))
        .into_iter()
        .collect();
    if let Some(r) = rendition {
        lines.extend(translation_lines(ctx, r));
    }
    let body_html = format!(
        "{}{}",
        text::absolute_links(source_html, base),
        credits_paragraph(&lines)
    );
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
        rendition.map(|r| r.published_at),
    ]
    .into_iter()
    .flatten()
    .fold(update.created_at, Timestamp::max);
    Item {
        id: format!("urn:cronaca:update:{}", update.id),
        url: format!("{thread_url}#u-{}", update.id),
        title,
        html,
        language: rendition.map_or_else(|| update.language.to_string(), |r| r.language.to_string()),
        author: Some(update.author.name.clone()),
        published: update.created_at,
        updated,
        struck: update.struck.as_ref().map(|s| StruckInfo {
            reason: s.reason.clone(),
            corrected_by: s.corrected_by.clone(),
        }),
        translation: rendition.map(TranslationInfo::of),
        provenance: update.provenance.clone(),
    }
}

async fn site_channel(
    state: &AppState,
    ctx: &PageCtx,
    headers: &HeaderMap,
    asked: Option<LanguageTag>,
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
    let mut items: Vec<Item> = Vec::with_capacity(threads.items.len());
    for t in &threads.items {
        // Each thread's title and lead in the language asked for, where translated.
        let renditions = renditions_of(state, ctx, t, asked.as_ref()).await?;
        let head = renditions
            .as_ref()
            .and_then(|r| r.get(ItemKind::Thread, &t.id));
        let query = match (head, &asked) {
            (Some(_), Some(l)) => format!("?lang={l}"),
            _ => String::new(),
        };
        items.push(thread_item(ctx, &base, t, head, &query));
    }
    let updated = items.iter().map(|i| i.updated).max();
    let query = asked
        .as_ref()
        .map(|l| format!("?lang={l}"))
        .unwrap_or_default();
    Ok(Channel {
        id: format!("{base}/"),
        title: ctx.i18n.ts("feeds-all-title", "site", &ctx.t("site-name")),
        publisher: ctx.t("site-name"),
        subtitle_html: None,
        home_url: format!("{base}/"),
        atom_url: format!("{base}/feed.atom{query}"),
        json_url: format!("{base}/feed.json{query}"),
        language: ctx.i18n.code().to_owned(),
        updated: updated.unwrap_or_else(time::now),
        items_are_summaries: true,
        items,
        provenance: None,
        translation: None,
    })
}

fn thread_item(
    ctx: &PageCtx,
    base: &str,
    thread: &Thread,
    head: Option<&Rendition>,
    query: &str,
) -> Item {
    let (title, lead_html, lines) = thread_head(ctx, thread, head);
    Item {
        id: format!("urn:cronaca:thread:{}", thread.id),
        url: format!("{base}/t/{}{query}", thread.slug),
        title,
        html: format!(
            "{}{}",
            text::absolute_links(lead_html, base),
            credits_paragraph(&lines)
        ),
        language: head.map_or_else(|| thread.language.to_string(), |r| r.language.to_string()),
        author: thread.created_by.as_ref().map(|u| u.name.clone()),
        published: thread.created_at,
        updated: thread.updated_at,
        struck: None,
        translation: head.map(TranslationInfo::of),
        provenance: thread.provenance.clone(),
    }
}

/// A thread's title and lead as the reader's language has them, with the lines crediting its
/// republication and translation.
fn thread_head<'a>(
    ctx: &PageCtx,
    thread: &'a Thread,
    head: Option<&'a Rendition>,
) -> (String, &'a str, Vec<String>) {
    let title = head
        .and_then(|r| r.title.as_deref())
        .map_or_else(|| thread.title.clone(), notes::plain);
    let lead_html = head.map_or(thread.lead_html.as_str(), |r| r.body_html.as_str());
    let mut lines: Vec<String> = thread
        .provenance
        .as_ref()
        .map(|p| provenance_html(&ctx.i18n, p))
        .into_iter()
        .collect();
    if let Some(r) = head {
        lines.extend(translation_lines(ctx, r));
    }
    (title, lead_html, lines)
}
