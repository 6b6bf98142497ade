//! A translator's machine draft: the engine translates the original and the result is saved
//! as a draft revision marked as the engine's.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::super::engine_problem;
use super::view::{Fields, Shown, latest_fields, show};
use super::{locate, refused};
use crate::app::AppState;
use crate::domain::translation::MachineDraftRequest;
use crate::error::AppError;
use crate::service::machine::MachineError;
use crate::web::pages::{CsrfForm, PageError, PageResult, describe};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct MachineFields {
    #[serde(default)]
    source_revision: String,
}

/// Asks for the engine's draft; an engine that is down, slow or lacks the pair leaves the form
/// as it was, with a message saying so, and a text the site cannot keep is shown for a person
/// to fix.
pub async fn machine_draft(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<MachineFields>,
) -> PageResult {
    let place = locate(&state, &ctx, path).await?;
    let not_set_up = || {
        let message = ctx.t("translate-mt-off");
        PageError::with_message(&ctx, AppError::NotFound("machine translation"), message)
    };
    if state.service.engine().is_none() {
        return Err(not_set_up().into());
    }
    let request = MachineDraftRequest {
        kind: place.item.kind,
        item_id: place.item.id.clone(),
        language: place.lang.to_string(),
    };
    // The revision of the original the translator had in front of them.
    let seen = f.source_revision.trim().parse().ok();
    let made = state
        .service
        .machine_draft(&ctx.actor(), &place.thread.id, Ok(request), seen)
        .await;
    match made {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?done=machine",
            place.item.translate_href(&place.thread.slug, &place.lang)
        ))
        .into_response()),
        Err(MachineError::Engine {
            engine,
            from,
            to,
            error,
        }) => {
            let mut shown = Shown::fresh(latest_fields(&place));
            if place.existing.is_none() {
                shown.f.translator = ctx
                    .user
                    .as_ref()
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default();
            }
            shown.form_error = Some(engine_problem(&ctx, engine, &from, &to, &error));
            show(&state, &ctx, place, shown, StatusCode::OK).await
        }
        Err(MachineError::Unfit { error, title, body }) => {
            let mut shown = Shown::fresh(Fields {
                title: title.unwrap_or_default(),
                body,
                ..latest_fields(&place)
            });
            shown.form_error = Some(describe(&ctx, &AppError::Invalid(error)));
            show(&state, &ctx, place, shown, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(MachineError::NotConfigured) => Err(not_set_up().into()),
        Err(e) => {
            let shown = Shown::fresh(latest_fields(&place));
            refused(&state, &ctx, place, shown, e.into()).await
        }
    }
}
