//! `GET /api/v1/threads/{id}/events`: live events, after a replay of the stored ones when the
//! client gives a position (`Last-Event-ID` or `after`).
//!
//! The stream subscribes to the bus before it reads the store, so nothing committed in between
//! is lost; sequence numbers then drop what was already sent and fill any gap from the store, so
//! a client sees every event once, in order. Without a position a stream starts at the live edge
//! (history is the API's, or `after=0`'s). The replay is paged: one small page is read only when
//! the previous one has been taken, in small pieces, so a reader that stops reading pins a page
//! or two, whatever the size of the thread.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{Interval, MissedTickBehavior, interval_at};

use super::extract::{ApiQuery, ClientAddr};
use crate::app::AppState;
use crate::domain::ValidationError;
use crate::error::{AppError, ErrorBody, ErrorDetail};
use crate::live::Frame;
use crate::metrics::OpenStream;
use crate::net::caps::{Full, Held};
use crate::service::Client;

/// Most events read from the store for one page of replay.
const PAGE_EVENTS: u32 = 16;
/// A page holds events up to this many bytes (at least one event, however large).
const PAGE_BYTES: usize = 32 * 1024;
/// A page leaves in pieces of at most this size. While the socket is full the server still
/// queues up to 16 body pieces per connection (hyper's limit): 16 small pieces are at most a
/// page, so a reader that stops reading pins about two pages (the one queued, the one read).
/// Pieces are slices of the page: nothing is copied.
const PIECE_BYTES: usize = 2 * 1024;
const HEARTBEAT: &[u8] = b": heartbeat\n\n";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Replay the stored events after this sequence number, then go on live (`0`: the whole
    /// history). `Last-Event-ID` takes precedence. Without either the stream starts live.
    #[param(minimum = 0)]
    pub after: Option<i64>,
}

/// Stream the thread's events (Server-Sent Events).
#[utoipa::path(get, path = "/api/v1/threads/{id}/events", tag = "live",
    params(("id" = String, Path, description = "Thread id or slug"), EventsQuery,
           ("Last-Event-ID" = Option<i64>, Header, description = "The last sequence number received")),
    responses(
        (status = 200, description = "An endless `text/event-stream`: `id:` is the sequence number, `event:` the kind, `data:` `{id, item}`", content_type = "text/event-stream"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 503, body = ErrorBody, description = "Too many streams open, from this client (`too_many_streams`) or in all (`server_busy`); `Retry-After` says when to try again",
         headers(("Retry-After" = u64, description = "Seconds to wait")))))]
pub async fn thread_events(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<EventsQuery>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let position = match headers.get("last-event-id") {
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .ok_or_else(|| {
                    ValidationError::new("Last-Event-ID", "must be a sequence number")
                })?,
        ),
        None => query.after,
    };
    if position.is_some_and(|after| after < 0) {
        return Err(ValidationError::new("after", "must not be negative").into());
    }
    // Admitted before any database work, so a client over its cap costs nothing more.
    let held = match state
        .streams
        .try_hold(Some(state.service.client_key(Client::at(addr))))
    {
        Ok(held) => held,
        Err(full) => return Ok(refusal(full, state.streams.per_client())),
    };
    let thread = state.store.thread(&id).await?;
    let rx = state.service.subscribe(&thread.id);
    // Subscribed first: whatever commits from here on also arrives on the bus.
    let (last, replaying) = match position {
        Some(after) => (after, true),
        None => (state.store.last_event_seq(&thread.id).await?, false),
    };
    let start = tokio::time::Instant::now() + state.config.heartbeat;
    let mut heartbeat = interval_at(start, state.config.heartbeat);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let stream = EventStream {
        state,
        thread_id: thread.id,
        last,
        rx,
        heartbeat,
        replaying,
        page_events: PAGE_EVENTS,
        unsent: Bytes::new(),
        _held: held,
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

/// `503` with `Retry-After`, in the one error shape. A browser's `EventSource` gives up on a
/// refused stream; the page script then tries again later on its own.
fn refusal(full: Full, per_client: usize) -> Response {
    metrics::counter!("cronaca_event_streams_refused_total", "cap" => full.as_str()).increment(1);
    let (code, message, retry_after) = match full {
        Full::Client => (
            "too_many_streams",
            format!(
                "this client already has {per_client} event streams open: close one, or try again later"
            ),
            "30",
        ),
        Full::Server => (
            "server_busy",
            "the server has as many event streams open as it can serve: try again shortly"
                .to_owned(),
            "10",
        ),
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message,
            field: None,
        },
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, retry_after)],
        axum::Json(body),
    )
        .into_response()
}

