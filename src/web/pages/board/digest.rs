//! The board as one plain-text message short enough for an SMS or a chat: title, as-of time,
//! every indicator's current value (with the competing value when disputed), places grouped by
//! status, and the thread's address.
//!
//! The text is built at decreasing levels of detail until it fits: source counts go first, then
//! the names behind a dispute, then the title is shortened, then indicators are dropped from
//! the end ("+2 more"), and as a last resort the text is cut with "…". The address is kept.

use chrono::{DateTime, Utc};

use crate::domain::board::{Agreement, Value};
use crate::domain::indicator::{IndicatorKind, Scope};
use crate::domain::situation::{IndicatorView, Situation};
use crate::i18n::I18n;

/// The digest stays under 480 characters (Unicode scalar values, not bytes).
pub const MAX_CHARS: usize = 479;
/// An address longer than this would crowd out the figures; it is left out.
const MAX_URL: usize = 200;
const SHORT_TITLE: usize = 48;
const SHORT_LINE: usize = 140;

/// The words of the digest in one language.
pub trait DigestWords {
    /// "as of 5 January 2022, 13:00 UTC".
    fn as_of(&self, t: &DateTime<Utc>) -> String;
    /// "3 sources".
    fn sources(&self, n: usize) -> String;
    /// "disputed: Ministry says 8", `n` being the number of sources named.
    fn disputed_by(&self, names: &str, n: usize, value: &str) -> String;
    /// "disputed".
    fn disputed(&self) -> String;
    /// "+2 more".
    fn more(&self, n: usize) -> String;
    /// "no figures yet".
    fn no_figures(&self) -> String;
}

impl DigestWords for I18n {
    fn as_of(&self, t: &DateTime<Utc>) -> String {
        self.ts("board-digest-as-of", "time", &self.datetime(t))
    }

    fn sources(&self, n: usize) -> String {
        self.tn("board-digest-sources", "count", count(n))
    }

    fn disputed_by(&self, names: &str, n: usize, value: &str) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        self.with_args(
            "board-digest-disputed-by",
            [
                ("names", FluentValue::from(names.to_owned())),
                ("count", FluentValue::from(count(n))),
                ("value", FluentValue::from(value.to_owned())),
            ],
        )
    }

    fn disputed(&self) -> String {
        self.t("board-digest-disputed")
    }

    fn more(&self, n: usize) -> String {
        self.tn("board-digest-more", "count", count(n))
    }

    fn no_figures(&self) -> String {
        self.t("board-digest-no-figures")
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// How much each line says; each level says less than the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Detail {
    Full,
    NoSourceCounts,
    NoDisputeNames,
    Short,
}

/// The digest of `situation` for a thread titled `title` at `url` (absolute or relative).
pub fn digest(title: &str, situation: &Situation, url: &str, words: &dyn DigestWords) -> String {
    let url = url.trim();
    let url = if url.chars().count() <= MAX_URL {
        url
    } else {
        ""
    };
    for detail in [Detail::Full, Detail::NoSourceCounts, Detail::NoDisputeNames] {
        let mut body = vec![header(title, situation, detail, words)];
        body.extend(lines(situation, detail, words));
        let text = assemble(&body, url);
        if text.chars().count() <= MAX_CHARS {
            return text;
        }
    }
    let head = header(title, situation, Detail::Short, words);
    let lines = lines(situation, Detail::Short, words);
    // Drop indicators from the end until the message fits, saying how many were left out.
    for kept in (1..=lines.len()).rev() {
        let mut body = vec![head.clone()];
        body.extend(lines.iter().take(kept).cloned());
        if kept < lines.len() {
            body.push(words.more(lines.len() - kept));
        }
        let text = assemble(&body, url);
        if text.chars().count() <= MAX_CHARS {
            return text;
        }
    }
    let mut body = vec![head];
    body.extend(lines);
    cut_to_fit(&body, url)
}

fn assemble(body: &[String], url: &str) -> String {
    let mut text = body.join("\n");
    if !url.is_empty() {
        text.push('\n');
        text.push_str(url);
    }
    text
}

