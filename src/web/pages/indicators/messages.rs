//! The indicator forms' problems in the reader's words: which field a refusal belongs to, and
//! the status rows checked for the indicator's kind.

use super::statuses::{RowProblem, StatusRow, to_statuses};
use crate::domain::indicator::{Indicator, IndicatorKind, StatusOption};
use crate::web::session::PageCtx;

pub fn field_message(ctx: &PageCtx, field: &str) -> String {
    match field {
        "key" => ctx.t("indicator-error-key"),
        "kind" => ctx.t("indicator-error-kind"),
        "scope" => ctx.t("indicator-error-scope"),
        "labels" => ctx.t("indicator-error-labels"),
        "position" => ctx.t("indicator-error-position"),
        "statuses" => ctx.t("indicator-error-statuses"),
        "statuses.value" => ctx.t("indicator-error-status-twice"),
        f if f.starts_with("labels.") || f.starts_with("statuses.labels") => {
            ctx.t("indicator-error-label")
        }
        _ => ctx.t("rx-error-field"),
    }
}

/// Where a domain refusal shows: the labels' fields share one message.
pub fn field_key(field: &str) -> &str {
    match field {
        f if f.starts_with("labels") => "labels",
        f if f.starts_with("statuses") => "statuses",
        f => f,
    }
}

/// The status rows for an indicator of this kind: required for a status, refused for others.
/// `stored` are its values before the change (none for a new indicator).
pub fn typed_statuses(
    ctx: &PageCtx,
    kind: IndicatorKind,
    rows: &[StatusRow],
    stored: &[StatusOption],
) -> Result<Vec<StatusOption>, String> {
    match kind {
        IndicatorKind::Status => {
            let parsed = to_statuses(rows, stored, ctx.i18n.code()).map_err(|(n, problem)| {
                let id = match problem {
                    RowProblem::NoLabel => "indicator-error-status-label",
                    RowProblem::Colour => "indicator-error-status-colour",
                    RowProblem::Twice => "indicator-error-status-same",
                };
                ctx.i18n.ts(id, "number", &(n + 1).to_string())
            })?;
            if parsed.is_empty() {
                return Err(ctx.t("indicator-error-statuses-needed"));
            }
            if parsed.len() > crate::domain::indicator::MAX_STATUSES {
                return Err(ctx.t("indicator-error-statuses-too-many"));
            }
            Ok(parsed)
        }
        _ if rows.is_empty() => Ok(Vec::new()),
        _ => Err(ctx.t("indicator-error-statuses-not-status")),
    }
}

/// The values a refused change would have removed that the store named as in use.
pub fn in_use_message(
    ctx: &PageCtx,
    before: &Indicator,
    after: &[StatusOption],
    message: &str,
) -> String {
    let removed: Vec<&str> = before
        .statuses
        .iter()
        .map(|s| s.value.as_str())
        .filter(|v| !after.iter().any(|a| a.value == *v))
        .collect();
    let named: Vec<&str> = removed
        .iter()
        .copied()
        .filter(|v| message.contains(&format!("'{v}'")))
        .collect();
    let values = if named.is_empty() { removed } else { named };
    ctx.i18n
        .ts("indicator-error-in-use", "values", &values.join(", "))
}
