//! The report form turned into a report input: every place resolved and every claim checked
//! against the thread's indicators, each problem tied to its field.

use super::Problems;
use super::form::{ReportFields, claim_value, parse_datetime};
use crate::domain::indicator::{Indicator, IndicatorKind, NewClaim, Scope};
use crate::domain::place::PlaceRef;
use crate::domain::report::NewReport;
use crate::store::{StoreReads, StoreResult};
use crate::web::pages::indicators::status_label;
use crate::web::pages::places::{self, Found};
use crate::web::session::PageCtx;

/// The form's input for the domain, the places it resolved, and its problems.
pub struct Checked {
    pub input: Option<NewReport>,
    pub found: Vec<Found>,
    pub errors: Problems,
}

/// Why a claim row was refused, for the message next to its field.
fn claim_problem(ctx: &PageCtx, indicator: &Indicator, field: &str) -> String {
    if field == "claims.place" {
        return match indicator.scope {
            Scope::Place => ctx.t("report-error-claim-needs-place"),
            Scope::Thread => ctx.t("report-error-claim-no-place"),
        };
    }
    match indicator.kind {
        IndicatorKind::Count => ctx.t("report-error-claim-count"),
        IndicatorKind::Text => ctx.t("report-error-claim-text"),
        IndicatorKind::Status => {
            let values: Vec<String> = indicator
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
                .ts("report-error-claim-status", "values", &values.join(", "))
        }
    }
}

/// Resolves the places and checks the claims and times; the report input when all is well.
pub async fn check(
    store: &dyn StoreReads,
    ctx: &PageCtx,
    f: &ReportFields,
    indicators: &[Indicator],
    guest: bool,
) -> StoreResult<Checked> {
    let mut errors = Problems::default();
    let mut found: Vec<Found> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for typed in places::split_list(&f.places) {
        match places::resolve(store, &typed).await? {
            Some(p) => {
                if !found.iter().any(|o| o.id == p.id) {
                    found.push(p);
                }
            }
            None => unknown.push(typed),
        }
    }
    if !unknown.is_empty() {
        errors.add(
            "places",
            ctx.i18n
                .ts("report-error-places-unknown", "names", &unknown.join("; ")),
        );
    }
    let occurred_at = parse_datetime(&f.occurred_at).unwrap_or_else(|()| {
        errors.add("occurred_at", ctx.t("report-error-datetime"));
        None
    });
    let stated_at = parse_datetime(&f.stated_at).unwrap_or_else(|()| {
        errors.add("stated_at", ctx.t("report-error-datetime"));
        None
    });
    let mut claims = Vec::with_capacity(f.claims.len());
    for (n, row) in f.claims.iter().enumerate() {
        let Some(indicator) = indicators.iter().find(|i| i.key == row.indicator.trim()) else {
            errors.add("claims", ctx.t("report-error-claim-indicator"));
            continue;
        };
        let typed_place = row.place.trim();
        let place = if typed_place.is_empty() {
            // A claim per place in a report about one place is about that place.
            match (indicator.scope, found.as_slice()) {
                (Scope::Place, [only]) if unknown.is_empty() => Some(only.clone()),
                _ => None,
            }
        } else {
            let known = found.iter().find(|p| {
                p.typed == typed_place || p.id == typed_place || p.entry_text() == typed_place
            });
            match known {
                Some(p) => Some(p.clone()),
                None => match places::resolve(store, typed_place).await? {
                    Some(p) => Some(p),
                    None => {
                        errors.add(
                            format!("claim-{n}-place"),
                            ctx.i18n
                                .ts("report-error-places-unknown", "names", typed_place),
                        );
                        continue;
                    }
                },
            }
        };
        let place_ref = place.as_ref().map(|p| PlaceRef {
            id: p.id.clone(),
            name: p.name.clone(),
        });
        let value = claim_value(indicator, &row.value);
        let json = serde_json::Value::String(value.clone());
        if let Err(e) = indicator.check_claim(place_ref.as_ref(), &json) {
            let field = if e.field == "claims.place" {
                format!("claim-{n}-place")
            } else {
                format!("claim-{n}-value")
            };
            errors.add(field, claim_problem(ctx, indicator, &e.field));
            continue;
        }
        let as_of = match parse_datetime(&row.as_of) {
            Ok(t) => t,
            Err(()) => {
                errors.add(format!("claim-{n}-value"), ctx.t("report-error-datetime"));
                continue;
            }
        };
        // The report is about the places its claims are about.
        if let Some(p) = &place
            && !found.iter().any(|o| o.id == p.id)
        {
            found.push(p.clone());
        }
        claims.push(NewClaim {
            indicator: indicator.key.clone(),
            place: place.map(|p| p.id),
            value: json,
            as_of,
        });
    }
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let input = errors.is_empty().then(|| NewReport {
        body: f.body.clone(),
        language: text(&f.language),
        source: f.source.trim().to_owned(),
        link: text(&f.link),
        cites: text(&f.cites),
        occurred_at,
        stated_at,
        places: found.iter().map(|p| p.id.clone()).collect(),
        claims,
        author_name: if guest { text(&f.author_name) } else { None },
    });
    Ok(Checked {
        input,
        found,
        errors,
    })
}

/// Where a refusal of the domain or the store shows on the form, and its words.
pub fn refusal(ctx: &PageCtx, field: &str) -> (&'static str, String) {
    match field {
        "body" => ("body", ctx.t("report-error-body")),
        "language" => ("language", ctx.t("rx-error-language")),
        "source" => ("source", ctx.t("report-error-source")),
        "cites" => ("cites", ctx.t("report-error-cites")),
        "link" => ("link", ctx.t("report-error-link")),
        "occurred_at" => ("occurred_at", ctx.t("report-error-occurred-at")),
        "stated_at" => ("stated_at", ctx.t("report-error-stated-at")),
        "places" => ("places", ctx.t("report-error-places")),
        "author_name" => ("author_name", ctx.t("report-error-author-name")),
        f if f.starts_with("claims") => ("claims", ctx.t("report-error-claims")),
        _ => ("form", ctx.t("rx-error-field")),
    }
}
