//! The JSON API under `/api/v1`, and its OpenAPI document generated from the handlers.

pub mod audit;
pub mod comments;
pub mod moderation;
pub mod places;
pub mod threads;
pub mod updates;

use axum::Router;
use axum::routing::{get, patch, post};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::app::AppState;
use crate::web::sse;

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
        .route("/threads/{id}/events", get(sse::thread_events))
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
        .route("/places", get(places::search_places))
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
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
        places::search_places,
        sse::thread_events,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;
