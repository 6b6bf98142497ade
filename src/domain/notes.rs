//! Translator's notes: `[[…]]` inside a translation is the translator's own words, kept apart
//! from the author's. Only translations are rendered through here; in an original the same
//! characters stay plain text. `\[[` writes a literal `[[`.

use super::markup::{self, Flavor, escape};

/// Private-use characters bracket a note's number while the rest goes through Markdown and the
/// sanitizer; they are removed from the input first, so a writer cannot forge one.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Longest note accepted, in characters.
pub const MAX_NOTE: usize = 1_000;

/// A translation's text split into what Markdown sees and the notes taken out of it.
struct Extracted {
    text: String,
    notes: Vec<String>,
}

fn extract(source: &str) -> Extracted {
    let clean: String = source
        .chars()
        .filter(|c| *c != OPEN && *c != CLOSE)
        .collect();
    let mut text = String::with_capacity(clean.len());
    let mut notes = Vec::new();
    let mut rest = clean.as_str();
    while let Some(at) = rest.find("[[") {
        let escaped = rest[..at].ends_with('\\') && !rest[..at].ends_with("\\\\");
        if escaped {
            // `\[[`: Markdown turns `\[` into `[`, the second bracket stays as typed.
            text.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        }
        let after = &rest[at + 2..];
        let Some(end) = after.find("]]") else {
            break;
        };
        let note = after[..end].trim();
        text.push_str(&rest[..at]);
        if !note.is_empty() {
            text.push(OPEN);
            text.push_str(&notes.len().to_string());
            text.push(CLOSE);
            notes.push(note.to_owned());
        }
        rest = &after[end + 2..];
    }
    text.push_str(rest);
    Extracted { text, notes }
}

/// The notes a translation's text holds, in order.
pub fn notes_in(source: &str) -> Vec<String> {
    extract(source).notes
}

/// Whether the text holds at least one translator's note.
pub fn has_notes(source: &str) -> bool {
    !notes_in(source).is_empty()
}

/// Checks each note's length; `field` names the text in the error.
pub fn check(field: &str, source: &str) -> Result<(), super::ValidationError> {
    match notes_in(source)
        .iter()
        .find(|n| n.chars().count() > MAX_NOTE)
    {
        Some(_) => Err(super::ValidationError::new(
            field,
            format!("a translator's note is longer than {MAX_NOTE} characters"),
        )),
        None => Ok(()),
    }
}

/// A translation's Markdown → sanitized HTML, each note as
/// `<span class="tn" role="note">[…]</span>`.
pub fn render(source: &str, flavor: Flavor) -> String {
    let Extracted { text, notes } = extract(source);
    let html = markup::render(&text, flavor);
    if notes.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + notes.len() * 48);
    let mut rest = html.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(note) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| notes.get(i))
        {
            out.push_str("<span class=\"tn\" role=\"note\">[");
            out.push_str(&escape(note));
            out.push_str("]</span>");
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A single line of a translation (a title, an indicator label) as HTML: no Markdown, notes
/// rendered.
pub fn render_line(source: &str) -> String {
    let Extracted { text, notes } = extract(source);
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&escape(&unescape_brackets(&rest[..at])));
        let after = &rest[at + OPEN.len_utf8()..];
        let end = after.find(CLOSE).unwrap_or(after.len());
        if let Some(note) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| notes.get(i))
        {
            out.push_str("<span class=\"tn\" role=\"note\">[");
            out.push_str(&escape(note));
            out.push_str("]</span>");
        }
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(&escape(&unescape_brackets(rest)));
    out
}

/// A translation as plain text (titles in feeds, digests): notes keep their square brackets.
pub fn plain(source: &str) -> String {
    let Extracted { text, notes } = extract(source);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&unescape_brackets(&rest[..at]));
        let after = &rest[at + OPEN.len_utf8()..];
        let end = after.find(CLOSE).unwrap_or(after.len());
        if let Some(note) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| notes.get(i))
        {
            out.push('[');
            out.push_str(note);
            out.push(']');
        }
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(&unescape_brackets(rest));
    out
}

fn unescape_brackets(text: &str) -> String {
    text.replace("\\[[", "[[")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_rendered_apart_from_the_text() {
        let html = render("Il ponte [[in inglese]] è chiuso.", Flavor::Full);
        assert_eq!(
            html,
            "<p>Il ponte <span class=\"tn\" role=\"note\">[in inglese]</span> è chiuso.</p>\n"
        );
    }

    #[test]
    fn notes_are_escaped_and_cannot_carry_markup() {
        let html = render("a [[<script>x</script> & \"b\"]] c", Flavor::Full);
        assert!(html.contains("[&lt;script&gt;x&lt;/script&gt; &amp; &quot;b&quot;]"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn an_escaped_opening_is_literal() {
        let html = render(r"Write \[[ to open a note]]", Flavor::Full);
        assert!(html.contains("Write [[ to open a note]]"), "{html}");
        assert!(!html.contains("role=\"note\""));
        assert_eq!(plain(r"a \[[b]]"), "a [[b]]");
    }

    #[test]
    fn forged_sentinels_are_removed() {
        let html = render("x \u{E000}0\u{E001} [[n]]", Flavor::Full);
        assert_eq!(html.matches("role=\"note\"").count(), 1);
        assert!(!html.contains('\u{E000}'));
    }

    #[test]
    fn an_unclosed_note_stays_text() {
        let html = render("a [[b c", Flavor::Full);
        assert!(html.contains("a [[b c"));
        assert!(!html.contains("role"));
    }

    #[test]
    fn originals_never_render_notes() {
        // The plain Markdown path (originals) leaves the brackets as text.
        let html = markup::render("a [[b]]", Flavor::Full);
        assert!(!html.contains("role=\"note\""));
    }

    #[test]
    fn notes_inside_markdown_structure_survive() {
        let html = render("- **uno** [[one]]\n- due", Flavor::Full);
        assert!(
            html.contains("<strong>uno</strong> <span class=\"tn\" role=\"note\">[one]</span>")
        );
    }

    #[test]
    fn lines_and_plain_text() {
        assert_eq!(
            render_line("Morti [[tra la polizia]] <b>"),
            "Morti <span class=\"tn\" role=\"note\">[tra la polizia]</span> &lt;b&gt;"
        );
        assert_eq!(plain("Morti [[tra la polizia]]"), "Morti [tra la polizia]");
        assert_eq!(notes_in("a [[x]] b [[y]]"), vec!["x", "y"]);
        assert!(!has_notes("a [[ ]] b"));
    }

    #[test]
    fn long_notes_are_refused() {
        let long = format!("[[{}]]", "x".repeat(MAX_NOTE + 1));
        assert!(check("body", &long).is_err());
        assert!(check("body", "[[short]]").is_ok());
    }
}
