//! The digest's text at decreasing levels of detail, and the first one that fits the budget of
//! SMS segments.
//!
//! Disputes are what a reader most needs, so they go last: first source names are shortened
//! and fewer are listed ("Free Radio +2"), then the title is shortened, then places that are
//! not disputed lose their sources, then whole indicators are left out ("+2 more"), those
//! without a dispute before those with one; as a last resort the text is cut with "...".
//! The address, when there is one, is always kept.

use super::shorten::{short_name, shorten};
use super::words::DigestWords;
use crate::domain::board::{Agreement, Count, Value};
use crate::domain::indicator::{IndicatorKind, Scope};
use crate::domain::situation::{EntryView, IndicatorView, PositionView, Situation};
use crate::domain::sms::{self, Cost};
use crate::domain::source::SourceRef;

/// How many segments a digest may cost unless the reader asks for another budget.
pub const DEFAULT_SEGMENTS: usize = 3;
/// The most segments a reader may ask for.
pub const MAX_SEGMENTS: usize = 10;
/// An address longer than this would crowd out the figures; it is left out.
const MAX_URL: usize = 200;
/// Once indicators are being left out, a line longer than this is cut first.
const LONGEST_LINE: usize = 160;

/// Which characters the digest may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// The text as written (the digest's own punctuation is GSM-7 anyway, so a digest in a
    /// Latin script costs GSM-7 segments unless a name or label needs more).
    #[default]
    Unicode,
    /// GSM-7 characters only: other scripts transliterated, typographic marks made plain.
    Gsm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub charset: Charset,
    /// The most SMS segments the digest may cost.
    pub segments: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            charset: Charset::Unicode,
            segments: DEFAULT_SEGMENTS,
        }
    }
}

/// The digest and what it costs as an SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub text: String,
    pub cost: Cost,
}

/// How much each line says.
#[derive(Debug, Clone, Copy)]
struct Detail {
    /// Sources named per value; the rest are counted ("+2").
    names: usize,
    /// The longest a source's name may be before it is shortened.
    name_chars: usize,
    title_chars: Option<usize>,
    /// Whether places that are not disputed name their sources.
    place_sources: bool,
}

const LEVELS: [Detail; 5] = [
    Detail {
        names: 3,
        name_chars: 32,
        title_chars: None,
        place_sources: true,
    },
    Detail {
        names: 2,
        name_chars: 20,
        title_chars: None,
        place_sources: true,
    },
    Detail {
        names: 1,
        name_chars: 16,
        title_chars: Some(48),
        place_sources: true,
    },
    Detail {
        names: 1,
        name_chars: 16,
        title_chars: Some(48),
        place_sources: false,
    },
    LEAST,
];

const LEAST: Detail = Detail {
    names: 1,
    name_chars: 12,
    title_chars: Some(32),
    place_sources: false,
};

/// The digest of `situation` for a thread titled `title`, ending with its absolute address
/// when there is one, within `options.segments` SMS segments.
pub fn digest(
    title: &str,
    situation: &Situation,
    url: Option<&str>,
    words: &dyn DigestWords,
    options: Options,
) -> Digest {
    let fit = Fit::new(url, options);
    for detail in LEVELS {
        let mut body = vec![header(title, situation, detail, words)];
        body.extend(
            figure_lines(situation, detail, words)
                .into_iter()
                .map(|l| l.1),
        );
        if let Some(done) = fit.check(&body.join("\n")) {
            return done;
        }
    }
    let head = header(title, situation, LEAST, words);
    let lines: Vec<(bool, String)> = figure_lines(situation, LEAST, words)
        .into_iter()
        .map(|(disputed, line)| (disputed, shorten(&line, LONGEST_LINE)))
        .collect();
    // Indicators without a dispute go first, from the end; then the disputed ones.
    let order: Vec<usize> = lines
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| !l.0)
        .chain(lines.iter().enumerate().rev().filter(|(_, l)| l.0))
        .map(|(i, _)| i)
        .collect();
    let mut last = head.clone();
    for dropped in 1..=lines.len() {
        let gone = &order[..dropped.min(order.len())];
        let mut body = vec![head.clone()];
        body.extend(
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !gone.contains(i))
                .map(|(_, l)| l.1.clone()),
        );
        body.push(words.more(dropped));
        last = body.join("\n");
        if let Some(done) = fit.check(&last) {
            return done;
        }
    }
    fit.cut(&last)
}

/// The budget and how the text is finished: its characters, then the address.
struct Fit<'a> {
    url: Option<&'a str>,
    options: Options,
}

impl<'a> Fit<'a> {
    fn new(url: Option<&'a str>, options: Options) -> Self {
        let url = url.map(str::trim).filter(|u| {
            !u.is_empty()
                && u.chars().count() <= MAX_URL
                && (options.charset == Charset::Unicode || u.chars().all(sms::is_gsm))
                && sms::cost(u).segments <= options.segments
        });
        Self { url, options }
    }

    fn finish(&self, body: &str) -> String {
        let body = match self.options.charset {
            Charset::Unicode => body.trim().to_owned(),
            Charset::Gsm => sms::to_gsm(body.trim()),
        };
        match (self.url, body.is_empty()) {
            (Some(url), true) => url.to_owned(),
            (Some(url), false) => format!("{body}\n{url}"),
            (None, _) => body,
        }
    }

    fn check(&self, body: &str) -> Option<Digest> {
        let text = self.finish(body);
        let cost = sms::cost(&text);
        (cost.segments <= self.options.segments).then_some(Digest { text, cost })
    }

