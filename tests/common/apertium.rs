//! A real Apertium APy on a free port, for the machine-translation tests.
//!
//! Debian's packages provide it (`apertium-apy`, `apertium-eng-spa`, `apertium-spa-ita`;
//! `.ci/run` installs them). Where they are missing the tests are skipped, except under CI,
//! where a skip would hide that nothing was tested.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

/// Where Debian's language pairs put their modes.
pub const MODES: &str = "/usr/share/apertium/modes";

/// How long APy may take to start answering.
const STARTUP: Duration = Duration::from_secs(30);

pub struct ApertiumServer {
    child: Child,
    url: String,
    _log: tempfile::NamedTempFile,
}

impl ApertiumServer {
    /// APy's root, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops APy and waits until it is gone, so its port refuses connections.
    pub async fn stop(mut self) {
        self.child.kill().await.expect("stop apertium-apy");
    }
}

/// True when the tests must not be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Says why a test does not run, or fails it under CI.
pub fn skip(why: &str) {
    assert!(
        !in_ci(),
        "{why}: CI must run this test (.ci/run installs apertium)"
    );
    println!("skipped: {why}");
}

fn installed() -> bool {
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| dir.join("apertium-apy").is_file())
    });
    on_path && Path::new(MODES).is_dir()
}

/// Starts APy with every pair installed in `MODES`, or returns `None` (after saying so) when
/// APy is not installed.
pub async fn start() -> Option<ApertiumServer> {
    if !installed() {
        skip("apertium-apy not installed");
        return None;
    }
    // A port taken between finding it free and APy binding it makes APy exit: try again.
    let mut failures = Vec::new();
    for _ in 0..3 {
        match try_start().await {
            Ok(server) => return Some(server),
            Err(why) => failures.push(why),
        }
    }
    panic!("apertium-apy did not start:\n{}", failures.join("\n---\n"));
}

async fn try_start() -> Result<ApertiumServer, String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let log = tempfile::NamedTempFile::new().expect("log file");
    let mut child = Command::new("apertium-apy")
        .args(["-p", &port.to_string(), MODES])
        .stdin(Stdio::null())
        .stdout(log.reopen().expect("log file"))
        .stderr(log.reopen().expect("log file"))
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run apertium-apy: {e}"))?;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("client");
    let started = Instant::now();
    loop {
        let answered = client.get(format!("{url}/listPairs")).send().await;
        if answered.is_ok_and(|r| r.status().is_success()) {
            return Ok(ApertiumServer {
                child,
                url,
                _log: log,
            });
        }
        let output = || std::fs::read_to_string(log.path()).unwrap_or_default();
        if let Some(status) = child.try_wait().expect("apertium-apy status") {
            return Err(format!("apertium-apy exited with {status}:\n{}", output()));
        }
        if started.elapsed() > STARTUP {
            return Err(format!(
                "apertium-apy did not answer on {url} within {STARTUP:?}:\n{}",
                output()
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
