//! Translations of a thread's content over the JSON API: drafts by translators, publication by
//! editors or the translators they trust, and drafts an engine writes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::thread::language;
use crate::domain::translation::{
    NewTranslation, Publish, Translation, TranslationInput, TranslationText,
};
use crate::domain::user::{Actor, UserRef};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::extract::{ApiPath, ApiQuery, JsonBody, require};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TranslationQuery {
    /// Only translations into this language (its primary subtag decides).
    #[param(value_type = Option<LanguageTag>)]
    pub language: Option<String>,
}

/// Whether the one asking may see drafts.
fn sees_drafts(actor: &Actor) -> bool {
    permissions::allowed(actor.role(), Action::Translate, Ownership::Others)
}

/// What a reader without translating rights sees: the published text only.
fn public(mut t: Translation) -> Option<Translation> {
    let published = t.published.clone()?;
    t.latest = published;
    Some(t)
}

/// The translations of a thread's items. Readers see published ones; translators, editors and
/// admins see drafts too.
#[utoipa::path(get, path = "/api/v1/threads/{id}/translations", tag = "translations",
    params(("id" = String, Path, description = "Thread id or slug"), TranslationQuery),
    responses((status = 200, body = Vec<Translation>),
        (status = 400, description = "The query string cannot be read", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn list_translations(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<TranslationQuery>,
) -> AppResult<Json<Vec<Translation>>> {
    let thread = state.store.thread(&id).await?;
    let lang = q
        .language
        .as_deref()
        .map(|l| language("language", l))
        .transpose()?;
    let all = state
        .store
        .thread_translations(&thread.id, lang.as_ref())
        .await?;
    Ok(Json(if sees_drafts(&actor) {
        all
    } else {
        all.into_iter().filter_map(public).collect()
    }))
}

/// Start a translation of one item into one language, as a draft.
#[utoipa::path(post, path = "/api/v1/threads/{id}/translations", tag = "translations",
    request_body = NewTranslation, params(("id" = String, Path, description = "Thread id or slug")),
    security(("bearer" = [])),
    responses((status = 201, body = Translation), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The item already has a translation into this language",
            body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_translation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Translation>)> {
    let made = state.service.create_translation(&actor, &id, body).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A translation; drafts only for those who translate.
#[utoipa::path(get, path = "/api/v1/translations/{id}", tag = "translations",
    params(("id" = String, Path)),
    responses((status = 200, body = Translation), (status = 404, body = ErrorBody)))]
pub async fn get_translation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Translation>> {
    let t = state.store.translation(&id).await?;
    if sees_drafts(&actor) {
        return Ok(Json(t));
    }
    public(t).map(Json).ok_or(AppError::NotFound("translation"))
}

/// Save a new revision as a draft; readers keep seeing the published one until it is
/// published. Credits left out carry over from the revision before.
#[utoipa::path(patch, path = "/api/v1/translations/{id}", tag = "translations",
    request_body = TranslationInput, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Translation), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revise_translation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Translation>> {
    Ok(Json(
        state.service.revise_translation(&actor, &id, body).await?,
    ))
}

/// Show a revision of the translation to readers.
#[utoipa::path(post, path = "/api/v1/translations/{id}/publish", tag = "translations",
    request_body = Publish, params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Translation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not the latest revision, or already published",
            body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn publish_translation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Translation>> {
    Ok(Json(
        state.service.publish_translation(&actor, &id, body).await?,
    ))
}

/// Stop showing the translation to readers; its revisions are kept.
#[utoipa::path(post, path = "/api/v1/translations/{id}/withdraw", tag = "translations",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Translation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Not published", body = ErrorBody)))]
pub async fn withdraw_translation(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Translation>> {
    Ok(Json(state.service.withdraw_translation(&actor, &id).await?))
}

/// Every revision of a translation, oldest first.
#[utoipa::path(get, path = "/api/v1/translations/{id}/revisions", tag = "translations",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<TranslationText>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn translation_revisions(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Vec<TranslationText>>> {
    require(&actor, Action::Translate, Ownership::Others)?;
    Ok(Json(state.store.translation_revisions(&id).await?))
}

/// Translators the thread's editors trust to publish on it.
#[utoipa::path(get, path = "/api/v1/threads/{id}/translators", tag = "translations",
    params(("id" = String, Path, description = "Thread id or slug")),
    responses((status = 200, body = Vec<UserRef>), (status = 404, body = ErrorBody)))]
pub async fn list_translators(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Vec<UserRef>>> {
    let thread = state.store.thread(&id).await?;
    Ok(Json(state.store.trusted_translators(&thread.id).await?))
}

/// Trust a translator (an account with the translator role) to publish on this thread.
#[utoipa::path(put, path = "/api/v1/threads/{id}/translators/{name}", tag = "translations",
    params(("id" = String, Path, description = "Thread id or slug"),
        ("name" = String, Path, description = "Account name")),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<UserRef>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "The account is not a translator", body = ErrorBody)))]
pub async fn trust_translator(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, name)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<UserRef>>> {
    Ok(Json(
        state
            .service
            .set_trusted_translator(&actor, &id, &name, true)
            .await?,
    ))
}

/// Stop trusting a translator on this thread.
#[utoipa::path(delete, path = "/api/v1/threads/{id}/translators/{name}", tag = "translations",
    params(("id" = String, Path, description = "Thread id or slug"),
        ("name" = String, Path, description = "Account name")),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<UserRef>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn distrust_translator(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath((id, name)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<UserRef>>> {
    Ok(Json(
        state
            .service
            .set_trusted_translator(&actor, &id, &name, false)
            .await?,
    ))
}
