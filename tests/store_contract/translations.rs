//! Translations, trusted translators and the machine-translation cache.

use cronaca::domain::event::EventKind;
use cronaca::domain::language::LanguageTag;
use cronaca::domain::role::Role;
use cronaca::domain::thread::NewThread;
use cronaca::domain::time::now;
use cronaca::domain::translation::{ItemKind, MachineTranslation, TranslationInput};
use cronaca::domain::update::NewUpdate;
use cronaca::store::{Store, StoreError, TranslationTarget};

use super::user;

pub async fn translation_story(store: &dyn Store) {
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

    // One item's translation into one language, as it is now; none into a language nobody
    // translated it into, nor for an item that has none.
    let found = store
        .translation_of(ItemKind::Update, &update.id, &it)
        .await
        .unwrap()
        .expect("the Italian translation");
    assert_eq!(found.id, id);
    assert_eq!(found.latest.revision, 2);
    assert_eq!(found.published.as_ref().unwrap().revision, 2);
    let es = LanguageTag::parse("es").unwrap();
    assert!(
        store
            .translation_of(ItemKind::Update, &update.id, &es)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .translation_of(ItemKind::Thread, &thread.id, &it)
            .await
            .unwrap()
            .is_none()
    );

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
