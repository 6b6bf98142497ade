//! The store contract: behaviour every backend must share, written against `dyn Store` so the
//! same story runs on each backend (SQLite here; PostgreSQL joins with its backend).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use cronaca::auth;
use cronaca::domain::board::{Agreement, Verification, board};
use cronaca::domain::comment::{Moderation, ModerationAction, NewComment};
use cronaca::domain::event::EventKind;
use cronaca::domain::indicator::{IndicatorKind, NewClaim, NewIndicator};
use cronaca::domain::language::LanguageTag;
use cronaca::domain::report::{NewReport, ReportFilter, ReportState};
use cronaca::domain::role::Role;
use cronaca::domain::source::{NewSource, SourceKind};
use cronaca::domain::thread::{CommentPolicy, NewThread, ThreadPatch, ThreadStatus};
use cronaca::domain::time::now;
use cronaca::domain::translation::{ItemKind, MachineTranslation, TranslationInput};
use cronaca::domain::update::{NewStrike, NewUpdate};
use cronaca::domain::user::Actor;
use cronaca::store::sqlite::SqliteStore;
use cronaca::store::{NewUserRecord, PageRequest, Store, StoreError, TranslationTarget};
use serde_json::json;

async fn sqlite() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (SqliteStore::open_dir(dir.path()).await.unwrap(), dir)
}

async fn user(store: &dyn Store, name: &str, role: Role) -> Actor {
    let record = NewUserRecord {
        name: name.into(),
        display_name: name.to_uppercase(),
        role,
        password_hash: Some(auth::hash_password("long enough password").unwrap()),
    };
    Actor::User(store.create_user(&Actor::System, record).await.unwrap())
}

fn page(limit: u32) -> PageRequest {
    PageRequest { after: None, limit }
}

async fn thread_story(store: &dyn Store) {
    assert!(store.is_empty().await.unwrap());
    let editor = user(store, "ed", Role::Editor).await;
    let moderator = user(store, "mod", Role::Moderator).await;
    assert!(!store.is_empty().await.unwrap());

    let draft = NewThread {
        title: "Città".into(),
        lead: "l".into(),
        language: "it".into(),
        comment_policy: Some(CommentPolicy::Premoderated),
        guests_may_comment: Some(true),
        slug: None,
        provenance: None,
    }
    .validate()
    .unwrap();
    let created = store.create_thread(&editor, draft).await.unwrap();
    let thread = created.item;
    assert_eq!(thread.slug, "citta");
    assert_eq!(created.events[0].seq, 1);
    assert_eq!(store.thread("citta").await.unwrap(), thread);
    assert_eq!(store.thread(&thread.id).await.unwrap(), thread);

    let text = |b: &str| {
        NewUpdate {
            body: b.into(),
            language: None,
            provenance: None,
        }
        .validate()
        .unwrap()
    };
    let first = store
        .post_update(&editor, &thread.id, text("one"))
        .await
        .unwrap();
    assert_eq!(first.events[0].seq, 2);
    assert_eq!(first.events[0].kind, EventKind::UpdatePosted);
    let second = store
        .post_update(&editor, &thread.id, text("two"))
        .await
        .unwrap()
        .item;
    let edited = store
        .edit_update(&editor, &first.item.id, text("one, fixed"))
        .await
        .unwrap();
    assert_eq!(edited.item.revision, 2);
    let revisions = store.update_revisions(&first.item.id).await.unwrap();
    assert_eq!(
        revisions
            .iter()
            .map(|r| r.body.as_str())
            .collect::<Vec<_>>(),
        ["one", "one, fixed"]
    );
    let strike = NewStrike {
        reason: "wrong".into(),
        corrected_by: Some(second.id.clone()),
    };
    let struck = store
        .strike_update(&editor, &first.item.id, strike.clone())
        .await
        .unwrap();
    assert_eq!(
        struck.item.struck.as_ref().unwrap().corrected_by.as_deref(),
        Some(second.id.as_str())
    );
    assert!(matches!(
        store.strike_update(&editor, &first.item.id, strike).await,
        Err(StoreError::Conflict {
            code: "already_struck",
            ..
        })
    ));

    let updates = store.list_updates(&thread.id, page(1)).await.unwrap();
    assert_eq!(updates.items[0].id, second.id);
    let rest = store
        .list_updates(
            &thread.id,
            PageRequest {
                after: updates.next.clone(),
                limit: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(rest.items[0].id, first.item.id);
    assert!(rest.next.is_none());
    let oldest = store
        .list_updates_oldest_first(&thread.id, page(1))
        .await
        .unwrap();
    assert_eq!(oldest.items[0].id, first.item.id);
    let newer = PageRequest {
        after: oldest.next.clone(),
        limit: 5,
    };
    let newer = store
        .list_updates_oldest_first(&thread.id, newer)
        .await
        .unwrap();
    assert_eq!(
        newer.items.iter().map(|u| &u.id).collect::<Vec<_>>(),
        [&second.id]
    );

    let guest = NewComment {
        body: "hi".into(),
        parent_id: None,
        author_name: Some("G".into()),
    };
    let pending = store
        .create_comment(&Actor::Guest, &thread.id, guest.validate().unwrap())
        .await
        .unwrap();
    assert!(pending.events.is_empty());
    assert_eq!(
        store.moderation_queue(page(10)).await.unwrap().items.len(),
        1
    );
    let approve = Moderation {
        action: ModerationAction::Approve,
        note: None,
    };
    let approved = store
        .moderate_comment(&moderator, &pending.item.id, approve)
        .await
        .unwrap();
    assert_eq!(approved.events[0].kind, EventKind::CommentApproved);
    let listed = store.list_comments(&thread.id, page(10)).await.unwrap();
    assert_eq!(listed.items[0].comment.id, pending.item.id);

    let events = store.events_after(&thread.id, 0, 100).await.unwrap();
    let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=6).collect::<Vec<_>>());
    assert_eq!(
        store.events_after(&thread.id, 4, 1).await.unwrap()[0].seq,
        5
    );

    let closed = ThreadPatch {
        status: Some(ThreadStatus::Closed),
        ..Default::default()
    };
    store
        .patch_thread(&editor, &thread.id, closed.validate().unwrap())
        .await
        .unwrap();
    let late = NewComment {
        body: "late".into(),
        parent_id: None,
        author_name: Some("G".into()),
    };
    assert!(matches!(
        store
            .create_comment(&Actor::Guest, &thread.id, late.validate().unwrap())
            .await,
        Err(StoreError::Conflict {
            code: "thread_closed",
            ..
        })
    ));
    let audit = store.audit_log(page(50)).await.unwrap();
    assert!(audit.items.iter().any(|e| e.action == "thread.edit"));
}

