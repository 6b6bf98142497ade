//! A Server-Sent Events client for the stream tests: messages parsed as a browser would.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use futures_util::StreamExt;
use serde_json::Value;

/// Generous bound for anything that should take milliseconds; delivery time is measured in
/// the benchmarks, not asserted here.
pub const PATIENCE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: Option<i64>,
    pub event: Option<String>,
    pub data: String,
    pub comment: bool,
}

pub struct Client {
    stream:
        std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buf: String,
}

impl Client {
    pub async fn open(addr: SocketAddr, thread: &str, last_id: Option<i64>, query: &str) -> Client {
        let mut req = reqwest::Client::new().get(format!(
            "http://{addr}/api/v1/threads/{thread}/events{query}"
        ));
        if let Some(id) = last_id {
            req = req.header("Last-Event-ID", id.to_string());
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["content-type"], "text/event-stream");
        Client {
            stream: Box::pin(resp.bytes_stream()),
            buf: String::new(),
        }
    }

    /// The next message (event or comment), or `None` when the server closed the stream.
    pub async fn next_message(&mut self) -> Option<Message> {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut m = Message {
                    id: None,
                    event: None,
                    data: String::new(),
                    comment: false,
                };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id: ") {
                        m.id = Some(v.parse().unwrap());
                    } else if let Some(v) = line.strip_prefix("event: ") {
                        m.event = Some(v.to_owned());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        m.data.push_str(v);
                    } else if line.starts_with(':') {
                        m.comment = true;
                    }
                }
                return Some(m);
            }
            match tokio::time::timeout(PATIENCE, self.stream.next())
                .await
                .expect("stream stalled")
            {
                Some(Ok(chunk)) => self.buf.push_str(std::str::from_utf8(&chunk).unwrap()),
                Some(Err(_)) | None => return None,
            }
        }
    }

    /// The next event, skipping heartbeats.
    pub async fn next_event(&mut self) -> Option<Message> {
        loop {
            let m = self.next_message().await?;
            if !m.comment {
                return Some(m);
            }
        }
    }

    pub async fn events(&mut self, n: usize) -> Vec<Message> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.next_event().await.expect("stream ended early"));
        }
        out
    }
}

pub fn data(m: &Message) -> Value {
    serde_json::from_str(&m.data).unwrap()
}
