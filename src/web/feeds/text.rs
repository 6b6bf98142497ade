//! The words of feed items: a plain-text title from an update's Markdown, and the visible note
//! on a struck update or report.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

use crate::web::credits::escape;
use crate::web::session::PageCtx;

/// Longest item title, in characters.
const MAX_TITLE: usize = 80;

/// The first line or sentence of a Markdown text, as plain text of at most 80 characters.
pub fn plain_title(markdown: &str) -> String {
    let first = first_line(markdown);
    let sentence = first_sentence(&first);
    shorten(sentence, MAX_TITLE)
}

/// The text of the first block that has any, up to its first line break.
fn first_line(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if !out.trim().is_empty() => break,
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) if !out.trim().is_empty() => break,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) if !out.trim().is_empty() => break,
            _ => {}
        }
    }
    // A code block's text keeps its line breaks; only the first non-empty line counts.
    let first = out.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to and including the first sentence-ending mark followed by a space.
fn first_sentence(line: &str) -> &str {
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？');
        if ends && chars.peek().is_some_and(|(_, next)| next.is_whitespace()) {
            return &line[..i + c.len_utf8()];
        }
    }
    line
}

/// At most `max` characters: cut at a word boundary when one is near, and marked with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if cut[..i].chars().count() >= max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// Makes the site-relative links of sanitized HTML absolute, so they work in any feed reader.
/// Attribute values are the only place `href="/` can occur: text has its quotes escaped.
pub fn absolute_links(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(r#"href="/"#) {
        let (before, after) = rest.split_at(i + r#"href=""#.len());
        out.push_str(before);
        // Protocol-relative addresses ("//host/…") point elsewhere and stay as they are.
        if !after.starts_with("//") {
            out.push_str(base);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A struck update or report as a feed shows it: the note (with a link to the correcting
/// update when there is one), then the original text, struck through.
pub fn struck_html(
    ctx: &PageCtx,
    thread_url: &str,
    reason: &str,
    corrected_by: Option<&str>,
    body_html: &str,
) -> String {
    let note = escape(&ctx.i18n.ts("feeds-struck-note", "reason", reason));
    let correction = corrected_by
        .map(|id| {
            format!(
                r#" <a href="{}#u-{}">{}</a>"#,
                escape(thread_url),
                escape(id),
                escape(&ctx.t("feeds-struck-correction"))
            )
        })
        .unwrap_or_default();
    format!("<p><strong>{note}</strong>{correction}</p><del>{body_html}</del>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_first_sentence_as_plain_text() {
        assert_eq!(
            plain_title("**Almaty:** shots fired. More soon."),
            "Almaty: shots fired."
        );
        assert_eq!(plain_title("## Heading\n\nBody text"), "Heading");
        assert_eq!(plain_title("first line\nsecond line"), "first line");
        assert_eq!(plain_title("[link](https://x.example) text"), "link text");
        assert_eq!(plain_title("v1.2 is out"), "v1.2 is out");
        assert_eq!(plain_title("---"), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_within_80_characters() {
        let long = "word ".repeat(40);
        let title = plain_title(&long);
        assert!(title.chars().count() <= 80, "{title}");
        assert!(title.ends_with("word…"), "{title}");
        let one_word = "ж".repeat(200);
        assert_eq!(plain_title(&one_word).chars().count(), 80);
    }

    #[test]
    fn site_relative_links_become_absolute() {
        assert_eq!(
            absolute_links(
                r#"<a href="/t/x">a</a> <a href="//e.example/">b</a> href="/""#,
                "http://h"
            ),
            r#"<a href="http://h/t/x">a</a> <a href="//e.example/">b</a> href="http://h/""#
        );
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
