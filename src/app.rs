//! The application: its shared state and the router that serves it.

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use tokio_util::sync::CancellationToken;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::domain::event::Event;
use crate::live::Bus;
use crate::store::Store;
use crate::web;
use crate::web::limits::RateLimits;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub bus: Arc<Bus>,
    pub config: Arc<Config>,
    pub limits: Arc<RateLimits>,
    /// Cancelled on shutdown: open event streams end so the server can stop.
    pub shutdown: CancellationToken,
    /// The machine-translation engine, when one is configured.
    pub translator: Option<Arc<dyn crate::mt::Translator>>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        // `serve` checks the engine settings before it starts, so this fails only for a
        // configuration built in code.
        let translator = crate::mt::from_config(&config).unwrap_or_else(|e| {
            tracing::error!(error = %e, "machine translation is off");
            None
        });
        Self {
            store,
            bus: Arc::new(Bus::with_stream_caps(
                config.stream_buffer,
                config.streams_per_client,
                config.max_streams,
            )),
            limits: Arc::new(RateLimits::new(&config)),
            config: Arc::new(config),
            shutdown: CancellationToken::new(),
            translator,
        }
    }

    /// Sends committed events to the open streams.
    pub fn publish(&self, events: &[Event]) {
        self.bus.publish(events);
    }
}

pub fn build_router(state: AppState) -> Router {
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
    let mut router = web::router(state.clone())
        .with_state(state)
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
