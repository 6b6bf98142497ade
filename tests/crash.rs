//! Crash safety: 5,000 acknowledged mixed writes — updates, comments, reports and moderation
//! of comments — from several concurrent clients on two threads, with the server killed by
//! SIGKILL five times along the way and once more at the end. Afterwards every write that got
//! a 2xx is in the database, every thread's event log runs 1..=last_seq without a gap, and
//! `PRAGMA integrity_check` says ok.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod faults;
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
const TARGET: usize = 5_000;
/// Acknowledged-write counts at which the server is killed.
const KILL_AT: [usize; 5] = [700, 1_500, 2_300, 3_100, 3_900];
/// Concurrent clients, each sending one write at a time.
const WRITERS: usize = 6;
/// The whole test must finish within this, even in a debug build.
const TEST_LIMIT: Duration = Duration::from_secs(110);
/// Each HTTP request must finish within this.
const REQUEST_LIMIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Update,
    Comment,
    Report,
    /// A moderator rejects a comment: the item is the comment, the body its new status.
    Moderation,
}

/// A write that got a 2xx: what it made or changed, and what must be stored.
#[derive(Debug, Clone)]
struct Acked {
    kind: Kind,
    id: String,
    body: String,
}

/// The tokens, threads and source the writers use.
struct Setup {
    editor: String,
    moderator: String,
    threads: [String; 2],
    source: String,
}

/// What the writers share.
struct Shared {
    /// Base URL of the server currently running.
    base: RwLock<String>,
    acked: Mutex<Vec<Acked>>,
    /// Acknowledged comments not yet given to a moderator.
    to_moderate: Mutex<Vec<String>>,
    /// The number of the next write, so every body is unique.
    next: AtomicUsize,
    /// Requests that failed without a response (connection refused or reset, timeout).
    failed: AtomicUsize,
    /// Responses other than 2xx: never expected.
    refused: Mutex<Vec<String>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn base(&self) -> String {
        self.base
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn acked(&self) -> usize {
        lock(&self.acked).len()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_the_server_being_sigkilled() {
    tokio::time::timeout(TEST_LIMIT, run())
        .await
        .unwrap_or_else(|_| panic!("the crash test did not finish in {TEST_LIMIT:?}"));
}

async fn token(data: &Path, name: &str, role: &str) -> String {
    cronaca(data, &["user", "add", name, "--role", role], None)
        .await
        .success();
    let token = cronaca(data, &["token", "create", name, "--label", "crash"], None)
        .await
        .success()
        .stdout
        .trim()
        .to_owned();
    assert!(token.starts_with("cro_"), "not a token: {token:?}");
    token
}

async fn create(client: &reqwest::Client, url: String, token: &str, body: Value) -> String {
    let resp = client
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("set up");
    assert_eq!(
        resp.status(),
        201,
        "{}",
        resp.text().await.unwrap_or_default()
    );
    let made: Value = resp.json().await.expect("JSON");
    made["id"].as_str().expect("id").to_owned()
}

async fn setup(
    (editor, moderator): (String, String),
    server: &Server,
    client: &reqwest::Client,
) -> Setup {
    let mut threads = Vec::new();
    for title in ["Crash test one", "Crash test two"] {
        let body = json!({"title": title, "lead": "Writes under SIGKILL", "language": "it"});
        threads.push(create(client, server.url("/api/v1/threads"), &editor, body).await);
    }
    let body = json!({"name": "Crash agency", "kind": "agency"});
    let source = create(client, server.url("/api/v1/sources"), &editor, body).await;
    Setup {
        editor,
        moderator,
        threads: threads.try_into().expect("two threads"),
        source,
    }
}

async fn run() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let tokens = (
        token(&data, "desk", "editor").await,
        token(&data, "mod", "moderator").await,
    );
    let mut server = Server::start_preferring(&data, free_port(), &[]).await;
    let client = reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .build()
        .expect("http client");
    let setup = Arc::new(setup(tokens, &server, &client).await);

    let shared = Arc::new(Shared {
        base: RwLock::new(server.base.clone()),
        acked: Mutex::new(Vec::new()),
        to_moderate: Mutex::new(Vec::new()),
        next: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        refused: Mutex::new(Vec::new()),
    });
    let writing = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| tokio::spawn(writer(shared.clone(), client.clone(), setup.clone())))
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
    // One more SIGKILL with everything acknowledged; then the file is read as it was left.
    let status = server.sigkill().await;
    assert_eq!(status.signal(), Some(libc::SIGKILL));

    let acked = lock(&shared.acked).clone();
    let refused = lock(&shared.refused).clone();
    let failed = shared.failed.load(Ordering::SeqCst);
    let attempted = shared.next.load(Ordering::SeqCst);
    let mut conn = faults::open_db(&data.join("cronaca.db"), false).await;
    let missing = missing(&mut conn, &acked).await;
    let gaps = faults::event_gaps(&mut conn).await;
    let integrity = faults::integrity(&mut conn).await;
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    faults::close(conn).await;

    let mut by_kind = std::collections::BTreeMap::new();
    for a in &acked {
        *by_kind.entry(format!("{:?}", a.kind)).or_insert(0) += 1;
    }
    eprintln!(
        "{} acknowledged writes of {attempted} attempted ({failed} failed without a response) \
         in {elapsed:.2?} with {WRITERS} writers and {} SIGKILLs: {by_kind:?}; {:.0} \
         acknowledged writes/s including the restarts; {events} events; whole test {:.2?}",
        acked.len(),
        KILL_AT.len() + 1,
        acked.len() as f64 / elapsed.as_secs_f64(),
        started.elapsed()
    );

    assert!(refused.is_empty(), "unexpected responses: {refused:?}");
    assert!(failed > 0, "the kills did not interrupt any request");
    assert!(acked.len() >= TARGET, "only {} acknowledged", acked.len());
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes are missing or changed after the crashes, e.g. {:?}",
        missing.len(),
        acked.len(),
        &missing[..missing.len().min(5)]
    );
    assert!(gaps.is_empty(), "event log gaps: {gaps:?}");
    assert_eq!(integrity, "ok", "PRAGMA integrity_check");
    let ids: HashSet<(Kind, &str)> = acked.iter().map(|a| (a.kind, a.id.as_str())).collect();
    assert_eq!(ids.len(), acked.len(), "an id was acknowledged twice");
}

