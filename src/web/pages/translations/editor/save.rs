//! The form, and a translator's save: a preview, or a new draft revision (the first one
//! creates the translation).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::{Fields, Shown, show};
use super::{Place, locate, refused};
use crate::app::AppState;
use crate::domain::notes;
use crate::domain::translation::{NewTranslation, Translation};
use crate::error::AppError;
use crate::web::pages::{CsrfForm, PageResult};
use crate::web::session::PageCtx;

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

pub async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let place = locate(&state, &ctx, path).await?;
    let kind = place.item.kind;
    let mut shown = Shown::fresh(f.clone());
    if f.intent == "preview" {
        // Shown as readers would see it, saved only when asked to.
        let draft = match f.input(kind).validate(kind) {
            Ok(d) => d,
            Err(e) => return refused(&state, &ctx, place, shown, e.into()).await,
        };
        shown.preview = Some((
            draft.title().map(notes::render_line),
            draft.body_html().to_owned(),
        ));
        return show(&state, &ctx, place, shown, StatusCode::OK).await;
    }
    match save_draft(&state, &ctx, &place, &f).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?done=saved",
            place.item.translate_href(&place.thread.slug, &place.lang)
        ))
        .into_response()),
        Err(e) => refused(&state, &ctx, place, shown, e).await,
    }
}

/// Saves the typed text as a new draft revision (the first one creates the translation).
async fn save_draft(
    state: &AppState,
    ctx: &PageCtx,
    place: &Place,
    f: &Fields,
) -> Result<Translation, AppError> {
    let actor = ctx.actor();
    let kind = place.item.kind;
    let text = f.input(kind);
    match &place.existing {
        Some(t) => {
            state
                .service
                .revise_translation(&actor, &t.id, Ok(text))
                .await
        }
        None => {
            let input = NewTranslation {
                kind,
                item_id: place.item.id.clone(),
                language: place.lang.to_string(),
                title: text.title,
                body: text.body,
                translator: text.translator,
                translator_url: text.translator_url,
                publication: text.publication,
                publication_url: text.publication_url,
                source_revision: text.source_revision,
            };
            state
                .service
                .create_translation(&actor, &place.thread.id, Ok(input))
                .await
        }
    }
}
