//! Board inputs the digest's tests share: the example thread and a crowded board.

use std::collections::BTreeMap;

use chrono::{Duration, TimeZone};

use chrono::{DateTime, Utc};

use crate::domain::board::{ClaimInput, Count, Value, Verification};
use crate::domain::indicator::{Indicator, IndicatorKind, Scope, StatusOption};
use crate::domain::place::Place;
use crate::domain::situation::BoardInputs;
use crate::domain::source::{SourceKind, SourceRef};

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 5, h, m, 0).unwrap()
}

pub fn indicator(key: &str, label: &str, kind: IndicatorKind, scope: Scope) -> Indicator {
    let statuses = if kind == IndicatorKind::Status {
        [
            ("government", "#1f77b4"),
            ("protesters", "#d62728"),
            ("contested", "#ff7f0e"),
        ]
        .iter()
        .map(|(v, c)| StatusOption {
            value: (*v).into(),
            colour: (*c).into(),
            labels: BTreeMap::from([
                ("en".to_owned(), (*v).to_owned()),
                ("it".to_owned(), format!("{v}-it")),
            ]),
        })
        .collect()
    } else {
        vec![]
    };
    Indicator {
        id: format!("I-{key}"),
        thread_id: "T".into(),
        key: key.into(),
        labels: BTreeMap::from([("en".to_owned(), label.to_owned())]),
        kind,
        scope,
        statuses,
        position: 0,
        created_at: t(0, 0),
    }
}

pub fn claim(
    n: usize,
    ind: &str,
    place: Option<&str>,
    value: Value,
    at: DateTime<Utc>,
    source: &str,
    cites: Option<&str>,
) -> ClaimInput {
    ClaimInput {
        claim_id: format!("c{n:03}"),
        report_id: format!("r{n:03}"),
        indicator: ind.into(),
        place: place.map(Into::into),
        value,
        as_of: at,
        source: source.into(),
        cites: cites.map(Into::into),
        report_struck: false,
        report_status: Verification::Unverified,
        superseded_by: None,
    }
}

pub fn count(n: i64) -> Value {
    Value::Count {
        count: Count::Exact { n },
    }
}

pub fn status(v: &str) -> Value {
    Value::Status { value: v.into() }
}

pub fn source(id: &str, name: &str) -> (String, SourceRef) {
    (
        id.into(),
        SourceRef {
            id: id.into(),
            name: name.into(),
            kind: SourceKind::Official,
            affiliation: String::new(),
        },
    )
}

pub fn place(id: &str, name: &str, lat: f64, lon: f64) -> (String, Place) {
    (
        id.into(),
        Place {
            id: id.into(),
            name: name.into(),
            country: Some("KZ".into()),
            lat,
            lon,
            custom: false,
        },
    )
}

/// The example thread of tests/api_board.rs, as board inputs.
pub fn example() -> BoardInputs {
    let claims = vec![
        claim(1, "police_dead", None, count(3), t(6, 0), "min", None),
        claim(2, "police_dead", None, count(5), t(8, 0), "min", None),
        claim(3, "police_dead", None, count(8), t(9, 0), "agency", None),
        claim(4, "police_dead", None, count(8), t(10, 0), "min", None),
        claim(
            5,
            "police_dead",
            None,
            count(8),
            t(10, 30),
            "khabar",
            Some("min"),
        ),
        claim(6, "police_dead", None, count(12), t(11, 0), "radio", None),
        claim(7, "injured", None, count(317), t(10, 0), "min", None),
        claim(8, "injured", None, count(317), t(10, 15), "agency", None),
        claim(
            9,
            "control",
            Some("ala"),
            status("government"),
            t(8, 0),
            "min",
            None,
        ),
        claim(
            10,
            "control",
            Some("ala"),
            status("protesters"),
            t(12, 0),
            "witness",
            None,
        ),
        claim(
            11,
            "control",
            Some("ast"),
            status("government"),
            t(9, 0),
            "min",
            None,
        ),
        claim(
            12,
            "control",
            Some("akt"),
            status("protesters"),
            t(11, 0),
            "witness",
            None,
        ),
        claim(
            13,
            "control",
            Some("shy"),
            status("government"),
            t(10, 0),
            "agency",
            None,
        ),
    ];
    BoardInputs {
        indicators: vec![
            indicator(
                "police_dead",
                "Police dead",
                IndicatorKind::Count,
                Scope::Thread,
            ),
            indicator("injured", "Injured", IndicatorKind::Count, Scope::Thread),
            indicator("control", "Control", IndicatorKind::Status, Scope::Place),
        ],
        claims,
        dispute_window: Duration::hours(12),
        sources: [
            source("min", "Ministry of Internal Affairs"),
            source("agency", "Steppe Agency"),
            source("khabar", "Khabar"),
            source("radio", "Free Radio"),
            source("witness", "Eyewitness channel"),
        ]
        .into(),
        places: [
            place("ala", "Almaty", 43.25, 76.92),
            place("ast", "Astana", 51.18, 71.45),
            place("akt", "Aktobe", 50.28, 57.17),
            place("shy", "Shymkent", 42.3, 69.6),
        ]
        .into(),
    }
}

/// 30 indicators with long labels, long source names and 30 places.
pub fn crowded() -> BoardInputs {
    let long_source = "Ministry of Internal Affairs of the Republic, Press Service of the \
                       Department for Public Order";
    let mut inputs = BoardInputs {
        dispute_window: Duration::hours(12),
        ..BoardInputs::default()
    };
    let mut n = 0;
    for s in 0..5 {
        let (id, mut r) = source(&format!("s{s}"), &format!("{long_source} no. {s}"));
        r.name = format!("{} {}", r.name, "Управление".repeat(3));
        inputs.sources.insert(id, r);
    }
    for p in 0..30 {
        let (id, pl) = place(
            &format!("p{p:02}"),
            &format!("Town of Ust-Kamenogorsk-{p}"),
            43.0 + f64::from(p) / 3.0,
            70.0 + f64::from(p) / 2.0,
        );
        inputs.places.insert(id, pl);
    }
    for i in 0..30 {
        let key = format!("k{i:02}");
        let label = format!("Number of people injured in the clashes in district number {i}");
        if i % 10 == 9 {
            inputs
                .indicators
                .push(indicator(&key, &label, IndicatorKind::Status, Scope::Place));
            for p in 0..30 {
                n += 1;
                let v = ["government", "protesters", "contested"][p % 3];
                inputs.claims.push(claim(
                    n,
                    &key,
                    Some(&format!("p{p:02}")),
                    status(v),
                    t(9, 0),
                    &format!("s{}", p % 5),
                    None,
                ));
            }
            continue;
        }
        inputs
            .indicators
            .push(indicator(&key, &label, IndicatorKind::Count, Scope::Thread));
        for s in 0..5 {
            n += 1;
            inputs.claims.push(claim(
                n,
                &key,
                None,
                count(1_000_000 + i64::from(s) * 1000),
                t(9, s),
                &format!("s{s}"),
                None,
            ));
        }
    }
    inputs
}