async fn accounts_story(store: &dyn Store) {
    let Actor::User(anna) = user(store, "Anna", Role::Contributor).await else {
        unreachable!()
    };
    assert!(matches!(
        store
            .create_user(
                &Actor::System,
                NewUserRecord {
                    name: "anna".into(),
                    display_name: "x".into(),
                    role: Role::Admin,
                    password_hash: None,
                }
            )
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let (found, hash) = store.user_credentials("ANNA").await.unwrap();
    assert_eq!(found.id, anna.id);
    assert!(auth::verify_password(
        "long enough password",
        &hash.unwrap()
    ));

    let token = store
        .create_token(&Actor::System, "anna", "laptop", "hash-1")
        .await
        .unwrap();
    assert_eq!(
        store.user_by_token("hash-1").await.unwrap().unwrap().id,
        anna.id
    );
    assert_eq!(store.user_by_token("hash-2").await.unwrap(), None);
    store.revoke_token(&Actor::System, &token.id).await.unwrap();
    assert_eq!(store.user_by_token("hash-1").await.unwrap(), None);
    assert!(
        store.list_tokens(Some("anna")).await.unwrap()[0]
            .revoked_at
            .is_some()
    );

    store
        .create_session(&anna.id, "s-live", now() + Duration::hours(1))
        .await
        .unwrap();
    store
        .create_session(&anna.id, "s-old", now() - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        store
            .user_by_session("s-live", now())
            .await
            .unwrap()
            .unwrap()
            .id,
        anna.id
    );
    assert_eq!(store.user_by_session("s-old", now()).await.unwrap(), None);
    assert_eq!(store.purge_expired_sessions(now()).await.unwrap(), 1);
    store.delete_session("s-live").await.unwrap();
    assert_eq!(store.user_by_session("s-live", now()).await.unwrap(), None);

    store
        .create_session(&anna.id, "s-2", now() + Duration::hours(1))
        .await
        .unwrap();
    let disabled = store
        .set_user_disabled(&Actor::System, "anna", true)
        .await
        .unwrap();
    assert!(disabled.disabled);
    assert_eq!(store.user_by_session("s-2", now()).await.unwrap(), None);
    let promoted = store
        .set_user_role(&Actor::System, "anna", Role::Moderator)
        .await
        .unwrap();
    assert_eq!(promoted.role, Role::Moderator);
    assert!(matches!(
        store.user_by_name("nobody").await,
        Err(StoreError::NotFound("user"))
    ));
}

async fn board_story(store: &dyn Store) {
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
            Moderation {
                action: ModerationAction::Approve,
                note: None,
            },
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

async fn translation_story(store: &dyn Store) {
    let editor = user(store, "ed", Role::Editor).await;
    let translator = user(store, "tr", Role::Translator).await;
    let thread = store
        .create_thread(
            &editor,
            NewThread {
                title: "Bridge".into(),
                lead: "Closed.".into(),
                language: "en".into(),
                comment_policy: None,
                guests_may_comment: None,
                slug: None,
                provenance: None,
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .item;
    let update = store
        .post_update(
            &editor,
            &thread.id,
            NewUpdate {
                body: "The bridge is closed.".into(),
                language: None,
                provenance: None,
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .item;
    let it = LanguageTag::parse("it").unwrap();
    let input = |body: &str| TranslationInput {
        body: body.into(),
        translator: Some("A. Reader".into()),
        ..Default::default()
    };
    let target = TranslationTarget {
        kind: ItemKind::Update,
        item_id: update.id.clone(),
        language: it.clone(),
    };
    let made = store
        .create_translation(
            &translator,
            target.clone(),
            input("Il ponte [[bridge]] è chiuso.")
                .validate(ItemKind::Update)
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(made.events.is_empty(), "a draft tells no reader");
    let id = made.item.id.clone();
    assert!(made.item.published.is_none());
    // One per item per language.
    let twice = store
        .create_translation(
            &translator,
            target,
            input("x").validate(ItemKind::Update).unwrap(),
        )
        .await;
    assert!(matches!(
        twice,
        Err(StoreError::Conflict {
            code: "translation_exists",
            ..
        })
    ));

    let published = store.publish_translation(&editor, &id, 1).await.unwrap();
    assert_eq!(published.events[0].kind, EventKind::TranslationPublished);
    assert!(!published.item.stale);
    assert_eq!(
        store.thread_languages(&thread.id).await.unwrap(),
        vec![(it.clone(), 1)]
    );

    // The original is edited: the published translation is stale until a new revision is.
    store
        .edit_update(
            &editor,
            &update.id,
            NewUpdate {
                body: "The bridge is closed to cars.".into(),
                language: None,
                provenance: None,
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap();
    let stale = store.translation(&id).await.unwrap();
    assert!(stale.stale);
    assert_eq!(stale.original_revision, 2);
    let revised = store
        .revise_translation(
            &translator,
            &id,
            input("Il ponte è chiuso alle auto.")
                .validate(ItemKind::Update)
                .unwrap(),
        )
        .await
        .unwrap()
        .item;
    assert!(revised.stale, "a draft does not change what readers see");
    assert_eq!(revised.published.as_ref().unwrap().revision, 1);
    let fresh = store
        .publish_translation(&editor, &id, 2)
        .await
        .unwrap()
        .item;
    assert!(!fresh.stale);
    assert_eq!(store.translation_revisions(&id).await.unwrap().len(), 2);
    let of_thread = store
        .thread_translations(&thread.id, Some(&LanguageTag::parse("it-CH").unwrap()))
        .await
        .unwrap();
    assert_eq!(of_thread.len(), 1);

    // Trust, and the machine-translation cache.
    let trusted = store
        .set_trusted_translator(&editor, &thread.id, "tr", true)
        .await
        .unwrap();
    assert_eq!(trusted.len(), 1);
    assert_eq!(
        store.trusted_translators(&thread.id).await.unwrap(),
        trusted
    );
    let machine = MachineTranslation {
        kind: "update".into(),
        item_id: update.id.clone(),
        language: LanguageTag::parse("es").unwrap(),
        from_language: LanguageTag::parse("en").unwrap(),
        engine: "Apertium".into(),
        source_text: "The bridge is closed to cars.".into(),
        text: "El puente está cerrado.".into(),
        html: "<p>El puente está cerrado.</p>".into(),
        created_at: now(),
    };
    store.save_machine_translation(&machine).await.unwrap();
    let kept = store
        .machine_translation("update", &update.id, &machine.language, "Apertium")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.text, machine.text);
    assert_eq!(kept.source_text, machine.source_text);

    let withdrawn = store.withdraw_translation(&editor, &id).await.unwrap().item;
    assert!(withdrawn.published.is_none());
    assert!(store.thread_languages(&thread.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn sqlite_keeps_the_translation_story() {
    let (store, _dir) = sqlite().await;
    translation_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_board_story() {
    let (store, _dir) = sqlite().await;
    board_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_thread_story() {
    let (store, _dir) = sqlite().await;
    thread_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_accounts_story() {
    let (store, _dir) = sqlite().await;
    accounts_story(&store).await;
}

#[tokio::test]
async fn sqlite_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    let editor = user(&store, "ed", Role::Editor).await;
    let draft = NewThread {
        title: "T".into(),
        lead: String::new(),
        language: "en".into(),
        comment_policy: None,
        guests_may_comment: None,
        slug: None,
        provenance: None,
    };
    let thread = store
        .create_thread(&editor, draft.validate().unwrap())
        .await
        .unwrap()
        .item;
    store.close().await;
    let reopened = SqliteStore::open_dir(dir.path()).await.unwrap();
    assert_eq!(reopened.thread(&thread.id).await.unwrap(), thread);
}
