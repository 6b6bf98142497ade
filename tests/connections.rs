//! The public listener of the real binary: connections that send nothing are closed after the
//! header timeout, one client's connections over its cap are closed at once, the descriptor
//! limit is raised and logged, and `/metrics` lives on its own listener.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod process;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use process::{Server, free_port};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::{Instant, timeout};

async fn connect_from(source: Ipv4Addr, port: u16) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(source.into(), 0)).unwrap();
    let server: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    socket.connect(server).await.unwrap()
}

/// `Some(elapsed)` when the server closed the connection within `limit`, `None` if it stayed open.
async fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match timeout(limit.saturating_sub(started.elapsed()), s.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
            // A response (e.g. 408) before the close is fine; keep reading to the end.
            Ok(Ok(_)) => continue,
        }
    }
}

async fn get(s: &mut TcpStream, path: &str) -> String {
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    s.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = timeout(Duration::from_secs(10), s.read(&mut buf))
        .await
        .expect("an answer")
        .unwrap();
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// Issue 9, defect 3: a connection that never sent a request held a descriptor forever.
#[tokio::test]
async fn connections_that_send_no_request_are_closed_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start_preferring(dir.path(), port, &["--header-timeout", "1"]).await;
    let here = Ipv4Addr::LOCALHOST;

    let mut silent = connect_from(here, server.port).await;
    let mut halfway = connect_from(here, server.port).await;
    halfway
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .unwrap();
    let mut served = connect_from(here, server.port).await;
    assert!(
        get(&mut served, "/healthz")
            .await
            .starts_with("HTTP/1.1 200")
    );

    let limit = Duration::from_secs(10);
    let silent_closed = closed_within(&mut silent, limit).await;
    let halfway_closed = closed_within(&mut halfway, limit).await;
    assert!(silent_closed.is_some(), "a silent connection stayed open");
    assert!(halfway_closed.is_some(), "a half-sent request stayed open");
    eprintln!("closed after {silent_closed:?} (silent) and {halfway_closed:?} (half a head)");
    // The header timeout is for the first request only: a served keep-alive connection may
    // stay quiet for longer.
    assert_eq!(
        closed_within(&mut served, Duration::from_secs(2)).await,
        None,
        "a served keep-alive connection was closed"
    );
    assert!(
        get(&mut served, "/healthz")
            .await
            .starts_with("HTTP/1.1 200")
    );
}

#[tokio::test]
async fn one_clients_connections_over_its_cap_are_closed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        Server::start_preferring(dir.path(), free_port(), &["--connections-per-client", "4"]).await;
    let crowd = Ipv4Addr::new(127, 0, 0, 3);
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connect_from(crowd, server.port).await);
    }
    let mut over = connect_from(crowd, server.port).await;
    assert!(
        closed_within(&mut over, Duration::from_secs(5))
            .await
            .is_some(),
        "the fifth connection of one client stayed open"
    );
    for s in &mut held {
        assert_eq!(closed_within(s, Duration::from_millis(200)).await, None);
    }
    // Another client is served meanwhile, and so is the crowd once it lets one go.
    let mut other = connect_from(Ipv4Addr::LOCALHOST, server.port).await;
    assert!(
        get(&mut other, "/healthz")
            .await
            .starts_with("HTTP/1.1 200")
    );
    drop(held.pop());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut again = connect_from(crowd, server.port).await;
        let mut buf = [0u8; 16];
        again
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .await
            .unwrap();
        if matches!(timeout(Duration::from_secs(2), again.read(&mut buf)).await, Ok(Ok(n)) if n > 0)
        {
            assert!(buf.starts_with(b"HTTP/1.1 200"));
            break;
        }
        assert!(Instant::now() < deadline, "the freed place never came back");
    }
}

/// A soft limit of 1,024 is raised to the hard limit, and both are logged.
#[tokio::test]
async fn the_descriptor_limit_is_raised_at_start_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_descriptor_limit(dir.path(), free_port(), &[], (1024, 2048))
        .await
        .unwrap();
    let fd_limit = std::fs::read_to_string(format!("/proc/{}/limits", server.pid())).unwrap();
    let open_files = fd_limit
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap();
    assert_eq!(
        open_files.split_whitespace().collect::<Vec<_>>()[3..5],
        ["2048", "2048"],
        "{open_files}"
    );
    let log = without_colours(&server.stderr());
    assert!(
        log.contains("soft_before=1024 soft=2048 hard=2048"),
        "{log}"
    );
    assert!(log.contains("max_streams=1344"), "{log}");
}

/// Issue 9, defect 4: `/metrics` was on the public listener for anyone.
#[tokio::test]
async fn metrics_are_served_on_their_own_listener_only() {
    let dir = tempfile::tempdir().unwrap();
    let metrics_port = free_port();
    let bind = format!("127.0.0.1:{metrics_port}");
    let server =
        Server::start_preferring(dir.path(), free_port(), &["--metrics-bind", &bind]).await;
    let client = reqwest::Client::new();
    let public = client.get(server.url("/metrics")).send().await.unwrap();
    assert_eq!(public.status(), 404);
    let private = client
        .get(format!("http://{bind}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(private.status(), 200);
    let text = private.text().await.unwrap();
    assert!(text.contains("http_requests_total{"), "{text}");
    let other = client
        .get(format!("http://{bind}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        other.status(),
        404,
        "the metrics listener serves /metrics alone"
    );
}

/// The log without ANSI colour sequences (`ESC [ … m`).
fn without_colours(log: &str) -> String {
    let mut out = String::with_capacity(log.len());
    let mut chars = log.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Issue 9, defect 3: out of descriptors, the server logged an accept error every second.
/// Caps above the limit (`--max-connections` past what the descriptors allow) make it run out.
#[tokio::test]
async fn running_out_of_descriptors_is_logged_once_and_the_server_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with_descriptor_limit(
        dir.path(),
        free_port(),
        &["--max-connections", "1000", "--max-streams", "10"],
        (128, 128),
    )
    .await
    .unwrap();
    let mut held = Vec::new();
    for n in 0..200u8 {
        held.push(connect_from(Ipv4Addr::new(127, 0, 2, 1 + n % 100), server.port).await);
    }
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    let log = without_colours(&server.stderr());
    let logged = log.matches("cannot accept connections").count();
    assert!(
        (1..=2).contains(&logged),
        "{logged} accept errors logged in 3.5 s:\n{log}"
    );
    assert!(!log.contains("accept error"), "{log}");
    drop(held);
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(r) = client.get(server.url("/healthz")).send().await
            && r.status() == 200
        {
            break;
        }
        assert!(Instant::now() < deadline, "the server did not recover");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
