//! Sources, places, indicators, reports and the board.

use cronaca::domain::board::{Agreement, SupersededBy, Verification, board};
use cronaca::domain::comment::{Moderation, ModerationAction};
use cronaca::domain::event::EventKind;
use cronaca::domain::indicator::{
    Indicator, IndicatorKind, IndicatorPatch, NewClaim, NewIndicator, StatusOption,
};
use cronaca::domain::place::NewPlace;
use cronaca::domain::report::{NewReport, ReportFilter, ReportState};
use cronaca::domain::role::Role;
use cronaca::domain::source::{NewSource, Source, SourceKind, SourcePatch};
use cronaca::domain::thread::NewThread;
use cronaca::domain::time::now;
use cronaca::domain::user::Actor;
use cronaca::store::{Store, StoreError};
use serde_json::json;

use super::{page, user};

pub async fn board_story(store: &dyn Store) {
    let editor = user(store, "ed", Role::Editor).await;
    let moderator = user(store, "mod", Role::Moderator).await;
    let reader = user(store, "reader", Role::Contributor).await;
    let thread = store
        .create_thread(
            &editor,
            NewThread {
                title: "Unrest".into(),
                lead: String::new(),
                language: "en".into(),
                comment_policy: None,
                guests_may_comment: Some(false),
                slug: None,
                provenance: None,
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .item;

    let source = |name: &str, kind: SourceKind| NewSource {
        name: name.into(),
        kind,
        affiliation: None,
        country: Some("kz".into()),
        language: None,
        homepage: None,
        notes: None,
    };
    let ministry = store
        .create_source(
            &editor,
            source("Ministry of Interior", SourceKind::Official)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap();
    let twice = store
        .create_source(
            &reader,
            source("MINISTRY of  interior!", SourceKind::Official)
                .validate()
                .unwrap(),
        )
        .await;
    assert!(
        matches!(
            twice,
            Err(StoreError::Conflict {
                code: "source_exists",
                ..
            })
        ),
        "{twice:?}"
    );
    let agency = store
        .create_source(
            &reader,
            source("Agence Témoin", SourceKind::Agency)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap();
    let found = store.list_sources(Some("temoin"), page(10)).await.unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, agency.id);
    assert_eq!(store.source(&ministry.id).await.unwrap(), ministry);
    assert!(matches!(
        store.source("01HZZZZZZZZZZZZZZZZZZZZZZZ").await,
        Err(StoreError::NotFound(_))
    ));
    sources_change(store, &editor, &ministry, &agency).await;
    custom_places(store, &editor).await;

    let indicator = NewIndicator {
        key: "police_dead".into(),
        labels: [("en".to_owned(), "Police dead".to_owned())].into(),
        kind: IndicatorKind::Count,
        scope: None,
        statuses: vec![],
    };
    let created = store
        .create_indicator(&editor, &thread.id, indicator.validate().unwrap())
        .await
        .unwrap();
    assert_eq!(created.events[0].kind, EventKind::IndicatorChanged);
    assert!(
        store
            .create_indicator(&editor, &thread.id, indicator.validate().unwrap())
            .await
            .is_err(),
        "keys are unique in a thread"
    );
    let listed = store.indicators(&thread.id).await.unwrap();
    assert_eq!(listed, std::slice::from_ref(&created.item));
    indicator_change(store, &editor, &created.item).await;

    let report = |src: &str, cites: Option<&str>, value: serde_json::Value| NewReport {
        body: "Police dead".into(),
        language: None,
        source: src.into(),
        link: None,
        cites: cites.map(Into::into),
        occurred_at: None,
        stated_at: None,
        places: vec!["gn:1526384".into()],
        claims: vec![NewClaim {
            indicator: "police_dead".into(),
            place: None,
            value,
            as_of: None,
        }],
        author_name: None,
    };
    let official = store
        .create_report(
            &editor,
            &thread.id,
            report(&ministry.id, None, json!(8))
                .validate(now(), None)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(official.item.state, ReportState::Published);
    assert_eq!(official.events[0].kind, EventKind::ReportPublished);
    assert_eq!(official.item.places[0].name, "Almaty");
    assert_eq!(official.item.claims[0].indicator, "police_dead");
    assert_eq!(
        store.report(&official.item.id).await.unwrap(),
        official.item
    );
    assert!(matches!(
        store.report("01HZZZZZZZZZZZZZZZZZZZZZZZ").await,
        Err(StoreError::NotFound(_))
    ));
    // A gazetteer city a report names is kept as a place of its own, not a custom one.
    let almaty = store.place("gn:1526384").await.unwrap();
    assert_eq!((almaty.name.as_str(), almaty.custom), ("Almaty", false));

    let bad = store
        .create_report(
            &editor,
            &thread.id,
            report(&agency.id, None, json!("many"))
                .validate(now(), None)
                .unwrap(),
        )
        .await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");

    let submitted = store
        .create_report(
            &reader,
            &thread.id,
            report(&agency.id, None, json!("12"))
                .validate(now(), None)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(submitted.item.state, ReportState::Pending);
    assert!(
        submitted.events.is_empty(),
        "a pending report makes no event"
    );
    assert_eq!(store.report_queue(10).await.unwrap().len(), 1);
    let inputs = store.board_inputs(&thread.id).await.unwrap();
    assert_eq!(inputs.claims.len(), 1, "pending reports stay off the board");
    let approved = store
        .moderate_report(
            &moderator,
            &submitted.item.id,
            Moderation::new(ModerationAction::Approve, None).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(approved.events[0].kind, EventKind::ReportPublished);
    assert!(store.report_queue(10).await.unwrap().is_empty());

    let inputs = store.board_inputs(&thread.id).await.unwrap();
    assert_eq!(inputs.claims.len(), 2);
    assert_eq!(inputs.sources.len(), 2);
    assert!(inputs.places.contains_key("gn:1526384"));
    let b = board(&inputs.claims, inputs.dispute_window);
    assert_eq!(b.entries[0].agreement, Agreement::Disputed);

    let falsified = store
        .verify_report(
            &moderator,
            &approved.item.id,
            Verification::False,
            Some("old photo".into()),
        )
        .await
        .unwrap();
    assert_eq!(falsified.events[0].kind, EventKind::ReportChanged);
    let inputs = store.board_inputs(&thread.id).await.unwrap();
    let b = board(&inputs.claims, inputs.dispute_window);
    assert_eq!(b.entries[0].agreement, Agreement::Single);

    let edited = store
        .edit_report(
            &editor,
            &official.item.id,
            report(&ministry.id, None, json!("8-9"))
                .validate(now(), None)
                .unwrap(),
        )
        .await
        .unwrap()
        .item;
    assert_eq!(edited.revision, 2);
    let revisions = store.report_revisions(&edited.id).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0].report["claims"][0]["value"]["count"]["n"], 8);

    // An editor's mark that a claim is superseded: stored, read back, announced, cleared.
    let by = SupersededBy::report(&approved.item.id);
    let marked = store
        .supersede_claim(&editor, &edited.claims[0].id, Some(by.clone()))
        .await
        .unwrap();
    assert_eq!(marked.item.claims[0].superseded_by, Some(by.clone()));
    assert_eq!(marked.events[0].kind, EventKind::ReportChanged);
    let inputs = store.board_inputs(&thread.id).await.unwrap();
    let mark = inputs.claims.iter().find(|c| c.report_id == edited.id);
    assert_eq!(mark.and_then(|c| c.superseded_by.clone()), Some(by));
    let own = SupersededBy::report(&edited.id);
    let refused = store
        .supersede_claim(&editor, &edited.claims[0].id, Some(own))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    let missing = store
        .supersede_claim(&editor, "01HZZZZZZZZZZZZZZZZZZZZZZZ", None)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    let cleared = store
        .supersede_claim(&editor, &edited.claims[0].id, None)
        .await
        .unwrap();
    assert_eq!(cleared.item.claims[0].superseded_by, None);

    let struck = store
        .strike_report(&editor, &edited.id, "wrong city".into())
        .await
        .unwrap()
        .item;
    assert!(struck.struck.is_some());
    assert!(
        store
            .strike_report(&editor, &edited.id, "again".into())
            .await
            .is_err()
    );
    let by_source = store
        .list_reports(
            &thread.id,
            ReportFilter {
                source: Some(ministry.id.clone()),
                ..Default::default()
            },
            page(10),
        )
        .await
        .unwrap();
    assert_eq!(by_source.items.len(), 1);
    let false_ones = store
        .list_reports(
            &thread.id,
            ReportFilter {
                status: Some(Verification::False),
                ..Default::default()
            },
            page(10),
        )
        .await
        .unwrap();
    assert_eq!(false_ones.items[0].id, approved.item.id);
}

/// A source changed: absent fields stay, and a name may not become another source's.
async fn sources_change(store: &dyn Store, editor: &Actor, ministry: &Source, agency: &Source) {
    let patch = SourcePatch {
        notes: Some("Speaks for the police".into()),
        homepage: Some("https://interior.example/".into()),
        ..Default::default()
    };
    let edited = store
        .edit_source(editor, &ministry.id, patch.apply(ministry).unwrap())
        .await
        .unwrap();
    assert_eq!(edited.notes, "Speaks for the police");
    assert_eq!(
        edited.homepage.as_deref(),
        Some("https://interior.example/")
    );
    assert_eq!(
        (edited.name.as_str(), edited.kind),
        ("Ministry of Interior", SourceKind::Official)
    );
    assert_eq!(edited.created_at, ministry.created_at);
    assert_eq!(store.source(&ministry.id).await.unwrap(), edited);
    let taken = SourcePatch {
        name: Some("ministry of interior".into()),
        ..Default::default()
    };
    let clash = store
        .edit_source(editor, &agency.id, taken.apply(agency).unwrap())
        .await;
    assert!(
        matches!(
            clash,
            Err(StoreError::Conflict {
                code: "source_exists",
                ..
            })
        ),
        "{clash:?}"
    );
    assert_eq!(
        store.source(&agency.id).await.unwrap().name,
        "Agence Témoin"
    );
}

/// A custom place is stored as given, found by part of its name, and read back by its id.
async fn custom_places(store: &dyn Store, editor: &Actor) {
    let draft = NewPlace {
        name: "Almaty International Airport".into(),
        country: Some("kz".into()),
        lat: 43.352_123_4,
        lon: 77.040_5,
    }
    .validate()
    .unwrap();
    let airport = store.add_place(editor, draft).await.unwrap();
    assert!(airport.custom);
    assert!(!airport.id.starts_with("gn:"));
    assert_eq!(airport.name, "Almaty International Airport");
    assert_eq!(airport.country.as_deref(), Some("KZ"));
    assert_eq!((airport.lat, airport.lon), (43.35212, 77.0405));
    assert_eq!(store.place(&airport.id).await.unwrap(), airport);
    assert_eq!(
        store
            .search_custom_places("International", 10)
            .await
            .unwrap(),
        std::slice::from_ref(&airport)
    );
    assert!(
        store
            .search_custom_places("Nowhere", 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .search_custom_places("Airport", 0)
            .await
            .unwrap()
            .is_empty(),
        "the limit holds"
    );
    assert!(matches!(
        store.place("01HZZZZZZZZZZZZZZZZZZZZZZZ").await,
        Err(StoreError::NotFound(_))
    ));
}

/// An indicator relabelled and moved keeps its key and kind; a change its kind refuses is not
/// written.
async fn indicator_change(store: &dyn Store, editor: &Actor, before: &Indicator) {
    let labels = [("en".to_owned(), "Police killed".to_owned())].into();
    let patch = IndicatorPatch::new(Some(labels), None, Some(5)).unwrap();
    let changed = store
        .patch_indicator(editor, &before.id, patch)
        .await
        .unwrap();
    assert_eq!(changed.events[0].kind, EventKind::IndicatorChanged);
    assert_eq!(changed.item.label("en"), "Police killed");
    assert_eq!(changed.item.position, 5);
    assert_eq!(
        (changed.item.key.as_str(), changed.item.kind),
        ("police_dead", IndicatorKind::Count)
    );
    let statuses = vec![StatusOption {
        value: "many".into(),
        colour: "#000000".into(),
        labels: Default::default(),
    }];
    let refused = store
        .patch_indicator(
            editor,
            &before.id,
            IndicatorPatch::new(None, Some(statuses), None).unwrap(),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    let listed = store.indicators(&before.thread_id).await.unwrap();
    assert_eq!(listed, [changed.item]);
}
