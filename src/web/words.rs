//! The interface words for domain values that pages and feeds both show: agreement and
//! verification badges, source kinds, a claim in words.

use crate::domain::board::{Agreement, Value, Verification};
use crate::domain::indicator::{pick_label, value_text};
use crate::domain::place::PlaceRef;
use crate::domain::situation::Situation;
use crate::domain::source::SourceKind;
use crate::i18n::I18n;

/// The class name of an agreement, also the end of its message id.
pub fn agreement_key(a: Agreement) -> &'static str {
    match a {
        Agreement::Single => "single",
        Agreement::Corroborated => "corroborated",
        Agreement::Disputed => "disputed",
    }
}

/// "Disputed", "Corroborated", "Single source".
pub fn agreement_text(i18n: &I18n, a: Agreement) -> String {
    i18n.t(&format!("board-agreement-{}", agreement_key(a)))
}

/// "Confirmed", "False", …
pub fn verification_text(i18n: &I18n, v: Verification) -> String {
    i18n.t(&format!("board-verification-{}", v.as_str()))
}

/// "official", "state media", …
pub fn kind_text(i18n: &I18n, kind: SourceKind) -> String {
    i18n.t(&format!("board-kind-{}", kind.as_str()))
}

/// A claim in words, with the indicator's and the status's labels in the reader's language.
pub fn claim_text(
    situation: &Situation,
    lang: &str,
    indicator: &str,
    place: Option<&PlaceRef>,
    value: &Value,
) -> String {
    let ind = situation.indicators.iter().find(|i| i.key == indicator);
    let label = ind.map_or(indicator, |i| i.label.as_str());
    let value = match (value, ind) {
        (Value::Status { value }, Some(i)) => i
            .statuses
            .iter()
            .find(|s| &s.value == value)
            .map_or(value.as_str(), |s| pick_label(&s.labels, lang, &s.value))
            .to_owned(),
        (v, _) => value_text(v),
    };
    match place {
        Some(p) => format!("{label} — {}: {value}", p.in_language(lang).name),
        None => format!("{label}: {value}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::Count;
    use crate::domain::indicator::{IndicatorKind, Scope, StatusOption};
    use crate::domain::situation::IndicatorView;
    use std::collections::BTreeMap;

    #[test]
    fn a_claim_reads_with_the_labels_of_the_readers_language() {
        let situation = Situation {
            indicators: vec![IndicatorView {
                key: "control".into(),
                label: "Controllo".into(),
                kind: IndicatorKind::Status,
                scope: Scope::Place,
                statuses: vec![StatusOption {
                    value: "government".into(),
                    colour: "#1f77b4".into(),
                    labels: BTreeMap::from([("it".to_owned(), "governo".to_owned())]),
                }],
                entries: vec![],
                superseded: vec![],
            }],
            badges: BTreeMap::new(),
            claims: BTreeMap::new(),
            places: vec![],
            as_of: None,
        };
        let almaty = PlaceRef {
            id: "p".into(),
            name: "Almaty".into(),
        };
        let status = Value::Status {
            value: "government".into(),
        };
        assert_eq!(
            claim_text(&situation, "it", "control", Some(&almaty), &status),
            "Controllo — Almaty: governo"
        );
        let count = Value::Count {
            count: Count::Range { low: 5, high: 10 },
        };
        assert_eq!(
            claim_text(&situation, "it", "dead", None, &count),
            "dead: 5–10"
        );
    }
}
