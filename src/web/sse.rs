//! `GET /api/v1/threads/{id}/events`: stored events after the client's last id, then live ones.
//!
//! The stream subscribes to the bus before it reads the backlog, so nothing committed in
//! between is lost; sequence numbers then drop what was already sent and fill any gap from the
//! store, so a client sees every event once, in order.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{Interval, MissedTickBehavior, interval_at};

use super::extract::ApiQuery;
use crate::app::AppState;
use crate::domain::ValidationError;
use crate::error::{AppError, ErrorBody};
use crate::live::Frame;
use crate::metrics::OpenStream;

const BACKLOG_BATCH: u32 = 500;
const HEARTBEAT: &[u8] = b": heartbeat\n\n";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Resume after this sequence number (`Last-Event-ID` takes precedence).
    #[param(minimum = 0)]
    pub after: Option<i64>,
}

/// Stream the thread's events (Server-Sent Events).
#[utoipa::path(get, path = "/api/v1/threads/{id}/events", tag = "live",
    params(("id" = String, Path, description = "Thread id or slug"), EventsQuery,
           ("Last-Event-ID" = Option<i64>, Header, description = "The last sequence number received")),
    responses(
        (status = 200, description = "An endless `text/event-stream`: `id:` is the sequence number, `event:` the kind, `data:` `{id, item}`", content_type = "text/event-stream"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn thread_events(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<EventsQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let after = match headers.get("last-event-id") {
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .ok_or_else(|| ValidationError::new("Last-Event-ID", "must be a sequence number"))?,
        None => query.after.unwrap_or(0),
    };
    if after < 0 {
        return Err(ValidationError::new("after", "must not be negative").into());
    }
    let thread = state.store.thread(&id).await?;
    let rx = state.bus.subscribe(&thread.id);
    let start = tokio::time::Instant::now() + state.config.heartbeat;
    let mut heartbeat = interval_at(start, state.config.heartbeat);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let stream = EventStream {
        state,
        thread_id: thread.id,
        last: after,
        rx,
        heartbeat,
        backlog_done: false,
        _open: OpenStream::new(),
    };
    let body = Body::from_stream(futures_util::stream::unfold(stream, |mut s| async move {
        s.next()
            .await
            .map(|bytes| (Ok::<Bytes, Infallible>(bytes), s))
    }));
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Tells nginx-like proxies not to buffer the stream.
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

struct EventStream {
    state: AppState,
    thread_id: String,
    last: i64,
    rx: broadcast::Receiver<Arc<Frame>>,
    heartbeat: Interval,
    backlog_done: bool,
    _open: OpenStream,
}

impl EventStream {
    /// The next chunk to send, or `None` to end the stream.
    async fn next(&mut self) -> Option<Bytes> {
        if !self.backlog_done {
            let chunk = self.stored_after(self.last, BACKLOG_BATCH).await?;
            if chunk.is_empty() {
                self.backlog_done = true;
            } else {
                return Some(chunk);
            }
        }
        loop {
            tokio::select! {
                _ = self.state.shutdown.cancelled() => return None,
                _ = self.heartbeat.tick() => return Some(Bytes::from_static(HEARTBEAT)),
                received = self.rx.recv() => match received {
                    Ok(frame) if frame.seq <= self.last => continue,
                    Ok(frame) if frame.seq == self.last + 1 => {
                        self.last = frame.seq;
                        return Some(frame.bytes.clone());
                    }
                    // Published out of order by concurrent writers: fetch what is missing.
                    Ok(frame) => {
                        let missing = u32::try_from(frame.seq - self.last - 1).unwrap_or(u32::MAX);
                        let mut chunk = self.stored_after(self.last, missing).await?.to_vec();
                        chunk.extend_from_slice(&frame.bytes);
                        self.last = frame.seq;
                        return Some(Bytes::from(chunk));
                    }
                    // Fallen a whole ring behind, or the bus is gone: the client resumes.
                    Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => return None,
                },
            }
        }
    }

    /// Stored events after `after`, framed into one chunk; `None` ends the stream on failure.
    async fn stored_after(&mut self, after: i64, limit: u32) -> Option<Bytes> {
        let events = match self
            .state
            .store
            .events_after(&self.thread_id, after, limit)
            .await
        {
            Ok(events) => events,
            Err(e) => {
                tracing::warn!(thread.id = %self.thread_id, error = %e, "event backlog failed");
                return None;
            }
        };
        let mut out = Vec::new();
        for event in &events {
            out.extend_from_slice(&Frame::of(event).bytes);
            self.last = event.seq;
        }
        Some(Bytes::from(out))
    }
}
