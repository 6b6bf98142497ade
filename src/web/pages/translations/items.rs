//! The originals a thread's translations are made from: its title and lead, each update, each
//! published report and each indicator's label, as the translators' pages show them.

use crate::app::AppState;
use crate::domain::indicator::{Indicator, pick_label};
use crate::domain::language::LanguageTag;
use crate::domain::report::{Report, ReportFilter, ReportState};
use crate::domain::thread::Thread;
use crate::domain::translation::ItemKind;
use crate::domain::update::Update;
use crate::error::AppError;
use crate::store::PageRequest;
use crate::web::pages::{OrPage, PageError};
use crate::web::session::PageCtx;

/// Rows read per request when listing a whole thread.
const BATCH: u32 = 200;
/// Characters of an original shown in the overview.
const EXCERPT: usize = 90;

/// One translatable item as it is now.
#[derive(Debug, Clone)]
pub struct Original {
    pub kind: ItemKind,
    pub id: String,
    pub language: LanguageTag,
    /// The current revision; unknown for an indicator until it has a translation.
    pub revision: Option<i64>,
    /// The text as readers see it, safe HTML.
    pub html: String,
    /// What the item is, in the reader's words ("Update · 5 January 2026, 10:00 UTC").
    pub what: String,
    pub excerpt: String,
    /// Where readers see it.
    pub href: String,
    /// Its earlier versions, where the site shows them.
    pub revisions_href: Option<String>,
}

impl Original {
    /// The address of the page translating this item into `lang`.
    pub fn translate_href(&self, slug: &str, lang: &LanguageTag) -> String {
        format!(
            "/t/{slug}/translate/{}/{}/{}",
            self.kind.as_str(),
            self.id,
            lang
        )
    }
}

