//! The properties hostile input must not break, one function per input family. Shared by the
//! fuzz targets (`fuzz/fuzz_targets/`) and the property test that runs in `cargo test`
//! (`tests/fuzz_properties.rs`), so both hold the code to the same rules.
//!
//! Each check returns `Err(why)` instead of panicking, so the property test can report the
//! input and the fuzz target can abort with it.

use cronaca::domain::board::Count;
use cronaca::domain::indicator::{Indicator, IndicatorKind, Scope, StatusOption, value_text};
use cronaca::domain::language::LanguageTag;
use cronaca::domain::markup::{self, Flavor};
use cronaca::domain::{notes, page, slug};

pub type Checked = Result<(), String>;

/// Tags and attributes the sanitizer may let through, per tag.
const MARKUP_ALLOWED: &[(&str, &[&str])] = &[
    ("p", &[]),
    ("br", &[]),
    ("em", &[]),
    ("strong", &[]),
    ("del", &[]),
    ("s", &[]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("a", &["href", "rel"]),
    ("hr", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("table", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("th", &[]),
    ("td", &[]),
];
/// Tags only the full flavor (updates and reports) may carry.
const FULL_ONLY: &[&str] = &[
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
];
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// A translator's note as the notes renderer writes it.
const NOTE_OPEN: &str = "<span class=\"tn\" role=\"note\">";

/// Markdown → HTML: both flavors give inert HTML (only allowed tags and attributes, links only
/// to http, https, mailto or relative), and comments carry no headings or tables.
pub fn markup(source: &str) -> Checked {
    for flavor in [Flavor::Full, Flavor::Comment] {
        let html = markup::render(source, flavor);
        let tags = inert_html(&html, MARKUP_ALLOWED, false)
            .map_err(|e| format!("{flavor:?} render of {source:?} gave {html:?}: {e}"))?;
        if flavor == Flavor::Comment
            && let Some(t) = tags.iter().find(|t| FULL_ONLY.contains(&t.as_str()))
        {
            return Err(format!(
                "comment render of {source:?} holds <{t}>: {html:?}"
            ));
        }
    }
    Ok(())
}

/// Translator's notes: the rendered translation is inert, notes appear only as the renderer's
/// own span with escaped words, a line shows every note, and plain text holds no markup.
pub fn translator_notes(source: &str) -> Checked {
    let found = notes::notes_in(source);
    let _ = notes::check("body", source);
    for flavor in [Flavor::Full, Flavor::Comment] {
        let html = notes::render(source, flavor);
        inert_html(&html, MARKUP_ALLOWED, true)
            .map_err(|e| format!("{flavor:?} notes render of {source:?} gave {html:?}: {e}"))?;
        let shown = html.matches(NOTE_OPEN).count();
        if shown > found.len() {
            return Err(format!(
                "{shown} notes shown but {} written in {source:?}: {html:?}",
                found.len()
            ));
        }
    }
    let line = notes::render_line(source);
    let tags = inert_html(&line, &[], true)
        .map_err(|e| format!("line render of {source:?} gave {line:?}: {e}"))?;
    if tags.len() != found.len() {
        return Err(format!(
            "line render of {source:?} shows {} notes, {} written: {line:?}",
            tags.len(),
            found.len()
        ));
    }
    let plain = notes::plain(source);
    if plain.contains(['\u{E000}', '\u{E001}']) {
        return Err(format!(
            "plain text of {source:?} leaks a sentinel: {plain:?}"
        ));
    }
    Ok(())
}

/// Slugs: always valid, stable under a second pass, and a suffix keeps them valid.
pub fn slugs(title: &str, n: u32) -> Checked {
    let s = slug::slugify(title);
    if !slug::is_valid(&s) {
        return Err(format!("slugify({title:?}) = {s:?} is not a valid slug"));
    }
    if slug::slugify(&s) != s {
        return Err(format!("slugify is not stable on {s:?}"));
    }
    for base in [s.as_str(), title] {
        let with = slug::with_suffix(base, n);
        if !slug::is_valid(&with) || !with.ends_with(&format!("-{n}")) {
            return Err(format!("with_suffix({base:?}, {n}) = {with:?}"));
        }
    }
    if slug::is_valid(title) && slug::slugify(title) != title {
        return Err(format!("a valid slug {title:?} changes under slugify"));
    }
    Ok(())
}

/// Language tags: an accepted tag is short ASCII, normalized (parsing it again gives itself),
/// its case does not matter, and its primary subtag is 2–3 lowercase letters.
pub fn language_tag(text: &str) -> Checked {
    let Ok(tag) = LanguageTag::parse(text) else {
        return Ok(());
    };
    let s = tag.as_str();
    if s.len() > 35 || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(format!("{text:?} accepted as {s:?}"));
    }
    let primary = tag.primary();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(format!("{text:?} has primary subtag {primary:?}"));
    }
    match LanguageTag::parse(s) {
        Ok(again) if again == tag => {}
        other => return Err(format!("{s:?} parsed again gives {other:?}")),
    }
    for cased in [text.to_ascii_uppercase(), text.to_ascii_lowercase()] {
        match LanguageTag::parse(&cased) {
            Ok(other) if other == tag => {}
            other => return Err(format!("{text:?} is {s:?} but {cased:?} gives {other:?}")),
        }
    }
    Ok(())
}

fn indicator(kind: IndicatorKind, scope: Scope) -> Indicator {
    Indicator {
        id: "I".into(),
        thread_id: "T".into(),
        key: "k".into(),
        labels: Default::default(),
        kind,
        scope,
        statuses: vec![StatusOption {
            value: "government".into(),
            colour: "#1f77b4".into(),
            labels: Default::default(),
        }],
        position: 0,
        created_at: chrono::DateTime::UNIX_EPOCH,
    }
}

/// Claim values: a count read from text is non-negative and ordered, and reads back from its
/// short form; any JSON value against any kind of indicator is accepted or refused with a
/// `claims.*` field, never a panic, and an accepted value matches the indicator's kind.
pub fn claim_value(text: &str, json: Option<&serde_json::Value>) -> Checked {
    if let Some(count) = Count::parse(text) {
        let (low, high) = count.bounds();
        if low < 0 || high.is_some_and(|h| h < low) {
            return Err(format!("{text:?} read as {count:?}"));
        }
        let value = cronaca::domain::board::Value::Count { count };
        let short = value_text(&value);
        if Count::parse(&short) != Some(count) {
            return Err(format!("{count:?} shown as {short:?} does not read back"));
        }
    }
    let as_string = serde_json::Value::String(text.to_owned());
    let values = std::iter::once(&as_string).chain(json);
    for value in values {
        for kind in [
            IndicatorKind::Count,
            IndicatorKind::Status,
            IndicatorKind::Text,
        ] {
            let ind = indicator(kind, Scope::Thread);
            match ind.check_claim(None, value) {
                Ok(v) => {
                    let fits = matches!(
                        (&v, kind),
                        (
                            cronaca::domain::board::Value::Count { .. },
                            IndicatorKind::Count
                        ) | (
                            cronaca::domain::board::Value::Status { .. },
                            IndicatorKind::Status
                        ) | (
                            cronaca::domain::board::Value::Text { .. },
                            IndicatorKind::Text
                        )
                    );
                    if !fits {
                        return Err(format!("{value} on a {kind:?} indicator gave {v:?}"));
                    }
                    let _ = value_text(&v);
                }
                Err(e) if e.field.starts_with("claims.") => {}
                Err(e) => return Err(format!("{value} refused with field {:?}", e.field)),
            }
        }
    }
    Ok(())
}

/// Cursors: anything decodes to a refusal on `after` or to the asked number of parts, and
/// parts without line breaks round-trip.
pub fn cursor(text: &str, parts: usize) -> Checked {
    match page::decode_cursor(text, parts) {
        Ok(decoded) if decoded.len() != parts => {
            return Err(format!(
                "{text:?} decoded to {} parts, not {parts}",
                decoded.len()
            ));
        }
        Ok(_) => {}
        Err(e) if e.field == "after" => {}
        Err(e) => return Err(format!("{text:?} refused with field {:?}", e.field)),
    }
    let pieces: Vec<&str> = text.split('\n').collect();
    let encoded = page::encode_cursor(&pieces);
    if !encoded
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!("cursor {encoded:?} is not URL-safe"));
    }
    match page::decode_cursor(&encoded, pieces.len()) {
        Ok(back) if back == pieces => Ok(()),
        other => Err(format!(
            "{pieces:?} encoded as {encoded:?} came back as {other:?}"
        )),
    }
}

