//! Atom and JSON feeds: one per thread (its updates and published reports) and one for the
//! whole site (its threads).
//!
//! Both formats are written from one neutral description of the feed (`Channel`), so they
//! always carry the same items; the words Cronaca adds are in the reader's interface language.

mod atom;
mod json;
mod reports;
mod site;
mod text;
mod thread;

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::notes;
use crate::domain::provenance::Provenance;
use crate::domain::reading::Renditions;
use crate::domain::source::SourceRef;
use crate::domain::thread::Thread;
use crate::domain::time::Timestamp;
use crate::domain::translation::{Credit, Rendition, same_language};
use crate::web::credits::{escape, language_credit_html, provenance_html};
use crate::web::page_error::{OrPage, PageError};
use crate::web::session::PageCtx;

/// How many items (updates and reports, or threads) a feed carries.
const FEED_SIZE: u32 = 50;
const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
const JSON_TYPE: &str = "application/feed+json; charset=utf-8";

/// The feeds' routes, each with the reader's page context (language, account).
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/feed.atom", get(site::site_atom))
        .route("/feed.json", get(site::site_json))
        .route("/t/{slug}/feed.atom", get(thread::thread_atom))
        .route("/t/{slug}/feed.json", get(thread::thread_json))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::web::session::page_context,
        ))
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
    /// Set when the item is a report.
    report: Option<ReportInfo>,
}

/// What a report item says beyond its text, for readers that want it as data.
struct ReportInfo {
    source: SourceRef,
    cites: Option<SourceRef>,
    /// The badge shown with the report (`confirmed`, `disputed`, …) and its words.
    verification: &'static str,
    verification_text: String,
    /// The claims in words, in the reader's interface language.
    claims: Vec<String>,
    link: Option<String>,
    stated_at: Timestamp,
    occurred_at: Option<Timestamp>,
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
