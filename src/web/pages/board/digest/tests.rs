use std::collections::BTreeMap;

use chrono::{Duration, TimeZone};

use super::compose::shorten;
use super::*;
use crate::domain::board::Value;
use crate::domain::board::{ClaimInput, Count, Verification};
use crate::domain::indicator::{Indicator, StatusOption};
use crate::domain::indicator::{IndicatorKind, Scope};
use crate::domain::place::Place;
use crate::domain::situation::{BoardInputs, situation};
use crate::domain::sms::{Encoding, cost};
use crate::domain::source::{SourceKind, SourceRef};
use crate::i18n::{I18n, Lang};
use chrono::{DateTime, Utc};

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 5, h, m, 0).unwrap()
}

fn indicator(key: &str, label: &str, kind: IndicatorKind, scope: Scope) -> Indicator {
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

fn claim(
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
    }
}

fn count(n: i64) -> Value {
    Value::Count {
        count: Count::Exact { n },
    }
}

fn status(v: &str) -> Value {
    Value::Status { value: v.into() }
}

fn source(id: &str, name: &str) -> (String, SourceRef) {
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

fn place(id: &str, name: &str, lat: f64, lon: f64) -> (String, Place) {
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
fn example() -> BoardInputs {
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
fn crowded() -> BoardInputs {
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

fn with(lang: Lang, charset: Charset, segments: usize) -> (I18n, Options) {
    (I18n::new(lang), Options { charset, segments })
}

fn default_digest(title: &str, inputs: &BoardInputs, url: Option<&str>, lang: Lang) -> Digest {
    let s = situation(inputs, lang.code());
    digest(title, &s, url, &I18n::new(lang), Options::default())
}

const URL: &str = "https://live.example/t/unrest";

#[test]
fn the_example_digest_names_the_sources_of_every_figure() {
    let d = default_digest("Unrest in Kazakhstan", &example(), Some(URL), Lang::En);
    assert_eq!(
        d.text,
        "Unrest in Kazakhstan - as of 5 January 2022, 12:00 UTC\n\
         Police dead: 12 (Free Radio; disputed: Steppe Agency, Ministry of Internal Affairs \
         say 8)\n\
         Injured: 317 (Steppe Agency, Ministry of Internal Affairs)\n\
         Control: government Astana (Ministry of Internal Affairs), Shymkent (Steppe Agency); \
         protesters Aktobe (Eyewitness channel), Almaty (Eyewitness channel; disputed: Ministry \
         of Internal Affairs says government)\n\
         https://live.example/t/unrest"
    );
    // No dash or ellipsis of the digest's own makes a Latin-script digest UCS-2.
    assert_eq!(d.cost.encoding, Encoding::Gsm7);
    assert_eq!(d.cost, cost(&d.text));
    assert_eq!(d.cost.segments, 3);
}

#[test]
fn the_digest_speaks_italian_and_russian_and_names_its_sources() {
    for (lang, words) in [
        (Lang::It, ["aggiornato al", "contestato", "dicono 8"]),
        (Lang::Ru, ["на 5", "оспаривается", "сообщают 8"]),
    ] {
        let (i18n, options) = with(lang, Charset::Unicode, 10);
        let s = situation(&example(), lang.code());
        let d = digest("Disordini", &s, Some(URL), &i18n, options);
        for w in words
            .iter()
            .chain(&["Free Radio", "Steppe Agency", "Eyewitness channel"])
        {
            assert!(d.text.contains(w), "{lang:?}: {w} in {}", d.text);
        }
        assert!(
            d.text.ends_with("\nhttps://live.example/t/unrest"),
            "{}",
            d.text
        );
    }
    let it = situation(&example(), "it");
    let text = digest("D", &it, None, &I18n::new(Lang::It), Options::default()).text;
    assert!(text.contains("protesters-it Aktobe"), "{text}");
}

#[test]
fn disputes_outlast_every_other_figure_in_every_language() {
    let disputed = ["disputed", "contestato", "оспаривается"];
    let gsm_disputed = ["disputed", "contestato", "osparivaetsia"];
    let more = ["more", "altri", "ещё"];
    for lang in Lang::ALL {
        for (charset, segments) in [(Charset::Gsm, 2), (Charset::Unicode, 3)] {
            let (i18n, options) = with(lang, charset, segments);
            let s = situation(&example(), lang.code());
            let d = digest("Unrest in Kazakhstan", &s, Some(URL), &i18n, options);
            assert!(d.cost.segments <= segments, "{lang:?}: {d:?}");
            let word = match charset {
                Charset::Gsm => gsm_disputed[lang as usize],
                Charset::Unicode => disputed[lang as usize],
            };
            assert!(d.text.contains(word), "{lang:?} {charset:?}: {}", d.text);
            let dead = d
                .text
                .lines()
                .find(|l| l.contains(": 12 ("))
                .unwrap_or_else(|| panic!("{lang:?}: the disputed figure is kept: {}", d.text));
            assert!(
                dead.contains(" 8)") && dead.contains("Free Radio"),
                "{dead}"
            );
            // What went first is a figure nobody disputes.
            if !d.text.contains("317") {
                assert!(
                    d.text.contains(more[lang as usize]) || d.text.contains("+"),
                    "{}",
                    d.text
                );
            }
            assert!(d.text.ends_with(URL), "{}", d.text);
        }
    }
}

#[test]
fn gsm_digests_use_gsm_characters_only() {
    let (i18n, options) = with(Lang::Ru, Charset::Gsm, 3);
    let s = situation(&example(), "ru");
    let d = digest("Беспорядки в Казахстане", &s, Some(URL), &i18n, options);
    assert_eq!(d.cost.encoding, Encoding::Gsm7, "{}", d.text);
    assert!(d.text.chars().all(crate::domain::sms::is_gsm), "{}", d.text);
    assert!(
        d.text.starts_with("Besporiadki v Kazakhstane - na 5"),
        "{}",
        d.text
    );
    // The same digest as written costs UCS-2 segments.
    let (i18n, options) = with(Lang::Ru, Charset::Unicode, 3);
    let d = digest("Беспорядки в Казахстане", &s, Some(URL), &i18n, options);
    assert_eq!(d.cost.encoding, Encoding::Ucs2);
    assert!(d.cost.segments <= 3);
    let it = situation(&example(), "it");
    let d = default_digest("Città in rivolta", &example(), None, Lang::It);
    assert_eq!(d.cost.encoding, Encoding::Gsm7, "{}", d.text);
    assert!(!it.indicators.is_empty());
}

#[test]
fn without_an_address_the_digest_has_no_link() {
    let d = default_digest("Unrest", &example(), None, Lang::En);
    assert!(
        !d.text.contains("/t/") && !d.text.contains("http"),
        "{}",
        d.text
    );
    assert!(
        d.text
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Control:"))
    );
    let long = format!("https://live.example/t/{}", "a".repeat(300));
    let d = default_digest("Unrest", &example(), Some(&long), Lang::En);
    assert!(
        !d.text.contains("https://"),
        "an address too long is left out"
    );
}

#[test]
fn a_crowded_board_fits_every_budget_in_every_language() {
    let inputs = crowded();
    let long_title = "A very long title about the events unfolding across the whole country \
                      and its neighbours, with many words that nobody reads in an SMS";
    let url = "https://live.example.org/t/a-very-long-title-about-the-events-unfolding";
    for lang in Lang::ALL {
        let s = situation(&inputs, lang.code());
        for charset in [Charset::Unicode, Charset::Gsm] {
            for segments in 1..=MAX_SEGMENTS {
                let (i18n, options) = with(lang, charset, segments);
                let d = digest(long_title, &s, Some(url), &i18n, options);
                assert_eq!(d.cost, cost(&d.text));
                assert!(d.cost.segments <= segments, "{lang:?} {segments}: {d:?}");
                assert!(d.text.ends_with(url), "the address is kept: {}", d.text);
            }
        }
        // Cyrillic costs UCS-2: five segments hold a figure in every language.
        let (i18n, options) = with(lang, Charset::Unicode, 5);
        let d = digest(long_title, &s, Some(url), &i18n, options);
        assert!(
            d.text.contains("1000000") || d.text.contains("1004000"),
            "{}",
            d.text
        );
        let more = ["more", "altri", "ещё"][lang as usize];
        assert!(
            d.text.contains(more),
            "{lang:?}: says that some were left out: {}",
            d.text
        );
    }
}

#[test]
fn a_single_huge_line_is_cut_with_dots() {
    let mut inputs = crowded();
    inputs
        .indicators
        .retain(|i| i.kind == IndicatorKind::Status);
    inputs.indicators.truncate(1);
    let d = default_digest(
        &"Title ".repeat(200),
        &inputs,
        Some("https://x.example/t/x"),
        Lang::En,
    );
    assert!(d.cost.segments <= DEFAULT_SEGMENTS, "{d:?}");
    assert!(d.text.contains("..."), "{}", d.text);
    assert!(d.text.ends_with("\nhttps://x.example/t/x"));
}

#[test]
fn an_empty_board_says_so() {
    let empty = BoardInputs::default();
    let d = default_digest("Quiet", &empty, Some("https://x.example/t/quiet"), Lang::En);
    assert_eq!(d.text, "Quiet - no figures yet\nhttps://x.example/t/quiet");
    assert_eq!(
        default_digest("Quiet", &empty, None, Lang::En).text,
        "Quiet - no figures yet"
    );
}

#[test]
fn shorten_cuts_at_words_and_counts_characters() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(shorten("Беспорядки в Казахстане", 14), "Беспорядки...");
    assert_eq!(shorten(&"ж".repeat(600), 479).chars().count(), 479);
    assert_eq!(shorten("abc", 0), "");
}

#[test]
fn source_names_are_shortened_by_words() {
    use super::compose::short_name;
    assert_eq!(short_name("Free Radio", 12), "Free Radio");
    assert_eq!(
        short_name("Ministry of Internal Affairs", 16),
        "Ministry of Int."
    );
    assert_eq!(
        short_name("Valdorian Interior Ministry", 16),
        "Valdorian Inter."
    );
    assert_eq!(short_name("Reuters, London bureau", 12), "Reuters");
    assert_eq!(
        short_name("Министерство внутренних дел", 16),
        "Министерство вн."
    );
    assert_eq!(short_name("Supercalifragilistic", 8), "Superca.");
    assert_eq!(short_name("Ministry of Internal Affairs", 12), "Ministry");
    for max in 3..40 {
        assert!(
            short_name("Ministry of Internal Affairs of the Republic", max)
                .chars()
                .count()
                <= max
        );
    }
}
