//! The site's feed: its most recently updated threads, each summarised by its lead.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{
    ATOM_TYPE, Channel, FEED_SIZE, Item, JSON_TYPE, TranslationInfo, asked_language, atom,
    base_url, credits_paragraph, json, renditions_of, respond, text, thread_head,
};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::thread::Thread;
use crate::domain::time;
use crate::domain::translation::{ItemKind, Rendition};
use crate::store::PageRequest;
use crate::web::page_error::{OrPage, PageError};
use crate::web::session::PageCtx;

pub async fn site_atom(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = site_channel(&state, &ctx, &headers, asked).await?;
    Ok(respond(ATOM_TYPE, atom::write(&channel)))
}

pub async fn site_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let asked = asked_language(query.as_deref());
    let channel = site_channel(&state, &ctx, &headers, asked).await?;
    Ok(respond(JSON_TYPE, json::write(&channel)))
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
        report: None,
    }
}
