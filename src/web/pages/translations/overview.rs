//! `/t/{slug}/translations`: every translatable item of a thread against every language it is
//! being translated into, with each translation's state; a language picker to start another
//! language; and, for editors, the translators trusted to publish on the thread.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::items::{self, Original};
use super::{SUGGESTED, language_name, may_publish, translator};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::permissions::Action;
use crate::domain::thread::Thread;
use crate::domain::translation::{Translation, same_language};
use crate::error::AppError;
use crate::web::pages::{CsrfForm, OrPage, PageError, PageResult, render};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct OverviewQuery {
    /// A language to add a column for.
    add: Option<String>,
    done: Option<String>,
}

/// A language column.
pub struct Column {
    pub tag: String,
    pub name: String,
}

/// One item × one language.
pub struct Cell {
    /// The item is written in this language: nothing to translate.
    pub original: bool,
    /// `none`, `draft`, `published` or `published-draft`.
    pub status: &'static str,
    pub status_text: String,
    /// The original changed after the revision the translation was made from.
    pub stale: bool,
    /// The engine that wrote the latest revision.
    pub machine: Option<String>,
    pub href: String,
    /// The link's words.
    pub link_text: String,
    /// The link's name for screen readers, naming the item and the language.
    pub link_label: String,
}

pub struct Row {
    pub what: String,
    pub excerpt: String,
    pub lang: String,
    pub href: String,
    pub cells: Vec<Cell>,
}

/// A translator the thread trusts: account name, display name.
pub struct Trusted {
    pub name: String,
    pub display: String,
}

#[derive(Template)]
#[template(path = "translate/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    columns: Vec<Column>,
    rows: Vec<Row>,
    /// The language picker's value and its problem.
    add: String,
    add_error: Option<String>,
    suggestions: Vec<Column>,
    notice: Option<String>,
    /// The one viewing may publish here.
    may_publish: bool,
    /// The one viewing may choose the trusted translators.
    can_trust: bool,
    trusted: Vec<Trusted>,
    trust_name: String,
    trust_error: Option<String>,
}

impl OverviewPage<'_> {
    fn trust_aria(&self) -> &'static str {
        if self.trust_error.is_some() {
            r#" aria-invalid="true" aria-describedby="f-trust-hint f-trust-error""#
        } else {
            r#" aria-describedby="f-trust-hint""#
        }
    }

    fn add_aria(&self) -> &'static str {
        if self.add_error.is_some() {
            r#" aria-invalid="true" aria-describedby="f-add-hint f-add-error""#
        } else {
            r#" aria-describedby="f-add-hint""#
        }
    }
}

fn cell(
    ctx: &PageCtx,
    slug: &str,
    item: &Original,
    col: &LanguageTag,
    t: Option<&Translation>,
) -> Cell {
    let href = item.translate_href(slug, col);
    let name = language_name(ctx, col);
    let link = |id: &str| {
        ctx.i18n.with_args(
            id,
            [
                ("item", item.what.clone().into()),
                ("language", name.clone().into()),
            ],
        )
    };
    if same_language(&item.language, col) {
        return Cell {
            original: true,
            status: "original",
            status_text: ctx.t("translate-status-original"),
            stale: false,
            machine: None,
            href,
            link_text: String::new(),
            link_label: String::new(),
        };
    }
    let Some(t) = t else {
        return Cell {
            original: false,
            status: "none",
            status_text: ctx.t("translate-status-none"),
            stale: false,
            machine: None,
            link_text: ctx.t("translate-link-start-short"),
            link_label: link("translate-link-start"),
            href,
        };
    };
    let (status, key) = match (&t.published, t.has_draft()) {
        (None, _) => ("draft", "translate-status-draft"),
        (Some(_), false) => ("published", "translate-status-published"),
        (Some(_), true) => ("published-draft", "translate-status-published-draft"),
    };
    Cell {
        original: false,
        status,
        status_text: ctx.t(key),
        stale: t.stale || t.latest.source_revision < t.original_revision,
        machine: t.latest.machine.clone(),
        link_text: ctx.t("translate-link-edit-short"),
        link_label: link("translate-link-edit"),
        href,
    }
}

struct Problems {
    add: String,
    add_error: Option<String>,
    trust_name: String,
    trust_error: Option<String>,
}