/// A `next=` target after the redirect check: the input itself or `/`, a path on this site
/// (one leading `/`, no backslash, no control characters or whitespace), a valid header value,
/// and resolved against the site it stays on the site.
pub fn next_path(next: &str, kept: &str) -> Checked {
    if kept != next && kept != "/" {
        return Err(format!(
            "{next:?} became {kept:?}, neither itself nor \"/\""
        ));
    }
    let bad = |why: &str| Err(format!("{next:?} kept as {kept:?}: {why}"));
    if !kept.starts_with('/') {
        return bad("not a path");
    }
    if kept.starts_with("//") {
        return bad("protocol-relative");
    }
    if kept.contains('\\') {
        return bad("holds a backslash");
    }
    if kept.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return bad("holds a control character or whitespace");
    }
    if http::HeaderValue::from_str(kept).is_err() {
        return bad("not a valid Location header value");
    }
    let site = url::Url::parse("https://site.example/").map_err(|e| e.to_string())?;
    match site.join(kept) {
        Ok(u) if u.host_str() == Some("site.example") && u.scheme() == "https" => Ok(()),
        Ok(u) => bad(&format!("resolves to {u}")),
        Err(e) => bad(&format!("does not resolve: {e}")),
    }
}

/// The fuzz targets' entry points: raw bytes as each target reads them, so that the property
/// test feeds the stored seeds through exactly the same decoding.
pub mod entry {
    use super::Checked;

