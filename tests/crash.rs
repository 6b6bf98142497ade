//! Crash safety: 1,000 acknowledged update writes with the server killed by SIGKILL twice along
//! the way (and once more at the end); every write that got a 2xx is stored afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod process;

use std::collections::{HashMap, HashSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use process::{Server, cronaca, free_port};
use serde_json::{Value, json};
use tokio::time::{Instant, sleep};

/// Writes that must be acknowledged before the test stops writing.
const TARGET: usize = 1_000;
/// Acknowledged-write counts at which the server is killed.
const KILL_AT: [usize; 2] = [300, 650];
/// Concurrent clients, each posting one write at a time.
const WRITERS: usize = 4;
/// The whole test must finish within this, even in a debug build.
const TEST_LIMIT: Duration = Duration::from_secs(120);
/// Each HTTP request must finish within this.
const REQUEST_LIMIT: Duration = Duration::from_secs(10);

/// What the writers share.
struct Shared {
    /// Base URL of the server currently running.
    base: RwLock<String>,
    /// Writes that got a 2xx: (update id, body).
    acked: Mutex<Vec<(String, String)>>,
    /// The number of the next write, so every body is unique.
    next: AtomicUsize,
    /// Requests that failed without a response (connection refused or reset, timeout).
    failed: AtomicUsize,
    /// Responses other than 2xx: never expected.
    refused: Mutex<Vec<String>>,
}

impl Shared {
    fn base(&self) -> String {
        self.base
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn acked(&self) -> usize {
        self.acked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_the_server_being_sigkilled() {
    tokio::time::timeout(TEST_LIMIT, run())
        .await
        .unwrap_or_else(|_| panic!("the crash test did not finish in {TEST_LIMIT:?}"));
}

async fn run() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    cronaca(&data, &["user", "add", "desk", "--role", "editor"], None)
        .await
        .success();
    let token = cronaca(
        &data,
        &["token", "create", "desk", "--label", "crash"],
        None,
    )
    .await
    .success()
    .stdout
    .trim()
    .to_owned();
    assert!(token.starts_with("cro_"), "not a token: {token:?}");

    let mut server = Server::start_preferring(&data, free_port(), &[]).await;
    let client = reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .build()
        .expect("http client");
    let resp = client
        .post(server.url("/api/v1/threads"))
        .bearer_auth(&token)
        .json(&json!({"title": "Crash test", "lead": "Writes under SIGKILL", "language": "it"}))
        .send()
        .await
        .expect("create the thread");
    assert_eq!(
        resp.status(),
        201,
        "{}",
        resp.text().await.unwrap_or_default()
    );
    let thread: Value = resp.json().await.expect("thread JSON");
    let thread_id = thread["id"].as_str().expect("thread id").to_owned();

    let shared = Arc::new(Shared {
        base: RwLock::new(server.base.clone()),
        acked: Mutex::new(Vec::new()),
        next: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        refused: Mutex::new(Vec::new()),
    });
    let writing = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            tokio::spawn(writer(
                shared.clone(),
                client.clone(),
                token.clone(),
                thread_id.clone(),
            ))
        })
        .collect();

    // Kill the server while the writers are busy, and bring it back on the same data dir.
    for threshold in KILL_AT {
        while shared.acked() < threshold {
            // A writer that ended early has panicked: stop here and report it below.
            if writers.iter().any(|w| w.is_finished()) {
                break;
            }
            sleep(Duration::from_millis(1)).await;
        }
        let acked_before = shared.acked();
        server = kill_and_restart(server, &data).await;
        *shared.base.write().unwrap_or_else(PoisonError::into_inner) = server.base.clone();
        eprintln!(
            "killed the server at {acked_before} acknowledged writes; restarted on port {}",
            server.port
        );
    }
    for w in writers {
        w.await.expect("writer task");
    }
    let elapsed = writing.elapsed();

    // One more SIGKILL with everything acknowledged, then read it all back.
    let server = kill_and_restart(server, &data).await;
    let stored = all_updates(&client, &server, &thread_id).await;

    let acked = shared
        .acked
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let refused = shared
        .refused
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let failed = shared.failed.load(Ordering::SeqCst);
    let attempted = shared.next.load(Ordering::SeqCst);
    eprintln!(
        "{} acknowledged writes of {attempted} attempted ({failed} failed without a response) \
         in {elapsed:.2?}: {:.0} acknowledged writes/s including two restarts; \
         {} updates stored; whole test {:.2?}",
        acked.len(),
        acked.len() as f64 / elapsed.as_secs_f64(),
        stored.len(),
        started.elapsed()
    );

    assert!(refused.is_empty(), "unexpected responses: {refused:?}");
    assert!(failed > 0, "the kills did not interrupt any request");
    assert!(acked.len() >= TARGET, "only {} acknowledged", acked.len());
    let missing: Vec<_> = acked
        .iter()
        .filter(|(id, body)| stored.get(id) != Some(body))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes are missing or changed after the crashes, e.g. {:?}",
        missing.len(),
        acked.len(),
        &missing[..missing.len().min(5)]
    );
    assert!(
        stored.len() >= acked.len(),
        "{} stored < {} acknowledged",
        stored.len(),
        acked.len()
    );
    // Unacknowledged writes may be there or not, but each at most once and nothing else.
    let bodies: HashSet<&String> = stored.values().collect();
    assert_eq!(bodies.len(), stored.len(), "a write was stored twice");
    assert!(
        stored.values().all(|b| b.starts_with("write-")),
        "an update that nobody wrote"
    );
}

