//! The history of threads and updates: every version, and what changed since one of them.

use askama::Template;
use axum::extract::{Path, Query, State};

use super::super::views::word_diff_html;
use super::super::{OrPage, PageResult, render};
use super::updates::update_of;
use super::{Changes, RevisionsQuery};
use crate::app::AppState;
use crate::domain::thread::Thread;
use crate::domain::update::Revision;
use crate::web::session::PageCtx;

#[derive(Template)]
#[template(path = "editor/revisions.html")]
struct RevisionsPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    update_id: String,
    /// Newest first: `(revision, time text, time, author, html, language)`.
    revisions: Vec<(i64, String, String, String, String, String)>,
    changes: Option<Changes>,
}

pub(super) async fn revisions(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    Query(q): Query<RevisionsQuery>,
) -> PageResult {
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let list: Vec<Revision> = state.store.update_revisions(&id).await.or_page(&ctx)?;
    let changes = q.from.and_then(|from| {
        let old = list.iter().find(|r| r.revision == from)?;
        let new = list.last()?;
        Some(Changes {
            number: from,
            parts: word_diff_html(&old.body, &new.body, &ctx.i18n)
                .map(|d| (String::new(), d))
                .into_iter()
                .collect(),
            lang: update.language.to_string(),
        })
    });
    let revisions = list
        .iter()
        .rev()
        .map(|r| {
            (
                r.revision,
                ctx.i18n.datetime(&r.created_at),
                crate::domain::time::iso(&r.created_at),
                r.author.name.clone(),
                r.body_html.clone(),
                r.language.to_string(),
            )
        })
        .collect();
    Ok(render(
        &ctx,
        &RevisionsPage {
            ctx: &ctx,
            thread,
            update_id: id,
            revisions,
            changes,
        },
    ))
}

/// One version of a thread's title and lead, as the revisions page lists it.
pub struct ThreadRevisionView {
    pub number: i64,
    pub at_text: String,
    pub at_iso: String,
    pub author: String,
    pub title: String,
    pub lead_html: String,
}

#[derive(Template)]
#[template(path = "editor/thread_revisions.html")]
struct ThreadRevisionsPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    /// Newest first.
    revisions: Vec<ThreadRevisionView>,
    changes: Option<Changes>,
}

/// Every version of the thread's title and lead, and what changed since the one asked for.
pub(super) async fn thread_revisions(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionsQuery>,
) -> PageResult {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let list = state
        .store
        .thread_revisions(&thread.id)
        .await
        .or_page(&ctx)?;
    let changes = q.from.and_then(|from| {
        let old = list.iter().find(|r| r.revision == from)?;
        let new = list.last()?;
        let mut parts = Vec::new();
        if let Some(d) = word_diff_html(&old.title, &new.title, &ctx.i18n) {
            parts.push((ctx.t("editor-title"), d));
        }
        if let Some(d) = word_diff_html(&old.lead, &new.lead, &ctx.i18n) {
            parts.push((ctx.t("editor-lead"), d));
        }
        Some(Changes {
            number: from,
            parts,
            lang: thread.language.to_string(),
        })
    });
    let revisions = list
        .iter()
        .rev()
        .map(|r| ThreadRevisionView {
            number: r.revision,
            at_text: ctx.i18n.datetime(&r.created_at),
            at_iso: crate::domain::time::iso(&r.created_at),
            author: r
                .author
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            title: r.title.clone(),
            lead_html: r.lead_html.clone(),
        })
        .collect();
    Ok(render(
        &ctx,
        &ThreadRevisionsPage {
            ctx: &ctx,
            thread,
            revisions,
            changes,
        },
    ))
}
