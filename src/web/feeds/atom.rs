//! Atom (RFC 4287) output.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use super::{Channel, Item};
use crate::domain::time::Timestamp;

fn date(t: &Timestamp) -> FixedDateTime {
    t.fixed_offset()
}

fn link(href: &str, rel: &str, mime_type: Option<&str>) -> Link {
    Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        mime_type: mime_type.map(str::to_owned),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_owned(),
        ..Person::default()
    }
}

fn in_language(mut text: Text, lang: &str) -> Text {
    text.lang = Some(lang.to_owned());
    text
}

fn entry(item: &Item, as_summary: bool) -> Entry {
    let mut entry = Entry {
        id: item.id.clone(),
        title: in_language(Text::plain(item.title.clone()), &item.language),
        updated: date(&item.updated),
        published: Some(date(&item.published)),
        authors: item.author.as_deref().map(person).into_iter().collect(),
        links: vec![link(&item.url, "alternate", Some("text/html"))],
        ..Entry::default()
    };
    if as_summary {
        if !item.html.is_empty() {
            entry.summary = Some(in_language(Text::html(item.html.clone()), &item.language));
        }
    } else {
        entry.content = Some(Content {
            value: Some(item.html.clone()),
            content_type: Some("html".to_owned()),
            lang: Some(item.language.clone()),
            ..Content::default()
        });
    }
    entry
}

/// The feed as an Atom document.
pub fn write(channel: &Channel) -> String {
    let feed = Feed {
        id: channel.id.clone(),
        title: Text::plain(channel.title.clone()),
        subtitle: channel.subtitle_html.clone().map(Text::html),
        updated: date(&channel.updated),
        // Entries without an author of their own (threads made from the command line) are
        // the site's.
        authors: vec![person(&channel.publisher)],
        links: vec![
            link(&channel.home_url, "alternate", Some("text/html")),
            link(&channel.atom_url, "self", Some("application/atom+xml")),
        ],
        lang: Some(channel.language.clone()),
        entries: channel
            .items
            .iter()
            .map(|i| entry(i, channel.items_are_summaries))
            .collect(),
        ..Feed::default()
    };
    feed.to_string()
}
