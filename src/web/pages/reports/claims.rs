//! The report form's claims, grouped by indicator: each group offers its own kind of value (a
//! status by its label, a count as a number, a range or "at least"), the place where the
//! indicator is per place, and one empty row more than typed, with a button for another.

use super::form::{ClaimRow, claim_value};
use crate::domain::indicator::{Indicator, IndicatorKind, Scope, pick_label};
use crate::web::pages::indicators::{status_label, value_hint};
use crate::web::session::PageCtx;

/// One row of a group: its number in the posted form and what was typed.
pub struct RowView {
    /// `claim_<field>_<idx>`; typed rows keep the number their problems are filed under.
    pub idx: String,
    pub row: ClaimRow,
}

/// The claims about one indicator.
pub struct ClaimGroup {
    pub key: String,
    pub label: String,
    pub hint: String,
    pub per_place: bool,
    pub is_status: bool,
    pub is_count: bool,
    /// A status's values: `(value, label in the reader's language)`.
    pub options: Vec<(String, String)>,
    pub rows: Vec<RowView>,
}

impl ClaimGroup {
    /// The intent of the button asking for one more row of this group.
    pub fn more(&self) -> String {
        format!("more:{}", self.key)
    }
}

/// The groups the form shows for `claims` as typed (in their posted order); `more` names the
/// group whose button was pressed, which gets an empty row more.
pub fn groups(
    ctx: &PageCtx,
    indicators: &[Indicator],
    claims: &[ClaimRow],
    more: Option<&str>,
) -> Vec<ClaimGroup> {
    let lang = ctx.i18n.code();
    let mut next = claims.len();
    indicators
        .iter()
        .map(|i| {
            let mut rows: Vec<RowView> = claims
                .iter()
                .enumerate()
                .filter(|(_, r)| r.indicator.trim() == i.key)
                .map(|(n, r)| {
                    let mut row = r.clone();
                    row.value = claim_value(i, &row.value);
                    RowView {
                        idx: n.to_string(),
                        row,
                    }
                })
                .collect();
            // One empty row after the typed ones; a second when asked for one more and none
            // was typed yet.
            let blank = if more == Some(i.key.as_str()) && rows.is_empty() {
                2
            } else {
                1
            };
            for _ in 0..blank {
                rows.push(RowView {
                    idx: next.to_string(),
                    row: ClaimRow {
                        indicator: i.key.clone(),
                        ..Default::default()
                    },
                });
                next += 1;
            }
            ClaimGroup {
                key: i.key.clone(),
                label: pick_label(&i.labels, lang, &i.key).to_owned(),
                hint: value_hint(ctx, i),
                per_place: i.scope == Scope::Place,
                is_status: i.kind == IndicatorKind::Status,
                is_count: i.kind == IndicatorKind::Count,
                options: i
                    .statuses
                    .iter()
                    .map(|s| (s.value.clone(), status_label(s, lang).to_owned()))
                    .collect(),
                rows,
            }
        })
        .collect()
}
