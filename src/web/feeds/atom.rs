//! Atom (RFC 4287) output.

use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Source, Text};

use super::{Channel, Item};
use crate::domain::provenance::Provenance;
use crate::domain::time::Timestamp;
use crate::domain::translation::Credit;

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

/// A translator as an entry's contributor.
fn contributor(credit: &Credit) -> Person {
    Person {
        name: credit.name.clone(),
        uri: credit.url.clone(),
        ..Person::default()
    }
}

/// Where an entry was first published, as its `<source>`: the publisher, its address and the
/// time it appeared there.
fn source(p: &Provenance, item: &Item) -> Source {
    Source {
        title: Text::plain(p.title.clone().unwrap_or_else(|| p.publisher.clone())),
        id: p
            .url
            .clone()
            .unwrap_or_else(|| format!("{}:source", item.id)),
        updated: date(p.published_at.as_ref().unwrap_or(&item.published)),
        authors: vec![person(&p.publisher)],
        links: p
            .url
            .iter()
            .map(|u| link(u, "alternate", Some("text/html")))
            .collect(),
        ..Source::default()
    }
}

fn category(term: &str, label: Option<&str>) -> Category {
    Category {
        term: term.to_owned(),
        scheme: Some("urn:cronaca:item".to_owned()),
        label: label.map(str::to_owned),
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
        contributors: item
            .translation
            .iter()
            .map(|t| contributor(&t.translator))
            .collect(),
        source: item.provenance.as_ref().map(|p| source(p, item)),
        // Reports are told apart from updates, and their verification is a category too.
        categories: item
            .report
            .iter()
            .flat_map(|r| {
                [
                    category("report", None),
                    category(
                        &format!("verification:{}", r.verification),
                        Some(&r.verification_text),
                    ),
                ]
            })
            .collect(),
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
