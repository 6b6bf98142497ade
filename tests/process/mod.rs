//! Helpers for tests that run the `cronaca` binary as a child process: CLI commands with a
//! deadline, a server started on 127.0.0.1 and killed when dropped, free ports.

// Each test crate that includes this module uses a different subset of it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep, timeout};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_cronaca");
/// How long one CLI command may take (argon2 hashing in a debug build is the slow part).
pub const CLI_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a server may take to print its address and answer `/healthz`.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);
/// The line `serve` prints on stdout once it listens.
pub const SERVING: &str = "Cronaca is serving http://";

/// Settings from the environment that would change what the binary does.
const CRONACA_VARS: [&str; 16] = [
    "CRONACA_DATA_DIR",
    "CRONACA_BIND",
    "CRONACA_DEMO",
    "CRONACA_LOG",
    "CRONACA_BODY_LIMIT",
    "CRONACA_GUEST_WRITES_PER_MINUTE",
    "CRONACA_MEMBER_WRITES_PER_MINUTE",
    "CRONACA_LOG_CLIENT_ADDRESSES",
    "CRONACA_MAX_DATABASE_MB",
    "CRONACA_STREAMS_PER_CLIENT",
    "CRONACA_MAX_STREAMS",
    "CRONACA_CONNECTIONS_PER_CLIENT",
    "CRONACA_MAX_CONNECTIONS",
    "CRONACA_HEADER_TIMEOUT",
    "CRONACA_METRICS_BIND",
    "CRONACA_METRICS_TOKEN",
];

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// `cronaca --data-dir DIR`, isolated from `CRONACA_*` variables, killed when dropped.
pub fn command(data_dir: &Path) -> Command {
    isolated(Command::new(BIN), data_dir)
}

/// `cronaca --data-dir DIR` run with the descriptor limit `soft` (and `hard`), through `sh`'s
/// `ulimit` since this crate forbids the `unsafe` a `pre_exec` would need. `exec` keeps the pid.
pub fn command_with_descriptor_limit(data_dir: &Path, soft: u64, hard: u64) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "ulimit -S -n {soft} && ulimit -H -n {hard} && exec \"$0\" \"$@\""
        ))
        .arg(BIN);
    isolated(cmd, data_dir)
}

