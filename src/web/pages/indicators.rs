//! A thread's indicators in the browser: everyone sees the list; editors define new ones and
//! relabel, recolour or reorder existing ones. Status values are rows: a label per language and
//! a colour from the palette; their codes come from the labels.

mod messages;
mod statuses;
mod view;

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::reports::Problems;
use super::{CsrfForm, OrPage, PageError, PageResult, allow, describe, render};
use crate::app::AppState;
use crate::domain::indicator::{
    IndicatorKind, IndicatorPatch, NewIndicator, Scope, code_from_label,
};
use crate::domain::permissions::Action;
use crate::domain::thread::Thread;
use crate::error::AppError;
use crate::web::session::PageCtx;
use messages::{field_key, field_message, in_use_message, typed_statuses};
use statuses::{ROW_LANGUAGES, StatusRow, colour_choices, padded};
use view::{EditFields, IndicatorView, field, kind_name, scope_name};

pub use view::{status_label, value_hint};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/indicators",
            get(indicators_page).post(create_indicator),
        )
        .route("/t/{slug}/indicators/{id}", post(edit_indicator))
}

#[derive(Debug, Clone)]
pub struct CreateFields {
    /// Optional: made from the label when empty.
    key: String,
    kind: String,
    scope: String,
    /// The labels, the status rows and the intent, as in the edit form.
    f: EditFields,
}

impl Default for CreateFields {
    fn default() -> Self {
        Self {
            key: String::new(),
            kind: "count".into(),
            scope: "thread".into(),
            f: EditFields {
                rows: padded(Vec::new(), 0),
                ..Default::default()
            },
        }
    }
}

impl CreateFields {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self {
            key: field(pairs, "key"),
            kind: field(pairs, "kind"),
            scope: field(pairs, "scope"),
            f: EditFields::from_pairs(pairs),
        }
    }
}

#[derive(Template)]
#[template(path = "indicator/page.html")]
struct IndicatorsPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    items: Vec<IndicatorView>,
    manage: bool,
    create: CreateFields,
    create_errors: Problems,
    notice: Option<String>,
}

impl IndicatorsPage<'_> {
    fn kinds(&self) -> Vec<(&'static str, String)> {
        [
            IndicatorKind::Count,
            IndicatorKind::Status,
            IndicatorKind::Text,
        ]
        .into_iter()
        .map(|k| (k.as_str(), kind_name(self.ctx, k)))
        .collect()
    }

    fn scopes(&self) -> Vec<(&'static str, String)> {
        [Scope::Thread, Scope::Place]
            .into_iter()
            .map(|s| (s.as_str(), scope_name(self.ctx, s)))
            .collect()
    }

    /// The accessibility attributes of a list of status rows (`<pre>-statuses`).
    fn rows_aria(&self, errs: &Problems, pre: impl std::fmt::Display) -> String {
        errs.aria(&format!("{pre}-statuses"), "statuses", true)
    }

    fn languages(&self) -> &'static [(&'static str, &'static str); 3] {
        &ROW_LANGUAGES
    }

    fn colours(&self, row: &StatusRow) -> Vec<(String, String)> {
        colour_choices(row)
            .into_iter()
            .map(|(hex, name)| (hex, self.ctx.t(name)))
            .collect()
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn page<'a>(
    state: &AppState,
    ctx: &'a PageCtx,
    thread: Thread,
    notice: Option<String>,
) -> Result<IndicatorsPage<'a>, PageError> {
    let indicators = state.store.indicators(&thread.id).await.or_page(ctx)?;
    Ok(IndicatorsPage {
        ctx,
        items: indicators
            .iter()
            .map(|i| IndicatorView::of(ctx, i))
            .collect(),
        manage: ctx.can(Action::ManageIndicators),
        create: CreateFields::default(),
        create_errors: Problems::default(),
        notice,
        thread,
    })
}

async fn indicators_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, PageError> {
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let notice = match q.done.as_deref() {
        Some("created") => Some(ctx.t("indicator-created")),
        Some("saved") => Some(ctx.t("indicator-saved")),
        _ => None,
    };
    let page = page(&state, &ctx, thread, notice).await?;
    Ok(render(&ctx, &page))
}

