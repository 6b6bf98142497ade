//! Places over the JSON API: look-ups in the gazetteer compiled into the binary and among the
//! custom places editors added, and adding a custom place.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::domain::ValidationError;
use crate::domain::place::{self, NewPlace};
use crate::domain::user::Actor;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::gazetteer::{self, Place};
use crate::service::Client;
use crate::web::extract::ApiQuery;
use crate::web::extract::JsonBody;

const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: u32 = 50;
const MAX_QUERY_CHARS: usize = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlaceQuery {
    /// Any name of the place, in any spelling or script, or the start of one.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// 1 to 50; 10 when absent.
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlaceList {
    /// Best match first.
    pub items: Vec<Place>,
}

/// Look places up by name: custom places whose name contains the query first, then cities by
/// whole names before prefixes, the most populous first.
#[utoipa::path(get, path = "/api/v1/places", tag = "places", params(PlaceQuery),
    responses(
        (status = 200, body = PlaceList,
            description = "Custom places, then cities of 15,000 people or more (GeoNames, geonames.org, CC BY 4.0); empty without `q`"),
        (status = 400, description = "`q` is longer than 100 characters", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn search_places(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<PlaceQuery>,
) -> AppResult<Response> {
    let limit = match params.limit {
        None => DEFAULT_LIMIT,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n as usize,
        Some(_) => {
            let message = format!("must be between 1 and {MAX_LIMIT}");
            return Err(ValidationError::new("limit", message).into());
        }
    };
    let query = params.q.unwrap_or_default();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::BadRequest {
            code: "query_too_long",
            message: format!("`q` must be at most {MAX_QUERY_CHARS} characters"),
        });
    }
    let mut items: Vec<Place> = if query.trim().is_empty() {
        Vec::new()
    } else {
        let custom = state
            .store
            .search_custom_places(query.trim(), u32::try_from(limit).unwrap_or(MAX_LIMIT))
            .await?;
        custom.into_iter().map(custom_place).collect()
    };
    let rest = limit.saturating_sub(items.len());
    items.extend(gazetteer::lookup(&query, rest));
    let mut response = Json(PlaceList { items }).into_response();
    // Cities change only with the binary; custom places may be added at any time.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// A custom place in the shape of a look-up result.
fn custom_place(p: place::Place) -> Place {
    Place {
        id: p.id,
        country_name: p.country.clone().unwrap_or_default(),
        country: p.country.unwrap_or_default(),
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        population: 0,
        matched: None,
    }
}

/// Add a custom place (an airport, a border crossing) with its coordinates.
#[utoipa::path(post, path = "/api/v1/places", tag = "places", request_body = NewPlace,
    security(("bearer" = [])),
    responses((status = 201, body = place::Place), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn add_place(
    State(state): State<AppState>,
    actor: Actor,
    client: Client,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<place::Place>)> {
    let created = state.service.add_place(&actor, client, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
