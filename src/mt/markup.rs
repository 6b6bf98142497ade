//! Keeping Markdown intact through an engine that translates HTML.
//!
//! Apertium reads its input as HTML and passes tags through untouched, but it translates
//! everything else: code and addresses get "translated", and the asterisks of `**bold**` are
//! taken for its own marks of unknown words and dropped. So before translating, the parts
//! that must not change (code, link targets, addresses, runs of `*`) are replaced by empty
//! tags `<kN/>` and the rest is escaped as HTML text; afterwards the tags are put back.

/// Text ready for an HTML-reading engine, and the pieces its placeholders stand for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Protected {
    pub text: String,
    pub kept: Vec<String>,
}

impl Protected {
    fn keep(&mut self, piece: &str) {
        self.text.push_str(&format!("<k{}/>", self.kept.len()));
        self.kept.push(piece.to_owned());
    }

    fn escape(&mut self, c: char) {
        match c {
            '&' => self.text.push_str("&amp;"),
            '<' => self.text.push_str("&lt;"),
            '>' => self.text.push_str("&gt;"),
            _ => self.text.push(c),
        }
    }
}

/// Escapes Markdown as HTML text and replaces what must not be translated by placeholders.
pub fn protect(markdown: &str) -> Protected {
    let mut out = Protected::default();
    let mut fence: Option<(char, usize, String)> = None;
    for line in markdown.split_inclusive('\n') {
        if let Some((ch, len, block)) = &mut fence {
            block.push_str(line);
            if fence_of(line).is_some_and(|(c, n)| c == *ch && n >= *len) {
                let block = std::mem::take(block);
                out.keep(&block);
                fence = None;
            }
            continue;
        }
        if let Some((ch, len)) = fence_of(line) {
            fence = Some((ch, len, line.to_owned()));
            continue;
        }
        protect_inline(line, &mut out);
    }
    // A code block left open runs to the end of the text, as in CommonMark.
    if let Some((_, _, block)) = fence {
        out.keep(&block);
    }
    out
}

/// The fence character and length when the line opens or closes a fenced code block.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let ch = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|&c| c == ch).count();
    (len >= 3).then_some((ch, len))
}

fn protect_inline(line: &str, out: &mut Protected) {
    let mut i = 0;
    while let Some(c) = line[i..].chars().next() {
        let rest = &line[i..];
        let taken = if c == '*' {
            Some(rest.len() - rest.trim_start_matches('*').len())
        } else if c == '`' {
            code_span(rest)
        } else if rest.starts_with("](") {
            link_target(rest)
        } else if c == '<' {
            autolink(rest)
        } else if starts_address(rest) && !line[..i].ends_with(|p: char| p.is_alphanumeric()) {
            Some(address(rest))
        } else {
            None
        };
        match taken {
            Some(len) => {
                out.keep(&rest[..len]);
                i += len;
            }
            None => {
                out.escape(c);
                i += c.len_utf8();
            }
        }
    }
}

/// A code span: a run of backticks up to the next run of the same length. A run with no
/// partner is literal text, kept as it is.
fn code_span(rest: &str) -> Option<usize> {
    let open = rest.len() - rest.trim_start_matches('`').len();
    let mut at = open;
    while let Some(found) = rest[at..].find('`') {
        let start = at + found;
        let run = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        if run == open {
            return Some(start + run);
        }
        at = start + run;
    }
    Some(open)
}

/// `](target)` of a link or image, parentheses inside the target balanced.
fn link_target(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in rest.char_indices().skip(1) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            '\n' | '\r' => return None,
            _ => {}
        }
    }
    None
}

/// `<https://…>` or `<mailto:…>`.
fn autolink(rest: &str) -> Option<usize> {
    let inner = &rest[1..];
    if !(starts_address(inner) || inner.starts_with("mailto:")) {
        return None;
    }
    let end = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())?;
    inner[end..].starts_with('>').then_some(end + 2)
}

