//! Status values as form rows: a label per language and a colour from the palette; the code of
//! a new value is made from its label, the code of a stored one never changes.

use std::collections::BTreeMap;

use crate::domain::indicator::palette::{self, PALETTE};
use crate::domain::indicator::{StatusOption, code_from_label};

/// The languages a row offers a label in, in the order of its fields.
pub const ROW_LANGUAGES: [(&str, &str); 3] =
    [("en", "English"), ("it", "Italiano"), ("ru", "Русский")];
/// Blank rows a form offers after the filled ones.
const BLANK_ROWS: usize = 2;
/// At least this many rows show on a new indicator.
const MIN_ROWS: usize = 4;
/// Rows beyond this index are not read.
const MAX_ROW_INDEX: usize = 100;

/// One status value as typed (or as stored).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The stored value's code; empty for a new row, whose code comes from its label.
    pub code: String,
    /// Labels in the order of [`ROW_LANGUAGES`].
    pub labels: [String; 3],
    pub colour: String,
    /// The editor asked to remove this stored value.
    pub remove: bool,
}

impl StatusRow {
    fn is_blank(&self) -> bool {
        self.remove
            || (self.code.trim().is_empty() && self.labels.iter().all(|l| l.trim().is_empty()))
    }

    pub fn label(&self, n: impl std::borrow::Borrow<usize>) -> &str {
        self.labels.get(*n.borrow()).map_or("", String::as_str)
    }
}

/// The rows of a posted form (`status_code_<n>`, `status_label_<lang>_<n>`,
/// `status_colour_<n>`) in the order of `n`, blank ones dropped, and the highest `n` seen.
pub fn rows_from_pairs(pairs: &[(String, String)]) -> (Vec<StatusRow>, usize) {
    let mut rows: BTreeMap<usize, StatusRow> = BTreeMap::new();
    for (key, value) in pairs {
        let Some(rest) = key.strip_prefix("status_") else {
            continue;
        };
        let Some((field, n)) = rest.rsplit_once('_') else {
            continue;
        };
        let Some(n) = n.parse::<usize>().ok().filter(|n| *n < MAX_ROW_INDEX) else {
            continue;
        };
        let row = rows.entry(n).or_default();
        match field {
            "code" => row.code = value.trim().to_owned(),
            "colour" => row.colour = value.trim().to_ascii_lowercase(),
            "remove" => row.remove = !value.is_empty(),
            f => {
                let lang = f.strip_prefix("label_").unwrap_or("");
                if let Some(i) = ROW_LANGUAGES.iter().position(|(l, _)| *l == lang)
                    && let Some(slot) = row.labels.get_mut(i)
                {
                    *slot = value.clone();
                }
            }
        }
    }
    let seen = rows.keys().next_back().map_or(0, |n| n + 1);
    (rows.into_values().filter(|r| !r.is_blank()).collect(), seen)
}

/// A stored list of values as rows.
pub fn rows_of(statuses: &[StatusOption]) -> Vec<StatusRow> {
    statuses
        .iter()
        .map(|s| StatusRow {
            code: s.value.clone(),
            labels: ROW_LANGUAGES.map(|(l, _)| s.labels.get(l).cloned().unwrap_or_default()),
            colour: s.colour.clone(),
            remove: false,
        })
        .collect()
}

/// The rows a form shows: the filled ones, then blank ones (at least `at_least` rows in all),
/// each blank row with the next palette colour chosen.
pub fn padded(mut rows: Vec<StatusRow>, at_least: usize) -> Vec<StatusRow> {
    let want = (rows.len() + BLANK_ROWS).max(at_least).max(MIN_ROWS);
    while rows.len() < want {
        let colour = palette::default_colour(rows.len()).to_owned();
        rows.push(StatusRow {
            colour,
            ..Default::default()
        });
    }
    for (n, row) in rows.iter_mut().enumerate() {
        // Only a stored value keeps a colour outside the palette.
        let foreign = row.code.is_empty() && palette::swatch(&row.colour).is_none();
        if row.colour.is_empty() || foreign {
            row.colour = palette::default_colour(n).to_owned();
        }
    }
    rows
}

/// Why a row cannot become a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    /// A stored value left without any label.
    NoLabel,
    /// A colour outside the palette (and not the value's stored colour).
    Colour,
    /// Two rows with the same label.
    Twice,
}