/// `(id, value)` for every row of a query, to look acknowledged writes up in.
async fn table(conn: &mut sqlx::SqliteConnection, sql: &'static str) -> HashMap<String, String> {
    let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&mut *conn).await.unwrap();
    rows.into_iter().collect()
}

/// The acknowledged writes the database does not hold as acknowledged, or without an event.
async fn missing(conn: &mut sqlx::SqliteConnection, acked: &[Acked]) -> Vec<String> {
    let updates = table(conn, "SELECT id, body FROM updates").await;
    let comments = table(conn, "SELECT id, body FROM comments").await;
    let statuses = table(conn, "SELECT id, status FROM comments").await;
    let reports = table(conn, "SELECT id, body FROM reports").await;
    let events = table(conn, "SELECT DISTINCT item_id, '' FROM events").await;
    let mut missing = Vec::new();
    for a in acked {
        let stored = match a.kind {
            Kind::Update => &updates,
            Kind::Comment => &comments,
            Kind::Report => &reports,
            Kind::Moderation => &statuses,
        };
        let found = stored.get(&a.id);
        if found != Some(&a.body) || !events.contains_key(&a.id) {
            missing.push(format!(
                "{:?} {}: stored {found:?}, event {}",
                a.kind,
                a.id,
                events.contains_key(&a.id)
            ));
        }
    }
    missing
}

/// One write for number `n`: which kind, where, as whom, with what body.
fn plan(n: usize, setup: &Setup, shared: &Shared) -> (Kind, String, String, Value) {
    let thread = &setup.threads[n % 2];
    let text = format!("write-{n}");
    let kind = match n % 10 {
        0..=3 => Kind::Update,
        4 | 5 => Kind::Comment,
        6 | 7 => Kind::Report,
        _ => Kind::Moderation,
    };
    let to_moderate = if kind == Kind::Moderation {
        lock(&shared.to_moderate).pop()
    } else {
        None
    };
    match (kind, to_moderate) {
        (Kind::Update, _) => (
            kind,
            format!("/api/v1/threads/{thread}/updates"),
            setup.editor.clone(),
            json!({ "body": text }),
        ),
        (Kind::Report, _) => (
            kind,
            format!("/api/v1/threads/{thread}/reports"),
            setup.editor.clone(),
            json!({ "body": text, "source": setup.source }),
        ),
        (Kind::Moderation, Some(comment)) => (
            kind,
            format!("/api/v1/comments/{comment}/moderation"),
            setup.moderator.clone(),
            json!({ "action": "reject", "note": text }),
        ),
        // No comment to moderate yet: write one.
        (Kind::Comment | Kind::Moderation, _) => (
            Kind::Comment,
            format!("/api/v1/threads/{thread}/comments"),
            setup.editor.clone(),
            json!({ "body": text }),
        ),
    }
}

/// Sends writes one at a time until the target is acknowledged; a request that gets no
/// response is not retried: the next attempt is a new write with a new body.
async fn writer(shared: Arc<Shared>, client: reqwest::Client, setup: Arc<Setup>) {
    while shared.acked() < TARGET {
        let n = shared.next.fetch_add(1, Ordering::SeqCst);
        let (kind, path, token, body) = plan(n, &setup, &shared);
        let sent = client
            .post(format!("{}{path}", shared.base()))
            .bearer_auth(&token)
            .json(&body)
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
            lock(&shared.refused).push(format!("{kind:?} {status}: {text}"));
            sleep(Duration::from_millis(20)).await;
            continue;
        }
        // A 2xx whose body was cut off never told the client the id: not acknowledged.
        let Ok(reply) = resp.json::<Value>().await else {
            shared.failed.fetch_add(1, Ordering::SeqCst);
            continue;
        };
        let id = reply["id"].as_str().expect("id").to_owned();
        let stored = if kind == Kind::Moderation {
            assert_eq!(reply["status"], "rejected", "{reply}");
            "rejected".to_owned()
        } else {
            assert_eq!(
                reply["body"], body["body"],
                "the server echoed another body"
            );
            body["body"].as_str().expect("body").to_owned()
        };
        if kind == Kind::Comment {
            lock(&shared.to_moderate).push(id.clone());
        }
        lock(&shared.acked).push(Acked {
            kind,
            id,
            body: stored,
        });
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
