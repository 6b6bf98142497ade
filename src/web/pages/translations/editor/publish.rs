//! Publishing a translation's latest revision, and withdrawing it, for editors and the
//! translators the thread trusts.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::{Shown, latest_fields};
use super::{Place, locate, refused};
use crate::app::AppState;
use crate::domain::translation::{Publish, Translation};
use crate::error::AppError;
use crate::web::pages::{CsrfForm, PageError, PageResult, Refused};
use crate::web::session::PageCtx;

#[derive(Debug, Default, Deserialize)]
pub struct PublishFields {
    #[serde(default)]
    revision: String,
}

/// The translation of this place, for publishing or withdrawing it.
async fn publishable(
    state: &AppState,
    ctx: &PageCtx,
    path: (String, String, String, String),
) -> Result<(Place, String), Refused> {
    let place = locate(state, ctx, path).await?;
    let id = place
        .existing
        .as_ref()
        .map(|t| t.id.clone())
        .ok_or_else(|| PageError::new(ctx, AppError::NotFound("translation")))?;
    Ok((place, id))
}

/// Back to the form with what was done, or the form again with why not; those who may not
/// publish here get the 403 page.
async fn done(
    state: &AppState,
    ctx: &PageCtx,
    place: Place,
    outcome: Result<Translation, AppError>,
    what: &str,
) -> PageResult {
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?done={what}",
            place.item.translate_href(&place.thread.slug, &place.lang)
        ))
        .into_response()),
        Err(e) => {
            let shown = Shown::fresh(latest_fields(&place));
            refused(state, ctx, place, shown, e).await
        }
    }
}

pub async fn publish(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(f): CsrfForm<PublishFields>,
) -> PageResult {
    let (place, id) = publishable(&state, &ctx, path).await?;
    // A revision that is not a number is not the latest either; the service says so once it
    // knows the one asking may publish.
    let input = f
        .revision
        .trim()
        .parse::<i64>()
        .map(|revision| Publish { revision })
        .map_err(|_| AppError::Conflict {
            code: "revision_outdated",
            message: String::new(),
        });
    let outcome = state
        .service
        .publish_translation(&ctx.actor(), &id, input)
        .await;
    done(&state, &ctx, place, outcome, "published").await
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(path): Path<(String, String, String, String)>,
    CsrfForm(_): CsrfForm<PublishFields>,
) -> PageResult {
    let (place, id) = publishable(&state, &ctx, path).await?;
    let outcome = state.service.withdraw_translation(&ctx.actor(), &id).await;
    done(&state, &ctx, place, outcome, "withdrawn").await
}
