//! `/t/{slug}/translate/{kind}/{item}/{lang}`: one item's translation into one language. The
//! original beside a form that saves draft revisions (with a preview), a machine draft when the
//! site has an engine, publication and withdrawal for those allowed, and the revisions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::items::{self, Original};
use super::{engine_problem, language_name, may_publish, translator};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::notes;
use crate::domain::thread::Thread;
use crate::domain::translation::{
    self, ItemKind, Translation, TranslationDraft, TranslationInput, TranslationText,
};
use crate::error::AppError;
use crate::store::TranslationTarget;
use crate::web::pages::reports::Problems;
use crate::web::pages::{CsrfForm, OrPage, PageError, PageResult, Refused, describe, render};
use crate::web::session::PageCtx;

/// The form's fields, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Fields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    translator: String,
    #[serde(default)]
    translator_url: String,
    #[serde(default)]
    publication: String,
    #[serde(default)]
    publication_url: String,
    /// The original's revision the translator saw.
    #[serde(default)]
    source_revision: String,
    /// `save` or `preview`.
    #[serde(default)]
    intent: String,
}

impl Fields {
    fn of(text: &TranslationText) -> Self {
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

    fn input(&self, kind: ItemKind) -> TranslationInput {
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

    fn machine_label(&self, engine: &str) -> String {
        self.ctx.i18n.ts("translate-machine-made", "engine", engine)
    }
}

/// Where a request is: the thread, the item, the language, and the translation if any.
struct Place {
    thread: Thread,
    item: Original,
    lang: LanguageTag,
    existing: Option<Translation>,
}

async fn locate(
    state: &AppState,
    ctx: &PageCtx,
    (slug, kind, id, lang): (String, String, String, String),
) -> Result<Place, Refused> {
    translator(ctx)?;
    let thread = state.store.thread(&slug).await.or_page(ctx)?;
    let lang = LanguageTag::parse(&lang)
        .map_err(|_| PageError::new(ctx, AppError::NotFound("language")))?;
    let mut item = items::one(state, ctx, &thread, &kind, &id).await?;
    if translation::same_language(&item.language, &lang) {
        let message = ctx.i18n.ts(
            "translate-error-same-language",
            "language",
            &language_name(ctx, &lang),
        );
        return Err(PageError::with_message(
            ctx,
            AppError::BadRequest {
                code: "same_language",
                message: String::new(),
            },
            message,
        )
        .into());
    }
    let existing = state
        .store
        .translation_of(item.kind, &item.id, &lang)
        .await
        .or_page(ctx)?;
    if let Some(t) = &existing {
        item.revision = Some(t.original_revision);
    }
    Ok(Place {
        thread,
        item,
        lang,
        existing,
    })
}

/// What the page shows besides the form itself.
struct Shown {
    f: Fields,
    errors: Problems,
    form_error: Option<String>,
    notice: Option<String>,
    preview: Option<(Option<String>, String)>,
}

impl Shown {
    fn fresh(f: Fields) -> Self {
        Self {
            f,
            errors: Problems::default(),
            form_error: None,
            notice: None,
            preview: None,
        }
    }
}

async fn show(
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
        engine: state.translator.as_ref().map(|t| t.engine()),
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

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    Query(q): Query<Done>,
) -> PageResult {
    let place = locate(&state, &ctx, path).await?;
    let me = ctx
        .user
        .as_ref()
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    let f = match &place.existing {
        // A person saving over an engine's draft is its translator from then on.
        Some(t) if t.latest.machine.is_some() => Fields {
            translator: me,
            translator_url: String::new(),
            ..Fields::of(&t.latest)
        },
        Some(t) => Fields::of(&t.latest),
        None => Fields {
            translator: me,
            ..Default::default()
        },
    };
    let mut shown = Shown::fresh(f);
    shown.notice = match q.done.as_deref() {
        Some("saved") => Some(ctx.t("translate-done-saved")),
        Some("machine") => Some(ctx.t("translate-done-machine")),
        Some("published") => Some(ctx.t("translate-done-published")),
        Some("withdrawn") => Some(ctx.t("translate-done-withdrawn")),
        _ => None,
    };
    show(&state, &ctx, place, shown, StatusCode::OK).await
}

/// A refused field, in the reader's words, for the field it is shown next to.
fn field_problem(ctx: &PageCtx, kind: ItemKind, field: &str) -> (&'static str, String) {
    match field {
        "title" => ("title", ctx.t("translate-error-title")),
        "body" if kind.is_line() => ("body", ctx.t("translate-error-label")),
        "body" => ("body", ctx.t("translate-error-body")),
        "translator" => ("translator", ctx.t("translate-error-credit")),
        "translator_url" => ("translator_url", ctx.t("translate-error-url")),
        "publication" => ("publication", ctx.t("translate-error-credit")),
        "publication_url" => ("publication_url", ctx.t("translate-error-url")),
        _ => ("form", ctx.t("translate-error-source-revision")),
    }
}

/// Saves the typed text as a new draft revision (the first one creates the translation).
async fn save_draft(
    state: &AppState,
    ctx: &PageCtx,
    place: &Place,
    draft: TranslationDraft,
) -> Result<Translation, AppError> {
    let actor = ctx.actor();
    let change = match &place.existing {
        Some(t) => {
            state
                .writes
                .revise_translation(&actor, &t.id, draft)
                .await?
        }
        None => {
            let target = TranslationTarget {
                kind: place.item.kind,
                item_id: place.item.id.clone(),
                language: place.lang.clone(),
            };
            state
                .writes
                .create_translation(&actor, target, draft)
                .await?
        }
    };
    state.publish(&change.events);
    Ok(change.item)
}

/// Shows the form again after a refusal: a field's problem next to it, anything else above.
async fn refused(
    state: &AppState,
    ctx: &PageCtx,
    place: Place,
    mut shown: Shown,
    error: AppError,
) -> PageResult {
    match error {
        AppError::Invalid(v) => {
            let (field, message) = field_problem(ctx, place.item.kind, &v.field);
            if field == "form" {
                shown.form_error = Some(message);
            } else {
                shown.errors.add(field, message);
            }
            show(state, ctx, place, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        AppError::Conflict { code, .. } => {
            shown.form_error = Some(conflict(ctx, code));
            show(state, ctx, place, shown, StatusCode::CONFLICT).await
        }
        e => Err(PageError::new(ctx, e).into()),
    }
}

fn conflict(ctx: &PageCtx, code: &str) -> String {
    match code {
        "translation_exists" => ctx.t("translate-conflict-exists"),
        "revision_outdated" => ctx.t("translate-conflict-outdated"),
        "already_published" => ctx.t("translate-conflict-published"),
        "not_published" => ctx.t("translate-conflict-not-published"),
        _ => describe(
            ctx,
            &AppError::Conflict {
                code: "already_exists",
                message: String::new(),
            },
        ),
    }
}

pub async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let place = locate(&state, &ctx, path).await?;
    let kind = place.item.kind;
    let shown = Shown::fresh(f.clone());
    let draft = match f.input(kind).validate(kind) {
        Ok(d) => d,
        Err(e) => return refused(&state, &ctx, place, shown, e.into()).await,
    };
    if f.intent == "preview" {
        let mut shown = shown;
        shown.preview = Some((
            draft.title.as_deref().map(notes::render_line),
            draft.body_html,
        ));
        return show(&state, &ctx, place, shown, StatusCode::OK).await;
    }
    match save_draft(&state, &ctx, &place, draft).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?done=saved",
            place.item.translate_href(&place.thread.slug, &place.lang)
        ))
        .into_response()),
        Err(e) => refused(&state, &ctx, place, shown, e).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PublishFields {
    #[serde(default)]
    revision: String,
}

/// The translation of this place, for publishing or withdrawing it: those who may not publish
/// here get the 403 page.
async fn publishable(
    state: &AppState,
    ctx: &PageCtx,
    path: (String, String, String, String),
) -> Result<(Place, String), Refused> {
    let place = locate(state, ctx, path).await?;
    if !may_publish(state, ctx, &place.thread).await? {
        return Err(PageError::new(ctx, AppError::Forbidden(String::new())).into());
    }
    let id = place
        .existing
        .as_ref()
        .map(|t| t.id.clone())
        .ok_or_else(|| PageError::new(ctx, AppError::NotFound("translation")))?;
    Ok((place, id))
}

fn latest_fields(place: &Place) -> Fields {
    place
        .existing
        .as_ref()
        .map(|t| Fields::of(&t.latest))
        .unwrap_or_default()
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<PublishFields>,
) -> PageResult {
    let (place, id) = publishable(&state, &ctx, path).await?;
    let Ok(revision) = f.revision.trim().parse::<i64>() else {
        let shown = Shown::fresh(latest_fields(&place));
        let e = AppError::Conflict {
            code: "revision_outdated",
            message: String::new(),
        };
        return refused(&state, &ctx, place, shown, e).await;
    };
    match state
        .writes
        .publish_translation(&ctx.actor(), &id, revision)
        .await
    {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!(
                "{}?done=published",
                place.item.translate_href(&place.thread.slug, &place.lang)
            ))
            .into_response())
        }
        Err(e) => {
            let shown = Shown::fresh(latest_fields(&place));
            refused(&state, &ctx, place, shown, e.into()).await
        }
    }
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(_): CsrfForm<PublishFields>,
) -> PageResult {
    let (place, id) = publishable(&state, &ctx, path).await?;
    match state.writes.withdraw_translation(&ctx.actor(), &id).await {
        Ok(change) => {
            state.publish(&change.events);
            Ok(Redirect::to(&format!(
                "{}?done=withdrawn",
                place.item.translate_href(&place.thread.slug, &place.lang)
            ))
            .into_response())
        }
        Err(e) => {
            let shown = Shown::fresh(latest_fields(&place));
            refused(&state, &ctx, place, shown, e.into()).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MachineFields {
    #[serde(default)]
    source_revision: String,
}

/// Asks the engine to translate the original and saves the result as a draft revision marked
/// as the engine's; an engine that is down, slow or lacks the pair leaves the form as it was,
/// with a message saying so.
pub async fn machine_draft(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<MachineFields>,
) -> PageResult {
    let place = locate(&state, &ctx, path).await?;
    let Some(engine) = state.translator.clone() else {
        let message = ctx.t("translate-mt-off");
        return Err(PageError::with_message(
            &ctx,
            AppError::NotFound("machine translation"),
            message,
        )
        .into());
    };
    let item = &place.item;
    let translated = async {
        let title = match &item.title {
            Some(t) => Some(engine.translate(t, &item.language, &place.lang).await?),
            None => None,
        };
        let body = if item.text.trim().is_empty() {
            String::new()
        } else {
            engine
                .translate(&item.text, &item.language, &place.lang)
                .await?
        };
        Ok::<_, crate::mt::MtError>((title, body))
    }
    .await;
    let (title, body) = match translated {
        Ok(done) => done,
        Err(e) => {
            let mut shown = Shown::fresh(latest_fields(&place));
            if place.existing.is_none() {
                shown.f.translator = ctx
                    .user
                    .as_ref()
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default();
            }
            shown.form_error = Some(engine_problem(
                &ctx,
                engine.engine(),
                &item.language,
                &place.lang,
                &e,
            ));
            return show(&state, &ctx, place, shown, StatusCode::OK).await;
        }
    };
    let body = if item.kind.is_line() {
        body.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        body
    };
    // The engine is credited with its draft until a person revises it.
    let input = TranslationInput {
        title: title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
        body: body.clone(),
        translator: Some(engine.engine().to_owned()),
        source_revision: f.source_revision.trim().parse().ok().or(item.revision),
        ..Default::default()
    };
    let kind = item.kind;
    let mut shown = Shown::fresh(Fields {
        title: input.title.clone().unwrap_or_default(),
        body,
        ..latest_fields(&place)
    });
    let draft = match input.validate(kind) {
        Ok(mut d) => {
            d.machine = Some(engine.engine().to_owned());
            d
        }
        Err(e) => {
            shown.form_error = Some(describe(&ctx, &AppError::Invalid(e)));
            return show(&state, &ctx, place, shown, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match save_draft(&state, &ctx, &place, draft).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?done=machine",
            place.item.translate_href(&place.thread.slug, &place.lang)
        ))
        .into_response()),
        Err(e @ AppError::Invalid(_)) => {
            shown.form_error = Some(describe(&ctx, &e));
            show(&state, &ctx, place, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => refused(&state, &ctx, place, shown, e).await,
    }
}
