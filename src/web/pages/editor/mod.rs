//! The editors' pages: open and change a thread, post, edit and strike updates.

mod republication;
mod revisions;
mod threads;
mod updates;

use axum::Router;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/new",
            get(threads::new_thread_form).post(threads::create_thread),
        )
        .route(
            "/t/{slug}/edit",
            get(threads::edit_thread_form).post(threads::edit_thread),
        )
        .route("/t/{slug}/updates", post(updates::post_update))
        .route(
            "/t/{slug}/updates/{id}/edit",
            get(updates::edit_update_form).post(updates::edit_update),
        )
        .route(
            "/t/{slug}/updates/{id}/strike",
            get(updates::strike_form).post(updates::strike_update),
        )
        .route(
            "/t/{slug}/updates/{id}/revisions",
            get(revisions::revisions),
        )
        .route("/t/{slug}/revisions", get(revisions::thread_revisions))
        .route("/preview", post(updates::preview))
}

/// What changed in an original since the revision a translation was made from.
pub struct Changes {
    /// The revision compared with the current one.
    pub number: i64,
    /// Word differences as HTML, per part (the title, the text); empty parts are left out.
    pub parts: Vec<(String, String)>,
    /// The original's language.
    pub lang: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RevisionsQuery {
    /// Shows what changed since this revision.
    pub from: Option<i64>,
}
