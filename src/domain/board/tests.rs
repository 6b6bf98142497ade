use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

mod superseded;

fn at(hour: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 5, 0, 0, 0).single().unwrap() + Duration::hours(hour)
}

fn count(n: i64) -> Value {
    Value::Count {
        count: Count::Exact { n },
    }
}

fn status(s: &str) -> Value {
    Value::Status { value: s.into() }
}

fn claim(id: &str, indicator: &str, value: Value, hour: i64, source: &str) -> ClaimInput {
    ClaimInput {
        claim_id: id.into(),
        report_id: format!("r-{id}"),
        indicator: indicator.into(),
        place: None,
        value,
        as_of: at(hour),
        source: source.into(),
        cites: None,
        report_struck: false,
        report_status: Verification::Unverified,
        superseded_by: None,
    }
}

fn entry<'a>(b: &'a Board, indicator: &str) -> &'a Entry {
    b.entries.iter().find(|e| e.indicator == indicator).unwrap()
}

/// The officials' figures, an independent source that disagrees, and a repeat of the officials.
fn police_example() -> Vec<ClaimInput> {
    let mut repeat = claim("c3", "police_dead", count(8), 9, "russian-media");
    repeat.cites = Some("interior-ministry".into());
    vec![
        claim("c1", "police_dead", count(8), 6, "interior-ministry"),
        claim("c2", "police_injured", count(317), 6, "interior-ministry"),
        claim("c4", "police_dead", count(12), 8, "independent-tv"),
        repeat,
    ]
}

#[test]
fn a_second_independent_figure_the_same_day_is_a_dispute() {
    let b = board(&police_example(), DEFAULT_DISPUTE_WINDOW);
    let dead = entry(&b, "police_dead");
    assert_eq!(dead.agreement, Agreement::Disputed);
    assert_eq!(
        dead.current.value,
        count(8),
        "the repeat at 09:00 is the newest claim"
    );
    assert_eq!(dead.positions.len(), 2);
    assert_eq!(dead.positions[1].value, count(12));
    assert_eq!(dead.positions[1].origins, ["independent-tv"]);
    assert_eq!(b.reports["r-c4"], Verification::Disputed);
    assert_eq!(b.reports["r-c1"], Verification::Disputed);
}

#[test]
fn a_source_that_repeats_another_is_not_extra_corroboration() {
    let b = board(&police_example(), DEFAULT_DISPUTE_WINDOW);
    let dead = entry(&b, "police_dead");
    assert_eq!(
        dead.current.origins,
        ["interior-ministry"],
        "one origin, however many repeats"
    );
    assert_eq!(
        dead.current.reports,
        ["r-c1", "r-c3"],
        "every standing claim of the origin backs the value"
    );
    assert!(dead.history.contains_key("interior-ministry"));
    assert!(
        !dead.history.contains_key("russian-media"),
        "history is kept per origin"
    );
    let injured = entry(&b, "police_injured");
    assert_eq!(injured.agreement, Agreement::Single);
    assert_eq!(injured.current.value, count(317));
}

