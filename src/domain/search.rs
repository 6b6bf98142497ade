//! Full-text search: what a reader typed, turned into a safe index query, and what is found.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::validation::ValidationError;

pub const MAX_QUERY: usize = 200;
pub const MAX_TERMS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Thread,
    Update,
    Report,
    Comment,
}

super::thread::text_enum!(HitKind {
    Thread => "thread",
    Update => "update",
    Report => "report",
    Comment => "comment",
});

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    pub thread_id: String,
    pub thread_slug: String,
    pub thread_title: String,
    /// A short excerpt around the match, plain text.
    pub snippet: String,
    /// The same excerpt with the matching words between `<mark>` tags, HTML-escaped.
    pub snippet_html: String,
    pub created_at: Option<DateTime<Utc>>,
    /// Set when the words were found in a translation: its language.
    pub language: Option<String>,
}

/// The words of a query, each quoted for the index (so no operator can be injected), the last
/// one a prefix so results come as the reader types. `None` when nothing searchable is left.
pub fn index_query(text: &str) -> Result<Option<String>, ValidationError> {
    if text.chars().count() > MAX_QUERY {
        return Err(ValidationError::new(
            "q",
            format!("is longer than {MAX_QUERY} characters"),
        ));
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .map(|w| format!("\"{w}\""))
        .collect();
    Ok(match words.split_last() {
        None => None,
        Some((last, rest)) => {
            let mut terms = rest.to_vec();
            terms.push(format!("{last}*"));
            Some(terms.join(" "))
        }
    })
}

/// Markers the index puts around matches in a snippet; control characters never appear in
/// stored text, so they cannot collide with it.
pub const MARK_OPEN: char = '\u{2}';
pub const MARK_CLOSE: char = '\u{3}';

/// The snippet as plain text and as HTML with `<mark>`.
pub fn snippet(raw: &str) -> (String, String) {
    let plain: String = raw
        .chars()
        .filter(|&c| c != MARK_OPEN && c != MARK_CLOSE)
        .collect();
    let mut html = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            MARK_OPEN => html.push_str("<mark>"),
            MARK_CLOSE => html.push_str("</mark>"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
    (plain, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_words_with_a_prefix_last() {
        assert_eq!(
            index_query("Almaty  airport").unwrap().as_deref(),
            Some("\"Almaty\" \"airport\"*")
        );
        assert_eq!(
            index_query("\"x\" OR y NEAR(z)").unwrap().as_deref(),
            Some("\"x\" \"OR\" \"y\" \"NEAR\" \"z\"*"),
            "operators become plain words"
        );
        assert_eq!(index_query("  -- ").unwrap(), None);
        assert_eq!(
            index_query("Нур-Султан").unwrap().as_deref(),
            Some("\"Нур\" \"Султан\"*")
        );
        assert!(index_query(&"a".repeat(201)).is_err());
    }

    #[test]
    fn snippets_are_escaped_around_the_marks() {
        let (plain, html) = snippet("a <b> \u{2}Almaty\u{3} & co");
        assert_eq!(plain, "a <b> Almaty & co");
        assert_eq!(html, "a &lt;b&gt; <mark>Almaty</mark> &amp; co");
    }
}
