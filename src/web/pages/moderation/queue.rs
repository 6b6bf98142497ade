//! Showing the queue: pending and flagged comments, and the submitted reports, with each
//! moderator's items claimed for a while.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};

use super::super::{OrPage, PageError, render};
use super::{SHOWN, action_code, field, moderator, parse_action, query_params};
use crate::app::AppState;
use crate::domain::comment::{CommentStatus, ModerationAction, QueueItem};
use crate::domain::indicator::value_text;
use crate::domain::permissions::Action;
use crate::domain::time;
use crate::domain::user::User;
use crate::store::PageRequest;
use crate::web::session::PageCtx;

/// One queue item as the page shows it.
struct Entry {
    id: String,
    thread_title: String,
    thread_slug: String,
    /// The thread's language, for its title; absent if the thread could not be read.
    thread_lang: Option<String>,
    author: String,
    guest: bool,
    created_at: DateTime<Utc>,
    /// `created_at` as HTML's `datetime` attribute takes it.
    created_iso: String,
    body_html: String,
    pending: bool,
    flags: Vec<FlagView>,
    flag_count: i64,
    /// The display name of another moderator reviewing it now.
    taken_by: Option<String>,
}

/// A reader's flag: what they said and when.
struct FlagView {
    reason: String,
    created_at: DateTime<Utc>,
    created_iso: String,
}

/// HTML's `datetime` attribute allows at most three digits of fractions: whole seconds suffice.
fn html_datetime(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A submitted report as the queue shows it.
struct ReportEntry {
    id: String,
    thread_title: String,
    thread_slug: String,
    submitter: String,
    guest: bool,
    created_at: DateTime<Utc>,
    created_iso: String,
    language: String,
    body_html: String,
    source: String,
    cites: Option<String>,
    link: Option<String>,
    places: Vec<String>,
    /// "Label: value (place)" for each claim.
    claims: Vec<String>,
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage<'a> {
    ctx: &'a PageCtx,
    reports: Vec<ReportEntry>,
    entries: Vec<Entry>,
    after: Option<String>,
    next: Option<String>,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let user = match moderator(&ctx, Action::ViewModerationQueue) {
        Ok(user) => user,
        Err(refusal) => return Ok(*refusal),
    };
    let params = query_params(raw.as_deref());
    let after = field(&params, "after").map(str::to_owned);
    let notice = field(&params, "done").and_then(|done| {
        let count = field(&params, "n").and_then(|n| n.parse::<i64>().ok());
        let action = parse_action(done)?;
        Some(if field(&params, "what") == Some("report") {
            ctx.t(&format!("moderation-report-done-{}", action_code(action)))
        } else {
            done_message(&ctx, action, count)
        })
    });
    let view = QueueView {
        after,
        notice,
        error: None,
    };
    show_queue(&state, &ctx, &user, view, StatusCode::OK).await
}

/// What a rendering of the queue carries besides the items.
pub(super) struct QueueView {
    pub(super) after: Option<String>,
    pub(super) notice: Option<String>,
    pub(super) error: Option<String>,
}

/// Renders one page of the queue, claiming for `user` what no other moderator holds.
pub(super) async fn show_queue(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    view: QueueView,
    status: StatusCode,
) -> Result<Response, PageError> {
    let page = state
        .store
        .moderation_queue(PageRequest {
            after: view.after.clone(),
            limit: SHOWN,
        })
        .await
        .or_page(ctx)?;
    let ids: Vec<String> = page.items.iter().map(|i| i.comment.id.clone()).collect();
    let now = time::now();
    if !ids.is_empty() && ctx.can_moderate() {
        state
            .service
            .claim_comments(&ctx.actor(), &ids)
            .await
            .or_page(ctx)?;
    }
    let claims = state.store.comment_claims(&ids, now).await.or_page(ctx)?;
    let mut languages: HashMap<String, Option<String>> = HashMap::new();
    for item in &page.items {
        let thread_id = &item.comment.thread_id;
        if !languages.contains_key(thread_id) {
            let lang = state
                .store
                .thread(thread_id)
                .await
                .ok()
                .map(|t| t.language.to_string());
            languages.insert(thread_id.clone(), lang);
        }
    }
    let entries = page
        .items
        .into_iter()
        .map(|item| {
            let taken_by = claims
                .iter()
                .find(|(comment, holder, _)| *comment == item.comment.id && *holder != user.id)
                .map(|(_, _, name)| name.clone());
            let thread_lang = languages.get(&item.comment.thread_id).cloned().flatten();
            entry(item, thread_lang, taken_by)
        })
        .collect();
    // A page re-rendered after a refused POST links its language switcher to the queue itself.
    let ctx = PageCtx {
        path: "/moderation".to_owned(),
        ..ctx.clone()
    };
    let reports = if view.after.is_none() && ctx.can(Action::ModerateReport) {
        report_entries(state, &ctx).await?
    } else {
        Vec::new()
    };
    let page = QueuePage {
        ctx: &ctx,
        reports,
        entries,
        after: view.after,
        next: page.next,
        notice: view.notice,
        error: view.error,
    };
    Ok((status, render(&ctx, &page)).into_response())
}

/// Submitted reports, newest first, each claim in words with its indicator's label.
async fn report_entries(state: &AppState, ctx: &PageCtx) -> Result<Vec<ReportEntry>, PageError> {
    let items = state.store.report_queue(SHOWN).await.or_page(ctx)?;
    let mut labels: HashMap<String, HashMap<String, String>> = HashMap::new();
    let lang = ctx.i18n.code();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let r = item.report;
        if !labels.contains_key(&r.thread_id) {
            let indicators = state.store.indicators(&r.thread_id).await.or_page(ctx)?;
            let map = indicators
                .iter()
                .map(|i| (i.key.clone(), i.label(lang).to_owned()))
                .collect();
            labels.insert(r.thread_id.clone(), map);
        }
        let thread_labels = labels.get(&r.thread_id);
        let claims = r
            .claims
            .iter()
            .map(|c| {
                let label = thread_labels
                    .and_then(|l| l.get(&c.indicator))
                    .cloned()
                    .unwrap_or_else(|| c.indicator.clone());
                let value = value_text(&c.value);
                match &c.place {
                    Some(p) => format!("{label}: {value} ({})", p.name),
                    None => format!("{label}: {value}"),
                }
            })
            .collect();
        out.push(ReportEntry {
            created_iso: html_datetime(&r.received_at),
            created_at: r.received_at,
            guest: r.submitted_by.user_id.is_none(),
            submitter: r.submitted_by.name,
            language: r.language.to_string(),
            body_html: r.body_html,
            source: r.source.name,
            cites: r.cites.map(|c| c.name),
            link: r.link,
            places: r
                .places
                .iter()
                .map(|p| p.in_language(ctx.i18n.code()).name)
                .collect(),
            claims,
            id: r.id,
            thread_title: item.thread_title,
            thread_slug: item.thread_slug,
        });
    }
    Ok(out)
}

