//! The source registry over the JSON API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::domain::page::Page;
use crate::domain::source::{NewSource, Source, SourcePatch};
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::service::Client;
use crate::web::extract::{ApiPath, ApiQuery, JsonBody};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SourceQuery {
    /// Part of a name; case, accents and script do not matter.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// 1 to 200; 50 when absent.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// Sources in the registry, by name; with `q`, names starting with it first.
#[utoipa::path(get, path = "/api/v1/sources", tag = "sources", params(SourceQuery),
    responses((status = 200, body = Page<Source>), (status = 422, body = ErrorBody)))]
pub async fn list_sources(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SourceQuery>,
) -> AppResult<Json<Page<Source>>> {
    let page = super::page::PageQuery {
        after: query.after,
        limit: query.limit,
    }
    .request()?;
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if q.is_some_and(|q| q.chars().count() > 200) {
        return Err(
            crate::domain::ValidationError::new("q", "is longer than 200 characters").into(),
        );
    }
    Ok(Json(state.store.list_sources(q, page).await?))
}

/// Add a source. A name already in the registry (ignoring case and accents) is a conflict
/// naming the existing source.
#[utoipa::path(post, path = "/api/v1/sources", tag = "sources", request_body = NewSource,
    security(("bearer" = [])),
    responses((status = 201, body = Source), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "Already in the registry", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn create_source(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<Source>)> {
    let source = state.service.create_source(&actor, client, body).await?;
    Ok((StatusCode::CREATED, Json(source)))
}

#[utoipa::path(get, path = "/api/v1/sources/{id}", tag = "sources", params(("id" = String, Path)),
    responses((status = 200, body = Source), (status = 404, body = ErrorBody)))]
pub async fn get_source(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Source>> {
    Ok(Json(state.store.source(&id).await?))
}

/// Change a source; absent fields stay.
#[utoipa::path(patch, path = "/api/v1/sources/{id}", tag = "sources", request_body = SourcePatch,
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Source), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The new name is another source's", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn edit_source(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Source>> {
    Ok(Json(state.service.edit_source(&actor, &id, body).await?))
}
