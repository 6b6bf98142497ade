//! Indicators and claims, checked.

use super::*;
use serde_json::json;
use std::collections::BTreeMap;

fn indicator(kind: IndicatorKind, scope: Scope) -> Indicator {
    Indicator {
        id: "I".into(),
        thread_id: "T".into(),
        key: "k".into(),
        labels: BTreeMap::from([("en".into(), "Control".into())]),
        kind,
        scope,
        statuses: if kind == IndicatorKind::Status {
            vec![StatusOption {
                value: "government".into(),
                colour: "#1f77b4".into(),
                labels: BTreeMap::new(),
            }]
        } else {
            vec![]
        },
        position: 0,
        created_at: crate::domain::time::now(),
    }
}

fn place() -> PlaceRef {
    PlaceRef {
        id: "gn:1526384".into(),
        name: "Almaty".into(),
    }
}

#[test]
fn claims_are_checked_against_kind_and_scope() {
    let count = indicator(IndicatorKind::Count, Scope::Thread);
    assert_eq!(
        count.check_claim(None, &json!("at least 8")).unwrap(),
        Value::Count {
            count: Count::AtLeast { n: 8 }
        }
    );
    assert_eq!(
        count.check_claim(None, &json!(12)).unwrap(),
        Value::Count {
            count: Count::Exact { n: 12 }
        }
    );
    assert!(count.check_claim(None, &json!("many")).is_err());
    assert!(count.check_claim(None, &json!(-3)).is_err());
    assert_eq!(
        count
            .check_claim(Some(&place()), &json!(1))
            .unwrap_err()
            .field,
        "claims.place"
    );
    let status = indicator(IndicatorKind::Status, Scope::Place);
    assert!(
        status
            .check_claim(Some(&place()), &json!("government"))
            .is_ok()
    );
    assert!(
        status
            .check_claim(Some(&place()), &json!("rebels"))
            .is_err()
    );
    assert!(status.check_claim(None, &json!("government")).is_err());
    let text = indicator(IndicatorKind::Text, Scope::Thread);
    assert!(text.check_claim(None, &json!(" ")).is_err());
    assert!(text.check_claim(None, &json!(5)).is_err());
}

#[test]
fn indicators_are_validated() {
    let mut new = NewIndicator {
        key: "police_dead".into(),
        labels: BTreeMap::from([("en".into(), "Police dead".into())]),
        kind: IndicatorKind::Count,
        scope: None,
        statuses: vec![],
    };
    assert_eq!(new.validate().unwrap().scope(), Scope::Thread);
    new.key = "Police Dead".into();
    assert_eq!(new.validate().unwrap_err().field, "key");
    new.key = "control".into();
    new.kind = IndicatorKind::Status;
    assert_eq!(new.validate().unwrap_err().field, "statuses");
    new.statuses = vec![StatusOption {
        value: "government".into(),
        colour: "blue".into(),
        labels: BTreeMap::new(),
    }];
    assert_eq!(new.validate().unwrap_err().field, "statuses.colour");
    new.statuses[0].colour = "#1F77B4".into();
    assert_eq!(new.validate().unwrap().statuses()[0].colour, "#1f77b4");
    new.labels = BTreeMap::new();
    assert_eq!(new.validate().unwrap_err().field, "labels");
}

#[test]
fn status_values_in_use_cannot_be_removed() {
    let ind = indicator(IndicatorKind::Status, Scope::Place);
    let patch = IndicatorPatch::new(
        None,
        Some(vec![StatusOption {
            value: "contested".into(),
            colour: "#ff7f0e".into(),
            labels: BTreeMap::new(),
        }]),
        None,
    )
    .unwrap();
    assert!(patch.apply(&ind, &["government".into()]).is_err());
    assert!(patch.apply(&ind, &[]).is_ok());
}

#[test]
fn labels_fall_back_sensibly() {
    let labels = BTreeMap::from([
        ("en".to_owned(), "Police dead".to_owned()),
        ("ru".to_owned(), "Погибшие полицейские".to_owned()),
    ]);
    assert_eq!(pick_label(&labels, "ru", "k"), "Погибшие полицейские");
    assert_eq!(pick_label(&labels, "ru-KZ", "k"), "Погибшие полицейские");
    assert_eq!(pick_label(&labels, "it", "k"), "Police dead");
    assert_eq!(pick_label(&BTreeMap::new(), "it", "k"), "k");
}

#[test]
fn codes_are_made_from_labels() {
    use super::code_from_label;
    assert_eq!(code_from_label("Cut partly", &[]), "cut_partly");
    assert_eq!(code_from_label("  Police injured! ", &[]), "police_injured");
    assert_eq!(code_from_label("Связь прервана", &[]), "sviaz_prervana");
    assert_eq!(code_from_label("300 dead", &[]), "v_300_dead");
    assert_eq!(code_from_label("cut", &["cut", "cut_2"]), "cut_3");
    assert_eq!(code_from_label("🔥", &[]), "value");
    let long = code_from_label(&"word ".repeat(40), &[]);
    assert!(
        long.len() <= super::MAX_KEY && !long.ends_with('_'),
        "{long}"
    );
}