/// The rows as the indicator's values. `stored` are the values before the change: their codes
/// stay, and so may their colours even when outside the palette. `lang` is the reader's
/// language, whose label names a new value when there is no English one.
pub fn to_statuses(
    rows: &[StatusRow],
    stored: &[StatusOption],
    lang: &str,
) -> Result<Vec<StatusOption>, (usize, RowProblem)> {
    let mut out: Vec<StatusOption> = Vec::with_capacity(rows.len());
    let mut codes: Vec<String> = stored.iter().map(|s| s.value.clone()).collect();
    for (n, row) in rows.iter().enumerate() {
        let labels: BTreeMap<String, String> = ROW_LANGUAGES
            .iter()
            .zip(&row.labels)
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|((l, _), t)| ((*l).to_owned(), t.trim().to_owned()))
            .collect();
        let before = stored
            .iter()
            .find(|s| !row.code.is_empty() && s.value == row.code);
        // A value stored without labels is named by its code; any other needs a label.
        if labels.is_empty() && before.is_none_or(|s| !s.labels.is_empty()) {
            return Err((n, RowProblem::NoLabel));
        }
        let same_label = |o: &StatusOption| {
            labels.iter().any(|(l, t)| {
                o.labels
                    .get(l)
                    .is_some_and(|x| x.to_lowercase() == t.to_lowercase())
            })
        };
        if out.iter().any(same_label) {
            return Err((n, RowProblem::Twice));
        }
        let kept_colour = before.is_some_and(|s| s.colour.eq_ignore_ascii_case(&row.colour));
        if palette::swatch(&row.colour).is_none() && !kept_colour {
            return Err((n, RowProblem::Colour));
        }
        let code = match before {
            Some(s) => s.value.clone(),
            None => {
                let name = labels
                    .get("en")
                    .or_else(|| labels.get(lang.split('-').next().unwrap_or(lang)))
                    .or_else(|| labels.values().next())
                    .map_or("", String::as_str);
                let taken: Vec<&str> = codes.iter().map(String::as_str).collect();
                let code = code_from_label(name, &taken);
                codes.push(code.clone());
                code
            }
        };
        out.push(StatusOption {
            value: code,
            colour: row.colour.clone(),
            labels,
        });
    }
    Ok(out)
}

/// The palette as a row's colour choice shows it: `(hex, Fluent id of its name)`, with a
/// stored colour outside the palette kept as a first choice.
pub fn colour_choices(row: &StatusRow) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::with_capacity(PALETTE.len() + 1);
    if !row.colour.is_empty() && palette::swatch(&row.colour).is_none() {
        out.push((row.colour.clone(), "palette-current"));
    }
    out.extend(PALETTE.iter().map(|s| (s.hex.to_owned(), s.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn option(value: &str, colour: &str, en: &str) -> StatusOption {
        StatusOption {
            value: value.into(),
            colour: colour.into(),
            labels: BTreeMap::from([("en".to_owned(), en.to_owned())]),
        }
    }

    #[test]
    fn rows_are_read_in_order_and_blank_ones_dropped() {
        let (rows, seen) = rows_from_pairs(&pairs(&[
            ("status_label_en_1", "Working"),
            ("status_colour_1", "#1B7F3B"),
            ("status_label_en_0", "Cut"),
            ("status_label_ru_0", "Отключён"),
            ("status_colour_0", "#d93b30"),
            ("status_label_en_2", " "),
            ("status_colour_2", "#3a86d4"),
            ("status_label_xx_0", "ignored"),
            ("status_colour_99999", "#000000"),
            ("status_code_3", "gone"),
            ("status_remove_3", "1"),
        ]));
        assert_eq!(seen, 4);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].labels,
            ["Cut".to_owned(), String::new(), "Отключён".to_owned()]
        );
        assert_eq!(rows[1].colour, "#1b7f3b");
        let shown = padded(rows, 0);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[2].colour, palette::default_colour(2));
        assert_eq!(padded(Vec::new(), 6).len(), 6, "one more row asked for");
    }

    #[test]
    fn new_rows_get_codes_from_their_labels_and_stored_ones_keep_theirs() {
        let stored = vec![option("lost", "#b4232a", "Lost")];
        let rows = vec![
            StatusRow {
                code: "lost".into(),
                labels: ["Lost to protesters".into(), String::new(), String::new()],
                colour: "#b4232a".into(),
                remove: false,
            },
            StatusRow {
                code: String::new(),
                labels: [String::new(), "Contesa".into(), String::new()],
                colour: "#b36b00".into(),
                remove: false,
            },
            StatusRow {
                code: String::new(),
                labels: ["Lost".into(), String::new(), String::new()],
                colour: "#1b7f3b".into(),
                remove: false,
            },
        ];
        let out = to_statuses(&rows, &stored, "it").unwrap();
        let codes: Vec<&str> = out.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(codes, ["lost", "contesa", "lost_2"]);
        assert_eq!(
            out[0].colour, "#b4232a",
            "a stored colour outside the palette stays"
        );
    }

    #[test]
    fn bad_rows_are_named() {
        let row = |en: &str, colour: &str| StatusRow {
            code: String::new(),
            labels: [en.into(), String::new(), String::new()],
            colour: colour.into(),
            remove: false,
        };
        let stored = vec![option("held", "#1b7f3b", "Held")];
        assert_eq!(
            to_statuses(&[row("Held", "#ffd400")], &[], "en"),
            Err((0, RowProblem::Colour))
        );
        assert_eq!(
            to_statuses(&[row("Held", "#1b7f3b"), row("held", "#d93b30")], &[], "en"),
            Err((1, RowProblem::Twice))
        );
        let unlabelled = StatusRow {
            code: "held".into(),
            ..row("", "#1b7f3b")
        };
        assert_eq!(
            to_statuses(&[unlabelled], &stored, "en"),
            Err((0, RowProblem::NoLabel))
        );
        assert_eq!(colour_choices(&row("x", "#123456"))[0].1, "palette-current");
        assert_eq!(colour_choices(&row("x", "#d93b30")).len(), PALETTE.len());
    }
}
