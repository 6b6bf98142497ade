//! Moments said in whole phrases of the reader's language. "As of" followed by "5 minutes
//! ago" is not a sentence in Italian or Russian, so a phrase about a moment comes in two whole
//! forms from the locale files: `key` with `$when` (the date and time) and `key-ago` with `$ago`
//! (the time relative to now). The page carries both for its script, which fills in the
//! reader's zone and the time since; without the script the first form is shown as rendered.

use crate::domain::markup::escape;
use crate::domain::time::{self, Timestamp};
use crate::web::session::PageCtx;

/// What the page script puts in place of the relative time and of the absolute one.
const AGO: &str = "{ago}";
const WHEN: &str = "{when}";

impl PageCtx {
    /// The phrase `key` about the moment `iso`, written `text` in words, as a `<time>` element.
    pub fn timed(&self, key: &str, iso: impl AsRef<str>, text: impl AsRef<str>) -> String {
        let (iso, text) = (iso.as_ref(), text.as_ref());
        let at = self.i18n.ts(key, "when", WHEN);
        let ago = self.i18n.ts(&format!("{key}-ago"), "ago", AGO);
        format!(
            "<time datetime=\"{}\" data-at=\"{}\" data-ago=\"{}\">{}</time>",
            escape(iso),
            escape(&at),
            escape(&ago),
            escape(&at.replace(WHEN, text))
        )
    }

    /// The same for a timestamp.
    pub fn timed_at(&self, key: &str, t: &Timestamp) -> String {
        self.timed(key, time::iso(t), self.i18n.datetime(t))
    }
}

/// The phrases about a moment the pages use.
#[cfg(test)]
const KEYS: [&str; 5] = [
    "board-as-of",
    "home-last-update",
    "report-edited",
    "board-report-occurred",
    "board-report-received",
];

#[cfg(test)]
mod tests {
    use crate::i18n::{I18n, Lang};
    use crate::web::session::PageCtx;

    fn ctx(lang: Lang) -> PageCtx {
        let mut ctx = PageCtx::anonymous("/");
        ctx.i18n = I18n::new(lang);
        ctx
    }

    #[test]
    fn a_moment_is_one_phrase_in_each_language() {
        let it = ctx(Lang::It).timed("board-as-of", "2026-12-03T10:00:00Z", "3 dicembre");
        assert_eq!(
            it,
            "<time datetime=\"2026-12-03T10:00:00Z\" data-at=\"Aggiornato al {when}\" \
             data-ago=\"Aggiornato {ago}\">Aggiornato al 3 dicembre</time>"
        );
        let ru = ctx(Lang::Ru).timed("board-as-of", "x", "3 декабря");
        assert!(ru.contains("data-ago=\"Обновлено {ago}\""), "{ru}");
        assert!(ru.ends_with(">По состоянию на 3 декабря</time>"), "{ru}");
    }

    #[test]
    fn words_in_the_phrase_are_escaped() {
        let en = ctx(Lang::En).timed("report-edited", "\"><b>", "<i>");
        assert!(!en.contains("<b>") && !en.contains("<i>"), "{en}");
    }

    #[test]
    fn every_phrase_about_a_moment_has_both_forms_everywhere() {
        for lang in [Lang::En, Lang::It, Lang::Ru] {
            for key in super::KEYS {
                let html = ctx(lang).timed(key, "x", "T");
                assert!(
                    html.contains("{when}") && html.contains("{ago}") && html.contains(">"),
                    "{lang:?} {key}: {html}"
                );
                assert!(!html.contains(key), "{lang:?} {key} is missing: {html}");
            }
        }
    }
}