async fn show(
    state: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    q: OverviewQuery,
    trust: Option<(String, String)>,
    status: StatusCode,
) -> PageResult {
    let all = items::all(state, ctx, &thread).await?;
    let translations = state
        .store
        .thread_translations(&thread.id, None)
        .await
        .or_page(ctx)?;
    let mut p = Problems {
        add: q.add.clone().unwrap_or_default().trim().to_owned(),
        add_error: None,
        trust_name: String::new(),
        trust_error: None,
    };
    if let Some((name, error)) = trust {
        p.trust_name = name;
        p.trust_error = Some(error);
    }
    let mut tags: Vec<LanguageTag> = Vec::new();
    for t in &translations {
        if !tags.contains(&t.language) {
            tags.push(t.language.clone());
        }
    }
    if !p.add.is_empty() {
        match LanguageTag::parse(&p.add) {
            Ok(tag) if same_language(&tag, &thread.language) => {
                p.add_error = Some(ctx.t("translate-add-error-same"));
            }
            Ok(tag) => {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            Err(_) => p.add_error = Some(ctx.t("translate-add-error")),
        }
    }
    tags.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let by_item: HashMap<(&str, &str, &str), &Translation> = translations
        .iter()
        .map(|t| {
            (
                (t.kind.as_str(), t.item_id.as_str(), t.language.as_str()),
                t,
            )
        })
        .collect();
    let rows = all
        .iter()
        .map(|item| Row {
            what: item.what.clone(),
            excerpt: item.excerpt.clone(),
            lang: item.language.to_string(),
            href: item.href.clone(),
            cells: tags
                .iter()
                .map(|tag| {
                    let t = by_item
                        .get(&(item.kind.as_str(), item.id.as_str(), tag.as_str()))
                        .copied();
                    cell(ctx, &thread.slug, item, tag, t)
                })
                .collect(),
        })
        .collect();
    let columns = tags
        .iter()
        .map(|t| Column {
            tag: t.to_string(),
            name: language_name(ctx, t),
        })
        .collect();
    let suggestions = SUGGESTED
        .iter()
        .filter_map(|s| LanguageTag::parse(s).ok())
        .filter(|s| !same_language(s, &thread.language))
        .map(|s| Column {
            name: language_name(ctx, &s),
            tag: s.to_string(),
        })
        .collect();
    let can_trust = ctx.can(Action::TrustTranslator);
    let trusted = if can_trust {
        trusted_names(state, ctx, &thread).await?
    } else {
        Vec::new()
    };
    let notice = match q.done.as_deref() {
        Some("trusted") => Some(ctx.t("translate-trust-added")),
        Some("untrusted") => Some(ctx.t("translate-trust-removed")),
        _ => None,
    };
    let page = OverviewPage {
        ctx,
        may_publish: may_publish(state, ctx, &thread).await?,
        columns,
        rows,
        add: p.add,
        add_error: p.add_error,
        suggestions,
        notice,
        can_trust,
        trusted,
        trust_name: p.trust_name,
        trust_error: p.trust_error,
        thread,
    };
    Ok((status, render(ctx, &page)).into_response())
}

/// The thread's trusted translators with their account names, which the forms post.
async fn trusted_names(
    state: &AppState,
    ctx: &PageCtx,
    thread: &Thread,
) -> Result<Vec<Trusted>, PageError> {
    let trusted = state
        .store
        .trusted_translators(&thread.id)
        .await
        .or_page(ctx)?;
    if trusted.is_empty() {
        return Ok(Vec::new());
    }
    let users = state.store.list_users().await.or_page(ctx)?;
    Ok(trusted
        .into_iter()
        .filter_map(|t| {
            users.iter().find(|u| u.id == t.id).map(|u| Trusted {
                name: u.name.clone(),
                display: t.name.clone(),
            })
        })
        .collect())
}

pub async fn overview(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<OverviewQuery>,
) -> PageResult {
    translator(&ctx)?;
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    show(&state, &ctx, thread, q, None, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
pub struct TrustFields {
    #[serde(default)]
    name: String,
    /// `add` or `remove`.
    #[serde(default)]
    action: String,
}

/// Adds or removes one of the thread's trusted translators.
pub async fn trust(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
    CsrfForm(f): CsrfForm<TrustFields>,
) -> PageResult {
    let adding = f.action != "remove";
    let name = f.name.trim().to_owned();
    let changed = state
        .service
        .set_trusted_translator(&ctx.actor(), &slug, &name, adding)
        .await;
    let message = match changed {
        Ok(_) => {
            let thread = state.store.thread(&slug).await.or_page(&ctx)?;
            let done = if adding { "trusted" } else { "untrusted" };
            return Ok(
                Redirect::to(&format!("/t/{}/translations?done={done}", thread.slug))
                    .into_response(),
            );
        }
        Err(AppError::Invalid(_)) if name.is_empty() => ctx.t("translate-trust-error-empty"),
        Err(AppError::NotFound("user")) => {
            ctx.i18n.ts("translate-trust-error-unknown", "name", &name)
        }
        Err(AppError::Invalid(_)) => ctx.i18n.ts("translate-trust-error-role", "name", &name),
        Err(e) => return Err(PageError::new(&ctx, e).into()),
    };
    let thread = state.store.thread(&slug).await.or_page(&ctx)?;
    show(
        &state,
        &ctx,
        thread,
        OverviewQuery::default(),
        Some((name, message)),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
