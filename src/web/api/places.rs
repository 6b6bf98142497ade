//! Places over the JSON API: look-ups in the gazetteer compiled into the binary.

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::domain::ValidationError;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::gazetteer::{self, Place};
use crate::web::extract::ApiQuery;

const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: u32 = 50;
const MAX_QUERY_CHARS: usize = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PlaceQuery {
    /// Any name of the place, in any spelling or script, or the start of one.
    pub q: Option<String>,
    /// 1 to 50; 10 when absent.
    pub limit: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlaceList {
    /// Best match first.
    pub items: Vec<Place>,
}

/// Look places up by name: whole names before prefixes, then the most populous first.
#[utoipa::path(get, path = "/api/v1/places", tag = "places", params(PlaceQuery),
    responses(
        (status = 200, body = PlaceList,
            description = "Cities of 15,000 people or more (GeoNames, geonames.org, CC BY 4.0); empty without `q`"),
        (status = 400, description = "`q` is longer than 100 characters", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn search_places(ApiQuery(params): ApiQuery<PlaceQuery>) -> AppResult<Response> {
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
    let items = gazetteer::lookup(&query, limit);
    let mut response = Json(PlaceList { items }).into_response();
    // The gazetteer only changes with the binary.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}
