//! The watchers and sockets of the hostile load test: `/healthz` and descriptor counts, a
//! healthy reader, stalled readers and silent connections.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::{Instant, sleep, timeout};

/// What the watchers saw.
#[derive(Default)]
pub struct Watch {
    pub healthz: usize,
    pub healthz_failures: Vec<String>,
    pub healthz_slowest: Duration,
    pub peak_fds: usize,
    pub probes: usize,
    pub probe_failures: Vec<String>,
    pub slowest_event: Duration,
}

pub type Shared = Arc<Mutex<Watch>>;

pub fn watch(shared: &Shared) -> std::sync::MutexGuard<'_, Watch> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Changes the shared figures under the lock, never across an await.
pub fn record<T>(shared: &Shared, change: impl FnOnce(&mut Watch) -> T) -> T {
    change(&mut watch(shared))
}

/// A field of /proc/PID/status, in KiB.
pub fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

pub fn open_descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// Fails the test at once when the monitor or the probe saw a failure.
pub fn check(shared: &Shared, when: &str) {
    let w = watch(shared);
    assert!(
        w.healthz_failures.is_empty(),
        "{when}: /healthz failed: {:?}",
        w.healthz_failures
    );
    assert!(
        w.probe_failures.is_empty(),
        "{when}: the healthy reader: {:?}",
        w.probe_failures
    );
}

/// `/healthz` on a new connection every 100 ms, and the server's descriptors.
pub async fn monitor(url: String, pid: u32, shared: Shared, stop: Arc<AtomicBool>) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    while !stop.load(Ordering::SeqCst) {
        let asked = Instant::now();
        let outcome = client.get(&url).send().await;
        let took = asked.elapsed();
        let fds = open_descriptors(pid);
        record(&shared, |w| {
            match outcome {
                Ok(r) if r.status() == 200 => w.healthz += 1,
                Ok(r) => w.healthz_failures.push(format!("status {}", r.status())),
                Err(e) => w.healthz_failures.push(format!("{e} after {took:?}")),
            }
            w.healthz_slowest = w.healthz_slowest.max(took);
            w.peak_fds = w.peak_fds.max(fds);
        });
        sleep(Duration::from_millis(100)).await;
    }
}

/// A healthy reader from event `after` on; a new update every 300 ms must reach it within
/// `fresh`.
pub async fn prober(
    base: String,
    token: String,
    tid: String,
    (after, fresh): (i64, Duration),
    shared: Shared,
    stop: Arc<AtomicBool>,
) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let reader = reqwest::Client::new()
        .get(format!("{base}/api/v1/threads/{tid}/events?after={after}"))
        .send()
        .await
        .unwrap();
    assert_eq!(reader.status(), 200);
    let mut stream = reader.bytes_stream();
    let mut buf = String::new();
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let text = format!("probe {n}");
        let sent = Instant::now();
        let posted = client
            .post(format!("{base}/api/v1/threads/{tid}/updates"))
            .bearer_auth(&token)
            .json(&json!({"body": text}))
            .send()
            .await;
        if !posted.as_ref().is_ok_and(|r| r.status() == 201) {
            let failure = format!("{text}: the write failed: {posted:?}");
            record(&shared, |w| w.probe_failures.push(failure));
            return;
        }
        let needle = format!("\"body\":\"{text}\"");
        let arrived = timeout(Duration::from_secs(5), async {
            while !buf.contains(&needle) {
                match stream.next().await {
                    Some(Ok(chunk)) => buf.push_str(&String::from_utf8_lossy(&chunk)),
                    _ => return false,
                }
            }
            true
        })
        .await;
        let took = sent.elapsed();
        let failed = record(&shared, |w| {
            match arrived {
                Ok(true) if took <= fresh => {}
                Ok(true) => w
                    .probe_failures
                    .push(format!("{text} arrived after {took:?}")),
                Ok(false) => w
                    .probe_failures
                    .push(format!("the stream ended before {text}")),
                Err(_) => w
                    .probe_failures
                    .push(format!("{text} did not arrive in 5 s")),
            }
            w.probes += 1;
            w.slowest_event = w.slowest_event.max(took);
            !w.probe_failures.is_empty()
        });
        if failed {
            return;
        }
        buf.clear();
        sleep(Duration::from_millis(300)).await;
    }
}

pub async fn connect_from(source: Ipv4Addr, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(4096)?;
    socket.bind(SocketAddr::new(source.into(), 0))?;
    timeout(Duration::from_secs(3), socket.connect(addr))
        .await
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))?
}

/// An event stream whose reader takes the response head and nothing more.
pub async fn stalled_stream(
    source: Ipv4Addr,
    addr: SocketAddr,
    path: String,
) -> Result<TcpStream, String> {
    let mut s = connect_from(source, addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    s.write_all(request.as_bytes())
        .await
        .map_err(|e| format!("write: {e}"))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = timeout(Duration::from_secs(10), s.read(&mut buf))
            .await
            .map_err(|_| "no response head in 10 s".to_owned())?
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("closed before the response head".into());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!(
            "refused: {}",
            head.lines().next().unwrap_or_default()
        ));
    }
    Ok(s)
}

/// Whether the server has left this connection open (it closes the ones over the cap).
pub fn still_open(s: &TcpStream) -> bool {
    let mut buf = [0u8; 64];
    matches!(s.try_read(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}
