//! The thread page: lead, updates, comments, the editor's composer and the live stream.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::board::timeline::{Item, ReportView, Span, TimelineOrder, interleave};
use super::board::view::SummaryView;
mod head;

pub use self::head::ThreadHead;

use super::views::{CommentView, UpdateView, reader_language};
use super::{OrPage, PageError, render};
use crate::app::AppState;
use crate::domain::comment::CommentNode;
use crate::domain::reading::Renditions;
use crate::domain::thread::{CommentPolicy, Thread, ThreadStatus};
use crate::domain::translation::same_language;
use crate::error::AppError;
use crate::store::PageRequest;
use crate::web::session::PageCtx;

pub const UPDATES_PER_PAGE: u32 = 50;
pub const COMMENTS_PER_PAGE: u32 = 50;
/// Bytes of a lead's HTML past which a phone shows its first lines only.
const LONG_LEAD: usize = 360;

#[derive(Debug, Default, Deserialize)]
pub struct ThreadQuery {
    pub order: Option<String>,
    pub after: Option<String>,
    pub comments_after: Option<String>,
    pub reply_to: Option<String>,
    pub done: Option<String>,
    /// Shows only the reports about this place (a place id), without the updates.
    pub place: Option<String>,
    /// The language to read the content in; the interface follows when it speaks it.
    pub lang: Option<String>,
    /// The ids of the waiting comments this browser wrote (from its cookie, never the query).
    #[serde(skip)]
    pub pending: Vec<String>,
}

/// A comment in reading order, with what the list around it opens and closes.
pub struct CommentLine {
    pub c: CommentView,
    pub has_replies: bool,
    pub closes: usize,
}

fn flatten(nodes: Vec<CommentView>, out: &mut Vec<CommentLine>) {
    for mut node in nodes {
        let replies = std::mem::take(&mut node.replies);
        let has_replies = !replies.is_empty();
        out.push(CommentLine {
            c: node,
            has_replies,
            closes: 0,
        });
        if has_replies {
            flatten(replies, out);
            if let Some(last) = out.last_mut() {
                last.closes += 1;
            }
        }
    }
}

pub fn comment_lines(nodes: &[CommentNode], ctx: &PageCtx) -> Vec<CommentLine> {
    let views = nodes
        .iter()
        .map(|n| CommentView::of(n, &ctx.i18n))
        .collect();
    let mut out = Vec::new();
    flatten(views, &mut out);
    out
}

#[derive(Template)]
#[template(path = "thread/page.html")]
pub struct ThreadPage<'a> {
    pub ctx: &'a PageCtx,
    pub thread: Thread,
    /// The title and lead as this reader reads them.
    pub head: ThreadHead,
    /// Some item shown carries translator's notes: the legend is shown once.
    pub legend: bool,
    /// An engine is set up: the machine-translation script is loaded.
    pub machine: bool,
    /// `(hreflang, address)` of each language the thread can be read in, `x-default` last.
    pub alternates: Vec<(String, String)>,
    /// `?lang=…` for the feeds in the reader's language, when it is not the thread's.
    pub feed_query: String,
    pub opened_text: String,
    pub updated_text: String,
    /// The situation board's figures in brief; `None` when the thread tracks nothing.
    pub summary: Option<SummaryView>,
    /// Updates and the reports received in their span, in reading order.
    pub timeline: Vec<Item<UpdateView>>,
    /// The place the timeline is limited to: its id and name.
    pub place_filter: Option<(String, String)>,
    pub updates_next: Option<String>,
    pub order: TimelineOrder,
    pub oldest_first: bool,
    pub comments: Vec<CommentLine>,
    pub comments_next: Option<String>,
    pub last_seq: i64,
    pub comment_form: Option<CommentForm>,
    pub comments_closed: Option<String>,
    pub notice: Option<String>,
    /// This browser's own comments that wait for a moderator, shown to it beside the form.
    pub pending: Vec<CommentView>,
    /// The comment just sent waits for a moderator: the notice is shown beside the form.
    pub pending_notice: bool,
    /// Translations waiting for publication, and whether they are the reader's own.
    pub translations_waiting: (i64, bool),
    pub composer: Composer,
    pub blank_update: UpdateView,
    pub blank_comment: CommentLine,
}

