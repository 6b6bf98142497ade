//! The HTTP edge: routes, extractors, the event stream and system endpoints.

pub mod api;
pub mod api_edge;
pub mod assets;
pub mod credits;
pub mod extract;
pub mod feeds;
pub mod page_error;
pub mod pages;
pub mod panics;
pub mod pending;
pub mod place_search;
pub mod session;
pub mod sse;
pub mod system;
pub mod timeouts;
pub mod words;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;

/// Every route with the layers that need the state: pages and the API held to the request
/// timeout, event streams beside them.
pub fn router(state: AppState) -> Router<AppState> {
    let bearer_tokens =
        axum::middleware::from_fn_with_state(state.clone(), api_edge::bearer_tokens);
    let answered = Router::new()
        .nest("/api/v1", api::router())
        .merge(pages::router(state.clone()))
        .merge(feeds::routes(state.clone()))
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/api/openapi.json", get(system::openapi))
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/metrics", get(system::metrics));
    let answered = timeouts::limit(
        answered,
        state.config.request_timeout,
        state.config.default_language,
    );
    Router::new()
        .merge(answered)
        .nest("/api/v1", api::streams())
        .route_layer(axum::middleware::from_fn(crate::metrics::track))
        .fallback(system::not_found)
        .layer(bearer_tokens)
        .layer(axum::middleware::from_fn(api_edge::json_errors))
}

/// The whole application: `router`'s routes under the layers every answer passes.
pub fn build_router(state: AppState) -> Router {
    with_layers(router(state.clone()), state)
}

/// `routes` under the layers around every answer: panics caught, bodies limited, answers
/// compressed and traced, security headers set.
pub fn with_layers(routes: Router<AppState>, state: AppState) -> Router {
    // The recorder must exist before the first stream opens, or its gauge would be
    // decremented on a recorder that never saw the increment.
    crate::metrics::handle();
    let body_limit = state.config.body_limit;
    let security_headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ];
    let mut router = routes
        .with_state(state)
        .layer(panics::layer())
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http());
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}
