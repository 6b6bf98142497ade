//! Full-text search over the JSON API.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::ValidationError;
use crate::domain::search::{SearchHit, SearchQuery, page_bounds};
use crate::error::{AppResult, ErrorBody};
use crate::web::extract::ApiQuery;
use crate::web::place_search::naming_places;

pub use crate::domain::search::{MAX_LIMIT, MAX_OFFSET};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Words to find; case and accents do not matter, the last word may be a beginning.
    #[param(max_length = 200)]
    pub q: String,
    /// Only in this thread (id or slug).
    pub thread: Option<String>,
    /// 1 to 50; 20 when absent.
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
    /// How many results to skip (at most 500).
    #[param(minimum = 0, maximum = 500)]
    pub offset: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub items: Vec<SearchHit>,
}

impl SearchParams {
    pub fn bounds(&self) -> Result<(u32, u32), ValidationError> {
        page_bounds(self.limit, self.offset)
    }
}

/// Search threads, updates, published reports and approved comments; best match first.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchParams>,
) -> AppResult<Json<SearchResults>> {
    let (limit, offset) = query.bounds()?;
    let Some(mut search) = SearchQuery::parse(&query.q)? else {
        return Ok(Json(SearchResults { items: Vec::new() }));
    };
    if let Some(t) = &query.thread {
        search = search.in_thread(state.store.thread(t).await?.id);
    }
    let search = naming_places(state.store.as_ref(), search, &query.q).await?;
    let items = state.store.search(&search.paged(limit, offset)).await?;
    Ok(Json(SearchResults { items }))
}
