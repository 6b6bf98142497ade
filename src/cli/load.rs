//! `serve`'s flags for hostile load — caps on event streams and connections, the header and
//! request timeouts, where `/metrics` is served — and the listeners they shape.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Args;

use crate::config::{Config, MetricsToken};
use crate::net::descriptors::{self, Budget};

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Event streams one client (address) may hold open; more are refused with 503.
    #[arg(long, env = "CRONACA_STREAMS_PER_CLIENT", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub streams_per_client: u32,
    /// Event streams open at once in all; by default three quarters of --max-connections.
    #[arg(long, env = "CRONACA_MAX_STREAMS", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_streams: Option<u32>,
    /// Connections one client (address) may hold open; more are closed at once.
    #[arg(long, env = "CRONACA_CONNECTIONS_PER_CLIENT", default_value_t = 256,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub connections_per_client: u32,
    /// Connections open at once in all; by default the descriptor limit less a reserve.
    #[arg(long, env = "CRONACA_MAX_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: Option<u32>,
    /// Seconds a new connection may take to send its first request's headers.
    #[arg(long, env = "CRONACA_HEADER_TIMEOUT", default_value_t = 15,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub header_timeout: u64,
    /// Seconds a request may take to be answered; slower ones get 503. Event streams are
    /// exempt.
    #[arg(long, env = "CRONACA_REQUEST_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// Serve /metrics on this separate address (e.g. 127.0.0.1:9100), for the monitoring
    /// network only.
    #[arg(long, env = "CRONACA_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,
    /// Also serve /metrics on the public address, to `Authorization: Bearer TOKEN`.
    #[arg(long, env = "CRONACA_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
}

impl LoadArgs {
    /// Raises the soft descriptor limit, logs it, and sets the caps these flags and the limit
    /// decide.
    pub fn apply(&self, config: &mut Config) -> anyhow::Result<()> {
        match descriptors::raise() {
            Ok(limit) => tracing::info!(
                soft_before = limit.soft_before,
                soft = limit.soft,
                hard = limit.hard,
                "descriptor limit"
            ),
            Err(e) => tracing::warn!(error = %e, "cannot raise the descriptor limit"),
        }
        let soft = descriptors::soft_limit();
        let budget = Budget::for_limit(soft);
        let max_connections = self.max_connections.map_or(budget.connections, to_usize);
        if max_connections > budget.connections {
            tracing::warn!(
                max_connections,
                descriptor_limit = soft,
                "--max-connections leaves few descriptors for the database and requests"
            );
        }
        let max_streams = self.max_streams.map_or(budget.streams, to_usize);
        if max_streams > max_connections {
            bail!("--max-streams ({max_streams}) is above the connection cap ({max_connections})");
        }
        config.max_connections = max_connections;
        config.max_streams = max_streams;
        config.connections_per_client = to_usize(self.connections_per_client);
        config.streams_per_client = to_usize(self.streams_per_client);
        config.header_timeout = Duration::from_secs(self.header_timeout);
        config.request_timeout = Duration::from_secs(self.request_timeout);
        // An idle event stream sends a heartbeat: it must never look idle.
        config.idle_timeout = config.idle_timeout.max(config.heartbeat * 4);
        config.metrics_token = match &self.metrics_token {
            Some(t) => Some(MetricsToken::new(t).context("--metrics-token is empty")?),
            None => None,
        };
        tracing::info!(
            max_connections,
            connections_per_client = config.connections_per_client,
            max_streams,
            streams_per_client = config.streams_per_client,
            "connection caps"
        );
        Ok(())
    }

    /// The separate listener for `/metrics`, when asked for.
    pub async fn metrics_listener(&self) -> anyhow::Result<Option<tokio::net::TcpListener>> {
        let Some(addr) = self.metrics_bind else {
            return Ok(None);
        };
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen for metrics on {addr}"))?;
        Ok(Some(listener))
    }
}

/// The public listener under the connection caps and timeouts of the configuration.
pub fn public_listener(
    listener: tokio::net::TcpListener,
    state: &crate::app::AppState,
) -> crate::net::listener::PublicListener {
    use crate::net::{caps::Caps, io::Timeouts, listener::CappedListener};
    let config = &state.config;
    let policy = crate::net::listener::ConnectionPolicy::new(
        Caps::new(config.connections_per_client, config.max_connections),
        Timeouts {
            header: config.header_timeout,
            idle: config.idle_timeout,
        },
        state.service.client_keys().clone(),
    );
    CappedListener::new(listener, policy).tapped()
}

/// `/metrics` on its own listener (`--metrics-bind`), until shutdown.
pub fn serve_metrics(
    listener: tokio::net::TcpListener,
    shutdown: tokio_util::sync::CancellationToken,
) {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving metrics");
    }
    tokio::spawn(async move {
        let served = axum::serve(listener, crate::metrics::router())
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "the metrics listener failed");
        }
    });
}

fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
