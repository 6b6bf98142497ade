//! Hostile load on the real binary (debug build, 127.0.0.1): 2,000 event streams that never
//! read — half replaying a thread of large events from the start, half at the live edge — then
//! 20,000 connection attempts from one client. Throughout, `/healthz` answers, a healthy reader
//! gets each new event within a second, the server keeps descriptors to spare and its resident
//! memory stays within a stated bound.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod hostile;
mod process;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hostile::{
    Shared, check, connect_from, monitor, open_descriptors, prober, stalled_stream, status_kib,
    still_open, watch,
};
use process::{Server, cronaca, free_port};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

/// The whole test, setup included, in a debug build.
const TEST_LIMIT: Duration = Duration::from_secs(110);
/// The server's descriptor limits (soft, hard): systemd's default soft limit, and a hard limit
/// low enough that the streams and connections below would take every descriptor.
const SERVER_NOFILE: (u64, u64) = (1024, 4096);
/// The thread every stalled stream reads: this many updates of `LARGE_BODY` characters.
const LARGE_EVENTS: usize = 150;
const LARGE_BODY: usize = 19_000;
const STALLED_STREAMS: usize = 2_000;
/// Streams per source address: the default per-client cap.
const STREAMS_PER_ADDRESS: usize = 8;
/// Stalled streams opened at once, before memory is checked again.
const STREAM_WAVE: usize = 100;
const ATTEMPTS: usize = 20_000;
const ATTEMPT_BATCH: usize = 1_000;
/// Connections one client may keep open: the default `--connections-per-client`.
const CONNECTIONS_PER_CLIENT: usize = 256;
/// Resident memory the server may reach (VmHWM, the peak), in KiB. Measured peak: see
/// docs/RELIABILITY.md ("Hostile load"); the bound leaves room for a slower machine.
const RSS_BOUND_KIB: u64 = 224 * 1024;
/// A healthy reader gets a new event within this.
const FRESH_EVENT: Duration = Duration::from_secs(1);
/// The attacker's address, the stalled readers' addresses are 127.0.1.x; the healthy reader and
/// the `/healthz` probe come from 127.0.0.1.
const ATTACKER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stalled_streams_and_a_connection_flood_leave_the_server_healthy() {
    timeout(TEST_LIMIT, run())
        .await
        .unwrap_or_else(|_| panic!("the hostile load test did not finish in {TEST_LIMIT:?}"));
}

