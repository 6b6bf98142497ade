//! `/t/{slug}/translate/{kind}/{item}/{lang}`: one item's translation into one language. The
//! original beside a form that saves draft revisions (with a preview), a machine draft when the
//! site has an engine, publication and withdrawal for those allowed, and the revisions.

mod machine;
mod publish;
mod save;
mod view;

use axum::http::StatusCode;

use self::view::{Shown, show};
use super::items::{self, Original};
use super::{language_name, translator};
use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::thread::Thread;
use crate::domain::translation::{self, ItemKind, Translation};
use crate::error::AppError;
use crate::web::pages::{OrPage, PageError, PageResult, Refused, describe};
use crate::web::session::PageCtx;

pub use self::machine::machine_draft;
pub use self::publish::{publish, withdraw};
pub use self::save::{form, save};

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