fn isolated(mut cmd: Command, data_dir: &Path) -> Command {
    for var in CRONACA_VARS {
        cmd.env_remove(var);
    }
    cmd.arg("--data-dir")
        .arg(data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

/// What a finished CLI command did.
#[derive(Debug)]
pub struct CliOutput {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl CliOutput {
    /// Panics, showing the output, unless the command succeeded.
    pub fn success(self) -> Self {
        assert!(
            self.status.success(),
            "expected success, got {}\nstdout: {}\nstderr: {}",
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics, showing the output, unless the command failed.
    pub fn failure(self) -> Self {
        assert!(
            !self.status.success(),
            "expected a failure, got {}\nstdout: {}\nstderr: {}",
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `cronaca --data-dir DIR ARGS…`, feeding `stdin` if given, and waits for it to end.
pub async fn cronaca(data_dir: &Path, args: &[&str], stdin: Option<&str>) -> CliOutput {
    let mut cmd = command(data_dir);
    cmd.args(args);
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("start cronaca");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input.as_bytes())
            .await
            .expect("write to stdin");
        // Dropping the pipe closes it: the command sees the end of its input.
    }
    let output = timeout(CLI_TIMEOUT, child.wait_with_output())
        .await
        .unwrap_or_else(|_| {
            panic!(
                "`cronaca {}` did not finish in {CLI_TIMEOUT:?}",
                args.join(" ")
            )
        })
        .expect("wait for cronaca");
    CliOutput {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A running `cronaca serve`; killed (SIGKILL) if dropped while running.
pub struct Server {
    child: Child,
    pub port: u16,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
    stderr_task: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts `serve --bind 127.0.0.1:PORT EXTRA…` and waits until `/healthz` answers 200.
    /// `Err` carries the server's stderr if it exited before listening.
    pub async fn start(data_dir: &Path, port: u16, extra: &[&str]) -> Result<Server, String> {
        Server::start_command(command(data_dir), port, extra).await
    }

    /// Like [`Server::start`], with these environment variables set for the server.
    pub async fn start_with_env(
        data_dir: &Path,
        port: u16,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Result<Server, String> {
        let mut cmd = command(data_dir);
        cmd.envs(env.iter().copied());
        Server::start_command(cmd, port, extra).await
    }

    /// Like `start`, with the server's descriptor limit set to `soft` and `hard` (see
    /// `command_with_descriptor_limit`).
    pub async fn start_with_descriptor_limit(
        data_dir: &Path,
        port: u16,
        extra: &[&str],
        (soft, hard): (u64, u64),
    ) -> Result<Server, String> {
        let cmd = command_with_descriptor_limit(data_dir, soft, hard);
        Server::start_command(cmd, port, extra).await
    }

    async fn start_command(mut cmd: Command, port: u16, extra: &[&str]) -> Result<Server, String> {
        cmd.arg("serve")
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .args(extra);
        let mut child = cmd.spawn().expect("start cronaca serve");

        let stdout = Arc::new(Mutex::new(Vec::new()));
        let (line_tx, mut line_rx) = mpsc::unbounded_channel();
        let pipe = child.stdout.take().expect("stdout is piped");
        let lines = stdout.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(pipe).lines();
            while let Ok(Some(line)) = reader.next_line().await {
                lock(&lines).push(line.clone());
                // The receiver is gone once the server is up; the lines are still kept.
                let _ = line_tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr is piped");
        let text = stderr.clone();
        let stderr_task = tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                lock(&text).push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut server = Server {
            child,
            port,
            base: format!("http://127.0.0.1:{port}"),
            stdout,
            stderr,
            stderr_task: Some(stderr_task),
        };

        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match tokio::time::timeout_at(deadline, line_rx.recv()).await {
                Ok(Some(line)) if line.contains(SERVING) => break,
                Ok(Some(_)) => continue,
                // End of stdout: the server exited without listening.
                Ok(None) => {
                    let status = server.wait_exit(Duration::from_secs(10)).await;
                    return Err(format!(
                        "the server exited ({status:?}) before listening: {}",
                        server.stderr()
                    ));
                }
                Err(_) => panic!(
                    "the server did not print {SERVING:?} in {START_TIMEOUT:?}: {}",
                    server.stderr()
                ),
            }
        }
        server.wait_healthy(deadline).await;
        Ok(server)
    }

    /// Starts a server on `port`, or on another free port if `port` is taken meanwhile.
    pub async fn start_preferring(data_dir: &Path, port: u16, extra: &[&str]) -> Server {
        let mut port = port;
        let mut last_error = String::new();
        for _ in 0..5 {
            match Server::start(data_dir, port, extra).await {
                Ok(server) => return server,
                Err(e) if e.contains("cannot listen on") => {
                    last_error = e;
                    port = free_port();
                }
                Err(e) => panic!("{e}"),
            }
        }
        panic!("no free port to serve on: {last_error}");
    }

    async fn wait_healthy(&self, deadline: Instant) {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("http client");
        let url = self.url("/healthz");
        loop {
            if let Ok(resp) = client.get(&url).send().await
                && resp.status() == reqwest::StatusCode::OK
            {
                let body: serde_json::Value = resp.json().await.expect("healthz JSON");
                assert_eq!(body["status"], "ok", "{body}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{url} did not answer 200 in time: {}",
                self.stderr()
            );
            sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn pid(&self) -> u32 {
        self.child.id().expect("the server is running")
    }

    /// Every line printed on stdout so far.
    pub fn stdout_lines(&self) -> Vec<String> {
        lock(&self.stdout).clone()
    }

    /// Everything printed on stderr so far.
    pub fn stderr(&self) -> String {
        lock(&self.stderr).clone()
    }

    /// Kills the server with SIGKILL and reaps it.
    pub async fn sigkill(mut self) -> ExitStatus {
        self.child.start_kill().expect("send SIGKILL");
        self.wait_exit(Duration::from_secs(10))
            .await
            .expect("a SIGKILLed server exits")
    }

    /// Sends SIGTERM (through `kill(1)`: this crate forbids `unsafe`, so no `libc::kill`).
    pub fn sigterm(&self) {
        let status = std::process::Command::new("kill")
            .args(["-s", "TERM", &self.pid().to_string()])
            .status()
            .expect("run kill(1)");
        assert!(status.success(), "kill -s TERM failed: {status}");
    }

    /// Waits up to `limit` for the server to exit; `None` if it is still running.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let status = timeout(limit, self.child.wait())
            .await
            .ok()?
            .expect("wait for the server");
        // The process is gone: let the stderr reader take in the last bytes.
        if let Some(task) = self.stderr_task.take() {
            let _ = timeout(Duration::from_secs(5), task).await;
        }
        Some(status)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
