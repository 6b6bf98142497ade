//! The command line: `serve`, `user …` and `token …`. Every flag can also be set with a
//! `CRONACA_*` environment variable.

mod accounts;
mod load;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};

use crate::app::AppState;
use crate::config::Config;
use crate::domain::role::Role;
use crate::store::Store;
use crate::store::sqlite::{SizeLimit, SqliteStore};
use crate::web::build_router;

#[derive(Debug, Parser)]
#[command(
    name = "cronaca",
    version,
    about = "Live open threads on fast-moving events"
)]
pub struct Cli {
    /// Where the database lives; created on first start.
    #[arg(
        long,
        env = "CRONACA_DATA_DIR",
        default_value = "./cronaca-data",
        global = true
    )]
    pub data_dir: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
// Parsed once at start: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Serve the site and the API.
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "CRONACA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Fill an empty database with a fictional exercise thread and print an admin login.
    #[arg(long, env = "CRONACA_DEMO")]
    pub demo: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "CRONACA_BODY_LIMIT", default_value_t = 256 * 1024)]
    pub body_limit: usize,
    /// Comments and flags a guest may post per minute.
    #[arg(long, env = "CRONACA_GUEST_WRITES_PER_MINUTE", default_value_t = 10)]
    pub guest_writes_per_minute: u32,
    /// Comments and flags a contributor or translator may post per minute.
    #[arg(long, env = "CRONACA_MEMBER_WRITES_PER_MINUTE", default_value_t = 30)]
    pub member_writes_per_minute: u32,
    /// The address readers use (e.g. https://live.example.org): absolute links in feeds, and
    /// Secure cookies when it is HTTPS.
    #[arg(long, env = "CRONACA_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The interface language when nothing else decides: en, it or ru.
    #[arg(long, env = "CRONACA_DEFAULT_LANGUAGE", default_value = "en", value_parser = parse_lang)]
    pub default_language: crate::i18n::Lang,
    /// Machine translation with Apertium APy at this address (e.g. http://127.0.0.1:2737).
    #[arg(long, env = "CRONACA_APERTIUM_URL", value_parser = parse_engine_url)]
    pub apertium_url: Option<String>,
    /// Machine translation with LibreTranslate at this address (e.g. http://127.0.0.1:5000).
    #[arg(long, env = "CRONACA_LIBRETRANSLATE_URL", value_parser = parse_engine_url)]
    pub libretranslate_url: Option<String>,
    /// The API key LibreTranslate asks for, if it asks for one.
    #[arg(long, env = "CRONACA_LIBRETRANSLATE_API_KEY", hide_env_values = true)]
    pub libretranslate_api_key: Option<String>,
    /// Seconds one request to the machine-translation engine may take.
    #[arg(
        long,
        env = "CRONACA_MACHINE_TRANSLATION_TIMEOUT",
        default_value_t = 8,
        value_parser = clap::value_parser!(u64).range(1..=300)
    )]
    pub machine_translation_timeout: u64,
    /// Let the logs show client addresses (the server's per-connection lines at `trace`);
    /// off by default, so no address is written anywhere.
    #[arg(long, env = "CRONACA_LOG_CLIENT_ADDRESSES")]
    pub log_client_addresses: bool,
    /// The most the database may hold, in MiB: past it writes are refused with 503 as on a
    /// full disk, leaving the rest of the disk to the system and the logs.
    #[arg(
        long,
        env = "CRONACA_MAX_DATABASE_MB",
        value_parser = clap::value_parser!(u64).range(1..=(1 << 30))
    )]
    pub max_database_mb: Option<u64>,
    #[command(flatten)]
    pub load: load::LoadArgs,
}

impl ServeArgs {
    fn size_limit(&self) -> SizeLimit {
        SizeLimit {
            max_bytes: self.max_database_mb.map(|mb| mb << 20),
        }
    }

    /// The machine-translation engine these flags name: at most one.
    fn machine_translation(&self) -> anyhow::Result<Option<crate::config::MtEngineConfig>> {
        use crate::config::MtEngineConfig;
        match (&self.apertium_url, &self.libretranslate_url) {
            (Some(_), Some(_)) => bail!(
                "--apertium-url and --libretranslate-url are both set: choose one machine-translation engine"
            ),
            (Some(url), None) => {
                if self.libretranslate_api_key.is_some() {
                    bail!("--libretranslate-api-key is set but the engine is Apertium");
                }
                Ok(Some(MtEngineConfig::Apertium { url: url.clone() }))
            }
            (None, Some(url)) => Ok(Some(MtEngineConfig::LibreTranslate {
                url: url.clone(),
                api_key: self.libretranslate_api_key.clone(),
            })),
            (None, None) => {
                if self.libretranslate_api_key.is_some() {
                    bail!("--libretranslate-api-key is set without --libretranslate-url");
                }
                Ok(None)
            }
        }
    }
}

