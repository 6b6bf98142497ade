//! Interface languages: Fluent messages compiled into the binary, and the choice of language
//! for a request (`?lang=`, then the cookie, then `Accept-Language`, then the site default).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, Timelike};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use crate::domain::time::Timestamp;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks would end up inside HTML attributes and feed titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    It,
    Ru,
}

static IDS: LazyLock<[LanguageIdentifier; 3]> =
    LazyLock::new(|| [Lang::En, Lang::It, Lang::Ru].map(|l| l.code().parse().unwrap_or_default()));

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::It, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::It => "Italiano",
            Lang::Ru => "Русский",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        &IDS[self as usize]
    }

    /// Matches a language tag by its primary subtag ("it-CH" → Italian).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// The interface language of a request, in order of precedence.
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    default: Lang,
) -> Lang {
    query
        .and_then(Lang::from_tag)
        .or_else(|| cookie.and_then(Lang::from_tag))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(default)
}

/// The best supported language of an `Accept-Language` header, by its q-values. The matching
/// of tags (regions, scripts, likely subtags) is fluent-langneg's, which reads only their
/// order: the ranges are put in q-value order first, and those refused (`q=0`) left out.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(f32, LanguageIdentifier)> = header
        .split(',')
        .filter_map(|part| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim().parse::<LanguageIdentifier>().ok()?;
            let q = bits
                .find_map(|b| b.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, tag))
        })
        .collect();
    // Highest q first; the sort is stable, so equals keep the order the client gave.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    let requested: Vec<LanguageIdentifier> = ranges.into_iter().map(|(_, tag)| tag).collect();
    let best =
        *negotiate_languages(&requested, &*IDS, None, NegotiationStrategy::Lookup).first()?;
    Lang::ALL.into_iter().find(|l| l.id() == best)
}

/// Messages of one language, as templates and handlers use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn t(&self, id: &str) -> String {
        LOCALES.lookup(self.lang.id(), id)
    }

    /// A message with one argument that is a number (plural rules apply).
    /// Templates pass numbers by reference, code by value: both are taken.
    pub fn tn(&self, id: &str, name: &'static str, n: impl std::borrow::Borrow<i64>) -> String {
        self.with_args(id, [(name, FluentValue::from(*n.borrow()))])
    }

    /// A message with one text argument.
    pub fn ts(&self, id: &str, name: &'static str, value: &str) -> String {
        self.with_args(id, [(name, FluentValue::from(value.to_owned()))])
    }

    pub fn with_args<const N: usize>(
        &self,
        id: &str,
        args: [(&'static str, FluentValue<'static>); N],
    ) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect();
        LOCALES.lookup_with_args(self.lang.id(), id, &args)
    }

    /// An absolute time in words of this language, in UTC ("25 November 2026, 04:13 UTC"); the
    /// page script rewrites it into the reader's own time zone.
    pub fn datetime(&self, t: &Timestamp) -> String {
        let month = self.t(&format!("month-{}", t.month()));
        self.with_args(
            "datetime-format",
            [
                ("day", FluentValue::from(i64::from(t.day()))),
                ("month", FluentValue::from(month)),
                ("year", FluentValue::from(i64::from(t.year()))),
                (
                    "time",
                    FluentValue::from(format!("{:02}:{:02}", t.hour(), t.minute())),
                ),
            ],
        )
    }

    /// A whole number with this language's digit grouping (1,234 · 1.234 · 1 234).
    pub fn number(&self, n: i64) -> String {
        let sep = match self.lang {
            Lang::En => ",",
            Lang::It => ".",
            Lang::Ru => "\u{a0}",
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_beats_cookie_beats_header_beats_default() {
        assert_eq!(
            negotiate(Some("it"), Some("ru"), Some("en"), Lang::En),
            Lang::It
        );
        assert_eq!(negotiate(None, Some("ru"), Some("it"), Lang::En), Lang::Ru);
        assert_eq!(
            negotiate(None, None, Some("it-CH,it;q=0.9"), Lang::En),
            Lang::It
        );
        assert_eq!(negotiate(Some("xx"), None, None, Lang::Ru), Lang::Ru);
    }

    #[test]
    fn accept_language_follows_q_values() {
        assert_eq!(
            from_accept_language("de, ru;q=0.5, it;q=0.8"),
            Some(Lang::It)
        );
        assert_eq!(from_accept_language("fr, de"), None);
        assert_eq!(from_accept_language("en;q=0, ru"), Some(Lang::Ru));
        assert_eq!(
            from_accept_language("ru-RU;q=0.4, en-GB;q=0.9"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("it_CH;q=0.7, *;q=0.9"), Some(Lang::It));
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn plural_rules_follow_the_language() {
        let ru = I18n::new(Lang::Ru);
        assert_ne!(
            ru.tn("new-updates", "count", 1),
            ru.tn("new-updates", "count", 5)
        );
        assert_ne!(
            ru.tn("new-updates", "count", 2),
            ru.tn("new-updates", "count", 5)
        );
        let en = I18n::new(Lang::En);
        assert_eq!(en.tn("new-updates", "count", 1), "1 new update");
        assert_eq!(en.tn("new-updates", "count", 3), "3 new updates");
    }

    #[test]
    fn dates_and_numbers_are_written_per_language() {
        let t = crate::domain::time::from_db("2026-11-05T09:07:00.000000Z").unwrap();
        assert_eq!(
            I18n::new(Lang::En).datetime(&t),
            "5 November 2026, 09:07 UTC"
        );
        assert_eq!(
            I18n::new(Lang::It).datetime(&t),
            "5 novembre 2026, 09:07 UTC"
        );
        assert_eq!(
            I18n::new(Lang::Ru).datetime(&t),
            "5 ноября 2026 г., 09:07 UTC"
        );
        assert_eq!(I18n::new(Lang::En).number(1234567), "1,234,567");
        assert_eq!(I18n::new(Lang::It).number(1234), "1.234");
        assert_eq!(I18n::new(Lang::Ru).number(-1234), "-1\u{a0}234");
    }
}
