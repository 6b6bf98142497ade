//! Full-text search over the JSON API.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::ValidationError;
use crate::domain::search::{SearchHit, index_query};
use crate::error::{AppResult, ErrorBody};
use crate::web::extract::ApiQuery;

pub const MAX_LIMIT: u32 = 50;
pub const MAX_OFFSET: u32 = 500;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
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

impl SearchQuery {
    pub fn bounds(&self) -> Result<(u32, u32), ValidationError> {
        let limit = self.limit.unwrap_or(20);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ValidationError::new(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let offset = self.offset.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(ValidationError::new(
                "offset",
                format!("must be at most {MAX_OFFSET}"),
            ));
        }
        Ok((limit, offset))
    }
}

/// Search threads, updates, published reports and approved comments; best match first.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> AppResult<Json<SearchResults>> {
    let (limit, offset) = query.bounds()?;
    let Some(index) = index_query(&query.q)? else {
        return Ok(Json(SearchResults { items: Vec::new() }));
    };
    let thread = match &query.thread {
        Some(t) => Some(state.store.thread(t).await?.id),
        None => None,
    };
    let items = state
        .store
        .search(&index, thread.as_deref(), limit, offset)
        .await?;
    Ok(Json(SearchResults { items }))
}