async fn create_indicator(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    allow(&ctx, Action::ManageIndicators)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let f = CreateFields::from_pairs(&pairs);
    if f.f.intent == "more" {
        let mut page = page(&state, &ctx, thread, None).await?;
        page.create = CreateFields {
            f: f.f.shown(),
            ..f
        };
        return Ok(render(&ctx, &page).into_response());
    }
    let mut errors = Problems::default();
    let kind = IndicatorKind::parse(f.kind.trim());
    let scope = Scope::parse(f.scope.trim());
    if kind.is_none() {
        errors.add("kind", field_message(&ctx, "kind"));
    }
    if scope.is_none() {
        errors.add("scope", field_message(&ctx, "scope"));
    }
    let statuses = match kind.map(|k| typed_statuses(&ctx, k, &f.f.rows, &[])) {
        Some(Ok(s)) => s,
        Some(Err(message)) => {
            errors.add("statuses", message);
            Vec::new()
        }
        None => Vec::new(),
    };
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let labels = f.f.labels(&BTreeMap::new());
        let key = if f.key.trim().is_empty() {
            let existing = state.store.indicators(&thread.id).await.or_page(&ctx)?;
            let taken: Vec<&str> = existing.iter().map(|i| i.key.as_str()).collect();
            let name = labels
                .get("en")
                .or_else(|| labels.get(ctx.i18n.code()))
                .or_else(|| labels.values().next())
                .map_or("", String::as_str);
            if name.is_empty() {
                String::new()
            } else {
                code_from_label(name, &taken)
            }
        } else {
            f.key.clone()
        };
        let input = NewIndicator {
            key,
            labels,
            kind,
            scope,
            statuses,
        };
        let created = state
            .service
            .create_indicator(&ctx.actor(), &thread.id, Ok(input))
            .await;
        match created {
            Ok(created) => {
                let to = format!(
                    "/t/{}/indicators?done=created#i-{}",
                    thread.slug, created.key
                );
                return Ok(Redirect::to(&to).into_response());
            }
            Err(AppError::Invalid(v)) => {
                errors.add(field_key(&v.field), field_message(&ctx, &v.field))
            }
            Err(AppError::Conflict {
                code: "indicator_exists",
                ..
            }) => errors.add("key", ctx.t("indicator-exists")),
            Err(e @ AppError::Conflict { .. }) => errors.add("form", describe(&ctx, &e)),
            Err(e) => return Err(PageError::new(&ctx, e).into()),
        }
    }
    let mut page = page(&state, &ctx, thread, None).await?;
    page.create = CreateFields {
        f: f.f.shown(),
        ..f
    };
    page.create_errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &page)).into_response())
}

async fn edit_indicator(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    allow(&ctx, Action::ManageIndicators)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    let indicators = state.store.indicators(&thread.id).await.or_page(&ctx)?;
    let Some(before) = indicators.into_iter().find(|i| i.id == id) else {
        return Err(PageError::new(&ctx, AppError::NotFound("indicator")).into());
    };
    let f = EditFields::from_pairs(&pairs);
    let mut errors = Problems::default();
    if f.intent == "more" {
        let mut page = page(&state, &ctx, thread, None).await?;
        if let Some(view) = page.items.iter_mut().find(|v| v.id == before.id) {
            view.f = f.shown();
            view.open = true;
        }
        return Ok(render(&ctx, &page).into_response());
    }
    let position = f.position.trim().parse::<i64>().ok();
    if position.is_none() {
        errors.add("position", field_message(&ctx, "position"));
    }
    let statuses = if before.kind == IndicatorKind::Status {
        match typed_statuses(&ctx, before.kind, &f.rows, &before.statuses) {
            Ok(s) => Some(s),
            Err(message) => {
                errors.add("statuses", message);
                None
            }
        }
    } else {
        None
    };
    if errors.is_empty() {
        let patch = IndicatorPatch::new(Some(f.labels(&before.labels)), statuses.clone(), position)
            .map_err(AppError::from);
        match state
            .service
            .patch_indicator(&ctx.actor(), &before.id, patch)
            .await
        {
            Ok(_) => {
                let to = format!("/t/{}/indicators?done=saved#i-{}", thread.slug, before.key);
                return Ok(Redirect::to(&to).into_response());
            }
            // Other problems of the list were found above: what is left is a value in use.
            Err(AppError::Invalid(v)) if v.field == "statuses" => {
                let after = statuses.unwrap_or_default();
                errors.add(
                    "statuses",
                    in_use_message(&ctx, &before, &after, &v.message),
                );
            }
            Err(AppError::Invalid(v)) => {
                errors.add(field_key(&v.field), field_message(&ctx, &v.field))
            }
            Err(e) => return Err(PageError::new(&ctx, e).into()),
        }
    }
    let mut page = page(&state, &ctx, thread, None).await?;
    if let Some(view) = page.items.iter_mut().find(|v| v.id == before.id) {
        view.f = f.shown();
        view.errors = errors;
        view.open = true;
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ctx, &page)).into_response())
}
