//! Machine translation over the JSON API: a reader's translation of a comment or report, and a
//! translator's machine-made draft. Always labelled with the engine; never a human translation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::thread::language;
use crate::domain::translation::{MachineDraftRequest, MachineTranslation, Translation};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::service::Client;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MachineQuery {
    /// The language to translate into.
    #[param(value_type = LanguageTag)]
    pub lang: String,
}

async fn reader_translation(
    state: &AppState,
    actor: &Actor,
    client: Client,
    kind: &str,
    id: &str,
    lang: &str,
) -> AppResult<Json<MachineTranslation>> {
    let to = language("lang", lang)?;
    Ok(Json(
        state
            .service
            .machine_translation(actor, client, kind, id, &to)
            .await?,
    ))
}

/// A machine translation of an approved comment, made once per text and kept.
#[utoipa::path(get, path = "/api/v1/comments/{id}/machine-translation", tag = "translations",
    params(("id" = String, Path), MachineQuery),
    responses((status = 200, body = MachineTranslation),
        (status = 400, description = "`lang` is missing", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, description = "Same language, or a pair the engine lacks",
            body = ErrorBody),
        (status = 429, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn comment_translation(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<MachineQuery>,
) -> AppResult<Json<MachineTranslation>> {
    reader_translation(&state, &actor, client, "comment", &id, &q.lang).await
}

/// A machine translation of a published report, made once per text and kept.
#[utoipa::path(get, path = "/api/v1/reports/{id}/machine-translation", tag = "translations",
    params(("id" = String, Path), MachineQuery),
    responses((status = 200, body = MachineTranslation),
        (status = 400, description = "`lang` is missing", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, description = "Same language, or a pair the engine lacks",
            body = ErrorBody),
        (status = 429, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn report_translation(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<MachineQuery>,
) -> AppResult<Json<MachineTranslation>> {
    reader_translation(&state, &actor, client, "report", &id, &q.lang).await
}

/// Fill a draft with the engine's translation of the item: a new translation, or a new draft
/// revision of the existing one. It stays labelled machine-made until a person saves a
/// revision of their own.
#[utoipa::path(post, path = "/api/v1/threads/{id}/translations/machine", tag = "translations",
    request_body = MachineDraftRequest,
    params(("id" = String, Path, description = "Thread id or slug")), security(("bearer" = [])),
    responses((status = 201, body = Translation), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "No engine is set up, or it refused the text",
            body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 503, description = "The engine is not answering", body = ErrorBody)))]
pub async fn machine_draft(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Translation>)> {
    let made = state.service.machine_draft(&actor, &id, body, None).await?;
    Ok((StatusCode::CREATED, Json(made)))
}
