//! JSON Feed 1.1 (https://jsonfeed.org/version/1.1) output.

use chrono::SecondsFormat;
use serde_json::{Map, Value, json};

use super::{Channel, Item, ReportInfo, TranslationInfo};
use crate::domain::provenance::Provenance;
use crate::domain::time::Timestamp;

fn date(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn translation(t: &TranslationInfo) -> Value {
    json!({
        "language": t.language,
        "translator": t.translator,
        "publication": t.publication,
        "machine": t.machine,
        "stale": t.stale,
    })
}

/// Cronaca's own fields of an item or a feed, or nothing when it has none.
fn extension(
    translation_info: Option<&TranslationInfo>,
    provenance: Option<&Provenance>,
) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(t) = translation_info {
        out.insert("translation".into(), translation(t));
    }
    if let Some(p) = provenance {
        out.insert("provenance".into(), json!(p));
    }
    out
}

fn report(r: &ReportInfo) -> Value {
    json!({
        "source": r.source,
        "cites": r.cites,
        "verification": r.verification,
        "verification_text": r.verification_text,
        "claims": r.claims,
        "link": r.link,
        "stated_at": date(&r.stated_at),
        "occurred_at": r.occurred_at.as_ref().map(date),
    })
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
    let mut own = extension(item.translation.as_ref(), item.provenance.as_ref());
    if let Some(strike) = &item.struck {
        own.insert("struck".into(), json!(true));
        own.insert("reason".into(), json!(strike.reason));
        own.insert("corrected_by".into(), json!(strike.corrected_by));
    }
    if let Some(r) = &item.report {
        own.insert("report".into(), report(r));
    }
    if !own.is_empty() {
        out.insert("_cronaca".into(), Value::Object(own));
    }
    Value::Object(out)
}

/// The feed as a JSON Feed document.
pub fn write(channel: &Channel) -> String {
    let mut feed = json!({
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
    });
    let own = extension(channel.translation.as_ref(), channel.provenance.as_ref());
    if let (Some(fields), false) = (feed.as_object_mut(), own.is_empty()) {
        fields.insert("_cronaca".into(), Value::Object(own));
    }
    feed.to_string()
}
