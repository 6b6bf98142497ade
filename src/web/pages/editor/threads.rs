//! Opening a thread and changing it: the thread form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::super::{CsrfForm, OrPage, PageError, PageResult, allow, describe, render};
use super::republication::{self, RepublicationFields};
use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::provenance::NewProvenance;
use crate::domain::thread::{
    CommentPolicy, NewThread, Thread, ThreadChanges, ThreadPatch, ThreadStatus,
};
use crate::domain::validation::ValidationError;
use crate::error::AppError;
use crate::web::session::PageCtx;

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
    #[serde(flatten)]
    pub rep: RepublicationFields,
}

impl ThreadFields {
    fn of(t: &Thread) -> Self {
        Self {
            rep: RepublicationFields::of(t.provenance.as_ref()),
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

    fn provenance(&self) -> Result<Option<NewProvenance>, ValidationError> {
        self.rep.provenance()
    }
}

/// An error on the thread form in the reader's words: the republication fields are named by
/// their labels.
fn describe_thread_error(ctx: &PageCtx, e: &AppError) -> String {
    if let AppError::Invalid(v) = e
        && let Some(label) = republication::label_of(&v.field)
    {
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

pub(super) async fn new_thread_form(ctx: PageCtx) -> PageResult {
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

pub(super) async fn create_thread(
    State(state): State<AppState>,
    ctx: PageCtx,
    CsrfForm(f): CsrfForm<ThreadFields>,
) -> PageResult {
    allow(&ctx, Action::CreateThread)?;
    let input = f
        .provenance()
        .map(|provenance| NewThread {
            title: f.title.clone(),
            lead: f.lead.clone(),
            language: f.language.clone(),
            comment_policy: policy(&f.comment_policy),
            guests_may_comment: Some(f.guests()),
            slug: Some(f.slug.trim().to_owned()).filter(|s| !s.is_empty()),
            provenance,
        })
        .map_err(AppError::from);
    match state.service.create_thread(&ctx.actor(), input).await {
        Ok(thread) => Ok(Redirect::to(&format!("/t/{}", thread.slug)).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => Ok(thread_form(
            &ctx,
            None,
            f,
            Some(describe_thread_error(&ctx, &e)),
        )),
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}

pub(super) async fn edit_thread_form(
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

pub(super) async fn edit_thread(
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
    let changes = ThreadChanges {
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
    let patch = ThreadPatch::new(changes).map_err(AppError::from);
    match state
        .service
        .patch_thread(&ctx.actor(), &thread.id, patch)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/t/{}?done=updated", thread.slug)).into_response()),
        Err(e @ AppError::Invalid(_)) => Ok(thread_form(
            &ctx,
            Some(thread.slug.clone()),
            f,
            Some(describe_thread_error(&ctx, &e)),
        )),
        Err(e) => Err(PageError::new(&ctx, e).into()),
    }
}
