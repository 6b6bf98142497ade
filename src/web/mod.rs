//! The HTTP edge: routes, extractors, the event stream and system endpoints.

pub mod api;
pub mod api_edge;
pub mod extract;
pub mod feeds;
pub mod limits;
pub mod machine;
pub mod pages;
pub mod session;
pub mod sse;
pub mod system;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn router(state: AppState) -> Router<AppState> {
    let bearer_tokens =
        axum::middleware::from_fn_with_state(state.clone(), api_edge::bearer_tokens);
    Router::new()
        .nest("/api/v1", api::router())
        .merge(pages::router(state))
        .route("/api/openapi.json", get(system::openapi))
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/metrics", get(system::metrics))
        .route_layer(axum::middleware::from_fn(crate::metrics::track))
        .fallback(system::not_found)
        .layer(bearer_tokens)
        .layer(axum::middleware::from_fn(api_edge::json_errors))
}
