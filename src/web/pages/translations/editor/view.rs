//! What the page that translates one item shows: the form's fields, the original beside it,
//! the state of the translation, its revisions, and a preview.

use askama::Template;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::super::items::{self, Original};
use super::super::{language_name, may_publish};
use super::Place;
use crate::app::AppState;
use crate::domain::thread::Thread;
use crate::domain::translation::{self, ItemKind, Standing, TranslationInput, TranslationText};
use crate::web::pages::reports::Problems;
use crate::web::pages::{OrPage, PageResult, render};
use crate::web::session::PageCtx;

/// The form's fields, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Fields {
    #[serde(default)]
    pub(super) title: String,
    #[serde(default)]
    pub(super) body: String,
    #[serde(default)]
    pub(super) translator: String,
    #[serde(default)]
    pub(super) translator_url: String,
    #[serde(default)]
    pub(super) publication: String,
    #[serde(default)]
    pub(super) publication_url: String,
    /// The original's revision the translator saw.
    #[serde(default)]
    pub(super) source_revision: String,
    /// `save` or `preview`.
    #[serde(default)]
    pub(super) intent: String,
}

impl Fields {
    pub(super) fn of(text: &TranslationText) -> Self {
        Self {
            title: text.title.clone().unwrap_or_default(),
            body: text.body.clone(),
            translator: text.translator.name.clone(),
            translator_url: text.translator.url.clone().unwrap_or_default(),
            publication: text
                .publication
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            publication_url: text
                .publication
                .as_ref()
                .and_then(|p| p.url.clone())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    pub(super) fn input(&self, kind: ItemKind) -> TranslationInput {
        let given = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        TranslationInput {
            title: (kind == ItemKind::Thread).then(|| self.title.clone()),
            body: self.body.clone(),
            translator: given(&self.translator),
            translator_url: given(&self.translator_url),
            publication: given(&self.publication),
            publication_url: given(&self.publication_url),
            source_revision: self.source_revision.trim().parse().ok(),
        }
    }
}

/// One saved revision, as the list shows it.
pub struct RevisionView {
    pub revision: i64,
    pub at_text: String,
    pub at_iso: String,
    pub edited_by: String,
    pub credit: String,
    pub source_revision: i64,
    pub machine: Option<String>,
    pub published: bool,
    pub title_html: Option<String>,
    pub body_html: String,
}

/// What the page says about the translation that exists.
pub struct Current {
    pub latest: i64,
    pub latest_machine: Option<String>,
    pub published: Option<i64>,
    pub has_draft: bool,
    /// `(made from, original now)` when the original moved on since the latest revision.
    pub stale: Option<(i64, i64)>,
    /// The published text is stale (readers see the mark).
    pub published_stale: bool,
    pub standing: Standing,
}

#[derive(Template)]
#[template(path = "translate/form.html")]
struct EditorPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    item: Original,
    lang: String,
    lang_name: String,
    /// The address of this page, which the forms post to.
    action: String,
    current: Option<Current>,
    f: Fields,
    errors: Problems,
    form_error: Option<String>,
    notice: Option<String>,
    /// `(title, body)` rendered as readers would see them.
    preview: Option<(Option<String>, String)>,
    may_publish: bool,
    engine: Option<&'static str>,
    revisions: Vec<RevisionView>,
    /// The original as it was when the latest revision was made, when it changed since.
    then_html: Option<String>,
}

impl EditorPage<'_> {
    fn is_thread(&self) -> bool {
        self.item.kind == ItemKind::Thread
    }

    fn is_line(&self) -> bool {
        self.item.kind.is_line()
    }

    fn aria(&self, field: &str, hint: bool) -> String {
        self.errors.aria(&format!("f-{field}"), field, hint)
    }

    fn revision_text(&self) -> String {
        match self.item.revision {
            Some(r) => self.ctx.i18n.tn("translate-original-revision", "number", r),
            None => String::new(),
        }
    }

    fn stale(&self) -> Option<(i64, i64)> {
        self.current.as_ref().and_then(|c| c.stale)
    }

    fn stale_detail(&self) -> String {
        let (from, now) = self.stale().unwrap_or_default();
        self.ctx.i18n.with_args(
            "translate-stale-detail",
            [("from", from.into()), ("now", now.into())],
        )
    }

    fn published_text(&self) -> String {
        let revision = self.current.as_ref().and_then(|c| c.published);
        self.ctx.i18n.tn(
            "translate-published-revision",
            "number",
            revision.unwrap_or_default(),
        )
    }

