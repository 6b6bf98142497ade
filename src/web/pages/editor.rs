//! The editors' pages: open and change a thread, post, edit and strike updates.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::thread::{Composer, ThreadQuery, build};
use super::views::{UpdateView, word_diff_html};
use super::{CsrfForm, OrPage, PageResult, allow, describe, render};
use crate::app::AppState;
use crate::domain::markup::{self, Flavor};
use crate::domain::permissions::Action;
use crate::domain::provenance::NewProvenance;
use crate::domain::thread::{CommentPolicy, NewThread, Thread, ThreadPatch, ThreadStatus};
use crate::domain::update::{NewStrike, NewUpdate, Revision, Update, UpdatePatch};
use crate::domain::validation::ValidationError;
use crate::error::AppError;
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/new", get(new_thread_form).post(create_thread))
        .route("/t/{slug}/edit", get(edit_thread_form).post(edit_thread))
        .route("/t/{slug}/updates", post(post_update))
        .route(
            "/t/{slug}/updates/{id}/edit",
            get(edit_update_form).post(edit_update),
        )
        .route(
            "/t/{slug}/updates/{id}/strike",
            get(strike_form).post(strike_update),
        )
        .route("/t/{slug}/updates/{id}/revisions", get(revisions))
        .route("/t/{slug}/revisions", get(thread_revisions))
        .route("/preview", post(preview))
}

/// The values a thread form shows: a new thread's defaults, or the thread being changed.
#[derive(Debug, Default, Deserialize)]
pub struct ThreadFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    comment_policy: String,
    guests_may_comment: Option<String>,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    slow_mode_seconds: String,
    #[serde(default)]
    dispute_window_hours: String,
    #[serde(default)]
    provenance_publisher: String,
    #[serde(default)]
    provenance_title: String,
    #[serde(default)]
    provenance_url: String,
    /// `2022-01-05T10:00`, as a `datetime-local` field sends it; read as UTC.
    #[serde(default)]
    provenance_published_at: String,
}

impl ThreadFields {
    fn of(t: &Thread) -> Self {
        let p = t.provenance.as_ref();
        Self {
            provenance_publisher: p.map(|p| p.publisher.clone()).unwrap_or_default(),
            provenance_title: p.and_then(|p| p.title.clone()).unwrap_or_default(),
            provenance_url: p.and_then(|p| p.url.clone()).unwrap_or_default(),
            provenance_published_at: p
                .and_then(|p| p.published_at)
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            title: t.title.clone(),
            lead: t.lead.clone(),
            language: t.language.to_string(),
            comment_policy: t.comment_policy.as_str().to_owned(),
            guests_may_comment: t.guests_may_comment.then(|| "on".to_owned()),
            slug: t.slug.clone(),
            status: t.status.as_str().to_owned(),
            slow_mode_seconds: t.slow_mode_seconds.to_string(),
            dispute_window_hours: t.dispute_window_hours.to_string(),
        }
    }

    pub fn guests(&self) -> bool {
        self.guests_may_comment.is_some()
    }

    /// The republication credit the form gives; `None` when its fields are all empty.
    fn provenance(&self) -> Result<Option<NewProvenance>, ValidationError> {
        let fields = [
            &self.provenance_publisher,
            &self.provenance_title,
            &self.provenance_url,
            &self.provenance_published_at,
        ];
        if fields.iter().all(|f| f.trim().is_empty()) {
            return Ok(None);
        }
        let at = self.provenance_published_at.trim();
        let published_at = if at.is_empty() {
            None
        } else {
            let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(at, f).ok())
                .or_else(|| {
                    NaiveDate::parse_from_str(at, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                })
                .ok_or_else(|| {
                    ValidationError::new("provenance.published_at", "a date and time, UTC")
                })?;
            Some(parsed.and_utc())
        };
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(Some(NewProvenance {
            publisher: self.provenance_publisher.clone(),
            title: optional(&self.provenance_title),
            url: optional(&self.provenance_url),
            published_at,
        }))
    }
}

/// An error on the thread form in the reader's words: the republication fields are named by
/// their labels.
fn describe_thread_error(ctx: &PageCtx, e: &AppError) -> String {
    if let AppError::Invalid(v) = e
        && let Some(field) = v.field.strip_prefix("provenance.")
    {
        let label = match field {
            "publisher" => "editor-provenance-publisher",
            "title" => "editor-provenance-title",
            "url" => "editor-provenance-url",
            _ => "editor-provenance-published-at",
        };
        return ctx.i18n.ts("error-invalid-field", "field", &ctx.t(label));
    }
    describe(ctx, e)
}

#[derive(Template)]
#[template(path = "editor/thread_form.html")]
struct ThreadForm<'a> {
    ctx: &'a PageCtx,
    /// The thread being changed; none for a new one.
    slug: Option<String>,
    f: ThreadFields,
    error: Option<String>,
}

