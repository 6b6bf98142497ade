//! The demo thread's board: invented sources, places on an invented island, indicators and
//! reports, including a dispute, a citation that is not independent and a struck report.

use std::collections::BTreeMap;

use chrono::Duration;
use serde_json::{Value, json};

use crate::domain::comment::{Moderation, ModerationAction};
use crate::domain::indicator::{IndicatorKind, NewClaim, NewIndicator, Scope, StatusOption};
use crate::domain::place::NewPlace;
use crate::domain::report::NewReport;
use crate::domain::source::{NewSource, SourceKind};
use crate::domain::thread::Thread;
use crate::domain::time;
use crate::domain::user::Actor;
use crate::store::Store;

/// Who acts in the demo.
pub struct Cast<'a> {
    pub editor: &'a Actor,
    pub moderator: &'a Actor,
    pub reader: &'a Actor,
}

fn labels(en: &str, it: &str, ru: &str) -> BTreeMap<String, String> {
    [("en", en), ("it", it), ("ru", ru)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn status(value: &str, colour: &str, en: &str, it: &str, ru: &str) -> StatusOption {
    StatusOption {
        value: value.into(),
        colour: colour.into(),
        labels: labels(en, it, ru),
    }
}

/// One report of the demo: source, cited source, text, hours ago, claims.
struct Line<'a> {
    source: &'a str,
    cites: Option<&'a str>,
    body: &'a str,
    hours_ago: i64,
    places: Vec<&'a str>,
    claims: Vec<(&'a str, Option<&'a str>, Value)>,
}

pub async fn fill(store: &dyn Store, thread: &Thread, cast: &Cast<'_>) -> anyhow::Result<()> {
    let editor = cast.editor;
    let mut sources = BTreeMap::new();
    for (key, name, kind, affiliation) in [
        (
            "ministry",
            "Valdorian Interior Ministry",
            SourceKind::Official,
            "Government of Valdoria",
        ),
        (
            "vtv",
            "VTV State Television",
            SourceKind::StateMedia,
            "Government of Valdoria",
        ),
        (
            "radio",
            "Aster Free Radio",
            SourceKind::IndependentMedia,
            "",
        ),
        ("wire", "Northern Wire", SourceKind::Agency, ""),
        (
            "residents",
            "Velmora Residents channel",
            SourceKind::SocialChannel,
            "",
        ),
    ] {
        let draft = NewSource {
            name: name.into(),
            kind,
            affiliation: Some(affiliation.into()),
            country: None,
            language: Some("en".into()),
            homepage: None,
            notes: Some("Invented for the exercise.".into()),
        }
        .validate()?;
        sources.insert(key, store.create_source(editor, draft).await?.id);
    }
    // Valdoria is an invented island: its towns lie in open sea, far from any real country.
    let mut places = BTreeMap::new();
    for (key, name, lat, lon) in [
        ("aster", "Port Aster", -35.2, -18.4),
        ("velmora", "Velmora", -33.9, -16.6),
        ("airport", "Velmora Airport", -34.15, -16.2),
        ("saltmarsh", "Saltmarsh", -36.1, -17.2),
    ] {
        let draft = NewPlace {
            name: name.into(),
            country: None,
            lat,
            lon,
        }
        .validate()?;
        places.insert(key, store.add_place(editor, draft).await?.id);
    }
    for indicator in [
        NewIndicator {
            key: "police_injured".into(),
            labels: labels("Police injured", "Agenti feriti", "Раненые полицейские"),
            kind: IndicatorKind::Count,
            scope: Some(Scope::Thread),
            statuses: vec![],
        },
        NewIndicator {
            key: "detained".into(),
            labels: labels("People detained", "Persone fermate", "Задержанные"),
            kind: IndicatorKind::Count,
            scope: Some(Scope::Thread),
            statuses: vec![],
        },
        NewIndicator {
            key: "internet".into(),
            labels: labels("Mobile internet", "Internet mobile", "Мобильный интернет"),
            kind: IndicatorKind::Status,
            scope: Some(Scope::Place),
            statuses: vec![
                status("cut", "#d93b30", "cut", "interrotto", "отключён"),
                status("partial", "#b36b00", "partial", "parziale", "частично"),
                status("working", "#1b7f3b", "working", "funzionante", "работает"),
            ],
        },
    ] {
        store
            .create_indicator(editor, &thread.id, indicator.validate()?)
            .await?;
    }

    let s = |k: &str| sources.get(k).cloned().unwrap_or_default();
    let p = |k: &str| places.get(k).cloned().unwrap_or_default();
    let (aster, velmora, airport) = (p("aster"), p("velmora"), p("airport"));
    let lines = vec![
        Line {
            source: "residents",
            cites: None,
            body: "No mobile data anywhere in Velmora since early evening, members report.",
            hours_ago: 9,
            places: vec![&velmora],
            claims: vec![("internet", Some(&velmora), json!("cut"))],
        },
        Line {
            source: "radio",
            cites: None,
            body: "Our reporters in **Port Aster** have had no mobile signal for an hour.",
            hours_ago: 8,
            places: vec![&aster],
            claims: vec![("internet", Some(&aster), json!("cut"))],
        },
        Line {
            source: "ministry",
            cites: None,
            body: "The ministry says 3 officers were injured during the night.",
            hours_ago: 7,
            places: vec![&aster],
            claims: vec![("police_injured", None, json!(3))],
        },
        Line {
            source: "vtv",
            cites: Some("ministry"),
            body: "State television repeats the ministry: 3 officers injured.",
            hours_ago: 6,
            places: vec![],
            claims: vec![("police_injured", None, json!(3))],
        },
        Line {
            source: "radio",
            cites: None,
            body: "Hospital staff tell Aster Free Radio that **7** officers were brought in.",
            hours_ago: 5,
            places: vec![&aster],
            claims: vec![("police_injured", None, json!(7))],
        },
        Line {
            source: "ministry",
            cites: None,
            body: "The ministry reports 40 people detained for \"public disorder\".",
            hours_ago: 5,
            places: vec![],
            claims: vec![("detained", None, json!(40))],
        },
        Line {
            source: "wire",
            cites: None,
            body: "Northern Wire, quoting lawyers: between 40 and 55 people detained.",
            hours_ago: 3,
            places: vec![],
            claims: vec![("detained", None, json!("40-55"))],
        },
        Line {
            source: "residents",
            cites: None,
            body: "Mobile data is back in most of Velmora, members say.",
            hours_ago: 2,
            places: vec![&velmora],
            claims: vec![("internet", Some(&velmora), json!("working"))],
        },
        Line {
            source: "wire",
            cites: None,
            body: "Northern Wire: mobile service in Velmora restored only in the centre.",
            hours_ago: 1,
            places: vec![&velmora],
            claims: vec![("internet", Some(&velmora), json!("partial"))],
        },
        Line {
            source: "vtv",
            cites: None,
            body: "State television: the airport is operating normally.",
            hours_ago: 1,
            places: vec![&airport],
            claims: vec![],
        },
    ];
    let now = time::now();
    let mut ids = Vec::new();
    for line in lines {
        let report = NewReport {
            body: line.body.into(),
            language: Some("en".into()),
            source: s(line.source),
            link: Some(format!("https://example.org/exercise/{}", line.source)),
            cites: line.cites.map(s),
            occurred_at: None,
            stated_at: Some(now - Duration::hours(line.hours_ago)),
            places: line.places.into_iter().map(str::to_owned).collect(),
            claims: line
                .claims
                .into_iter()
                .map(|(indicator, place, value)| NewClaim {
                    indicator: indicator.into(),
                    place: place.map(str::to_owned),
                    value,
                    as_of: None,
                })
                .collect(),
            author_name: None,
        }
        .validate(now, None)?;
        ids.push(
            store
                .create_report(editor, &thread.id, report)
                .await?
                .item
                .id,
        );
    }
    // A mistyped figure, struck: it stays on record and off the board.
    let typo = NewReport {
        body: "The ministry now says 30 officers injured.".into(),
        language: Some("en".into()),
        source: s("ministry"),
        link: None,
        cites: None,
        occurred_at: None,
        stated_at: Some(now - Duration::minutes(90)),
        places: vec![],
        claims: vec![NewClaim {
            indicator: "police_injured".into(),
            place: None,
            value: json!(30),
            as_of: None,
        }],
        author_name: None,
    }
    .validate(now, None)?;
    let typo = store.create_report(editor, &thread.id, typo).await?.item;
    store
        .strike_report(
            editor,
            &typo.id,
            "Mistyped: the ministry's statement says 3, not 30.".into(),
        )
        .await?;
    // A reader's report, published by a moderator; another waits in the queue.
    let seen = NewReport {
        body: "Police vans parked along the harbour road in Saltmarsh, I saw them myself.".into(),
        language: Some("en".into()),
        source: s("residents"),
        link: None,
        cites: None,
        occurred_at: Some(now - Duration::hours(4)),
        stated_at: Some(now - Duration::hours(3)),
        places: vec![p("saltmarsh")],
        claims: vec![],
        author_name: None,
    }
    .validate(now, None)?;
    let seen = store
        .create_report(cast.reader, &thread.id, seen)
        .await?
        .item;
    let approve = Moderation::new(ModerationAction::Approve, None)?;
    store
        .moderate_report(cast.moderator, &seen.id, approve)
        .await?;
    let waiting = NewReport {
        body: "Someone on the residents channel says the bridge to Saltmarsh is closed.".into(),
        language: Some("en".into()),
        source: s("residents"),
        link: None,
        cites: None,
        occurred_at: None,
        stated_at: None,
        places: vec![p("saltmarsh")],
        claims: vec![],
        author_name: None,
    }
    .validate(now, None)?;
    store
        .create_report(cast.reader, &thread.id, waiting)
        .await?;
    Ok(())
}
