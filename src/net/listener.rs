//! The public listener: accepts connections for `axum::serve` under caps per client and in all,
//! closing the excess at once, so one client cannot take every descriptor.
//!
//! A connection is keyed by the keyed hash of its peer address. Behind a reverse proxy every
//! peer is the proxy: `ConnectionPolicy::key_for` is where a trusted-proxy setting would exempt
//! it from the per-client cap (the total still applies; streams would then be keyed by the
//! forwarded address instead).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::serve::{Listener, ListenerExt, TapIo};
use tokio::net::TcpListener;
use tokio::time::Instant;

use super::caps::Caps;
use super::io::{GuardedStream, Timeouts};
use crate::net::client_key::ClientKeys;

/// After an accept error other than a refused or reset connection (out of descriptors, out
/// of memory), wait this long before accepting again rather than spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// Accept errors are logged at most this often; the count of those not logged goes with it.
const ACCEPT_LOG_EVERY: Duration = Duration::from_secs(60);

/// Connections the kernel may queue before we accept them (it caps this at `somaxconn`): a
/// burst of connections should wait there, not be dropped, while the excess is closed.
const BACKLOG: u32 = 4096;

/// Listens on `addr` with a deep accept queue.
pub fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    // As the standard library's listener does: a restart need not wait for old connections.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Who may hold how many connections, and for how long they may stay silent.
pub struct ConnectionPolicy {
    pub caps: Arc<Caps>,
    pub timeouts: Timeouts,
    keys: Arc<ClientKeys>,
}

impl ConnectionPolicy {
    pub fn new(caps: Caps, timeouts: Timeouts, keys: Arc<ClientKeys>) -> Self {
        Self {
            caps: Arc::new(caps),
            timeouts,
            keys,
        }
    }

    /// The key a peer's connections are counted under; `None` counts toward the total only.
    fn key_for(&self, peer: IpAddr) -> Option<String> {
        Some(self.keys.of(Some(peer)))
    }
}

pub struct CappedListener {
    inner: TcpListener,
    policy: Arc<ConnectionPolicy>,
    errors: AcceptErrors,
}

impl CappedListener {
    pub fn new(inner: TcpListener, policy: ConnectionPolicy) -> Self {
        Self {
            inner,
            policy: Arc::new(policy),
            errors: AcceptErrors::default(),
        }
    }
}

/// The kernel's send buffer per connection (Linux doubles it for its own accounting). Without a
/// set size it grows to several MiB for a peer that stops reading: 2,000 such readers took
/// 1.5 GiB of kernel memory. This still lets a page leave in a round trip or two.
const SEND_BUFFER: usize = 64 * 1024;

/// What `axum::serve` takes: the capped listener, tapped, which is what gives handlers the
/// peer as `ConnectInfo<SocketAddr>` (axum provides that for plain and tapped listeners).
pub type PublicListener = TapIo<CappedListener, fn(&mut GuardedStream)>;

impl CappedListener {
    pub fn tapped(self) -> PublicListener {
        self.tap_io(tune as fn(&mut GuardedStream))
    }
}

/// A bounded send buffer, and no delay for event frames, small writes that should leave at once.
fn tune(io: &mut GuardedStream) {
    let tcp = io.tcp();
    let _ = tcp.set_nodelay(true);
    let _ = socket2::SockRef::from(tcp).set_send_buffer_size(SEND_BUFFER);
}

impl Listener for CappedListener {
    type Io = GuardedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (GuardedStream, SocketAddr) {
        loop {
            match self.inner.accept().await {
                Ok((tcp, peer)) => {
                    let key = self.policy.key_for(peer.ip());
                    match self.policy.caps.try_hold(key) {
                        Ok(held) => {
                            return (GuardedStream::new(tcp, held, self.policy.timeouts), peer);
                        }
                        // Dropping the socket closes it: the excess costs a descriptor only
                        // for this moment.
                        Err(full) => {
                            metrics::counter!("cronaca_connections_refused_total", "cap" => full.as_str())
                                .increment(1);
                            drop(tcp);
                        }
                    }
                }
                Err(e) if is_connection_error(&e) => {}
                Err(e) => {
                    self.errors.note(&e);
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// The peer gave up before we accepted it: nothing to wait for, nothing to report.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// Logs accept errors at most once a minute, with how many were not logged.
#[derive(Default)]
struct AcceptErrors {
    last_logged: Option<Instant>,
    not_logged: u64,
}

impl AcceptErrors {
    fn note(&mut self, e: &std::io::Error) {
        metrics::counter!("cronaca_accept_errors_total").increment(1);
        let now = Instant::now();
        if self
            .last_logged
            .is_some_and(|at| now.duration_since(at) < ACCEPT_LOG_EVERY)
        {
            self.not_logged += 1;
            return;
        }
        tracing::warn!(
            error = %e,
            since_last_logged = self.not_logged,
            "cannot accept connections; retrying"
        );
        self.last_logged = Some(now);
        self.not_logged = 0;
    }
}
