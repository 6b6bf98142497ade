//! The JSON API under `/api/v1`, and its OpenAPI document generated from the handlers.

pub mod audit;
pub mod board;
pub mod claims;
pub mod comments;
pub mod doc;
pub mod indicators;
pub mod machine;
pub mod moderation;
pub mod page;
pub mod places;
pub mod reports;
pub mod search;
pub mod sources;
pub mod threads;
pub mod translations;
pub mod updates;

use axum::Router;
use axum::routing::{get, patch, post, put};
use utoipa::OpenApi;

use self::doc::SharedResponses;

use crate::app::AppState;
use crate::web::sse;

/// The live event streams: endless answers, so `web::router` mounts them outside the request
/// timeout.
pub fn streams() -> Router<AppState> {
    Router::new().route("/threads/{id}/events", get(sse::thread_events))
}

/// Every other route of the API.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/threads",
            get(threads::list_threads).post(threads::create_thread),
        )
        .route(
            "/threads/{id}",
            get(threads::get_thread).patch(threads::patch_thread),
        )
        .route(
            "/threads/{id}/updates",
            get(updates::list_updates).post(updates::post_update),
        )
        .route(
            "/threads/{id}/comments",
            get(comments::list_comments).post(comments::create_comment),
        )
        .route(
            "/threads/{id}/indicators",
            get(indicators::list_indicators).post(indicators::create_indicator),
        )
        .route(
            "/threads/{id}/reports",
            get(reports::list_reports).post(reports::create_report),
        )
        .route("/threads/{id}/board", get(board::get_board))
        .route(
            "/threads/{id}/translations",
            get(translations::list_translations).post(translations::create_translation),
        )
        .route(
            "/threads/{id}/translations/machine",
            post(machine::machine_draft),
        )
        .route(
            "/comments/{id}/machine-translation",
            get(machine::comment_translation),
        )
        .route(
            "/reports/{id}/machine-translation",
            get(machine::report_translation),
        )
        .route(
            "/threads/{id}/translators",
            get(translations::list_translators),
        )
        .route(
            "/threads/{id}/translators/{name}",
            put(translations::trust_translator).delete(translations::distrust_translator),
        )
        .route(
            "/translations/{id}",
            get(translations::get_translation).patch(translations::revise_translation),
        )
        .route(
            "/translations/{id}/publish",
            post(translations::publish_translation),
        )
        .route(
            "/translations/{id}/withdraw",
            post(translations::withdraw_translation),
        )
        .route(
            "/translations/{id}/revisions",
            get(translations::translation_revisions),
        )
        .route("/indicators/{id}", patch(indicators::patch_indicator))
        .route(
            "/sources",
            get(sources::list_sources).post(sources::create_source),
        )
        .route(
            "/sources/{id}",
            get(sources::get_source).patch(sources::edit_source),
        )
        .route(
            "/reports/{id}",
            get(reports::get_report).patch(reports::edit_report),
        )
        .route("/reports/{id}/status", post(reports::verify_report))
        .route("/reports/{id}/strike", post(reports::strike_report))
        .route("/reports/{id}/moderation", post(reports::moderate_report))
        .route("/reports/{id}/revisions", get(reports::report_revisions))
        .route("/claims/{id}/supersession", post(claims::supersede_claim))
        .route("/moderation/reports", get(reports::report_queue))
        .route("/search", get(search::search))
        .route("/updates/{id}", patch(updates::edit_update))
        .route("/updates/{id}/strike", post(updates::strike_update))
        .route("/updates/{id}/revisions", get(updates::update_revisions))
        .route("/comments/{id}", patch(comments::edit_comment))
        .route("/comments/{id}/flags", post(comments::flag_comment))
        .route(
            "/comments/{id}/moderation",
            post(moderation::moderate_comment),
        )
        .route("/moderation/queue", get(moderation::moderation_queue))
        .route("/audit", get(audit::audit_log))
        .route(
            "/places",
            get(places::search_places).post(places::add_place),
        )
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Cronaca API", description = "Live threads, updates, comments and moderation."),
    paths(
        threads::list_threads, threads::create_thread, threads::get_thread, threads::patch_thread,
        updates::post_update, updates::list_updates, updates::edit_update, updates::strike_update,
        updates::update_revisions,
        comments::list_comments, comments::create_comment, comments::edit_comment,
        comments::flag_comment,
        moderation::moderation_queue, moderation::moderate_comment,
        audit::audit_log,
        sources::list_sources, sources::create_source, sources::get_source, sources::edit_source,
        indicators::list_indicators, indicators::create_indicator, indicators::patch_indicator,
        reports::create_report, reports::list_reports, reports::get_report, reports::edit_report,
        reports::verify_report, reports::strike_report, reports::moderate_report,
        reports::report_revisions, reports::report_queue, claims::supersede_claim,
        board::get_board,
        translations::list_translations, translations::create_translation,
        translations::get_translation, translations::revise_translation,
        translations::publish_translation, translations::withdraw_translation,
        translations::translation_revisions, translations::list_translators,
        translations::trust_translator, translations::distrust_translator,
        machine::machine_draft, machine::comment_translation, machine::report_translation,
        search::search,
        places::search_places, places::add_place,
        sse::thread_events,
    ),
    modifiers(&SharedResponses)
)]
pub struct ApiDoc;
