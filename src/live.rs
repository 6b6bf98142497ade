//! The live bus: committed events fan out to every open stream of their thread.
//!
//! Each event is framed for Server-Sent Events once, when published, and the same bytes are
//! shared by every subscriber. A subscriber is a cursor into a bounded ring per thread: one that
//! falls a whole ring behind is told it lagged and is disconnected, to resume from its last id.
//! The bus is a trait: this in-process ring serves one node; a node sharing its database with
//! others needs an implementation that also hears the other nodes' commits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use tokio::sync::broadcast;

use crate::domain::event::Event;

/// An event ready to send: its sequence number and its SSE frame.
#[derive(Debug, Clone)]
pub struct Frame {
    pub seq: i64,
    pub bytes: Bytes,
}

impl Frame {
    pub fn of(event: &Event) -> Self {
        let mut out = Vec::with_capacity(Self::len_of(event));
        Self::encode(event, &mut out);
        Frame {
            seq: event.seq,
            bytes: Bytes::from(out),
        }
    }

    /// Appends the event's SSE frame to `out`.
    pub fn encode(event: &Event, out: &mut Vec<u8>) {
        out.extend_from_slice(b"id: ");
        out.extend_from_slice(event.seq.to_string().as_bytes());
        out.extend_from_slice(b"\nevent: ");
        out.extend_from_slice(event.kind.as_str().as_bytes());
        out.push(b'\n');
        // JSON from serde has no raw newlines, but a frame must never be broken by one.
        for line in event.data.split('\n') {
            out.extend_from_slice(b"data: ");
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out.push(b'\n');
    }

    /// The frame's length when the data is one line (the usual case), a close estimate otherwise.
    pub fn len_of(event: &Event) -> usize {
        event.data.len() + event.kind.as_str().len() + 40
    }
}

/// Where committed events go and where open streams hear them. The service publishes after
/// each commit; streams subscribe per thread.
pub trait EventBus: Send + Sync + 'static {
    /// Announces committed events, in commit order.
    fn publish(&self, events: &[Event]);
    /// The thread's frames from now on; a receiver that falls a whole ring behind gets
    /// `Lagged` and should resume from the store.
    fn subscribe(&self, thread_id: &str) -> broadcast::Receiver<Arc<Frame>>;
}

/// The in-process bus: one node's streams hear that node's commits.
pub struct Bus {
    channels: Mutex<HashMap<String, broadcast::Sender<Arc<Frame>>>>,
    capacity: usize,
}

impl Bus {
    /// `capacity`: how many events a subscriber may fall behind before it is disconnected.
    pub fn new(capacity: usize) -> Self {
        Self {
            channels: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }
}

impl EventBus for Bus {
    fn subscribe(&self, thread_id: &str) -> broadcast::Receiver<Arc<Frame>> {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        channels
            .entry(thread_id.to_owned())
            .or_insert_with(|| broadcast::channel(self.capacity).0)
            .subscribe()
    }

    fn publish(&self, events: &[Event]) {
        for event in events {
            metrics::counter!("cronaca_events_published_total").increment(1);
            let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(tx) = channels.get(&event.thread_id)
                && tx.send(Arc::new(Frame::of(event))).is_err()
            {
                // Nobody listens any more: drop the ring until someone subscribes again.
                channels.remove(&event.thread_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;
    use crate::domain::time::now;

    fn event(thread: &str, seq: i64) -> Event {
        Event {
            thread_id: thread.into(),
            seq,
            kind: EventKind::UpdatePosted,
            item_id: "X".into(),
            data: r#"{"id":"X"}"#.into(),
            created_at: now(),
        }
    }

    #[test]
    fn frame_is_a_complete_sse_message() {
        let f = Frame::of(&event("t", 7));
        assert_eq!(
            &f.bytes[..],
            b"id: 7\nevent: update.posted\ndata: {\"id\":\"X\"}\n\n"
        );
    }

    #[tokio::test]
    async fn subscribers_get_only_their_threads_events() {
        let bus = Bus::new(8);
        let mut a = bus.subscribe("a");
        let mut b = bus.subscribe("b");
        bus.publish(&[event("a", 1), event("b", 1), event("a", 2)]);
        assert_eq!(a.recv().await.unwrap().seq, 1);
        assert_eq!(a.recv().await.unwrap().seq, 2);
        assert_eq!(b.recv().await.unwrap().seq, 1);
        assert!(b.try_recv().is_err());
    }

    #[tokio::test]
    async fn a_subscriber_that_falls_behind_is_told_it_lagged() {
        let bus = Bus::new(2);
        let mut slow = bus.subscribe("a");
        bus.publish(&[event("a", 1), event("a", 2), event("a", 3)]);
        assert!(matches!(
            slow.recv().await,
            Err(broadcast::error::RecvError::Lagged(_))
        ));
    }
}