#[test]
fn two_independent_sources_that_agree_corroborate() {
    let claims = vec![
        claim("a", "dead", count(8), 6, "ministry"),
        claim(
            "b",
            "dead",
            Value::Count {
                count: Count::Range { low: 7, high: 10 },
            },
            7,
            "ngo",
        ),
        claim(
            "c",
            "dead",
            Value::Count {
                count: Count::AtLeast { n: 5 },
            },
            8,
            "agency",
        ),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let dead = entry(&b, "dead");
    assert_eq!(dead.agreement, Agreement::Corroborated);
    assert_eq!(dead.current.origins, ["agency", "ministry", "ngo"]);
    assert_eq!(b.reports["r-a"], Verification::Corroborated);
}

#[test]
fn a_newer_statement_supersedes_outside_the_window_without_dispute() {
    let claims = vec![
        claim("a", "help_requested", status("no"), 0, "presidency"),
        claim("b", "help_requested", status("yes"), 30, "alliance"),
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let e = entry(&b, "help_requested");
    assert_eq!(e.current.value, status("yes"));
    assert_eq!(e.agreement, Agreement::Single);
    assert_eq!(e.positions.len(), 1);
    assert_eq!(
        e.history["presidency"][0].value,
        status("no"),
        "the old claim stays in history"
    );
    let within = board(&claims, Duration::hours(48));
    assert_eq!(
        entry(&within, "help_requested").agreement,
        Agreement::Disputed
    );
}

#[test]
fn a_source_changing_its_own_figure_is_no_dispute() {
    let claims = vec![
        claim("a", "dead", count(8), 1, "ministry"),
        claim("b", "dead", count(11), 3, "ministry"),
    ];
    let e = board(&claims, DEFAULT_DISPUTE_WINDOW).entries.remove(0);
    assert_eq!(e.current.value, count(11));
    assert_eq!(e.agreement, Agreement::Single);
}

#[test]
fn struck_false_and_retracted_reports_drop_out_at_once() {
    let mut struck = claim("s", "dead", count(40), 10, "blog");
    struck.report_struck = true;
    let mut false_report = claim("f", "dead", count(50), 11, "channel");
    false_report.report_status = Verification::False;
    let mut retracted = claim("r", "dead", count(60), 12, "paper");
    retracted.report_status = Verification::Retracted;
    let claims = vec![
        claim("a", "dead", count(8), 6, "ministry"),
        struck,
        false_report,
        retracted,
    ];
    let b = board(&claims, DEFAULT_DISPUTE_WINDOW);
    let e = entry(&b, "dead");
    assert_eq!(e.current.value, count(8));
    assert_eq!(e.agreement, Agreement::Single);
    assert_eq!(b.reports["r-f"], Verification::False);
    assert_eq!(b.reports["r-r"], Verification::Retracted);
    assert_eq!(b.reports["r-a"], Verification::Unverified);
    assert_eq!(b.claims["s"], ClaimState::Dropped);
}

#[test]
fn per_place_indicators_are_separate_entries() {
    let mut almaty = claim("a", "control", status("lost"), 1, "agency");
    almaty.place = Some("almaty".into());
    let mut astana = claim("b", "control", status("held"), 1, "agency");
    astana.place = Some("astana".into());
    let b = board(&[almaty, astana], DEFAULT_DISPUTE_WINDOW);
    assert_eq!(b.entries.len(), 2);
    assert!(b.entries.iter().all(|e| e.agreement == Agreement::Single));
}

#[test]
fn confirmed_by_a_moderator_stays_confirmed() {
    let mut a = claim("a", "dead", count(8), 1, "ministry");
    a.report_status = Verification::Confirmed;
    let b = board(
        &[a, claim("b", "dead", count(20), 2, "ngo")],
        DEFAULT_DISPUTE_WINDOW,
    );
    assert_eq!(b.reports["r-a"], Verification::Confirmed);
    assert_eq!(b.reports["r-b"], Verification::Disputed);
}

#[test]
fn counts_are_read_as_people_write_them() {
    assert_eq!(Count::parse("8"), Some(Count::Exact { n: 8 }));
    assert_eq!(Count::parse("1,200"), Some(Count::Exact { n: 1200 }));
    assert_eq!(
        Count::parse("5-10"),
        Some(Count::Range { low: 5, high: 10 })
    );
    assert_eq!(
        Count::parse("5 \u{2013} 10"),
        Some(Count::Range { low: 5, high: 10 })
    );
    assert_eq!(
        Count::parse("at least 317"),
        Some(Count::AtLeast { n: 317 })
    );
    assert_eq!(Count::parse("almeno 12"), Some(Count::AtLeast { n: 12 }));
    assert_eq!(Count::parse("≥8"), Some(Count::AtLeast { n: 8 }));
    assert_eq!(Count::parse("40+"), Some(Count::AtLeast { n: 40 }));
    for bad in ["", "many", "10-5", "-3", "1-2-3"] {
        assert_eq!(Count::parse(bad), None, "{bad}");
    }
}

#[test]
fn counts_agree_when_some_number_fits_both() {
    let exact = |n| Count::Exact { n };
    assert!(Count::AtLeast { n: 8 }.overlaps(exact(12)));
    assert!(!Count::AtLeast { n: 13 }.overlaps(exact(12)));
    assert!(Count::Range { low: 5, high: 9 }.overlaps(Count::Range { low: 9, high: 20 }));
    assert!(!exact(8).overlaps(exact(12)));
    assert!(
        Count::Range { low: 10, high: 2 }.overlaps(exact(5)),
        "a range given backwards"
    );
}

fn arb_claim() -> impl Strategy<Value = ClaimInput> {
    (
        0u8..6,
        prop::sample::select(vec!["dead", "injured"]),
        0i64..30,
        0i64..48,
        prop::sample::select(vec!["ministry", "ngo", "tv", "blog"]),
        prop::option::of(prop::sample::select(vec!["ministry", "ngo"])),
        any::<bool>(),
        prop::sample::select(vec![
            Verification::Unverified,
            Verification::Confirmed,
            Verification::False,
            Verification::Retracted,
        ]),
        prop::option::weighted(0.2, Just(SupersededBy::update("u1"))),
    )
        .prop_map(
            |(id, indicator, n, hour, source, cites, struck, status, mark)| ClaimInput {
                claim_id: format!("c{id}-{indicator}-{n}-{hour}-{source}"),
                report_id: format!("r{id}"),
                indicator: indicator.into(),
                place: None,
                value: count(n),
                as_of: at(hour),
                source: source.into(),
                cites: cites.map(Into::into),
                report_struck: struck,
                report_status: status,
                superseded_by: mark,
            },
        )
}

proptest! {
    #[test]
    fn the_board_does_not_depend_on_the_order_claims_arrive_in(
        claims in prop::collection::vec(arb_claim(), 0..24),
        seed in any::<u64>(),
    ) {
        let mut shuffled = claims.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(board(&claims, DEFAULT_DISPUTE_WINDOW), board(&shuffled, DEFAULT_DISPUTE_WINDOW));
    }

    #[test]
    fn a_false_or_retracted_report_never_leaves_its_value_on_the_board(
        claims in prop::collection::vec(arb_claim(), 0..24),
        hour in 0i64..48,
        retracted in any::<bool>(),
    ) {
        let mut all = claims;
        all.push(ClaimInput {
            claim_id: "poison".into(),
            report_id: "r-poison".into(),
            indicator: "dead".into(),
            place: None,
            value: count(999_999),
            as_of: at(hour),
            source: "rumour".into(),
            cites: None,
            report_struck: false,
            report_status: if retracted { Verification::Retracted } else { Verification::False },
            superseded_by: None,
        });
        let b = board(&all, DEFAULT_DISPUTE_WINDOW);
        for e in &b.entries {
            prop_assert!(e.positions.iter().all(|p| p.value != count(999_999)));
            prop_assert!(e.history.values().flatten().all(|h| h.report != "r-poison"));
        }
    }
}