struct EventStream {
    state: AppState,
    thread_id: String,
    /// The sequence number of the last event sent (or skipped as before the live edge).
    last: i64,
    rx: broadcast::Receiver<Arc<Frame>>,
    heartbeat: Interval,
    /// Reading stored events rather than waiting on the bus.
    replaying: bool,
    /// How many events the next page reads: fewer when events are large.
    page_events: u32,
    /// What is left of the current page, sent piece by piece.
    unsent: Bytes,
    _held: Held,
    _open: OpenStream,
}

impl EventStream {
    /// The next chunk to send, or `None` to end the stream.
    async fn next(&mut self) -> Option<Bytes> {
        loop {
            if !self.unsent.is_empty() {
                let piece = PIECE_BYTES.min(self.unsent.len());
                return Some(self.unsent.split_to(piece));
            }
            if self.replaying {
                if self.state.shutdown.is_cancelled() {
                    return None;
                }
                if let Some(page) = self.replay_page().await? {
                    self.unsent = page;
                }
                continue;
            }
            tokio::select! {
                _ = self.state.shutdown.cancelled() => return None,
                _ = self.heartbeat.tick() => return Some(Bytes::from_static(HEARTBEAT)),
                received = self.rx.recv() => match received {
                    Ok(frame) if frame.seq <= self.last => continue,
                    Ok(frame) if frame.seq == self.last + 1 => {
                        self.last = frame.seq;
                        return Some(frame.bytes.clone());
                    }
                    // Published out of order by concurrent writers: what is missing, and this
                    // frame, are committed; the store has them all.
                    Ok(_) => self.replaying = true,
                    // Fallen a whole ring behind, or the bus is gone: the client resumes.
                    Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => return None,
                },
            }
        }
    }

    /// The next page of stored events, framed into one chunk; `Some(None)` once caught up (the
    /// stream then goes live), `None` to end the stream on failure.
    async fn replay_page(&mut self) -> Option<Option<Bytes>> {
        let limit = self.page_events;
        let events = match self
            .state
            .store
            .events_after(&self.thread_id, self.last, limit)
            .await
        {
            Ok(events) => events,
            Err(e) => {
                tracing::warn!(thread.id = %self.thread_id, error = %e, "event replay failed");
                return None;
            }
        };
        let first = events.first().map_or(0, Frame::len_of);
        let all: usize = events.iter().map(Frame::len_of).sum();
        let mut out = Vec::with_capacity(all.min(PAGE_BYTES.max(first)));
        let mut sent = 0;
        let mut largest = 0;
        for event in &events {
            let len = Frame::len_of(event);
            if sent > 0 && out.len() + len > PAGE_BYTES {
                break;
            }
            Frame::encode(event, &mut out);
            largest = largest.max(len);
            self.last = event.seq;
            sent += 1;
        }
        // Large events: read fewer next time rather than read and drop them.
        self.page_events = u32::try_from(PAGE_BYTES / largest.max(1))
            .unwrap_or(PAGE_EVENTS)
            .clamp(1, PAGE_EVENTS);
        // A short page is the end of what was committed when the stream subscribed: anything
        // later comes on the bus.
        if events.len() < limit as usize && sent == events.len() {
            self.replaying = false;
        }
        if out.is_empty() {
            return Some(None);
        }
        Some(Some(Bytes::from(out)))
    }
}