fn thread_form(
    ctx: &PageCtx,
    slug: Option<String>,
    f: ThreadFields,
    error: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (
        status,
        render(
            ctx,
            &ThreadForm {
                ctx,
                slug,
                f,
                error,
            },
        ),
    )
        .into_response()
}

async fn new_thread_form(ctx: PageCtx) -> PageResult {
    allow(&ctx, Action::CreateThread)?;
    let f = ThreadFields {
        language: ctx.i18n.code().to_owned(),
        comment_policy: "postmoderated".into(),
        ..Default::default()
    };
    Ok(thread_form(&ctx, None, f, None))
}

fn policy(s: &str) -> Option<CommentPolicy> {
    CommentPolicy::parse(s)
}

async fn create_thread(
    State(state): State<AppState>,
    ctx: PageCtx,
    CsrfForm(f): CsrfForm<ThreadFields>,
) -> PageResult {
    allow(&ctx, Action::CreateThread)?;
    let validated = f.provenance().and_then(|provenance| {
        NewThread {
            title: f.title.clone(),
            lead: f.lead.clone(),
            language: f.language.clone(),
            comment_policy: policy(&f.comment_policy),
            guests_may_comment: Some(f.guests()),
            slug: Some(f.slug.trim().to_owned()).filter(|s| !s.is_empty()),
            provenance,
        }
        .validate()
    });
    let created = match validated {
        Ok(draft) => state
            .writes
            .create_thread(&ctx.actor(), draft)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    match created {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!("/t/{}", change.item.slug)).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => Ok(thread_form(
            &ctx,
            None,
            f,
            Some(describe_thread_error(&ctx, &e)),
        )),
        Err(e) => Err(super::PageError::new(&ctx, e).into()),
    }
}

async fn edit_thread_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> PageResult {
    allow(&ctx, Action::EditThread)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    Ok(thread_form(
        &ctx,
        Some(thread.slug.clone()),
        ThreadFields::of(&thread),
        None,
    ))
}

async fn edit_thread(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(f): CsrfForm<ThreadFields>,
) -> PageResult {
    allow(&ctx, Action::EditThread)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let slow = f.slow_mode_seconds.trim();
    let slow_mode_seconds = if slow.is_empty() {
        Some(0)
    } else {
        slow.parse::<u32>().ok()
    };
    let provenance = match f.provenance() {
        Ok(Some(p)) => Some(Some(p)),
        // Emptied fields remove the credit.
        Ok(None) if thread.provenance.is_some() => Some(None),
        Ok(None) => None,
        Err(e) => {
            let message = describe_thread_error(&ctx, &e.into());
            return Ok(thread_form(
                &ctx,
                Some(thread.slug.clone()),
                f,
                Some(message),
            ));
        }
    };
    let patch = ThreadPatch {
        title: Some(f.title.clone()),
        lead: Some(f.lead.clone()),
        language: Some(f.language.clone()),
        status: ThreadStatus::parse(&f.status),
        comment_policy: policy(&f.comment_policy),
        guests_may_comment: Some(f.guests()),
        slow_mode_seconds: slow_mode_seconds.or(Some(u32::MAX)),
        // Blank keeps the window; anything unreadable is refused by the validation.
        dispute_window_hours: match f.dispute_window_hours.trim() {
            "" => None,
            h => Some(h.parse::<u32>().unwrap_or(u32::MAX)),
        },
        provenance,
    };
    let changed = match patch.validate() {
        Ok(p) => state
            .writes
            .patch_thread(&ctx.actor(), &thread.id, p)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    match changed {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!("/t/{}?done=updated", thread.slug)).into_response())
        }
        Err(e @ AppError::Invalid(_)) => Ok(thread_form(
            &ctx,
            Some(thread.slug.clone()),
            f,
            Some(describe_thread_error(&ctx, &e)),
        )),
        Err(e) => Err(super::PageError::new(&ctx, e).into()),
    }
}

#[derive(Deserialize)]
pub struct UpdateFields {
    #[serde(default)]
    body: String,
    intent: Option<String>,
}