    fn then_summary(&self) -> String {
        let (from, _) = self.stale().unwrap_or_default();
        self.ctx.i18n.tn("translate-original-then", "number", from)
    }

    /// Where the latest revision stands: shown to readers, or waiting, and for whom.
    fn standing_text(&self) -> String {
        let i18n = &self.ctx.i18n;
        let Some(c) = &self.current else {
            return String::new();
        };
        let (id, revision, published) = match c.standing {
            Standing::Published { revision } => {
                return i18n.tn("translate-standing-published", "revision", revision);
            }
            Standing::Machine {
                revision,
                published,
            } => ("translate-standing-machine", revision, published),
            Standing::Waiting {
                revision,
                published,
            } if self.may_publish => ("translate-standing-yours-to-publish", revision, published),
            Standing::Waiting {
                revision,
                published,
            } => ("translate-standing-waiting", revision, published),
        };
        let waits = i18n.tn(id, "revision", revision);
        let readers = match published {
            Some(p) => i18n.tn("translate-standing-readers-see", "revision", p),
            None => i18n.t("translate-standing-readers-original"),
        };
        format!("{waits} {readers}")
    }

    fn machine_label(&self, engine: &str) -> String {
        self.ctx.i18n.ts("translate-machine-made", "engine", engine)
    }
}

/// What the page shows besides the form itself.
pub(super) struct Shown {
    pub(super) f: Fields,
    pub(super) errors: Problems,
    pub(super) form_error: Option<String>,
    pub(super) notice: Option<String>,
    pub(super) preview: Option<(Option<String>, String)>,
}

impl Shown {
    pub(super) fn fresh(f: Fields) -> Self {
        Self {
            f,
            errors: Problems::default(),
            form_error: None,
            notice: None,
            preview: None,
        }
    }
}

pub(super) async fn show(
    state: &AppState,
    ctx: &PageCtx,
    place: Place,
    mut shown: Shown,
    status: StatusCode,
) -> PageResult {
    let Place {
        thread,
        item,
        lang,
        existing,
    } = place;
    let may_publish = may_publish(state, ctx, &thread).await?;
    let mut revisions = Vec::new();
    let mut then_html = None;
    let current = match &existing {
        None => None,
        Some(t) => {
            let list = state
                .store
                .translation_revisions(&t.id)
                .await
                .or_page(ctx)?;
            let published = t.published.as_ref().map(|p| p.revision);
            revisions = list
                .iter()
                .rev()
                .map(|r| revision_view(ctx, r, published))
                .collect();
            let stale = translation::is_stale(t.latest.source_revision, t.original_revision)
                .then_some((t.latest.source_revision, t.original_revision));
            if let Some((from, _)) = stale {
                then_html = items::as_it_was(state, &thread, &item, from).await;
            }
            Some(Current {
                latest: t.latest.revision,
                latest_machine: t.latest.machine.clone(),
                published,
                has_draft: t.has_draft(),
                stale,
                published_stale: t.stale,
                standing: t.standing(),
            })
        }
    };
    if shown.f.source_revision.is_empty() {
        // A revision is recorded against the original the translator sees now.
        shown.f.source_revision = item.revision.map(|r| r.to_string()).unwrap_or_default();
    }
    let page = EditorPage {
        ctx,
        action: item.translate_href(&thread.slug, &lang),
        lang_name: language_name(ctx, &lang),
        lang: lang.to_string(),
        current,
        f: shown.f,
        errors: shown.errors,
        form_error: shown.form_error,
        notice: shown.notice,
        preview: shown.preview,
        may_publish,
        engine: state.service.engine(),
        revisions,
        then_html,
        item,
        thread,
    };
    Ok((status, render(ctx, &page)).into_response())
}

fn revision_view(ctx: &PageCtx, r: &TranslationText, published: Option<i64>) -> RevisionView {
    let credit = match &r.publication {
        Some(p) => format!("{} · {}", r.translator.name, p.name),
        None => r.translator.name.clone(),
    };
    RevisionView {
        revision: r.revision,
        at_text: ctx.i18n.datetime(&r.created_at),
        at_iso: crate::domain::time::iso(&r.created_at),
        edited_by: r.edited_by.name.clone(),
        credit,
        source_revision: r.source_revision,
        machine: r.machine.clone(),
        published: published == Some(r.revision),
        title_html: r.title_html(),
        body_html: r.body_html.clone(),
    }
}

/// The latest revision's text and credits, as the form starts from.
pub(super) fn latest_fields(place: &Place) -> Fields {
    place
        .existing
        .as_ref()
        .map(|t| Fields::of(&t.latest))
        .unwrap_or_default()
}
