//! Status values typed one a line (`value #rrggbb label`), read into the indicator's list and
//! written back the same way.

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::indicator::StatusOption;
use crate::domain::language::LanguageTag;
use crate::web::session::PageCtx;

/// Why a line of status values was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// No `#rrggbb` after the value.
    NoColour,
    NoValue,
    BadColour(String),
    /// Two labels in one language.
    LabelTwice(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Counted from 1, blank lines included, as the editor sees them.
    pub line: usize,
    pub problem: LineProblem,
}

/// A language code before `=` in a label ("it=Governo"), normalized; `None` when the text
/// before `=` is not one, so the `=` belongs to the label.
fn label_language(text: &str) -> Option<String> {
    let t = text.trim();
    let short = t.len() <= 12 && !t.contains(char::is_whitespace);
    short
        .then(|| LanguageTag::parse(t).ok())
        .flatten()
        .map(|tag| tag.as_str().to_owned())
}

fn is_colour(word: &str) -> bool {
    word.len() == 7 && word.starts_with('#') && word.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

/// Reads status values typed one a line: `value #rrggbb label`, the label optional, and
/// labels in several languages as `en=Government | it=Governo`. A label without a language
/// is in `default_lang`. Blank lines are skipped.
pub fn parse_status_lines(text: &str, default_lang: &str) -> Result<Vec<StatusOption>, LineError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let fail = |problem| LineError {
            line: i + 1,
            problem,
        };
        let words: Vec<&str> = raw.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let at = words
            .iter()
            .position(|w| w.starts_with('#'))
            .ok_or_else(|| fail(LineProblem::NoColour))?;
        let (value, rest) = words.split_at(at);
        let Some((colour, label_words)) = rest.split_first() else {
            return Err(fail(LineProblem::NoColour));
        };
        if value.is_empty() {
            return Err(fail(LineProblem::NoValue));
        }
        if !is_colour(colour) {
            return Err(fail(LineProblem::BadColour((*colour).to_owned())));
        }
        let mut labels = BTreeMap::new();
        for part in label_words.join(" ").split('|') {
            let part = part.trim();
            let (lang, label) = match part.split_once('=') {
                Some((lang, label)) => match label_language(lang) {
                    Some(lang) => (lang, label.trim()),
                    None => (default_lang.to_owned(), part),
                },
                None => (default_lang.to_owned(), part),
            };
            if label.is_empty() {
                continue;
            }
            if labels.insert(lang.clone(), label.to_owned()).is_some() {
                return Err(fail(LineProblem::LabelTwice(lang)));
            }
        }
        out.push(StatusOption {
            value: value.join(" "),
            colour: colour.to_ascii_lowercase(),
            labels,
        });
    }
    Ok(out)
}

/// Status values written back as lines, in the form `parse_status_lines` reads.
pub fn status_lines(statuses: &[StatusOption]) -> String {
    statuses
        .iter()
        .map(|s| {
            let labels: Vec<String> = s.labels.iter().map(|(l, t)| format!("{l}={t}")).collect();
            if labels.is_empty() {
                format!("{} {}", s.value, s.colour)
            } else {
                format!("{} {} {}", s.value, s.colour, labels.join(" | "))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn message(ctx: &PageCtx, e: &LineError) -> String {
    let line = || ("line", FluentValue::from(e.line as i64));
    let text = |t: &str| ("text", FluentValue::from(t.to_owned()));
    let i18n = &ctx.i18n;
    match &e.problem {
        LineProblem::NoColour => i18n.with_args("indicator-line-no-colour", [line()]),
        LineProblem::NoValue => i18n.with_args("indicator-line-no-value", [line()]),
        LineProblem::BadColour(c) => i18n.with_args("indicator-line-bad-colour", [line(), text(c)]),
        LineProblem::LabelTwice(l) => {
            i18n.with_args("indicator-line-label-twice", [line(), text(l)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(value: &str, colour: &str, labels: &[(&str, &str)]) -> StatusOption {
        StatusOption {
            value: value.into(),
            colour: colour.into(),
            labels: labels
                .iter()
                .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn status_lines_are_read_with_their_labels() {
        let text = "government #1F77B4 Government\n\n  protesters  #d62728 \
                    en=Protesters | it=Manifestanti | ru=Протестующие\ncontested area #ff7f0e";
        let parsed = parse_status_lines(text, "en").unwrap();
        assert_eq!(
            parsed,
            [
                option("government", "#1f77b4", &[("en", "Government")]),
                option(
                    "protesters",
                    "#d62728",
                    &[
                        ("en", "Protesters"),
                        ("it", "Manifestanti"),
                        ("ru", "Протестующие")
                    ]
                ),
                option("contested area", "#ff7f0e", &[]),
            ]
        );
        let italian = parse_status_lines("governo #1f77b4 Governo", "it").unwrap();
        assert_eq!(italian[0].labels["it"], "Governo");
        let with_equals = parse_status_lines("x #000000 a = b", "en").unwrap();
        assert_eq!(with_equals[0].labels["en"], "a = b");
    }

    #[test]
    fn bad_status_lines_name_their_line() {
        let err = |text: &str| parse_status_lines(text, "en").unwrap_err();
        assert_eq!(
            err("government #1f77b4\nprotesters red"),
            LineError {
                line: 2,
                problem: LineProblem::NoColour
            }
        );
        assert_eq!(err("#1f77b4 Government").problem, LineProblem::NoValue);
        assert_eq!(
            err("a #12345 A").problem,
            LineProblem::BadColour("#12345".into())
        );
        assert_eq!(
            err("a #123456 en=A | en=B").problem,
            LineProblem::LabelTwice("en".into())
        );
        assert_eq!(err("\n\na #zzzzzz").line, 3);
    }

    #[test]
    fn status_lines_round_trip() {
        let statuses = vec![
            option(
                "government",
                "#1f77b4",
                &[("en", "Government"), ("it", "Governo")],
            ),
            option("contested", "#ff7f0e", &[]),
        ];
        let text = status_lines(&statuses);
        assert_eq!(
            text,
            "government #1f77b4 en=Government | it=Governo\ncontested #ff7f0e"
        );
        assert_eq!(parse_status_lines(&text, "ru").unwrap(), statuses);
    }
}