fn excerpt(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= EXCERPT {
        line
    } else {
        let cut: String = line.chars().take(EXCERPT).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn of_thread(ctx: &PageCtx, t: &Thread) -> Original {
    let html = format!(
        "<p class=\"lead-title\"><strong>{}</strong></p>{}",
        crate::render::escape(&t.title),
        t.lead_html
    );
    Original {
        kind: ItemKind::Thread,
        id: t.id.clone(),
        language: t.language.clone(),
        revision: Some(t.revision),
        html,
        what: ctx.t("translate-kind-thread"),
        excerpt: excerpt(&t.title),
        href: format!("/t/{}", t.slug),
        revisions_href: None,
    }
}

pub fn of_update(ctx: &PageCtx, t: &Thread, u: &Update) -> Original {
    Original {
        kind: ItemKind::Update,
        id: u.id.clone(),
        language: u.language.clone(),
        revision: Some(u.revision),
        html: u.body_html.clone(),
        what: format!(
            "{} · {}",
            ctx.t("translate-kind-update"),
            ctx.i18n.datetime(&u.created_at)
        ),
        excerpt: excerpt(&u.body),
        href: format!("/t/{}#u-{}", t.slug, u.id),
        revisions_href: Some(format!("/t/{}/updates/{}/revisions", t.slug, u.id)),
    }
}

pub fn of_report(ctx: &PageCtx, r: &Report) -> Original {
    Original {
        kind: ItemKind::Report,
        id: r.id.clone(),
        language: r.language.clone(),
        revision: Some(r.revision),
        html: r.body_html.clone(),
        what: format!("{} · {}", ctx.t("translate-kind-report"), r.source.name),
        excerpt: excerpt(&r.body),
        href: format!("/r/{}", r.id),
        revisions_href: Some(format!("/r/{}/revisions", r.id)),
    }
}

/// An indicator's label is written in its thread's language first.
pub fn of_indicator(ctx: &PageCtx, t: &Thread, i: &Indicator) -> Original {
    let label = pick_label(&i.labels, t.language.as_str(), &i.key).to_owned();
    Original {
        kind: ItemKind::Indicator,
        id: i.id.clone(),
        language: t.language.clone(),
        revision: None,
        html: crate::render::escape(&label),
        what: format!("{} · {}", ctx.t("translate-kind-indicator"), i.key),
        excerpt: excerpt(&label),
        href: format!("/t/{}/board", t.slug),
        revisions_href: None,
    }
}

/// Every translatable item of a thread, in reading order: the thread, its updates from the
/// first, its published reports from the first, its indicators.
pub async fn all(state: &AppState, ctx: &PageCtx, t: &Thread) -> Result<Vec<Original>, PageError> {
    let mut out = vec![of_thread(ctx, t)];
    let mut after = None;
    loop {
        let page = state
            .store
            .list_updates_oldest_first(
                &t.id,
                PageRequest {
                    after,
                    limit: BATCH,
                },
            )
            .await
            .or_page(ctx)?;
        out.extend(page.items.iter().map(|u| of_update(ctx, t, u)));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let mut reports = Vec::new();
    let mut after = None;
    loop {
        let page = state
            .store
            .list_reports(
                &t.id,
                ReportFilter::default(),
                PageRequest {
                    after,
                    limit: BATCH,
                },
            )
            .await
            .or_page(ctx)?;
        reports.extend(
            page.items
                .iter()
                .filter(|r| r.state == ReportState::Published)
                .map(|r| of_report(ctx, r)),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    reports.reverse();
    out.extend(reports);
    let indicators = state.store.indicators(&t.id).await.or_page(ctx)?;
    out.extend(indicators.iter().map(|i| of_indicator(ctx, t, i)));
    Ok(out)
}

/// One item of the thread, or the 404 page: an item of another thread, a report readers
/// cannot see and an unknown kind are all not found here.
pub async fn one(
    state: &AppState,
    ctx: &PageCtx,
    t: &Thread,
    kind: &str,
    id: &str,
) -> Result<Original, PageError> {
    let not_found = |what| PageError::new(ctx, AppError::NotFound(what));
    match ItemKind::parse(kind) {
        Some(ItemKind::Thread) if id == t.id => Ok(of_thread(ctx, t)),
        Some(ItemKind::Update) => {
            let u = state.store.update(id).await.or_page(ctx)?;
            if u.thread_id != t.id {
                return Err(not_found("update"));
            }
            Ok(of_update(ctx, t, &u))
        }
        Some(ItemKind::Report) => {
            let r = state.store.report(id).await.or_page(ctx)?;
            if r.thread_id != t.id || r.state != ReportState::Published {
                return Err(not_found("report"));
            }
            Ok(of_report(ctx, &r))
        }
        Some(ItemKind::Indicator) => {
            let found = state.store.indicators(&t.id).await.or_page(ctx)?;
            found
                .iter()
                .find(|i| i.id == id)
                .map(|i| of_indicator(ctx, t, i))
                .ok_or_else(|| not_found("indicator"))
        }
        _ => Err(not_found("item")),
    }
}

/// The original as it was at `revision`, as HTML, where its versions are kept.
pub async fn as_it_was(
    state: &AppState,
    t: &Thread,
    item: &Original,
    revision: i64,
) -> Option<String> {
    match item.kind {
        ItemKind::Thread => {
            let found = state.store.thread_revisions(&t.id).await.ok()?;
            let r = found.into_iter().find(|r| r.revision == revision)?;
            Some(format!(
                "<p class=\"lead-title\"><strong>{}</strong></p>{}",
                crate::render::escape(&r.title),
                r.lead_html
            ))
        }
        ItemKind::Update => {
            let found = state.store.update_revisions(&item.id).await.ok()?;
            let r = found.into_iter().find(|r| r.revision == revision)?;
            Some(r.body_html)
        }
        ItemKind::Report => {
            let found = state.store.report_revisions(&item.id).await.ok()?;
            let r = found.into_iter().find(|r| r.revision == revision)?;
            r.report["body_html"].as_str().map(str::to_owned)
        }
        ItemKind::Indicator => None,
    }
}
