//! Claims over the JSON API: an editor's mark that a claim is superseded.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::domain::report::Report;
use crate::domain::user::Actor;
use crate::error::{AppResult, ErrorBody};
use crate::web::extract::{ApiPath, JsonBody};

/// Mark a claim superseded by a later report or update of its thread (`by: null` clears the
/// mark). The claim stays on its report, struck through with the link, and the board no longer
/// counts it. Answers the claim's report.
#[utoipa::path(post, path = "/api/v1/claims/{id}/supersession", tag = "reports",
    request_body = crate::domain::board::NewSupersession,
    params(("id" = String, Path, description = "The claim's id")), security(("bearer" = [])),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The claim's report is struck or not published",
            body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn supersede_claim(
    State(state): State<AppState>,
    actor: Actor,
    ApiPath(id): ApiPath<String>,
    body: JsonBody,
) -> AppResult<Json<Report>> {
    Ok(Json(
        state.service.supersede_claim(&actor, &id, body).await?,
    ))
}
