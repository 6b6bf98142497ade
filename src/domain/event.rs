//! Live events: every change a reader should see, numbered per thread.

use chrono::{DateTime, Utc};
use std::sync::Arc;

use serde::Serialize;

use super::thread::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum EventKind {
    ThreadCreated,
    ThreadChanged,
    UpdatePosted,
    UpdateEdited,
    UpdateStruck,
    CommentApproved,
    CommentEdited,
    CommentRemoved,
    ReportPublished,
    /// A published report was edited, struck, verified or removed.
    ReportChanged,
    IndicatorChanged,
    /// A translation was published (or withdrawn).
    TranslationPublished,
}

text_enum!(EventKind {
    ThreadCreated => "thread.created",
    ThreadChanged => "thread.changed",
    UpdatePosted => "update.posted",
    UpdateEdited => "update.edited",
    UpdateStruck => "update.struck",
    CommentApproved => "comment.approved",
    CommentEdited => "comment.edited",
    CommentRemoved => "comment.removed",
    ReportPublished => "report.published",
    ReportChanged => "report.changed",
    IndicatorChanged => "indicator.changed",
    TranslationPublished => "translation.published",
});

/// A stored event. `data` is serialized once, when the change is made, and shared by every
/// stream that sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub thread_id: String,
    pub seq: i64,
    pub kind: EventKind,
    pub item_id: String,
    pub data: Arc<str>,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct Payload<'a, T: Serialize> {
    id: &'a str,
    item: &'a T,
}

/// The event payload: the item's id and its public representation, as the API returns it.
pub fn payload<T: Serialize>(id: &str, item: &T) -> String {
    serde_json::to_string(&Payload { id, item }).unwrap_or_else(|_| format!("{{\"id\":\"{id}\"}}"))
}

/// A change and the events it appended, to publish once it is committed.
#[derive(Debug, Clone)]
pub struct Change<T> {
    pub item: T,
    pub events: Vec<Event>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_carries_id_and_item() {
        let data = payload("01X", &serde_json::json!({"body": "b"}));
        let v: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(v["id"], "01X");
        assert_eq!(v["item"]["body"], "b");
    }

    #[test]
    fn kinds_round_trip_through_text() {
        for k in [EventKind::UpdatePosted, EventKind::CommentRemoved] {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
    }
}
