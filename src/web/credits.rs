//! Credits and provenance in the reader's words, as HTML: who translated an item and for whom,
//! where a republished text first appeared. The thread page and the feeds say the same.

use chrono::Datelike;
use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::language::LanguageTag;
use crate::domain::provenance::Provenance;
use crate::domain::time::Timestamp;
use crate::domain::translation::{Credit, Rendition};
use crate::i18n::I18n;

/// A language's name in the reader's words ("Italian", "italiano", "итальянский"); the tag in
/// capitals when there is no name for it.
pub fn language_name(i18n: &I18n, tag: &LanguageTag) -> String {
    let code = tag.primary();
    let name = i18n.ts("language-name", "code", code);
    if name.is_empty() || name == code {
        tag.as_str().to_uppercase()
    } else {
        name
    }
}

/// A date without its time, in the reader's words ("5 January 2022").
pub fn date_text(i18n: &I18n, t: &Timestamp) -> String {
    day_text(i18n, t.date_naive())
}

/// A day in the reader's words ("5 January 2022").
pub fn day_text(i18n: &I18n, t: chrono::NaiveDate) -> String {
    i18n.with_args(
        "date-format",
        [
            ("day", FluentValue::from(i64::from(t.day()))),
            (
                "month",
                FluentValue::from(i18n.t(&format!("month-{}", t.month()))),
            ),
            ("year", FluentValue::from(i64::from(t.year()))),
        ],
    )
}

pub use crate::domain::markup::escape;

/// A private-use character standing for the `i`-th argument while a message is escaped.
fn marker(i: usize) -> String {
    char::from_u32(0xE100 + u32::try_from(i).unwrap_or(0))
        .unwrap_or('\u{E100}')
        .to_string()
}

/// A message whose arguments are pieces of HTML (links, times): the message's words are escaped
/// and the pieces put in as they are.
pub fn message_html<const N: usize>(
    i18n: &I18n,
    id: &str,
    args: [(&'static str, String); N],
) -> String {
    let marked: [(&'static str, FluentValue<'static>); N] =
        std::array::from_fn(|i| (args[i].0, FluentValue::from(marker(i))));
    let mut out = escape(&i18n.with_args(id, marked));
    for (i, (_, html)) in args.iter().enumerate() {
        out = out.replace(&marker(i), html);
    }
    out
}

/// A name, linked to its address when it has one.
pub fn credit_link(credit: &Credit) -> String {
    match &credit.url {
        Some(url) => format!(
            r#"<a href="{}" rel="noopener">{}</a>"#,
            escape(url),
            escape(&credit.name)
        ),
        None => escape(&credit.name),
    }
}

/// "Translated by A. Reader for Example Italia" (names linked), or "Machine translation by
/// ENGINE" for a text an engine made.
pub fn credit_html(i18n: &I18n, r: &Rendition) -> String {
    match (&r.machine, &r.publication) {
        (Some(engine), _) => message_html(
            i18n,
            "thread-machine-translated",
            [("engine", escape(engine))],
        ),
        (None, Some(p)) => message_html(
            i18n,
            "thread-translated-by-for",
            [
                ("translator", credit_link(&r.translator)),
                ("publication", credit_link(p)),
            ],
        ),
        (None, None) => message_html(
            i18n,
            "thread-translated-by",
            [("translator", credit_link(&r.translator))],
        ),
    }
}

/// The same credit naming the language, for provenance lines and feeds: "Italian translation by
/// A. Reader for Example Italia".
pub fn language_credit_html(i18n: &I18n, r: &Rendition) -> String {
    let language = escape(&language_name(i18n, &r.language));
    match (&r.machine, &r.publication) {
        (Some(engine), _) => message_html(
            i18n,
            "provenance-machine",
            [("language", language), ("engine", escape(engine))],
        ),
        (None, Some(p)) => message_html(
            i18n,
            "provenance-translation-for",
            [
                ("language", language),
                ("translator", credit_link(&r.translator)),
                ("publication", credit_link(p)),
            ],
        ),
        (None, None) => message_html(
            i18n,
            "provenance-translation",
            [
                ("language", language),
                ("translator", credit_link(&r.translator)),
            ],
        ),
    }
}

/// "Published by The Example Post on 5 January 2022 · original title “…”", the publisher linked
/// to the original address.
pub fn provenance_html(i18n: &I18n, p: &Provenance) -> String {
    let publisher = credit_link(&Credit {
        name: p.publisher.clone(),
        url: p.url.clone(),
    });
    // A day alone, when only the day is known; the day of the moment otherwise.
    let mut out = match p.published_day() {
        Some(day) => message_html(
            i18n,
            "provenance-published-on",
            [
                ("publisher", publisher),
                (
                    "date",
                    format!(
                        r#"<time datetime="{}">{}</time>"#,
                        day.format("%Y-%m-%d"),
                        escape(&day_text(i18n, day))
                    ),
                ),
            ],
        ),
        None => message_html(i18n, "provenance-published", [("publisher", publisher)]),
    };
    if let Some(t) = &p.translation {
        let translator = &t.translator;
        out.push_str(" · ");
        out.push_str(&match &t.publication {
            Some(publication) => message_html(
                i18n,
                "republication-translated-by-for",
                [
                    ("translator", credit_link(translator)),
                    ("publication", credit_link(publication)),
                ],
            ),
            None => message_html(
                i18n,
                "republication-translated-by",
                [("translator", credit_link(translator))],
            ),
        });
    }
    if let Some(title) = &p.title {
        out.push_str(" · ");
        out.push_str(&message_html(
            i18n,
            "provenance-original-title",
            [("title", escape(title))],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn messages_take_html_pieces_and_escape_their_own_words() {
        let en = I18n::new(Lang::En);
        let credit = Credit {
            name: "A <Reader>".into(),
            url: Some("https://r.example/?a=1&b=2".into()),
        };
        assert_eq!(
            message_html(
                &en,
                "thread-translated-by",
                [("translator", credit_link(&credit))]
            ),
            r#"Translated by <a href="https://r.example/?a=1&amp;b=2" rel="noopener">A &lt;Reader&gt;</a>"#
        );
        let it = I18n::new(Lang::It);
        let es = LanguageTag::parse("es").unwrap();
        assert_eq!(language_name(&it, &es), "spagnolo");
        assert_eq!(
            language_name(&it, &LanguageTag::parse("tlh").unwrap()),
            "TLH"
        );
        let t = crate::domain::time::from_db("2022-01-05T10:00:00.000000Z").unwrap();
        assert_eq!(date_text(&I18n::new(Lang::Ru), &t), "5 января 2022 г.");
    }
}