fn starts_address(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// A bare address, without the punctuation that ends the sentence around it.
fn address(rest: &str) -> usize {
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(rest.len());
    let mut url = &rest[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    url.len()
}

/// Puts the kept pieces back and unescapes the HTML text the engine returned.
pub fn restore(translated: &str, kept: &[String]) -> String {
    let mut out = String::with_capacity(translated.len());
    let mut rest = translated;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((piece, len)) = placeholder(rest, kept)
        {
            out.push_str(piece);
            rest = &rest[len..];
            continue;
        }
        if c == '&'
            && let Some((text, len)) = [
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&quot;", "\""),
            ]
            .iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .map(|(entity, text)| (*text, entity.len()))
        {
            out.push_str(text);
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `<kN/>` at the start of `s`, with N a kept piece: the piece and the placeholder's length.
fn placeholder<'k>(s: &str, kept: &'k [String]) -> Option<(&'k str, usize)> {
    let digits = s.strip_prefix("<k")?;
    let n = digits.len()
        - digits
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if n == 0 || !digits[n..].starts_with("/>") {
        return None;
    }
    let index: usize = digits[..n].parse().ok()?;
    let piece = kept.get(index)?;
    Some((piece, 2 + n + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(markdown: &str) {
        let p = protect(markdown);
        assert_eq!(restore(&p.text, &p.kept), markdown, "{:?}", p.text);
    }

    #[test]
    fn plain_text_is_escaped_as_html() {
        let p = protect("Tom & Jerry: a < b > c");
        assert_eq!(p.text, "Tom &amp; Jerry: a &lt; b &gt; c");
        assert!(p.kept.is_empty());
    }

    #[test]
    fn emphasis_markers_are_kept() {
        let p = protect("The **red bridge** is *closed*.");
        assert_eq!(p.text, "The <k0/>red bridge<k1/> is <k2/>closed<k3/>.");
        assert_eq!(p.kept, ["**", "**", "*", "*"]);
        // The engine reorders words around the placeholders.
        assert_eq!(
            restore("El <k0/>puente rojo<k1/> está <k2/>cerrado<k3/>.", &p.kept),
            "El **puente rojo** está *cerrado*."
        );
    }

    #[test]
    fn code_links_and_addresses_are_kept() {
        let p =
            protect("Run `make all` and see [the map](https://x.org/a_(b)) or https://x.org/c.");
        assert_eq!(p.text, "Run <k0/> and see [the map<k1/> or <k2/>.");
        assert_eq!(
            p.kept,
            ["`make all`", "](https://x.org/a_(b))", "https://x.org/c"]
        );
        let p = protect("Write to <mailto:desk@x.org> or <https://x.org>, not <b>.");
        assert_eq!(p.text, "Write to <k0/> or <k1/>, not &lt;b&gt;.");
    }

    #[test]
    fn fenced_code_blocks_are_kept_whole() {
        let text = "Before\n```sh\nrm -rf *\n```\nAfter\n~~~\nopen\n";
        let p = protect(text);
        assert_eq!(p.text, "Before\n<k0/>After\n<k1/>");
        assert_eq!(p.kept, ["```sh\nrm -rf *\n```\n", "~~~\nopen\n"]);
        round_trip(text);
    }

    #[test]
    fn everything_comes_back_unchanged() {
        for text in [
            "",
            "plain",
            "a `` code ` span `` b",
            "unclosed ` tick",
            "[broken](link",
            "a &amp; b <k0/> &lt;",
            "- item *one*\n- item __two__\n\n> quote\n# Heading\n",
            "Кириллица и ü, 東京 https://例え.jp/路",
            "(see https://x.org/a), then http://y.org.",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn unknown_placeholders_and_entities_pass_through() {
        assert_eq!(
            restore("<k7/> <k/> &nbsp; <b>", &[]),
            "<k7/> <k/> &nbsp; <b>"
        );
    }
}
