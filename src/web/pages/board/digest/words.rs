//! The words of the digest in one language.

use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use crate::i18n::I18n;

/// What the digest says in words; the figures and names it takes from the board.
pub trait DigestWords {
    /// "as of 5 January 2022, 13:00 UTC".
    fn as_of(&self, t: &DateTime<Utc>) -> String;
    /// "disputed: Ministry says 8", `n` being the number of sources behind the value.
    fn disputed_by(&self, names: &str, n: usize, value: &str) -> String;
    /// "disputed".
    fn disputed(&self) -> String;
    /// "at least 300".
    fn at_least(&self, n: i64) -> String;
    /// "+2 more indicators".
    fn more(&self, n: usize) -> String;
    /// "no figures yet".
    fn no_figures(&self) -> String;
}

impl DigestWords for I18n {
    fn as_of(&self, t: &DateTime<Utc>) -> String {
        self.ts("board-digest-as-of", "time", &self.datetime(t))
    }

    fn disputed_by(&self, names: &str, n: usize, value: &str) -> String {
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

    fn at_least(&self, n: i64) -> String {
        self.tn("digest-at-least", "count", n)
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
