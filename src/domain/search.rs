//! Full-text search: what a reader typed, as words no index can read as operators, and what
//! is found.

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
    /// The language the excerpt is written in, when known (a comment's may not be).
    pub text_language: Option<String>,
}

/// At most this many results a page, and at most this many skipped.
pub const MAX_LIMIT: u32 = 50;
pub const MAX_OFFSET: u32 = 500;
pub const DEFAULT_LIMIT: u32 = 20;

/// What a reader searches for, in no index's syntax: the words typed (at most `MAX_TERMS`,
/// only letters and digits, so nothing can be read as an operator), the last one a beginning
/// of a word so results come as the reader types; optionally one thread; one page of results.
/// Each backend turns it into its own index query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<String>,
    place: Option<NamedPlace>,
    thread_id: Option<String>,
    limit: u32,
    offset: u32,
}

impl SearchQuery {
    /// The words of `text`; `None` when nothing searchable is left.
    pub fn parse(text: &str) -> Result<Option<Self>, ValidationError> {
        if text.chars().count() > MAX_QUERY {
            return Err(ValidationError::new(
                "q",
                format!("is longer than {MAX_QUERY} characters"),
            ));
        }
        let terms: Vec<String> = words(text).take(MAX_TERMS).collect();
        Ok((!terms.is_empty()).then_some(SearchQuery {
            terms,
            place: None,
            thread_id: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }))
    }

    /// The whole query names a place: texts that spell it otherwise ("Алматы" for "Almaty")
    /// and reports about it are found too. Spellings are kept as words only, like terms.
    pub fn naming(mut self, place_ids: Vec<String>, spellings: &[String]) -> Self {
        let spellings: Vec<Vec<String>> = spellings
            .iter()
            .map(|s| words(s).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .take(MAX_SPELLINGS)
            .collect();
        let place_ids: Vec<String> = place_ids.into_iter().take(MAX_SPELLINGS).collect();
        self.place = (!place_ids.is_empty() || !spellings.is_empty()).then_some(NamedPlace {
            place_ids,
            spellings,
        });
        self
    }

    /// The place the query names, if any.
    pub fn place(&self) -> Option<&NamedPlace> {
        self.place.as_ref()
    }

    /// Only what belongs to this thread (its id).
    pub fn in_thread(mut self, thread_id: String) -> Self {
        self.thread_id = Some(thread_id);
        self
    }

    /// One page: `limit` results after skipping `offset`, kept within the bounds.
    pub fn paged(mut self, limit: u32, offset: u32) -> Self {
        self.limit = limit.clamp(1, MAX_LIMIT);
        self.offset = offset.min(MAX_OFFSET);
        self
    }

    /// The words, in the order typed; never empty.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The last word matches any word it begins.
    pub fn last_is_prefix(&self) -> bool {
        true
    }

    pub fn thread_id(&self) -> Option<&str> {
        self.thread_id.as_deref()
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    pub fn offset(&self) -> u32 {
        self.offset
    }
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
}

/// At most this many spellings and places stand for a query.
pub const MAX_SPELLINGS: usize = 16;

/// A place a whole query names (see [`SearchQuery::naming`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPlace {
    /// Reports about these places are found.
    pub place_ids: Vec<String>,
    /// Texts with any of these phrases (words in order) are found.
    pub spellings: Vec<Vec<String>>,
}

/// Validates a requested page of results: `limit` 1 to `MAX_LIMIT` (`DEFAULT_LIMIT` when
/// absent), `offset` at most `MAX_OFFSET`.
pub fn page_bounds(limit: Option<u32>, offset: Option<u32>) -> Result<(u32, u32), ValidationError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ValidationError::new(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ValidationError::new(
            "offset",
            format!("must be at most {MAX_OFFSET}"),
        ));
    }
    Ok((limit, offset))
}

/// Markers the index puts around matches in a snippet; control characters never appear in
/// stored text, so they cannot collide with it.
pub const MARK_OPEN: char = '\u{2}';
pub const MARK_CLOSE: char = '\u{3}';

/// The snippet as plain text and as HTML with `<mark>`. A translator's note (`[[…]]`) reads as
/// one, in brackets and marked as a note, also when the excerpt cuts it open at either end.
pub fn snippet(raw: &str) -> (String, String) {
    let pieces = note_pieces(raw);
    let mut plain = String::with_capacity(raw.len());
    let mut html = String::with_capacity(raw.len() + 16);
    for (text, is_note) in pieces {
        if is_note {
            plain.push('[');
            html.push_str("<span class=\"tn\" role=\"note\">[");
        }
        for c in text.chars() {
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
            if c != MARK_OPEN && c != MARK_CLOSE {
                plain.push(c);
            }
        }
        if is_note {
            plain.push(']');
            html.push_str("]</span>");
        }
    }
    (plain, html)
}

