//! Runtime settings: one struct, filled from flags and `CRONACA_*` environment variables.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted.
    pub body_limit: usize,
    /// How often an idle event stream gets a comment line, so proxies keep it open.
    pub heartbeat: Duration,
    /// How many events an event stream may fall behind before it is disconnected.
    pub stream_buffer: usize,
    /// Writes a guest may make per minute (comments, flags), per client.
    pub guest_writes_per_minute: u32,
    /// Writes a registered contributor or translator may make per minute.
    pub member_writes_per_minute: u32,
    /// The address readers use, e.g. `https://live.example.org`; absolute links in feeds use it,
    /// and cookies are marked Secure when it is HTTPS. Without it, the request's Host is used.
    pub public_url: Option<String>,
    /// The interface language when the reader's choice and browser say nothing we speak.
    pub default_language: crate::i18n::Lang,
    /// Login attempts per minute for one account name from one client, and for one client
    /// whatever the names; per hour an account name gets ten times this from all clients.
    pub logins_per_minute: u32,
    /// The machine-translation engine, if the site has one.
    pub machine_translation: Option<MtEngineConfig>,
    /// How long one request to the machine-translation engine may take.
    pub machine_translation_timeout: Duration,
    /// Whether the logs may show client addresses; the binary sets its logger up from the
    /// same flag before the configuration exists.
    pub log_client_addresses: bool,
    /// The cap on the database's size in MiB, if any (applied when the store opens).
    pub max_database_mb: Option<u64>,
    /// Event streams one client (keyed address) may hold open.
    pub streams_per_client: usize,
    /// Event streams open at once from everyone.
    pub max_streams: usize,
    /// Connections one client may hold open; more are closed as soon as they are accepted.
    pub connections_per_client: usize,
    /// Connections open at once from everyone.
    pub max_connections: usize,
    /// How long a new connection may take to send its first request's headers.
    pub header_timeout: Duration,
    /// How long a connection may move no byte in either direction before it is closed; kept
    /// well above `heartbeat`, which idle event streams send.
    pub idle_timeout: Duration,
    /// When set, `/metrics` is also served on the public listener to this bearer token.
    pub metrics_token: Option<MetricsToken>,
    /// How long a request may take to be answered before it gets a 503 `request_timeout`;
    /// event streams, which never end, are not held to it.
    pub request_timeout: Duration,
}

/// The bearer token for `/metrics` on the public listener; never shown by `Debug`.
#[derive(Clone)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// `None` for an empty token, which would let anyone in.
    pub fn new(token: &str) -> Option<Self> {
        let token = token.trim();
        (!token.is_empty()).then(|| Self(token.to_owned()))
    }

    /// Compares digests of equal length in constant time, so the time taken says nothing about
    /// the token's length or how much of it matched.
    pub fn matches(&self, given: &str) -> bool {
        use subtle::ConstantTimeEq;
        let (given, expected) = (
            crate::auth::secret_hash(given),
            crate::auth::secret_hash(&self.0),
        );
        given.as_bytes().ct_eq(expected.as_bytes()).into()
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(…)")
    }
}

/// A machine-translation engine the operator runs, reached over HTTP.
#[derive(Clone, PartialEq, Eq)]
pub enum MtEngineConfig {
    /// Apertium APy, e.g. `http://127.0.0.1:2737`.
    Apertium { url: String },
    /// LibreTranslate, e.g. `http://127.0.0.1:5000`, with the API key it asks for, if any.
    LibreTranslate {
        url: String,
        api_key: Option<String>,
    },
}

impl std::fmt::Debug for MtEngineConfig {
    /// Never shows the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Apertium { url } => f.debug_struct("Apertium").field("url", url).finish(),
            Self::LibreTranslate { url, api_key } => f
                .debug_struct("LibreTranslate")
                .field("url", url)
                .field("api_key", &api_key.as_ref().map(|_| "…"))
                .finish(),
        }
    }
}

impl Config {
    /// Cookies get the Secure flag when the site is served over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

impl Default for Config {
    /// The stream and connection caps follow the descriptor limit in force.
    fn default() -> Self {
        let budget = crate::net::descriptors::Budget::current();
        Self {
            body_limit: 256 * 1024,
            heartbeat: Duration::from_secs(15),
            stream_buffer: 256,
            guest_writes_per_minute: 10,
            member_writes_per_minute: 30,
            public_url: None,
            default_language: crate::i18n::Lang::En,
            logins_per_minute: 5,
            machine_translation: None,
            machine_translation_timeout: Duration::from_secs(8),
            log_client_addresses: false,
            max_database_mb: None,
            streams_per_client: 8,
            max_streams: budget.streams,
            connections_per_client: 256,
            max_connections: budget.connections,
            header_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(120),
            metrics_token: None,
            request_timeout: Duration::from_secs(30),
        }
    }
}
