//! Sources, places, indicators, reports and the board.

use cronaca::domain::board::{Agreement, Verification, board};
use cronaca::domain::comment::{Moderation, ModerationAction};
use cronaca::domain::event::EventKind;
use cronaca::domain::indicator::{IndicatorKind, NewClaim, NewIndicator};
use cronaca::domain::report::{NewReport, ReportFilter, ReportState};
use cronaca::domain::role::Role;
use cronaca::domain::source::{NewSource, SourceKind};
use cronaca::domain::thread::NewThread;
use cronaca::domain::time::now;
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
                .validate(now())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(official.item.state, ReportState::Published);
    assert_eq!(official.events[0].kind, EventKind::ReportPublished);
    assert_eq!(official.item.places[0].name, "Almaty");
    assert_eq!(official.item.claims[0].indicator, "police_dead");

    let bad = store
        .create_report(
            &editor,
            &thread.id,
            report(&agency.id, None, json!("many"))
                .validate(now())
                .unwrap(),
        )
        .await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");

    let submitted = store
        .create_report(
            &reader,
            &thread.id,
            report(&agency.id, None, json!("12"))
                .validate(now())
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
                .validate(now())
                .unwrap(),
        )
        .await
        .unwrap()
        .item;
    assert_eq!(edited.revision, 2);
    let revisions = store.report_revisions(&edited.id).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0].report["claims"][0]["value"]["count"]["n"], 8);

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