/// The body cut with "…" so that, with the address, it stays within the limit.
fn cut_to_fit(body: &[String], url: &str) -> String {
    let reserve = if url.is_empty() {
        0
    } else {
        url.chars().count() + 1
    };
    let room = MAX_CHARS.saturating_sub(reserve);
    let text = shorten(&body.join("\n"), room);
    let text = if text.trim().is_empty() {
        String::new()
    } else {
        text
    };
    match (text.is_empty(), url.is_empty()) {
        (true, _) => url.to_owned(),
        (false, true) => text,
        (false, false) => format!("{text}\n{url}"),
    }
}

/// `text` in at most `max` characters, cut at a word boundary when one is near, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut
        .rfind([' ', '\n', ',', ';'])
        .filter(|&i| cut[..i].chars().count() * 4 >= (max - 1) * 3)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches([' ', ',', ';', '\n', '—', '-'])
    )
}

fn header(title: &str, situation: &Situation, detail: Detail, words: &dyn DigestWords) -> String {
    let title = if detail == Detail::Short {
        shorten(title.trim(), SHORT_TITLE)
    } else {
        title.trim().to_owned()
    };
    match situation.as_of {
        Some(t) => format!("{title} — {}", words.as_of(&t)),
        None => format!("{title} — {}", words.no_figures()),
    }
}

fn lines(situation: &Situation, detail: Detail, words: &dyn DigestWords) -> Vec<String> {
    let lines = situation
        .indicators
        .iter()
        .filter(|i| !i.entries.is_empty())
        .map(|i| match i.scope {
            Scope::Thread => thread_line(i, detail, words),
            Scope::Place if i.kind == IndicatorKind::Status => status_line(i, detail, words),
            Scope::Place => place_values_line(i, detail, words),
        });
    if detail == Detail::Short {
        lines.map(|l| shorten(&l, SHORT_LINE)).collect()
    } else {
        lines.collect()
    }
}

/// "Police dead: 12 (1 source; disputed: Ministry, Agency say 8)".
fn thread_line(ind: &IndicatorView, detail: Detail, words: &dyn DigestWords) -> String {
    let Some(entry) = ind.entries.first() else {
        return String::new();
    };
    let mut notes = Vec::new();
    if detail == Detail::Full {
        notes.push(words.sources(entry.current.sources.len()));
    }
    if entry.agreement == Agreement::Disputed {
        let others = entry.positions.iter().skip(1);
        if detail <= Detail::NoSourceCounts {
            for p in others {
                let names: Vec<&str> = p.sources.iter().map(|s| s.name.as_str()).collect();
                notes.push(words.disputed_by(&names.join(", "), names.len(), &p.text));
            }
        } else {
            let values: Vec<&str> = others.map(|p| p.text.as_str()).collect();
            notes.push(format!("{}: {}", words.disputed(), values.join(" / ")));
        }
    }
    let mut line = format!("{}: {}", ind.label, entry.current.text);
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join("; ")));
    }
    line
}

/// "Control: protesters Almaty, Aktobe; government Astana, Shymkent", statuses in the
/// indicator's order.
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
        let name = if entry.agreement == Agreement::Disputed && detail <= Detail::NoDisputeNames {
            format!("{} ({})", place.name, words.disputed())
        } else {
            place.name.clone()
        };
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

/// "Injured: Almaty 5, Astana 3 (disputed)".
fn place_values_line(ind: &IndicatorView, detail: Detail, words: &dyn DigestWords) -> String {
    let parts: Vec<String> = ind
        .entries
        .iter()
        .map(|e| {
            let place = e.place.as_ref().map_or("", |p| p.name.as_str());
            let mut part = format!("{place} {}", e.current.text);
            if e.agreement == Agreement::Disputed && detail <= Detail::NoDisputeNames {
                part.push_str(&format!(" ({})", words.disputed()));
            }
            part
        })
        .collect();
    format!("{}: {}", ind.label, parts.join(", "))
}

#[cfg(test)]
mod tests;