async fn run() {
    let started = Instant::now();
    // The test holds thousands of sockets itself.
    let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).expect("getrlimit");
    rlimit::setrlimit(rlimit::Resource::NOFILE, hard, hard).expect("raise the soft limit");
    let needed = (STALLED_STREAMS + 3 * ATTEMPT_BATCH + 256) as u64;
    assert!(
        hard >= needed,
        "this test needs {needed} descriptors; the hard limit is {hard}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    cronaca(&data, &["user", "add", "desk", "--role", "editor"], None)
        .await
        .success();
    let token = cronaca(&data, &["token", "create", "desk"], None)
        .await
        .success()
        .stdout
        .trim()
        .to_owned();
    let server = Server::start_with_descriptor_limit(&data, free_port(), &[], SERVER_NOFILE).await;
    let server = server.unwrap_or_else(|e| panic!("{e}"));
    let addr: SocketAddr = format!("127.0.0.1:{}", server.port).parse().unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let thread = post(
        &client,
        &server,
        &token,
        "/api/v1/threads",
        json!({"title": "Hostile load", "lead": "Large updates", "language": "en"}),
    )
    .await;
    let tid = thread["id"].as_str().unwrap().to_owned();
    let body: String = (0..)
        .map(|n| format!("Paragraph {n}: the river rose again overnight near the bridge.\n\n"))
        .flat_map(|p| p.chars().collect::<Vec<_>>())
        .take(LARGE_BODY)
        .collect();
    for _ in 0..LARGE_EVENTS {
        post(
            &client,
            &server,
            &token,
            &format!("/api/v1/threads/{tid}/updates"),
            json!({"body": body}),
        )
        .await;
    }
    let rss_idle = status_kib(server.pid(), "VmRSS");
    eprintln!(
        "setup: {LARGE_EVENTS} updates of {LARGE_BODY} characters in {:?}; server RSS {rss_idle} KiB",
        started.elapsed()
    );

    let shared: Shared = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let monitor = tokio::spawn(monitor(
        server.url("/healthz"),
        server.pid(),
        shared.clone(),
        stop.clone(),
    ));
    let prober = tokio::spawn(prober(
        server.base.clone(),
        token.clone(),
        tid.clone(),
        ((1 + LARGE_EVENTS) as i64, FRESH_EVENT),
        shared.clone(),
        stop.clone(),
    ));

    // Stalled readers: a small receive buffer each, so the server's side fills at once.
    let mut stalled = Vec::with_capacity(STALLED_STREAMS);
    let phase = Instant::now();
    while stalled.len() < STALLED_STREAMS {
        let mut wave = JoinSet::new();
        for n in stalled.len()..(stalled.len() + STREAM_WAVE).min(STALLED_STREAMS) {
            let source = Ipv4Addr::new(127, 0, 1, 1 + (n / STREAMS_PER_ADDRESS) as u8);
            let query = if n % 2 == 0 { "?after=0" } else { "" };
            let path = format!("/api/v1/threads/{tid}/events{query}");
            wave.spawn(stalled_stream(source, addr, path));
        }
        while let Some(opened) = wave.join_next().await {
            stalled.push(
                opened
                    .unwrap()
                    .unwrap_or_else(|e| panic!("a stalled stream: {e}")),
            );
        }
        let rss = status_kib(server.pid(), "VmHWM");
        assert!(
            rss <= RSS_BOUND_KIB,
            "server RSS peaked at {rss} KiB with {} stalled streams (bound {RSS_BOUND_KIB} KiB)",
            stalled.len()
        );
        check(&shared, "while opening stalled streams");
    }
    let rss_streams = status_kib(server.pid(), "VmRSS");
    eprintln!(
        "{} stalled streams opened in {:?}; server RSS {rss_streams} KiB",
        stalled.len(),
        phase.elapsed()
    );

    // One client trying 20,000 connections that send nothing. It keeps what seems open, up to
    // two batches' worth (a connection still in the server's accept queue seems open too).
    let phase = Instant::now();
    let before = open_descriptors(server.pid());
    let mut held: Vec<TcpStream> = Vec::new();
    let (mut failed, mut most_fds) = (0, 0);
    for batch in 0..ATTEMPTS / ATTEMPT_BATCH {
        let mut attempts = JoinSet::new();
        for _ in 0..ATTEMPT_BATCH {
            attempts.spawn(connect_from(ATTACKER, addr));
        }
        while let Some(attempt) = attempts.join_next().await {
            match attempt.unwrap() {
                Ok(s) => held.push(s),
                Err(_) => failed += 1,
            }
        }
        sleep(Duration::from_millis(100)).await;
        held.retain(still_open);
        let excess = held.len().saturating_sub(2 * ATTEMPT_BATCH);
        held.drain(..excess);
        most_fds = most_fds.max(open_descriptors(server.pid()));
        check(&shared, &format!("after connection batch {batch}"));
    }
    sleep(Duration::from_millis(500)).await;
    let after = open_descriptors(server.pid());
    eprintln!(
        "{ATTEMPTS} connection attempts in {:?} ({failed} did not connect): server descriptors {before} before, at most {most_fds} after a batch, {after} at the end",
        phase.elapsed()
    );
    assert!(
        most_fds <= before + CONNECTIONS_PER_CLIENT + 16,
        "one client holds {} descriptors of the server (cap {CONNECTIONS_PER_CLIENT})",
        most_fds - before
    );

    // Everything is still held: the server must still serve.
    sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    monitor.await.unwrap();
    prober.await.unwrap();
    let peak = status_kib(server.pid(), "VmHWM");
    let rss_end = status_kib(server.pid(), "VmRSS");
    let w = watch(&shared);
    eprintln!(
        "healthz: {} answers, slowest {:?}; probes: {}, slowest event {:?}; server peak RSS {peak} KiB (end {rss_end} KiB, idle {rss_idle} KiB), peak descriptors {}; total {:?}",
        w.healthz,
        w.healthz_slowest,
        w.probes,
        w.slowest_event,
        w.peak_fds,
        started.elapsed()
    );
    assert!(
        w.healthz_failures.is_empty(),
        "/healthz failed: {:?}",
        w.healthz_failures
    );
    assert!(
        w.probe_failures.is_empty(),
        "the healthy reader: {:?}",
        w.probe_failures
    );
    assert!(
        w.probes >= 10,
        "only {} events reached the healthy reader",
        w.probes
    );
    assert!(w.healthz >= 20, "only {} /healthz answers", w.healthz);
    assert!(
        peak <= RSS_BOUND_KIB,
        "server RSS peaked at {peak} KiB (bound {RSS_BOUND_KIB} KiB)"
    );
    assert!(
        w.peak_fds < SERVER_NOFILE.1 as usize - 64,
        "the server used {} of {} descriptors",
        w.peak_fds,
        SERVER_NOFILE.1
    );
    let stderr = server.stderr();
    assert!(!stderr.contains("Too many open files"), "{stderr}");
    drop(stalled);
    drop(held);
}

async fn post(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    path: &str,
    body: Value,
) -> Value {
    let resp = client
        .post(server.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201, "{path}");
    resp.json().await.unwrap()
}
