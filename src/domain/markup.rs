//! User Markdown to safe HTML: the single rendering path shared by every content type.

use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// How much structure a piece of content may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Updates and reports written by thread editors: sub-headings and tables allowed.
    Full,
    /// Reader comments: inline formatting, lists, quotes and code only.
    Comment,
}

const COMMON_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
];
const FULL_ONLY_TAGS: &[&str] = &[
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
];
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

// Building a cleaner allocates several hash sets; do it once per flavor, not once per render.
static FULL_CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner(Flavor::Full));
static COMMENT_CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| cleaner(Flavor::Comment));

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown → sanitized HTML.
pub fn render(markdown: &str, flavor: Flavor) -> String {
    if markdown.is_empty() {
        return String::new();
    }
    let options = match flavor {
        Flavor::Full => Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        Flavor::Comment => Options::ENABLE_STRIKETHROUGH,
    };
    let events = rewrite(Parser::new_ext(markdown, options), flavor);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    let cleaner = match flavor {
        Flavor::Full => &*FULL_CLEANER,
        Flavor::Comment => &*COMMENT_CLEANER,
    };
    cleaner.clean(&unsafe_html).to_string()
}

/// Neutralises what the HTML writer would otherwise emit verbatim or fetch automatically.
///
/// This is the first of two layers: ammonia runs afterwards regardless, but escaping raw HTML
/// here means a tag the user typed shows up as the text they typed instead of being silently
/// dropped by the sanitizer.
fn rewrite<'a>(events: impl Iterator<Item = Event<'a>>, flavor: Flavor) -> Vec<Event<'a>> {
    let mut events = events.peekable();
    let mut out = Vec::new();
    // Anchors cannot nest, so an image inside a link (or inside another image's alt text)
    // keeps only its alt text; the stack remembers which image ends must be dropped.
    let mut anchor_depth = 0usize;
    let mut image_became_link = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // The writer emits nothing for HTML blocks itself; without a paragraph the escaped
            // text would float outside any block element.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(match flavor {
                Flavor::Comment => Tag::Paragraph,
                Flavor::Full => Tag::Heading {
                    level: demote(level),
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                },
            })),
            Event::End(TagEnd::Heading(level)) => out.push(Event::End(match flavor {
                Flavor::Comment => TagEnd::Paragraph,
                Flavor::Full => TagEnd::Heading(demote(level)),
            })),
            Event::Start(Tag::Link { .. }) => {
                anchor_depth += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                anchor_depth = anchor_depth.saturating_sub(1);
                out.push(event);
            }
            // An <img> would make every reader's browser contact a host the author picked.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if anchor_depth > 0 {
                    image_became_link.push(false);
                    continue;
                }
                image_became_link.push(true);
                anchor_depth += 1;
                let empty_alt = matches!(events.peek(), Some(Event::End(TagEnd::Image)));
                let text = empty_alt.then(|| Event::Text(CowStr::from(dest_url.to_string())));
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
                out.extend(text);
            }
            Event::End(TagEnd::Image) => {
                if image_became_link.pop().unwrap_or(false) {
                    anchor_depth = anchor_depth.saturating_sub(1);
                    out.push(Event::End(TagEnd::Link));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The page template owns h1 and h2.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        other => other,
    }
}

fn cleaner(flavor: Flavor) -> Builder<'static> {
    let mut tags: HashSet<&'static str> = COMMON_TAGS.iter().copied().collect();
    let link_rel = match flavor {
        Flavor::Full => "noopener noreferrer",
        // Comment links are user-generated: keep search engines from rewarding link spam.
        Flavor::Comment => "nofollow ugc noopener",
    };
    if flavor == Flavor::Full {
        tags.extend(FULL_ONLY_TAGS.iter().copied());
    }
    let mut builder = Builder::empty();
    builder
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(
            [
                ("a", HashSet::from(["href"])),
                ("ol", HashSet::from(["start"])),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(link_rel))
        .strip_comments(true);
    builder
}

#[cfg(test)]
mod tests;