async fn post_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(f): CsrfForm<UpdateFields>,
) -> PageResult {
    allow(&ctx, Action::PostUpdate)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let input = NewUpdate {
        body: f.body.clone(),
        language: None,
        provenance: None,
    };
    let text = match input.validate() {
        Ok(text) => text,
        Err(e) => {
            let error = Some(describe(&ctx, &e.into()));
            let composer = Composer {
                body: f.body,
                preview_html: None,
                error,
            };
            return show_again(
                &state,
                &ctx,
                thread,
                composer,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if f.intent.as_deref() == Some("preview") {
        let composer = Composer {
            body: f.body,
            preview_html: Some(text.body_html),
            error: None,
        };
        return show_again(&state, &ctx, thread, composer, StatusCode::OK).await;
    }
    let change = state
        .writes
        .post_update(&ctx.actor(), &thread.id, text)
        .await
        .or_page(&ctx)?;
    state.publish(&change.events);
    Ok(Redirect::to(&format!("/t/{}#u-{}", thread.slug, change.item.id)).into_response())
}

/// The thread page again, with the composer's text, preview or error.
async fn show_again(
    state: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    composer: Composer,
    status: StatusCode,
) -> PageResult {
    let page = build(state, ctx, thread, &ThreadQuery::default(), composer, None).await?;
    Ok((status, render(ctx, &page)).into_response())
}

#[derive(Deserialize)]
pub struct PreviewFields {
    #[serde(default)]
    body: String,
}

/// The composer's preview for the page script: the same rendering as a posted update.
async fn preview(ctx: PageCtx, CsrfForm(f): CsrfForm<PreviewFields>) -> PageResult {
    allow(&ctx, Action::PostUpdate)?;
    Ok(Html(markup::render(&f.body, Flavor::Full)).into_response())
}

/// The update at this address, checked to belong to the thread named in it.
async fn update_of(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    id: &str,
) -> Result<(Thread, Update), super::Refused> {
    let thread = state.store.thread(slug).await.or_page(ctx)?;
    let update = state.store.update(id).await.or_page(ctx)?;
    if update.thread_id != thread.id {
        return Err(super::PageError::new(ctx, AppError::NotFound("update")).into());
    }
    Ok((thread, update))
}

#[derive(Template)]
#[template(path = "editor/update_form.html")]
struct UpdateForm<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    u: UpdateView,
    body: String,
    error: Option<String>,
}

async fn edit_update_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
) -> PageResult {
    allow(&ctx, Action::EditUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let page = UpdateForm {
        ctx: &ctx,
        body: update.body.clone(),
        u: UpdateView::of(&update, &ctx.i18n),
        thread,
        error: None,
    };
    Ok(render(&ctx, &page))
}

async fn edit_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<UpdateFields>,
) -> PageResult {
    allow(&ctx, Action::EditUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let edited = match (UpdatePatch {
        body: f.body.clone(),
        language: None,
        provenance: None,
    })
    .validate()
    {
        Ok(text) => state
            .writes
            .edit_update(&ctx.actor(), &id, text)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    match edited {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!("/t/{}#u-{id}", thread.slug)).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let page = UpdateForm {
                ctx: &ctx,
                u: UpdateView::of(&update, &ctx.i18n),
                thread,
                body: f.body,
                error: Some(describe(&ctx, &e)),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &page)).into_response())
        }
        Err(e) => Err(super::PageError::new(&ctx, e).into()),
    }
}

#[derive(Template)]
#[template(path = "editor/strike_form.html")]
struct StrikeForm<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    u: UpdateView,
    /// Updates that may be named as the correction: `(id, time, excerpt)`.
    candidates: Vec<(String, String, String)>,
    error: Option<String>,
}

async fn strike_page(
    state: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    update: &Update,
    error: Option<String>,
) -> PageResult {
    let recent = state
        .store
        .list_updates(
            &thread.id,
            crate::store::PageRequest {
                after: None,
                limit: 50,
            },
        )
        .await
        .or_page(ctx)?;
    let candidates = recent
        .items
        .iter()
        .filter(|u| u.id != update.id && u.struck.is_none())
        .map(|u| {
            let excerpt: String = u.body.chars().take(60).collect();
            (u.id.clone(), ctx.i18n.datetime(&u.created_at), excerpt)
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StrikeForm {
        ctx,
        u: UpdateView::of(update, &ctx.i18n),
        thread,
        candidates,
        error,
    };
    Ok((status, render(ctx, &page)).into_response())
}

async fn strike_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
) -> PageResult {
    allow(&ctx, Action::StrikeUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    strike_page(&state, &ctx, thread, &update, None).await
}

#[derive(Deserialize)]
pub struct StrikeFields {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    corrected_by: String,
}

async fn strike_update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<StrikeFields>,
) -> PageResult {
    allow(&ctx, Action::StrikeUpdate)?;
    let (thread, update) = update_of(&state, &ctx, &slug, &id).await?;
    let input = NewStrike {
        reason: f.reason,
        corrected_by: Some(f.corrected_by.trim().to_owned()).filter(|c| !c.is_empty()),
    };
    let struck = match input.validate() {
        Ok(s) => state
            .writes
            .strike_update(&ctx.actor(), &id, s)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    match struck {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!("/t/{}#u-{id}", thread.slug)).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            strike_page(&state, &ctx, thread, &update, Some(describe(&ctx, &e))).await
        }
        Err(e) => Err(super::PageError::new(&ctx, e).into()),
    }
}

/// What changed in an original since the revision a translation was made from.
pub struct Changes {
    /// The revision compared with the current one.
    pub number: i64,
    /// Word differences as HTML, per part (the title, the text); empty parts are left out.
    pub parts: Vec<(String, String)>,
    /// The original's language.
    pub lang: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RevisionsQuery {
    /// Shows what changed since this revision.
    from: Option<i64>,
}

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

async fn revisions(
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
async fn thread_revisions(
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
