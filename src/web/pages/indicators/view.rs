//! What the indicator pages show, in the reader's words: kinds, scopes, status labels, the hint
//! of what a claim's value may be, and each indicator with its edit form's values.

use std::collections::BTreeMap;

use super::statuses::{StatusRow, padded, rows_from_pairs, rows_of};
use crate::domain::indicator::{Indicator, IndicatorKind, Scope, StatusOption};
use crate::web::pages::reports::Problems;
use crate::web::session::PageCtx;

pub fn kind_name(ctx: &PageCtx, kind: IndicatorKind) -> String {
    match kind {
        IndicatorKind::Count => ctx.t("indicator-kind-count"),
        IndicatorKind::Status => ctx.t("indicator-kind-status"),
        IndicatorKind::Text => ctx.t("indicator-kind-text"),
    }
}

pub fn scope_name(ctx: &PageCtx, scope: Scope) -> String {
    match scope {
        Scope::Thread => ctx.t("indicator-scope-thread"),
        Scope::Place => ctx.t("indicator-scope-place"),
    }
}

/// A status value's label in the reader's language (or its primary language), else in
/// English, else the value itself: a label in a third language would read as a typo.
pub fn status_label<'a>(s: &'a StatusOption, lang: &str) -> &'a str {
    let primary = lang.split('-').next().unwrap_or(lang);
    s.labels
        .get(lang)
        .or_else(|| s.labels.get(primary))
        .or_else(|| s.labels.get("en"))
        .map_or(&s.value, String::as_str)
}

/// What a claim's value may be, in the reader's words: "8, 5-10, at least 8" for a count, the
/// allowed values of a status.
pub fn value_hint(ctx: &PageCtx, i: &Indicator) -> String {
    match i.kind {
        IndicatorKind::Count => ctx.t("indicator-hint-count"),
        IndicatorKind::Text => ctx.t("indicator-hint-text"),
        IndicatorKind::Status => {
            let values: Vec<String> = i
                .statuses
                .iter()
                .map(|s| {
                    let label = status_label(s, ctx.i18n.code());
                    if label == s.value {
                        s.value.clone()
                    } else {
                        format!("{} ({label})", s.value)
                    }
                })
                .collect();
            ctx.i18n
                .ts("indicator-hint-status", "values", &values.join(", "))
        }
    }
}

/// One status value as the list shows it.
pub struct StatusView {
    pub value: String,
    pub colour: String,
    pub label: String,
}

/// The fields of the form that changes an indicator.
#[derive(Debug, Default, Clone)]
pub struct EditFields {
    pub label_en: String,
    pub label_it: String,
    pub label_ru: String,
    /// Status values as rows, blank ones included when shown.
    pub rows: Vec<StatusRow>,
    /// Rows posted, blank ones included: "more rows" shows one beyond.
    pub rows_seen: usize,
    pub position: String,
    /// `more` asks for one more row of values, without saving.
    pub intent: String,
}

/// The value of a posted field, empty when absent.
pub fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

impl EditFields {
    fn of(i: &Indicator) -> Self {
        let label = |l: &str| i.labels.get(l).cloned().unwrap_or_default();
        Self {
            label_en: label("en"),
            label_it: label("it"),
            label_ru: label("ru"),
            rows: padded(rows_of(&i.statuses), 0),
            rows_seen: 0,
            position: i.position.to_string(),
            intent: String::new(),
        }
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let (rows, rows_seen) = rows_from_pairs(pairs);
        Self {
            label_en: field(pairs, "label_en"),
            label_it: field(pairs, "label_it"),
            label_ru: field(pairs, "label_ru"),
            rows,
            rows_seen,
            position: field(pairs, "position"),
            intent: field(pairs, "intent"),
        }
    }

    /// The rows to show again: one more than were posted when the editor asked for more.
    pub fn shown(mut self) -> Self {
        let at_least = if self.intent == "more" {
            self.rows_seen + 1
        } else {
            0
        };
        self.rows = padded(std::mem::take(&mut self.rows), at_least);
        self
    }

    /// The labels as typed, over the stored ones: labels in other languages stay.
    pub fn labels(&self, base: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut out = base.clone();
        for (lang, text) in [
            ("en", &self.label_en),
            ("it", &self.label_it),
            ("ru", &self.label_ru),
        ] {
            if text.trim().is_empty() {
                out.remove(lang);
            } else {
                out.insert(lang.to_owned(), text.trim().to_owned());
            }
        }
        out
    }
}

pub struct IndicatorView {
    pub id: String,
    pub key: String,
    pub label: String,
    pub kind: String,
    pub scope: String,
    pub is_status: bool,
    pub statuses: Vec<StatusView>,
    pub hint: String,
    pub f: EditFields,
    pub errors: Problems,
    /// The edit form shows open: it was just posted.
    pub open: bool,
}

impl IndicatorView {
    /// The accessibility attributes of a field of this indicator's edit form (`i<n>-<field>`).
    pub fn aria(&self, n: impl std::fmt::Display, field: &str) -> String {
        self.errors.aria(&format!("i{n}-{field}"), field, true)
    }

    /// The prefix of the ids of this indicator's status rows.
    pub fn pre(&self) -> String {
        format!("e-{}", self.key)
    }

    pub fn of(ctx: &PageCtx, i: &Indicator) -> Self {
        let lang = ctx.i18n.code();
        Self {
            id: i.id.clone(),
            key: i.key.clone(),
            label: i.label(lang).to_owned(),
            kind: kind_name(ctx, i.kind),
            scope: scope_name(ctx, i.scope),
            is_status: i.kind == IndicatorKind::Status,
            statuses: i
                .statuses
                .iter()
                .map(|s| StatusView {
                    value: s.value.clone(),
                    colour: s.colour.clone(),
                    label: status_label(s, lang).to_owned(),
                })
                .collect(),
            hint: value_hint(ctx, i),
            f: EditFields::of(i),
            errors: Problems::default(),
            open: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_labels_replace_the_three_languages_and_keep_others() {
        let base = BTreeMap::from([
            ("en".to_owned(), "Old".to_owned()),
            ("kk".to_owned(), "Ескі".to_owned()),
        ]);
        let f = EditFields {
            label_en: " ".into(),
            label_it: "Nuovo".into(),
            ..Default::default()
        };
        let labels = f.labels(&base);
        assert_eq!(
            labels.into_iter().collect::<Vec<_>>(),
            [
                ("it".to_owned(), "Nuovo".to_owned()),
                ("kk".to_owned(), "Ескі".to_owned())
            ]
        );
    }
}