fn parse_engine_url(s: &str) -> Result<String, String> {
    crate::mt::engine_url(s).map(|_| s.trim().to_owned())
}

fn parse_lang(s: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::from_tag(s).ok_or_else(|| format!("{s:?} is not one of en, it, ru"))
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; without --password-stdin a password is generated and printed.
    Add {
        name: String,
        #[arg(long)]
        role: Role,
        /// The name shown next to what the account writes (defaults to NAME).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Give an account another role.
    SetRole { name: String, role: Role },
    /// Disable an account: its tokens and sessions stop working.
    Disable { name: String },
    /// Enable a disabled account again.
    Enable { name: String },
    /// Set an account's password, read from standard input.
    SetPassword { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for USER; prints the token, and only the token, once.
    Create {
        user: String,
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Revoke a token by its id.
    Revoke { id: String },
    /// List tokens (never their secret), of one user or of all.
    List { user: Option<String> },
}

impl Cli {
    /// Whether the operator allowed client addresses in the logs (`serve` only).
    pub fn logs_client_addresses(&self) -> bool {
        matches!(&self.command, Command::Serve(args) if args.log_client_addresses)
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Only the server is capped: an account or a token can always be made on a full database.
    let limit = match &cli.command {
        Command::Serve(args) => args.size_limit(),
        _ => SizeLimit::default(),
    };
    let store = open_store(&cli.data_dir, limit).await?;
    let result = match cli.command {
        Command::Serve(args) => serve(store.clone(), args).await,
        Command::User(cmd) => accounts::user_command(&store, cmd).await,
        Command::Token(cmd) => accounts::token_command(&store, cmd).await,
    };
    store.close().await;
    result
}

async fn open_store(dir: &Path, limit: SizeLimit) -> anyhow::Result<SqliteStore> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    SqliteStore::open_dir_limited(dir, limit)
        .await
        .with_context(|| format!("cannot open the database in {}", dir.display()))
}

async fn serve(store: SqliteStore, args: ServeArgs) -> anyhow::Result<()> {
    let mut config = Config {
        machine_translation: args.machine_translation()?,
        machine_translation_timeout: std::time::Duration::from_secs(
            args.machine_translation_timeout,
        ),
        body_limit: args.body_limit,
        guest_writes_per_minute: args.guest_writes_per_minute,
        member_writes_per_minute: args.member_writes_per_minute,
        public_url: args.public_url.map(|u| u.trim_end_matches('/').to_owned()),
        default_language: args.default_language,
        log_client_addresses: args.log_client_addresses,
        max_database_mb: args.max_database_mb,
        ..Config::default()
    };
    if config.log_client_addresses {
        tracing::warn!("client addresses may appear in the logs (--log-client-addresses)");
    }
    let listener = crate::net::listener::bind(args.bind)
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let metrics_listener = args.load.metrics_listener().await?;
    args.load.apply(&mut config)?;
    let store: Arc<dyn Store> = Arc::new(store);
    if args.demo {
        match crate::demo::fill(store.as_ref()).await? {
            Some(login) => println!(
                "Demo ready: a fictional exercise thread. Log in as {} with password {}",
                login.name, login.password
            ),
            None => println!("Demo skipped: the database already has content."),
        }
    }
    crate::mt::from_config(&config).map_err(|e| anyhow::anyhow!("machine translation: {e}"))?;
    let state = AppState::new(store.clone(), config);
    let shutdown = state.shutdown.clone();
    tokio::spawn(purge_sessions(store));
    let addr = listener.local_addr().unwrap_or(args.bind);
    if let Some(metrics) = metrics_listener {
        load::serve_metrics(metrics, shutdown.clone());
    }
    let listener = load::public_listener(listener, &state);
    tracing::info!(%addr, "serving");
    println!("Cronaca is serving http://{addr}/");
    let app = build_router(state).into_make_service_with_connect_info::<SocketAddr>();
    let stopping = shutdown.clone();
    let mut server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(stopping.cancelled_owned())
            .await
    });
    tokio::select! {
        ended = &mut server => return ended.context("the server failed")?.context("the server failed"),
        () = wait_for_signal() => {}
    }
    tracing::info!("shutting down: finishing requests, closing event streams");
    shutdown.cancel();
    // A client that never finishes its request must not hold the server up forever.
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(ended) => ended
            .context("the server failed")?
            .context("the server failed"),
        Err(_) => {
            tracing::warn!("requests still open after {SHUTDOWN_GRACE:?}; stopping anyway");
            Ok(())
        }
    }
}

/// How long requests in flight may take to finish once shutdown begins.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

async fn wait_for_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

async fn purge_sessions(store: Arc<dyn Store>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        if let Err(e) = store
            .purge_expired_sessions(crate::domain::time::now())
            .await
        {
            tracing::warn!(error = %e, "purging expired sessions failed");
        }
    }
}