    pub fn markup(data: &[u8]) -> Checked {
        super::markup(&String::from_utf8_lossy(data))
    }

    pub fn notes(data: &[u8]) -> Checked {
        super::translator_notes(&String::from_utf8_lossy(data))
    }

    /// The first four bytes pick the suffix number, the rest is the title.
    pub fn slug(data: &[u8]) -> Checked {
        let (n, title) = match data.split_first_chunk::<4>() {
            Some((n, rest)) => (u32::from_le_bytes(*n), rest),
            None => (2, data),
        };
        super::slugs(&String::from_utf8_lossy(title), n)
    }

    pub fn language(data: &[u8]) -> Checked {
        super::language_tag(&String::from_utf8_lossy(data))
    }

    /// The bytes as text, and as JSON when they parse.
    pub fn claim_value(data: &[u8]) -> Checked {
        let json: Option<serde_json::Value> = serde_json::from_slice(data).ok();
        super::claim_value(&String::from_utf8_lossy(data), json.as_ref())
    }

    /// The first byte picks how many parts the caller expects (1 to 4).
    pub fn cursor(data: &[u8]) -> Checked {
        let (parts, text) = match data.split_first() {
            Some((p, rest)) => (usize::from(p % 4) + 1, rest),
            None => (2, data),
        };
        super::cursor(&String::from_utf8_lossy(text), parts)
    }

    /// `local_path` is the redirect check under test.
    pub fn next(data: &[u8], local_path: impl Fn(&str) -> &str) -> Checked {
        let next = String::from_utf8_lossy(data);
        super::next_path(&next, local_path(&next))
    }

