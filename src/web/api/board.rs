//! The situation board over the JSON API.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::domain::language::LanguageTag;
use crate::domain::situation::{Situation, situation};
use crate::domain::thread::language;
use crate::error::{AppResult, ErrorBody};
use crate::web::extract::{ApiPath, ApiQuery};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    /// The language of labels; the thread's language when absent.
    #[param(value_type = Option<LanguageTag>)]
    pub lang: Option<String>,
}

/// The thread's board: every indicator's current value with its independent sources, the
/// competing values where sources disagree, each source's history, the places and their
/// status, and every report's badge.
#[utoipa::path(get, path = "/api/v1/threads/{id}/board", tag = "board",
    params(("id" = String, Path, description = "Thread id or slug"), BoardQuery),
    responses((status = 200, body = Situation), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn get_board(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<BoardQuery>,
) -> AppResult<Json<Situation>> {
    let lang: Option<LanguageTag> = query
        .lang
        .as_deref()
        .map(|l| language("lang", l))
        .transpose()?;
    let thread = state.store.thread(&id).await?;
    let inputs = state.store.board_inputs(&thread.id).await?;
    let lang = lang.unwrap_or(thread.language);
    Ok(Json(situation(&inputs, lang.as_str())))
}