/// The comment form as it is shown: who writes, and what they reply to.
pub struct CommentForm {
    pub guest: bool,
    pub parent_id: String,
    pub premoderated: bool,
    pub body: String,
    pub author_name: String,
    pub error: Option<String>,
}

/// The editor's update composer: its text and preview when the page is shown again.
#[derive(Default)]
pub struct Composer {
    pub body: String,
    pub preview_html: Option<String>,
    pub error: Option<String>,
}

impl ThreadPage<'_> {
    pub fn is_open(&self) -> bool {
        self.thread.status == ThreadStatus::Open
    }

    /// A lead long enough to be cut short on a phone, so that the newest update shows in the
    /// first screen; the whole of it is one tap away (`#lead`).
    pub fn long_lead(&self) -> bool {
        self.head.lead_html.len() > LONG_LEAD
    }

    /// `&amp;order=…` for links that keep the timeline's order; empty for the default.
    pub fn order_param(&self) -> String {
        match self.order {
            TimelineOrder::Newest => String::new(),
            o => format!("&order={}", o.as_str()),
        }
    }

    pub fn pending_count(&self) -> i64 {
        i64::try_from(self.pending.len()).unwrap_or(i64::MAX)
    }
}

pub async fn thread_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
    Query(mut q): Query<ThreadQuery>,
) -> Result<Response, PageError> {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    q.pending = crate::web::pending::own_pending(&headers);
    let page = build(&state, &ctx, thread, &q, Composer::default(), None).await?;
    Ok(render(&ctx, &page))
}

