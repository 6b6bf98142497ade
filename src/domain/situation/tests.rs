//! The situation, checked.

use super::*;
use crate::domain::board::{ClaimInput, Count};
use chrono::TimeZone;

fn t(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 5, h, 0, 0).unwrap()
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

fn claim(id: &str, ind: &str, place: Option<&str>, value: Value, h: u32, src: &str) -> ClaimInput {
    ClaimInput {
        claim_id: id.into(),
        report_id: format!("r{id}"),
        indicator: ind.into(),
        place: place.map(Into::into),
        value,
        as_of: t(h),
        source: src.into(),
        cites: None,
        report_struck: false,
        report_status: Verification::Unverified,
        superseded_by: None,
    }
}

fn inputs() -> BoardInputs {
    let control = Indicator {
        id: "I2".into(),
        thread_id: "T".into(),
        key: "control".into(),
        labels: [
            ("en".to_owned(), "Control".to_owned()),
            ("it".to_owned(), "Controllo".to_owned()),
        ]
        .into(),
        kind: IndicatorKind::Status,
        scope: Scope::Place,
        statuses: vec![StatusOption {
            value: "government".into(),
            colour: "#1f77b4".into(),
            labels: [("it".to_owned(), "governo".to_owned())].into(),
        }],
        position: 1,
        created_at: t(0),
    };
    let dead = Indicator {
        id: "I1".into(),
        key: "police_dead".into(),
        labels: [("en".to_owned(), "Police dead".to_owned())].into(),
        kind: IndicatorKind::Count,
        scope: Scope::Thread,
        statuses: vec![],
        position: 0,
        ..control.clone()
    };
    let almaty = Place {
        id: "gn:1526384".into(),
        name: "Almaty".into(),
        country: Some("KZ".into()),
        lat: 43.25,
        lon: 76.92,
        custom: false,
    };
    BoardInputs {
        indicators: vec![dead, control],
        claims: vec![
            claim(
                "1",
                "police_dead",
                None,
                Value::Count {
                    count: Count::Exact { n: 8 },
                },
                9,
                "gov",
            ),
            claim(
                "2",
                "police_dead",
                None,
                Value::Count {
                    count: Count::Exact { n: 12 },
                },
                11,
                "tv",
            ),
            claim(
                "3",
                "control",
                Some("gn:1526384"),
                Value::Status {
                    value: "government".into(),
                },
                10,
                "gov",
            ),
        ],
        dispute_window: Duration::hours(12),
        sources: [source("gov", "Ministry"), source("tv", "Free TV")].into(),
        places: [(almaty.id.clone(), almaty)].into(),
    }
}

#[test]
fn the_situation_names_sources_places_and_labels() {
    let s = situation(&inputs(), "it");
    assert_eq!(
        s.indicators[0].label, "Police dead",
        "falls back to English"
    );
    let dead = &s.indicators[0].entries[0];
    assert_eq!(dead.agreement, Agreement::Disputed);
    assert_eq!(dead.current.text, "12");
    assert_eq!(dead.current.sources[0].name, "Free TV");
    assert_eq!(dead.positions[1].text, "8");
    assert_eq!(dead.history.len(), 2);
    assert_eq!(s.indicators[1].label, "Controllo");
    let place = &s.places[0];
    assert_eq!(place.name, "Almaty");
    let status = place.status.as_ref().unwrap();
    assert_eq!(
        (status.label.as_str(), status.colour.as_str()),
        ("governo", "#1f77b4")
    );
    assert_eq!(s.as_of, Some(t(11)));
    assert_eq!(s.badges["r1"], Verification::Disputed);
}

#[test]
fn published_label_translations_fill_missing_languages() {
    use crate::domain::translation::{Credit, TranslationStatus, TranslationText};
    use crate::domain::user::UserRef;
    let text = |body: &str| TranslationText {
        revision: 1,
        title: None,
        body: body.into(),
        body_html: String::new(),
        translator: Credit {
            name: "A".into(),
            url: None,
        },
        publication: None,
        source_revision: 1,
        machine: None,
        edited_by: UserRef {
            id: "u".into(),
            name: "U".into(),
        },
        created_at: t(0),
    };
    let translation = |item: &str, lang: &str, body: &str, published: bool| Translation {
        id: format!("{item}-{lang}"),
        thread_id: "T".into(),
        kind: ItemKind::Indicator,
        item_id: item.into(),
        language: LanguageTag::parse(lang).unwrap(),
        status: TranslationStatus::Published,
        latest: text(body),
        published: published.then(|| text(body)),
        original_revision: 1,
        stale: false,
        created_by: UserRef {
            id: "u".into(),
            name: "U".into(),
        },
        created_at: t(0),
        updated_at: t(0),
    };
    let mut inputs = inputs();
    let all = [
        translation("I1", "it", "Poliziotti morti [[agenti]]", true),
        // The indicator's own Italian label wins over a translation.
        translation("I2", "it", "Chi controlla", true),
        translation("I1", "ru", "черновик", false),
    ];
    translate_labels(&mut inputs, &all, &LanguageTag::parse("it-CH").unwrap());
    translate_labels(&mut inputs, &all, &LanguageTag::parse("ru").unwrap());
    let s = situation(&inputs, "it");
    assert_eq!(s.indicators[0].label, "Poliziotti morti [agenti]");
    assert_eq!(s.indicators[1].label, "Controllo");
    assert_eq!(situation(&inputs, "ru").indicators[0].label, "Police dead");
}

#[test]
fn an_empty_thread_has_an_empty_board() {
    let s = situation(&BoardInputs::default(), "en");
    assert!(s.indicators.is_empty() && s.places.is_empty() && s.as_of.is_none());
}
