//! The logs name no client: with `CRONACA_LOG=trace` the real binary writes no client address
//! or port, unless the operator passes `--log-client-addresses`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod process;

use std::net::SocketAddr;
use std::time::Duration;

use process::{Server, free_port};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends one HTTP/1.1 request on a new connection; returns the client's own address.
async fn request(port: u16, head: &str) -> SocketAddr {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let local = stream.local_addr().unwrap();
    let text = format!("{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("an answer within 10 s")
        .unwrap();
    assert!(answer.starts_with(b"HTTP/1.1 "), "{answer:?}");
    local
}

/// Serves with trace logging, makes a few requests of different kinds, and returns the log
/// and the clients' addresses.
async fn trace_log(data: &std::path::Path, extra: &[&str]) -> (String, Vec<SocketAddr>) {
    let server = Server::start_with_env(data, free_port(), extra, &[("CRONACA_LOG", "trace")])
        .await
        .unwrap();
    let mut clients = Vec::new();
    for head in [
        "GET /healthz HTTP/1.1",
        "GET /login?next=%2F HTTP/1.1",
        "GET /api/v1/threads HTTP/1.1\r\nAuthorization: Bearer nope",
        "GET /api/v1/nothing HTTP/1.1",
        "DELETE /api/v1/threads HTTP/1.1",
    ] {
        clients.push(request(server.port, head).await);
    }
    // The last lines are written as the connections close.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let log = server.stderr();
    server.sigkill().await;
    (log, clients)
}

#[tokio::test]
async fn trace_logs_name_no_client_unless_the_operator_asks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let (log, clients) = trace_log(&data, &[]).await;
    // Each request is logged (tower_http at debug), so an address would have had its chance.
    assert!(
        log.contains("started processing request"),
        "request logging is on: {log}"
    );
    for client in &clients {
        let address = client.to_string();
        assert!(!log.contains(&address), "{address} is in the log");
        let port = format!(":{}", client.port());
        assert!(
            !log.contains(&port),
            "the client's port {port} is in the log"
        );
    }

    // The same requests with the operator's consent: the address shows, so the check above
    // would have seen it.
    let (log, clients) = trace_log(&data, &["--log-client-addresses"]).await;
    assert!(
        clients.iter().any(|c| log.contains(&c.to_string())),
        "the connection lines name the client when asked"
    );
}
