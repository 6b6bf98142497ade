//! A thread's feed: its latest updates and published reports, whole, in the language asked for
//! where translated.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{
    ATOM_TYPE, Channel, FEED_SIZE, Item, JSON_TYPE, StruckInfo, TranslationInfo, asked_language,
    atom, base_url, credits_paragraph, json, renditions_of, reports, respond, text, thread_head,
    translation_lines,
};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::notes;
use crate::domain::time::Timestamp;
use crate::domain::translation::{ItemKind, Rendition};
use crate::domain::update::Update;
use crate::store::PageRequest;
use crate::web::credits::provenance_html;
use crate::web::page_error::{OrPage, PageError};
use crate::web::session::PageCtx;

pub async fn thread_atom(
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

pub async fn thread_json(
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
    let (reports, situation) = reports::latest(state, ctx, &thread, FEED_SIZE).await?;
    let mut items: Vec<Item> = updates
        .items
        .iter()
        .map(|u| update_item(ctx, &base, &page_url, u, rendition(ItemKind::Update, &u.id)))
        .chain(reports.iter().map(|r| {
            let shown = rendition(ItemKind::Report, &r.id);
            reports::report_item(ctx, &base, &page_url, r, &situation, shown)
        }))
        .collect();
    // Newest first, updates before reports that reached the thread in the same instant.
    items.sort_by_key(|i| std::cmp::Reverse(i.published));
    items.truncate(FEED_SIZE as usize);
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
            text::struck_html(
                ctx,
                thread_url,
                &strike.reason,
                strike.corrected_by.as_deref(),
                &body_html,
            ),
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
        report: None,
    }
}