/// The excerpt cut into text and notes. `\[[` is a literal `[[`; a `]]` with no opening in the
/// excerpt closes a note that began before it; a `[[` with no closing runs to the end.
fn note_pieces(raw: &str) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut in_note = false;
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\\[[") {
            current.push_str("[[");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("[[").filter(|_| !in_note) {
            pieces.push((std::mem::take(&mut current), false));
            in_note = true;
            rest = after;
        } else if let Some(after) = rest
            .strip_prefix("]]")
            .filter(|_| in_note || pieces.is_empty())
        {
            // Closes the open note, or one the excerpt cut open at its start: then what came
            // before it was the note. Anywhere else a `]]` is only text.
            pieces.push((std::mem::take(&mut current), true));
            in_note = false;
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    pieces.push((current, in_note));
    pieces
        .into_iter()
        .map(|(text, note)| (if note { text.trim().to_owned() } else { text }, note))
        .filter(|(text, _)| !text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_place_keeps_words_only() {
        let q = SearchQuery::parse("Nur-Sultan").unwrap().unwrap().naming(
            vec!["gn:1526273".into()],
            &["Astana".into(), "\"Нур-Султан\" OR".into(), " -- ".into()],
        );
        let place = q.place().expect("a place");
        assert_eq!(place.place_ids, ["gn:1526273"]);
        assert_eq!(
            place.spellings,
            vec![
                vec!["Astana".to_owned()],
                vec!["Нур".to_owned(), "Султан".to_owned(), "OR".to_owned()]
            ]
        );
        let none = SearchQuery::parse("x")
            .unwrap()
            .unwrap()
            .naming(vec![], &[]);
        assert_eq!(none.place(), None);
    }

    #[test]
    fn queries_are_words_without_operators() {
        let terms = |t: &str| SearchQuery::parse(t).unwrap().map(|q| q.terms().to_vec());
        assert_eq!(
            terms("Almaty  airport"),
            Some(vec!["Almaty".into(), "airport".into()])
        );
        assert_eq!(
            terms("\"x\" OR y NEAR(z)"),
            Some(vec![
                "x".into(),
                "OR".into(),
                "y".into(),
                "NEAR".into(),
                "z".into()
            ]),
            "operators become plain words"
        );
        assert_eq!(terms("  -- "), None);
        assert_eq!(
            terms("Нур-Султан"),
            Some(vec!["Нур".into(), "Султан".into()])
        );
        assert_eq!(terms(&"a ".repeat(20)).map(|t| t.len()), Some(MAX_TERMS));
        assert!(SearchQuery::parse(&"a".repeat(201)).is_err());
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(page_bounds(None, None), Ok((DEFAULT_LIMIT, 0)));
        assert!(page_bounds(Some(0), None).is_err());
        assert!(page_bounds(Some(51), None).is_err());
        assert!(page_bounds(None, Some(501)).is_err());
        let q = SearchQuery::parse("a").unwrap().unwrap().paged(500, 9999);
        assert_eq!((q.limit(), q.offset()), (MAX_LIMIT, MAX_OFFSET));
    }

    #[test]
    fn notes_in_snippets_read_as_notes() {
        let (plain, html) = snippet("Il ponte [[in \u{2}inglese\u{3}: bridge]] è chiuso");
        assert_eq!(plain, "Il ponte [in inglese: bridge] è chiuso");
        assert_eq!(
            html,
            "Il ponte <span class=\"tn\" role=\"note\">[in <mark>inglese</mark>: bridge]</span> è chiuso"
        );
        let (plain, _) = snippet("…the bridge]] is closed; [[and the road");
        assert_eq!(plain, "[…the bridge] is closed; [and the road]");
        let (plain, html) = snippet(r"write \[[ for brackets");
        assert_eq!(plain, "write [[ for brackets");
        assert!(!html.contains("tn"), "{html}");
        assert_eq!(snippet("a [[]] b").0, "a  b");
        assert_eq!(
            snippet("[[x]] then y]] z").0,
            "[x] then y]] z",
            "only a note cut at the start closes without opening"
        );
    }

    #[test]
    fn snippets_are_escaped_around_the_marks() {
        let (plain, html) = snippet("a <b> \u{2}Almaty\u{3} & co");
        assert_eq!(plain, "a <b> Almaty & co");
        assert_eq!(html, "a &lt;b&gt; <mark>Almaty</mark> &amp; co");
    }
}
