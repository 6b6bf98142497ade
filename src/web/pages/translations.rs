//! Translating a thread's content: the translators' overview of a thread (every item × every
//! language), the page that translates one item into one language (drafts, preview, machine
//! drafts, publication, revisions), the thread's trusted translators, and the reader's machine
//! translation of a comment or report (see `reader`).

mod editor;
mod items;
mod live;
mod overview;
mod reader;

use axum::Router;
use axum::routing::{get, post};

use super::PageError;
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::thread::Thread;
use crate::domain::translation::{self, Translation};
use crate::domain::user::User;
use crate::error::AppError;
use crate::mt::MtError;
use crate::service::machine::MachineError;
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/translations", get(overview::overview))
        .route("/t/{slug}/translators", post(overview::trust))
        .route(
            "/t/{slug}/translate/{kind}/{item}/{lang}",
            get(editor::form).post(editor::save),
        )
        .route(
            "/t/{slug}/translate/{kind}/{item}/{lang}/publish",
            post(editor::publish),
        )
        .route(
            "/t/{slug}/translate/{kind}/{item}/{lang}/withdraw",
            post(editor::withdraw),
        )
        .route(
            "/t/{slug}/translate/{kind}/{item}/{lang}/machine",
            post(editor::machine_draft),
        )
        .route("/mt/{kind}/{id}", get(reader::machine_page))
        .route("/t/{slug}/reading/head", get(live::head_fragment))
        .route("/t/{slug}/reading/updates/{id}", get(live::update_fragment))
}

/// Languages offered first when a translator picks one; any BCP 47 tag is accepted.
const SUGGESTED: [&str; 7] = ["en", "it", "ru", "es", "fr", "de", "uk"];

/// Languages whose names the interface knows; others are shown by their tag.
const NAMED: [&str; 16] = [
    "ar", "de", "en", "es", "fr", "he", "it", "ja", "kk", "pl", "pt", "ru", "tr", "uk", "zh", "ca",
];

/// A language's name in the reader's language, with its full tag when it has a region or
/// script ("Portuguese (pt-BR)").
pub fn language_name(ctx: &PageCtx, tag: &LanguageTag) -> String {
    let primary = tag.primary().to_ascii_lowercase();
    if !NAMED.contains(&primary.as_str()) {
        return tag.to_string();
    }
    let name = ctx.t(&format!("translate-lang-{primary}"));
    if tag.as_str().len() > primary.len() {
        format!("{name} ({tag})")
    } else {
        name
    }
}

/// The translators' pages are for translators, editors and admins; everyone else, guests
/// included, gets the 403 page.
fn translator(ctx: &PageCtx) -> Result<&User, PageError> {
    match &ctx.user {
        Some(user) if ctx.can(Action::Translate) => Ok(user),
        _ => Err(PageError::new(ctx, AppError::Forbidden(String::new()))),
    }
}

/// What the thread page and the home page count of translations waiting for publication: for
/// editors every one, for a translator their own (`true`); nothing for anyone else.
pub fn waiting_for(ctx: &PageCtx, translations: &[Translation]) -> (i64, bool) {
    if ctx.can(Action::PublishTranslation) {
        (translation::waiting_count(translations, None), false)
    } else if ctx.can_translate() {
        let mine = ctx.user.as_ref().map(|u| u.id.as_str());
        (translation::waiting_count(translations, mine), true)
    } else {
        (0, false)
    }
}

/// Whether this account may publish translations on this thread: editors and admins always,
/// translators when the thread's editors trust them.
async fn may_publish(state: &AppState, ctx: &PageCtx, thread: &Thread) -> Result<bool, PageError> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if permissions::allowed(
        Some(user.role),
        Action::PublishTranslation,
        Ownership::Others,
    ) {
        return Ok(true);
    }
    if !permissions::allowed(Some(user.role), Action::PublishTranslation, Ownership::Own) {
        return Ok(false);
    }
    let trusted = state
        .store
        .trusted_translators(&thread.id)
        .await
        .map_err(|e| PageError::new(ctx, e.into()))?;
    Ok(trusted.iter().any(|t| t.id == user.id))
}

/// What went wrong with a machine translation, in the reader's words; `None` for failures that
/// are the site's own (shown as an error page instead).
fn machine_problem(ctx: &PageCtx, error: &MachineError) -> Option<String> {
    Some(match error {
        MachineError::NotConfigured => ctx.t("translate-mt-off"),
        MachineError::NotFound(_) => ctx.t("error-404-message"),
        MachineError::SameLanguage(l) => ctx.i18n.ts(
            "translate-mt-same-language",
            "language",
            &language_name(ctx, l),
        ),
        MachineError::TooManyRequests { .. } => ctx.t("translate-mt-too-many"),
        MachineError::Engine {
            engine,
            from,
            to,
            error,
        } => engine_problem(ctx, engine, from, to, error),
        MachineError::Unfit { error, .. } => {
            super::describe(ctx, &AppError::Invalid(error.clone()))
        }
        MachineError::Refused(_) => return None,
    })
}

fn engine_problem(
    ctx: &PageCtx,
    engine: &str,
    from: &LanguageTag,
    to: &LanguageTag,
    error: &MtError,
) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    let engine = FluentValue::from(engine.to_owned());
    match error {
        MtError::Unavailable(_) => ctx
            .i18n
            .with_args("translate-mt-unavailable", [("engine", engine)]),
        MtError::Unsupported { .. } => ctx.i18n.with_args(
            "translate-mt-unsupported",
            [
                ("engine", engine),
                ("from", FluentValue::from(language_name(ctx, from))),
                ("to", FluentValue::from(language_name(ctx, to))),
            ],
        ),
        MtError::Failed(_) => ctx
            .i18n
            .with_args("translate-mt-failed", [("engine", engine)]),
    }
}