    /// `body` cut with "..." until it fits.
    fn cut(&self, body: &str) -> Digest {
        let mut max = body.chars().count();
        loop {
            let short = shorten(body, max);
            let text = self.finish(&short);
            let cost = sms::cost(&text);
            if cost.segments <= self.options.segments || max == 0 {
                return Digest { text, cost };
            }
            let room = sms::capacity(cost.encoding, self.options.segments);
            let over = cost.units.saturating_sub(room).max(1);
            max = max.saturating_sub(over);
        }
    }
}

fn header(title: &str, situation: &Situation, detail: Detail, words: &dyn DigestWords) -> String {
    let title = match detail.title_chars {
        Some(max) => shorten(title.trim(), max),
        None => title.trim().to_owned(),
    };
    let when = match situation.as_of {
        Some(t) => words.as_of(&t),
        None => words.no_figures(),
    };
    if title.is_empty() {
        when
    } else {
        format!("{title} - {when}")
    }
}

/// Each indicator's line, with whether it holds a dispute.
fn figure_lines(
    situation: &Situation,
    detail: Detail,
    words: &dyn DigestWords,
) -> Vec<(bool, String)> {
    situation
        .indicators
        .iter()
        .filter(|i| !i.entries.is_empty())
        .map(|i| {
            let disputed = i.entries.iter().any(|e| e.agreement == Agreement::Disputed);
            let line = match i.scope {
                Scope::Thread => thread_line(i, detail, words),
                Scope::Place if i.kind == IndicatorKind::Status => status_line(i, detail, words),
                Scope::Place => place_values_line(i, detail, words),
            };
            (disputed, line)
        })
        .collect()
}

/// The value in the digest's words: "5-10", "at least 300", a status label, a text.
fn value(p: &PositionView, words: &dyn DigestWords) -> String {
    match &p.value {
        Value::Count { count } => match count {
            Count::Exact { n } => n.to_string(),
            Count::Range { low, high } => format!("{low}-{high}"),
            Count::AtLeast { n } => words.at_least(*n),
        },
        _ => p.text.clone(),
    }
}

/// "Free Radio, Steppe Agency +1".
fn names(sources: &[SourceRef], detail: Detail) -> String {
    let shown: Vec<String> = sources
        .iter()
        .take(detail.names.max(1))
        .map(|s| short_name(&s.name, detail.name_chars))
        .collect();
    let mut out = shown.join(", ");
    let rest = sources.len() - shown.len();
    if rest > 0 {
        out.push_str(&format!(" +{rest}"));
    }
    out
}

/// What is said about an entry's value: its sources (unless `with_sources` is off) and every
/// competing value with its sources.
fn notes(entry: &EntryView, detail: Detail, with_sources: bool, words: &dyn DigestWords) -> String {
    let mut notes = Vec::new();
    if with_sources && !entry.current.sources.is_empty() {
        notes.push(names(&entry.current.sources, detail));
    }
    if entry.agreement == Agreement::Disputed {
        for p in entry.positions.iter().skip(1) {
            let value = value(p, words);
            notes.push(if p.sources.is_empty() {
                format!("{}: {value}", words.disputed())
            } else {
                words.disputed_by(&names(&p.sources, detail), p.sources.len(), &value)
            });
        }
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    }
}

/// "Police dead: 12 (Free Radio; disputed: Steppe Agency, Ministry say 8)".
fn thread_line(ind: &IndicatorView, detail: Detail, words: &dyn DigestWords) -> String {
    let Some(entry) = ind.entries.first() else {
        return String::new();
    };
    format!(
        "{}: {}{}",
        ind.label,
        value(&entry.current, words),
        notes(entry, detail, true, words)
    )
}

/// "Control: government Astana (Ministry), Shymkent (Agency); protesters Almaty (Witness;
/// disputed: Ministry says government)", statuses in the indicator's order.
fn status_line(ind: &IndicatorView, detail: Detail, words: &dyn DigestWords) -> String {
    let mut groups: Vec<(usize, String, Vec<String>)> = Vec::new();
    for entry in &ind.entries {
        let Some(place) = &entry.place else { continue };
        let rank = match &entry.current.value {
            Value::Status { value } => ind
                .statuses
                .iter()
                .position(|s| &s.value == value)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        let name = format!(
            "{}{}",
            place.name,
            notes(entry, detail, detail.place_sources, words)
        );
        match groups.iter_mut().find(|g| g.1 == entry.current.text) {
            Some(g) => g.2.push(name),
            None => groups.push((rank, entry.current.text.clone(), vec![name])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let parts: Vec<String> = groups
        .iter()
        .map(|(_, status, places)| format!("{status} {}", places.join(", ")))
        .collect();
    format!("{}: {}", ind.label, parts.join("; "))
}

/// "Injured: Almaty 5 (Ministry), Astana 3 (Agency; disputed: Radio says 4)".
fn place_values_line(ind: &IndicatorView, detail: Detail, words: &dyn DigestWords) -> String {
    let parts: Vec<String> = ind
        .entries
        .iter()
        .map(|e| {
            let place = e.place.as_ref().map_or("", |p| p.name.as_str());
            format!(
                "{place} {}{}",
                value(&e.current, words),
                notes(e, detail, detail.place_sources, words)
            )
        })
        .collect();
    format!("{}: {}", ind.label, parts.join(", "))
}