/// Gathers everything the thread page shows; also used to show it again with a form's errors.
pub async fn build<'a>(
    state: &AppState,
    ctx: &'a PageCtx,
    thread: Thread,
    q: &ThreadQuery,
    composer: Composer,
    comment_form: Option<CommentForm>,
) -> Result<ThreadPage<'a>, PageError> {
    // The event number is read first: anything newer reaches the page over the stream.
    let last_seq = state.store.last_event_seq(&thread.id).await.or_page(ctx)?;
    let reader = reader_language(ctx, q.lang.as_deref(), &thread.language);
    let translations = state
        .store
        .thread_translations(&thread.id, None)
        .await
        .or_page(ctx)?;
    let renditions = Renditions::new(&translations, &reader);
    let order = TimelineOrder::parse(q.order.as_deref()).ok_or_else(|| {
        PageError::new(
            ctx,
            AppError::BadRequest {
                code: "bad_order",
                message: "order is newest, oldest or stated".to_owned(),
            },
        )
    })?;
    let oldest_first = order.oldest_first();
    let updates_page = PageRequest {
        after: q.after.clone(),
        limit: UPDATES_PER_PAGE,
    };
    let updates = if q.place.is_some() {
        crate::domain::page::Page {
            items: Vec::new(),
            next: None,
        }
    } else if oldest_first {
        state
            .store
            .list_updates_oldest_first(&thread.id, updates_page)
            .await
            .or_page(ctx)?
    } else {
        state
            .store
            .list_updates(&thread.id, updates_page)
            .await
            .or_page(ctx)?
    };
    let (inputs, situation) =
        super::board::situation_with(state, ctx, &thread, &translations).await?;
    let (reports, place_filter) = match q.place.as_deref() {
        Some(place) => {
            let (reports, name) = super::board::reports_about(state, ctx, &thread, place).await?;
            (reports, Some((place.to_owned(), name)))
        }
        None => {
            let before_page = match q.after.as_deref() {
                Some(cursor) => super::board::update_time(state, cursor).await,
                None => None,
            };
            let times: Vec<_> = updates.items.iter().map(|u| u.created_at).collect();
            let span = Span::of_page(&times, before_page, updates.next.is_some(), oldest_first);
            let reports = super::board::reports_in(state, ctx, &thread, span).await?;
            (reports, None)
        }
    };
    let path = format!("/t/{}", thread.slug);
    let machine = state.service.engine().is_some();
    let timeline = interleave(
        updates
            .items
            .iter()
            .map(|u| {
                let view =
                    UpdateView::of(u, &ctx.i18n).read_in(u, &renditions, &thread.slug, &ctx.i18n);
                (u.created_at, view)
            })
            .collect(),
        reports
            .iter()
            .map(|r| {
                let view = ReportView::of(r, &situation, &ctx.i18n)
                    .read_in(r, &renditions, &path, &reader, machine, &ctx.i18n)
                    .ordered(order);
                (order.report_time(r), view)
            })
            .collect(),
        oldest_first,
    );
    let head = ThreadHead::of(&thread, &renditions, &ctx.i18n);
    let legend = head.reading.notes
        || timeline.iter().any(|item| match item {
            Item::Update(u) => u.reading.notes,
            Item::Report(r) => r.reading.notes,
        });
    let languages = state
        .store
        .thread_languages(&thread.id)
        .await
        .or_page(ctx)?;
    let mut alternates = vec![thread.language.to_string()];
    for (l, _) in languages {
        if !alternates
            .iter()
            .any(|a| a.eq_ignore_ascii_case(l.as_str()))
        {
            alternates.push(l.to_string());
        }
    }
    let mut alternates: Vec<(String, String)> = alternates
        .into_iter()
        .map(|l| {
            let href = format!("{path}?lang={l}");
            (l, href)
        })
        .collect();
    alternates.push(("x-default".to_owned(), path.clone()));
    let feed_query = if same_language(&reader, &thread.language) {
        String::new()
    } else {
        format!("?lang={reader}")
    };
    let comments_page = PageRequest {
        after: q.comments_after.clone(),
        limit: COMMENTS_PER_PAGE,
    };
    let comments = state
        .store
        .list_comments(&thread.id, comments_page)
        .await
        .or_page(ctx)?;

    let comments_closed = if thread.status == ThreadStatus::Closed {
        Some(ctx.t("thread-comments-thread-closed"))
    } else if thread.comment_policy == CommentPolicy::Closed {
        Some(ctx.t("thread-comments-closed"))
    } else if ctx.user.is_none() && !thread.guests_may_comment {
        Some(ctx.t("thread-comments-members-only"))
    } else {
        None
    };
    let comment_form = match comment_form {
        Some(form) => Some(form),
        None if comments_closed.is_none() => Some(CommentForm {
            guest: ctx.user.is_none(),
            parent_id: q.reply_to.clone().unwrap_or_default(),
            premoderated: thread.comment_policy == CommentPolicy::Premoderated
                && !ctx.role().is_some_and(|r| r.is_staff()),
            body: String::new(),
            author_name: String::new(),
            error: None,
        }),
        None => None,
    };
    let pending_notice = q.done.as_deref() == Some("pending");
    let notice = q
        .done
        .as_deref()
        .filter(|d| *d != "pending")
        .map(|d| match d {
            "flagged" => ctx.t("thread-notice-flagged"),
            "moderated" => ctx.t("thread-notice-moderated"),
            "updated" => ctx.t("thread-notice-updated"),
            "report" => ctx.t("thread-notice-report"),
            _ => ctx.t("thread-notice-published"),
        });
    Ok(ThreadPage {
        ctx,
        head,
        legend,
        machine,
        alternates,
        feed_query,
        opened_text: ctx.i18n.datetime(&thread.created_at),
        updated_text: ctx.i18n.datetime(&thread.updated_at),
        summary: super::board::view::summary(&ctx.i18n, &inputs, &situation),
        timeline,
        place_filter,
        updates_next: updates.next,
        order,
        oldest_first,
        comments: comment_lines(&comments.items, ctx)
            .into_iter()
            .map(|mut line| {
                line.c.read_for(&reader, machine, &ctx.i18n);
                line
            })
            .collect(),
        comments_next: comments.next,
        last_seq,
        comment_form,
        comments_closed,
        notice,
        pending: super::comments::waiting(state, ctx, &thread.id, &q.pending).await?,
        pending_notice,
        translations_waiting: super::translations::waiting_for(ctx, &translations),
        composer,
        blank_update: UpdateView::default(),
        blank_comment: CommentLine {
            c: CommentView::default(),
            has_replies: false,
            closes: 0,
        },
        thread,
    })
}
