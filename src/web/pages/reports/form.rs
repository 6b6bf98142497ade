//! The report form's fields as typed, read from the posted pairs (or filled from a stored
//! report), and the typed values read: times, and statuses typed by their labels.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::domain::indicator::{Indicator, IndicatorKind, value_text};
use crate::domain::place::PlaceRef;
use crate::domain::report::Report;
use crate::domain::time::Timestamp;

/// Claim rows beyond this index are not read: no report holds that many.
const MAX_ROW_INDEX: usize = 1_000;

/// One claim row as typed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    pub indicator: String,
    pub place: String,
    pub value: String,
    /// Kept from the stored claim when it differs from the report's time; hidden.
    pub as_of: String,
}

impl ClaimRow {
    /// A row says nothing without a value or a place: the form names each row's indicator
    /// itself, so that one alone is no claim.
    pub fn is_blank(&self) -> bool {
        self.place.trim().is_empty() && self.value.trim().is_empty()
    }
}

/// The report form's values as typed (or as stored, when editing).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReportFields {
    pub body: String,
    pub language: String,
    pub source: String,
    pub link: String,
    pub cites: String,
    pub occurred_at: String,
    pub stated_at: String,
    pub places: String,
    pub author_name: String,
    pub claims: Vec<ClaimRow>,
    /// `check` shows the resolved places without saving.
    pub intent: String,
}

impl ReportFields {
    /// Reads the posted pairs; claim rows are `claim_<field>_<n>`, kept in the order of `n`
    /// without the blank ones.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut f = ReportFields::default();
        let mut rows: BTreeMap<usize, ClaimRow> = BTreeMap::new();
        for (key, value) in pairs {
            let v = value.clone();
            match key.as_str() {
                "body" => f.body = v,
                "language" => f.language = v,
                "source" => f.source = v,
                "link" => f.link = v,
                "cites" => f.cites = v,
                "occurred_at" => f.occurred_at = v,
                "stated_at" => f.stated_at = v,
                "places" => f.places = v,
                "author_name" => f.author_name = v,
                "intent" => f.intent = v,
                other => {
                    let Some((field, n)) = other
                        .strip_prefix("claim_")
                        .and_then(|rest| rest.rsplit_once('_'))
                    else {
                        continue;
                    };
                    let Some(n) = n.parse::<usize>().ok().filter(|n| *n < MAX_ROW_INDEX) else {
                        continue;
                    };
                    let row = rows.entry(n).or_default();
                    match field {
                        "indicator" => row.indicator = v,
                        "place" => row.place = v,
                        "value" => row.value = v,
                        "as_of" => row.as_of = v,
                        _ => {}
                    }
                }
            }
        }
        f.claims = rows.into_values().filter(|r| !r.is_blank()).collect();
        f
    }

    /// A stored report as the edit form shows it: places and claim places by name and id.
    pub fn of(report: &Report) -> Self {
        let place_text = |p: &PlaceRef| format!("{} ({})", p.name, p.id);
        let default_as_of = report.occurred_at.unwrap_or(report.stated_at);
        ReportFields {
            body: report.body.clone(),
            language: report.language.to_string(),
            source: report.source.id.clone(),
            link: report.link.clone().unwrap_or_default(),
            cites: report
                .cites
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            occurred_at: report
                .occurred_at
                .as_ref()
                .map(datetime_value)
                .unwrap_or_default(),
            stated_at: datetime_value(&report.stated_at),
            places: report
                .places
                .iter()
                .map(place_text)
                .collect::<Vec<_>>()
                .join("; "),
            author_name: String::new(),
            claims: report
                .claims
                .iter()
                .map(|c| ClaimRow {
                    indicator: c.indicator.clone(),
                    place: c.place.as_ref().map(place_text).unwrap_or_default(),
                    value: value_text(&c.value),
                    as_of: if c.as_of == default_as_of {
                        String::new()
                    } else {
                        datetime_value(&c.as_of)
                    },
                })
                .collect(),
            intent: String::new(),
        }
    }
}

/// A `datetime-local` value, read as UTC: `2022-01-05T10:00`, seconds optional. Empty: none.
pub fn parse_datetime(text: &str) -> Result<Option<Timestamp>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(t)
                .ok()
                .map(|d| d.naive_utc())
        })
        .map(|n| Some(n.and_utc()))
        .ok_or(())
}

/// The `datetime-local` value of a time, in UTC, to the second.
pub fn datetime_value(t: &Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A status typed by its value or by one of its labels, as its value; other kinds as typed.
pub fn claim_value(indicator: &Indicator, typed: &str) -> String {
    let t = typed.trim();
    if indicator.kind != IndicatorKind::Status || indicator.status(t).is_some() {
        return t.to_owned();
    }
    let lower = t.to_lowercase();
    indicator
        .statuses
        .iter()
        .find(|s| {
            s.value.to_lowercase() == lower || s.labels.values().any(|l| l.to_lowercase() == lower)
        })
        .map_or_else(|| t.to_owned(), |s| s.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::Scope;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn claim_rows_are_read_in_order_without_blank_ones() {
        let f = ReportFields::from_pairs(&pairs(&[
            ("body", "Text"),
            ("claim_indicator_2", "control"),
            ("claim_place_2", "Almaty"),
            ("claim_value_2", "government"),
            ("claim_indicator_0", "police_dead"),
            ("claim_value_0", "8"),
            ("claim_indicator_1", "police_dead"),
            ("claim_value_1", " "),
            ("claim_as_of_0", "2022-01-05T10:00"),
            ("claim_value_99999999", "ignored"),
            ("claim_colour_0", "ignored"),
            ("unknown", "ignored"),
        ]));
        assert_eq!(f.body, "Text");
        assert_eq!(
            f.claims,
            [
                ClaimRow {
                    indicator: "police_dead".into(),
                    place: String::new(),
                    value: "8".into(),
                    as_of: "2022-01-05T10:00".into(),
                },
                ClaimRow {
                    indicator: "control".into(),
                    place: "Almaty".into(),
                    value: "government".into(),
                    as_of: String::new(),
                },
            ]
        );
    }

    #[test]
    fn datetimes_are_read_as_utc() {
        let t = parse_datetime("2022-01-05T10:30").unwrap().unwrap();
        assert_eq!(crate::domain::time::iso(&t), "2022-01-05T10:30:00Z");
        let t = parse_datetime(" 2022-01-05T10:30:15 ").unwrap().unwrap();
        assert_eq!(datetime_value(&t), "2022-01-05T10:30:15");
        assert_eq!(parse_datetime(""), Ok(None));
        assert!(parse_datetime("yesterday").is_err());
        assert!(parse_datetime("2022-13-05T10:30").is_err());
    }

    #[test]
    fn statuses_may_be_typed_by_label() {
        let indicator = Indicator {
            id: "I".into(),
            thread_id: "T".into(),
            key: "control".into(),
            labels: BTreeMap::new(),
            kind: IndicatorKind::Status,
            scope: Scope::Place,
            statuses: vec![crate::domain::indicator::StatusOption {
                value: "government".into(),
                colour: "#1f77b4".into(),
                labels: BTreeMap::from([("it".to_owned(), "Governo".to_owned())]),
            }],
            position: 0,
            created_at: crate::domain::time::now(),
        };
        assert_eq!(claim_value(&indicator, " governo "), "government");
        assert_eq!(claim_value(&indicator, "Government"), "government");
        assert_eq!(claim_value(&indicator, "rebels"), "rebels");
    }
}