fn entry(item: QueueItem, thread_lang: Option<String>, taken_by: Option<String>) -> Entry {
    let QueueItem {
        comment,
        thread_title,
        thread_slug,
        flags,
    } = item;
    Entry {
        id: comment.id,
        thread_title,
        thread_slug,
        thread_lang,
        author: comment.author.name,
        guest: comment.author.guest,
        created_iso: html_datetime(&comment.created_at),
        created_at: comment.created_at,
        body_html: comment.body_html,
        pending: comment.status == CommentStatus::Pending,
        flag_count: i64::try_from(flags.len()).unwrap_or(i64::MAX),
        flags: flags
            .into_iter()
            .map(|f| FlagView {
                created_iso: html_datetime(&f.created_at),
                created_at: f.created_at,
                reason: f.reason,
            })
            .collect(),
        taken_by,
    }
}

/// The notice after a decision: one comment, or `count` of them at once.
fn done_message(ctx: &PageCtx, action: ModerationAction, count: Option<i64>) -> String {
    use ModerationAction::*;
    let i18n = &ctx.i18n;
    match (action, count) {
        (Approve, None) => ctx.t("moderation-done-approve"),
        (Reject, None) => ctx.t("moderation-done-reject"),
        (Spam, None) => ctx.t("moderation-done-spam"),
        (Delete, None) => ctx.t("moderation-done-delete"),
        (Approve, Some(n)) => i18n.tn("moderation-bulk-done-approve", "count", n),
        (Reject, Some(n)) => i18n.tn("moderation-bulk-done-reject", "count", n),
        (Spam, Some(n)) => i18n.tn("moderation-bulk-done-spam", "count", n),
        (Delete, Some(n)) => i18n.tn("moderation-bulk-done-delete", "count", n),
    }
}