/// Posts writes one at a time until the target is acknowledged; a request that gets no
/// response is not retried: the next attempt is a new write with a new body.
async fn writer(shared: Arc<Shared>, client: reqwest::Client, token: String, thread: String) {
    while shared.acked() < TARGET {
        let n = shared.next.fetch_add(1, Ordering::SeqCst);
        let body = format!("write-{n}");
        let url = format!("{}/api/v1/threads/{thread}/updates", shared.base());
        let sent = client
            .post(url)
            .bearer_auth(&token)
            .json(&json!({ "body": body }))
            .send()
            .await;
        let resp = match sent {
            Ok(resp) => resp,
            Err(_) => {
                // The server is down (killed, restarting): try again shortly.
                shared.failed.fetch_add(1, Ordering::SeqCst);
                sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let status = resp.status();
        if !status.is_success() {
            let text = resp.text().await.unwrap_or_default();
            shared
                .refused
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(format!("{status}: {text}"));
            sleep(Duration::from_millis(20)).await;
            continue;
        }
        // A 2xx whose body was cut off never told the client the id: not acknowledged.
        let Ok(update) = resp.json::<Value>().await else {
            shared.failed.fetch_add(1, Ordering::SeqCst);
            continue;
        };
        let id = update["id"].as_str().expect("update id").to_owned();
        assert_eq!(
            update["body"],
            body.as_str(),
            "the server echoed another body"
        );
        shared
            .acked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id, body));
    }
}

async fn kill_and_restart(server: Server, data: &Path) -> Server {
    let port = server.port;
    let status = server.sigkill().await;
    assert_eq!(
        status.signal(),
        Some(libc::SIGKILL),
        "the server was not killed: {status}"
    );
    Server::start_preferring(data, port, &[]).await
}

/// Every update of the thread, paging with the `next` cursor: id → body.
async fn all_updates(
    client: &reqwest::Client,
    server: &Server,
    thread: &str,
) -> HashMap<String, String> {
    let url = server.url(&format!("/api/v1/threads/{thread}/updates"));
    let mut stored = HashMap::new();
    let mut after: Option<String> = None;
    for _ in 0..100 {
        let mut req = client.get(&url).query(&[("limit", "200")]);
        if let Some(cursor) = &after {
            req = req.query(&[("after", cursor)]);
        }
        let resp = req.send().await.expect("list updates");
        assert_eq!(resp.status(), 200);
        let page: Value = resp.json().await.expect("page JSON");
        for item in page["items"].as_array().expect("items") {
            let id = item["id"].as_str().expect("id").to_owned();
            let body = item["body"].as_str().expect("body").to_owned();
            assert!(
                stored.insert(id.clone(), body).is_none(),
                "{id} listed twice"
            );
        }
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => return stored,
        }
    }
    panic!("more than 100 pages of updates");
}
