//! Translations of a thread's content over the JSON API: drafts by translators, publication by
//! editors or the translators they trust, and drafts an engine writes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::thread::{Thread, language};
use crate::domain::translation::{
    ItemKind, NewTranslation, Translation, TranslationInput, TranslationText,
};
use crate::domain::user::{Actor, UserRef};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::store::TranslationTarget;
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

/// The thread an item belongs to, checked against the thread named in the path.
async fn check_item(
    state: &AppState,
    thread: &Thread,
    kind: ItemKind,
    item: &str,
) -> AppResult<()> {
    let owner = match kind {
        ItemKind::Thread => thread.id.clone(),
        ItemKind::Update => state.store.update(item).await?.thread_id,
        ItemKind::Report => state.store.report(item).await?.thread_id,
        ItemKind::Indicator => {
            let found = state.store.indicators(&thread.id).await?;
            if found.iter().any(|i| i.id == item) {
                thread.id.clone()
            } else {
                return Err(AppError::NotFound("indicator"));
            }
        }
    };
    if owner != thread.id || (kind == ItemKind::Thread && item != thread.id) {
        return Err(AppError::NotFound(kind.as_str()));
    }
    Ok(())
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
    require(&actor, Action::Translate, Ownership::Others)?;
    let input: NewTranslation = body.parse()?;
    let target_language = input.language()?;
    let draft = input.text().validate(input.kind)?;
    let thread = state.store.thread(&id).await?;
    check_item(&state, &thread, input.kind, &input.item_id).await?;
    let target = TranslationTarget {
        kind: input.kind,
        item_id: input.item_id,
        language: target_language,
    };
    let change = state
        .writes
        .create_translation(&actor, target, draft)
        .await?;
    Ok((StatusCode::CREATED, Json(change.item)))
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
    require(&actor, Action::Translate, Ownership::Others)?;
    let input: TranslationInput = body.parse()?;
    let before = state.store.translation(&id).await?;
    let draft = input.validate(before.kind)?;
    let change = state.writes.revise_translation(&actor, &id, draft).await?;
    Ok(Json(change.item))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// The revision to show readers: the latest (so nothing unseen is published).
    pub revision: i64,
}

/// Whether the actor may publish on this thread: editors and admins, or a translator the
/// thread's editors trust.
async fn may_publish(state: &AppState, actor: &Actor, thread_id: &str) -> AppResult<()> {
    let trusted = match actor.user() {
        Some(u) => state
            .store
            .trusted_translators(thread_id)
            .await?
            .iter()
            .any(|t| t.id == u.id),
        None => false,
    };
    let ownership = if trusted {
        Ownership::Own
    } else {
        Ownership::Others
    };
    require(actor, Action::PublishTranslation, ownership)
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
    let t = state.store.translation(&id).await?;
    may_publish(&state, &actor, &t.thread_id).await?;
    let publish: Publish = body.parse()?;
    let change = state
        .writes
        .publish_translation(&actor, &id, publish.revision)
        .await?;
    state.publish(&change.events);
    Ok(Json(change.item))
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
    let t = state.store.translation(&id).await?;
    may_publish(&state, &actor, &t.thread_id).await?;
    let change = state.writes.withdraw_translation(&actor, &id).await?;
    state.publish(&change.events);
    Ok(Json(change.item))
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

async fn set_trust(
    state: &AppState,
    actor: &Actor,
    id: &str,
    name: &str,
    trusted: bool,
) -> AppResult<Json<Vec<UserRef>>> {
    require(actor, Action::TrustTranslator, Ownership::Others)?;
    let thread = state.store.thread(id).await?;
    Ok(Json(
        state
            .writes
            .set_trusted_translator(actor, &thread.id, name, trusted)
            .await?,
    ))
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
    set_trust(&state, &actor, &id, &name, true).await
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
    set_trust(&state, &actor, &id, &name, false).await
}