    /// A target's check of one input.
    pub type Target = fn(&[u8]) -> Checked;

    /// The targets that need nothing more than their input, by name (their seed folder).
    pub const TARGETS: &[(&str, Target)] = &[
        ("markup", markup),
        ("notes", notes),
        ("slug", slug),
        ("language", language),
        ("claim_value", claim_value),
        ("cursor", cursor),
    ];
}

/// Reads sanitized HTML as a browser would and checks every tag and attribute against
/// `allowed`; with `notes`, the notes renderer's own span is allowed too. Returns the names of
/// the tags met (start tags only). Text between tags may hold no raw `<`: the serializer
/// escapes it, so one there would start markup the sanitizer never saw.
pub fn inert_html(
    html: &str,
    allowed: &[(&str, &[&str])],
    notes: bool,
) -> Result<Vec<String>, String> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if notes && rest.starts_with(NOTE_OPEN) {
            tags.push("span".to_owned());
            rest = &rest[NOTE_OPEN.len()..];
            continue;
        }
        let bytes = rest.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 {
            return Err(format!("a '<' that starts no tag at {:?}", head(rest)));
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let attrs_allowed: &[&str] = match allowed.iter().find(|(t, _)| *t == name) {
            Some((_, a)) => a,
            None if notes && name == "span" && closing => &[],
            None => return Err(format!("tag <{name}> is not allowed")),
        };
        let mut tail = &rest[name_start + name_len..];
        if closing {
            tail = tail
                .strip_prefix('>')
                .ok_or_else(|| format!("malformed end tag at {:?}", head(rest)))?;
            rest = tail;
            continue;
        }
        tags.push(name.clone());
        loop {
            tail = tail.trim_start_matches(' ');
            if let Some(t) = tail.strip_prefix('>').or_else(|| tail.strip_prefix("/>")) {
                rest = t;
                break;
            }
            let attr_len = tail
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            if attr_len == 0 {
                return Err(format!(
                    "malformed attributes in <{name}> at {:?}",
                    head(tail)
                ));
            }
            let attr = tail[..attr_len].to_ascii_lowercase();
            if !attrs_allowed.contains(&attr.as_str()) {
                return Err(format!("attribute {attr:?} on <{name}> is not allowed"));
            }
            let value_part = tail[attr_len..]
                .strip_prefix("=\"")
                .ok_or_else(|| format!("unquoted attribute {attr:?} on <{name}>"))?;
            let end = value_part
                .find('"')
                .ok_or_else(|| format!("unterminated attribute {attr:?} on <{name}>"))?;
            let value = &value_part[..end];
            if attr == "href" {
                check_url(&decode_entities(value))?;
            }
            tail = &value_part[end + 1..];
        }
    }
    Ok(tags)
}

fn head(s: &str) -> &str {
    let end = s.char_indices().nth(40).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// A link target a browser would follow: relative, or one of the allowed schemes. Browsers drop
/// leading spaces and controls and ignore tabs and line breaks inside a scheme, so the check
/// does too.
fn check_url(href: &str) -> Checked {
    let cleaned: String = href
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // What a URL parser takes for a scheme: a letter, then letters, digits, `+`, `-` or `.`,
    // before the first `:`; anything else makes the link relative.
    if let Some(end) = cleaned.find([':', '/', '?', '#'])
        && cleaned[end..].starts_with(':')
        && cleaned.starts_with(|c: char| c.is_ascii_alphabetic())
        && cleaned[..end]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        let scheme = cleaned[..end].to_ascii_lowercase();
        if !URL_SCHEMES.contains(&scheme.as_str()) {
            return Err(format!("link to scheme {scheme:?}: {href:?}"));
        }
    }
    Ok(())
}

/// Decodes the character references an attribute value may hold.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|s| *s <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
