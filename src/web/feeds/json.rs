//! JSON Feed 1.1 (https://jsonfeed.org/version/1.1) output.

use chrono::SecondsFormat;
use serde_json::{Map, Value, json};

use super::{Channel, Item};
use crate::domain::time::Timestamp;

fn date(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn item(item: &Item) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(item.id));
    out.insert("url".into(), json!(item.url));
    out.insert("title".into(), json!(item.title));
    out.insert("content_html".into(), json!(item.html));
    out.insert("date_published".into(), json!(date(&item.published)));
    out.insert("date_modified".into(), json!(date(&item.updated)));
    if let Some(author) = &item.author {
        out.insert("authors".into(), json!([{ "name": author }]));
    }
    out.insert("language".into(), json!(item.language));
    if let Some(strike) = &item.struck {
        out.insert(
            "_cronaca".into(),
            json!({
                "struck": true,
                "reason": strike.reason,
                "corrected_by": strike.corrected_by,
            }),
        );
    }
    Value::Object(out)
}

/// The feed as a JSON Feed document.
pub fn write(channel: &Channel) -> String {
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": channel.json_url,
        "language": channel.language,
        "authors": [{ "name": channel.publisher }],
        "items": channel
            .items
            .iter()
            .map(item)
            .collect::<Vec<_>>(),
    })
    .to_string()
}
