//! Logging: `CRONACA_LOG` decides what is shown, and client addresses stay out unless the
//! operator asks for them.
//!
//! The site never stores a reader's address, so its logs must not either: a log shipped to
//! another machine or kept for months would unmask contributors. The one known source is the
//! HTTP server's own `connection … accepted` line at `trace`, which names the peer's address
//! and port; it is dropped unless `--log-client-addresses` is on.

use std::io::IsTerminal;

use tracing::{Level, Metadata};
use tracing_subscriber::filter::{EnvFilter, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, fmt};

/// What is logged when `CRONACA_LOG` is not set.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_http=warn";

/// Installs the logger writing to standard error.
pub fn init(log_client_addresses: bool) {
    let filter = EnvFilter::try_from_env("CRONACA_LOG").unwrap_or_else(|_| DEFAULT_FILTER.into());
    // Colours only for a person at a terminal, not for a file or a journal.
    let output = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_filter(filter_fn(move |meta| {
            log_client_addresses || !names_client_address(meta)
        }));
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(output)
        .try_init();
}

/// Whether events from this place print a client's address: the server's per-connection
/// lines (`axum::serve` at debug and trace). Its errors, such as `accept error`, name none
/// and are kept.
pub fn names_client_address(meta: &Metadata<'_>) -> bool {
    meta.target().starts_with("axum::serve") && *meta.level() >= Level::DEBUG
}
