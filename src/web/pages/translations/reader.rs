//! `/mt/{kind}/{id}?lang=xx`: a comment or report machine-translated for a reader, always
//! labelled with its engine, beside the original. With `X-Fragment: 1` (or `?fragment=1`) only
//! the translation is returned, for `mt.js` to show under the item. An engine that is down,
//! slow or lacks the language pair gives a page (or fragment) that says so, never a 5xx.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::{language_name, machine_problem};
use crate::app::AppState;
use crate::domain::comment::CommentStatus;
use crate::domain::language::LanguageTag;
use crate::domain::report::ReportState;
use crate::domain::thread::Thread;
use crate::domain::translation::MachineTranslation;
use crate::error::AppError;
use crate::service::Client;
use crate::service::machine::MachineError;
use crate::web::pages::{OrPage, PageError, PageResult, render};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct MachineQuery {
    /// The language to translate into; the reader's interface language when absent.
    lang: Option<String>,
    fragment: Option<String>,
}

/// The translation, or why there is none.
pub struct Outcome {
    pub label: String,
    pub lang: String,
    pub html: String,
    pub at_iso: String,
    pub at_text: String,
}

#[derive(Template)]
#[template(path = "translate/machine_fragment.html")]
struct Fragment<'a> {
    ctx: &'a PageCtx,
    outcome: Result<Outcome, String>,
}

#[derive(Template)]
#[template(path = "translate/machine.html")]
struct MachinePage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    /// Where the item is on the site.
    back: String,
    original_html: String,
    original_lang: String,
    original_lang_name: String,
    author: String,
    outcome: Result<Outcome, String>,
}

/// The item as readers see it: its thread, its address, its HTML and author.
struct Item {
    thread_id: String,
    back_fragment: String,
    html: String,
    author: String,
    language: Option<LanguageTag>,
}

async fn item(state: &AppState, ctx: &PageCtx, kind: &str, id: &str) -> Result<Item, PageError> {
    let not_found = |what| PageError::new(ctx, AppError::NotFound(what));
    match kind {
        "comment" => {
            let c = state.store.comment(id).await.or_page(ctx)?;
            if c.status != CommentStatus::Approved {
                return Err(not_found("comment"));
            }
            Ok(Item {
                thread_id: c.thread_id,
                back_fragment: format!("#c-{}", c.id),
                html: c.body_html,
                author: c.author.name,
                language: None,
            })
        }
        "report" => {
            let r = state.store.report(id).await.or_page(ctx)?;
            if r.state != ReportState::Published {
                return Err(not_found("report"));
            }
            Ok(Item {
                thread_id: r.thread_id,
                back_fragment: format!("#r-{}", r.id),
                html: r.body_html,
                author: r.source.name,
                language: Some(r.language),
            })
        }
        _ => Err(not_found("item")),
    }
}

fn outcome(ctx: &PageCtx, m: &MachineTranslation) -> Outcome {
    Outcome {
        label: ctx.i18n.ts("translate-mt-by", "engine", &m.engine),
        lang: m.language.to_string(),
        html: m.html.clone(),
        at_iso: crate::domain::time::iso(&m.created_at),
        at_text: ctx.i18n.datetime(&m.created_at),
    }
}

pub async fn machine_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    client: Client,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, String)>,
    Query(q): Query<MachineQuery>,
) -> PageResult {
    let fragment = q.fragment.as_deref() == Some("1")
        || headers
            .get("x-fragment")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "1");
    if state.service.engine().is_none() {
        let message = ctx.t("translate-mt-off");
        return Ok(problem(&ctx, fragment, StatusCode::NOT_FOUND, message));
    };
    let wanted = q.lang.unwrap_or_else(|| ctx.i18n.code().to_owned());
    let Ok(to) = LanguageTag::parse(wanted.trim()) else {
        let message = ctx.t("translate-mt-bad-language");
        return Ok(problem(&ctx, fragment, StatusCode::BAD_REQUEST, message));
    };
    let found = match item(&state, &ctx, &kind, &id).await {
        Ok(found) => found,
        Err(_) if fragment => {
            let message = ctx.t("error-404-message");
            return Ok(problem(&ctx, true, StatusCode::NOT_FOUND, message));
        }
        Err(e) => return Err(e.into()),
    };
    let made = match state
        .service
        .machine_translation(&ctx.actor(), client, &kind, &id, &to)
        .await
    {
        // The site's own failure: the error page, whatever was asked.
        Err(MachineError::Refused(e)) => return Err(PageError::new(&ctx, e).into()),
        made => made,
    };
    let (status, outcome) = match &made {
        Ok(m) => (StatusCode::OK, Ok(outcome(&ctx, m))),
        Err(e) => {
            let Some(message) = machine_problem(&ctx, e) else {
                let cause = e.to_string();
                return Err(PageError::new(&ctx, AppError::Internal(cause)).into());
            };
            let status = match e {
                MachineError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                MachineError::NotFound(_) => StatusCode::NOT_FOUND,
                // The page itself worked: it says what the engine did.
                _ => StatusCode::OK,
            };
            (status, Err(message))
        }
    };
    if fragment {
        let html = render(&ctx, &Fragment { ctx: &ctx, outcome });
        return Ok((status, VARY, html).into_response());
    }
    let thread = state.store.thread(&found.thread_id).await.or_page(&ctx)?;
    let original_lang = match (&made, found.language) {
        (Ok(m), _) => m.from_language.clone(),
        (Err(_), Some(l)) => l,
        (Err(_), None) => thread.language.clone(),
    };
    let page = MachinePage {
        ctx: &ctx,
        back: format!("/t/{}{}", thread.slug, found.back_fragment),
        original_html: found.html,
        original_lang_name: language_name(&ctx, &original_lang),
        original_lang: original_lang.to_string(),
        author: found.author,
        outcome,
        thread,
    };
    Ok((status, VARY, render(&ctx, &page)).into_response())
}

/// The same address answers a page or a fragment, by the request's header.
const VARY: [(axum::http::HeaderName, &str); 1] = [(axum::http::header::VARY, "X-Fragment")];

/// A refusal before any item is read: the error page, or its message as a fragment.
fn problem(
    ctx: &PageCtx,
    fragment: bool,
    status: StatusCode,
    message: String,
) -> axum::response::Response {
    if fragment {
        let page = Fragment {
            ctx,
            outcome: Err(message),
        };
        return (status, VARY, render(ctx, &page)).into_response();
    }
    let error = match status {
        StatusCode::NOT_FOUND => AppError::NotFound("machine translation"),
        _ => AppError::BadRequest {
            code: "bad_language",
            message: String::new(),
        },
    };
    PageError::with_message(ctx, error, message).into_response()
}
