//! The application's shared state: what every handler reads from. The router that serves it
//! is `web::build_router`.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::live::Bus;
use crate::net::caps::Caps;
use crate::service::Service;
use crate::store::{Store, StoreReads};

#[derive(Clone)]
pub struct AppState {
    /// Reads only: every change goes through `service`.
    pub store: Arc<dyn StoreReads>,
    /// The operations.
    pub service: Arc<Service>,
    pub config: Arc<Config>,
    /// Open event streams, per client key and in all.
    pub streams: Arc<Caps>,
    /// Cancelled on shutdown: open event streams end so the server can stop.
    pub shutdown: CancellationToken,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        // `serve` checks the engine settings before it starts, so this fails only for a
        // configuration built in code.
        let translator = crate::mt::from_config(&config).unwrap_or_else(|e| {
            tracing::error!(error = %e, "machine translation is off");
            None
        });
        let config = Arc::new(config);
        let bus = Arc::new(Bus::new(config.stream_buffer));
        let service = Arc::new(Service::new(store.clone(), bus, config.clone(), translator));
        Self {
            store,
            streams: Arc::new(Caps::new(config.streams_per_client, config.max_streams)),
            service,
            config,
            shutdown: CancellationToken::new(),
        }
    }
}
