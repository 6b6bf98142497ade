//! The rules of translations, checked on their own.

use super::*;
use crate::domain::time::now;

fn input(body: &str) -> TranslationInput {
    TranslationInput {
        body: body.into(),
        ..Default::default()
    }
}

fn text(revision: i64, source_revision: i64) -> TranslationText {
    TranslationText {
        revision,
        title: None,
        body: "b".into(),
        body_html: "<p>b</p>".into(),
        translator: Credit {
            name: "A".into(),
            url: None,
        },
        publication: None,
        source_revision,
        machine: None,
        edited_by: UserRef {
            id: "u".into(),
            name: "U".into(),
        },
        created_at: now(),
    }
}

fn translation(latest: i64, published: Option<i64>) -> Translation {
    Translation {
        id: "T".into(),
        thread_id: "th".into(),
        kind: ItemKind::Update,
        item_id: "i".into(),
        language: LanguageTag::parse("it").unwrap(),
        status: if published.is_some() {
            TranslationStatus::Published
        } else {
            TranslationStatus::Draft
        },
        latest: text(latest, 1),
        published: published.map(|r| text(r, 1)),
        original_revision: 1,
        stale: false,
        created_by: UserRef {
            id: "u".into(),
            name: "U".into(),
        },
        created_at: now(),
        updated_at: now(),
    }
}

#[test]
fn a_thread_translation_needs_a_title_and_others_have_none() {
    assert_eq!(
        input("lead").validate(ItemKind::Thread).unwrap_err().field,
        "title"
    );
    let mut with_title = input("x");
    with_title.title = Some("Titolo".into());
    assert!(with_title.validate(ItemKind::Thread).is_ok());
    assert_eq!(
        with_title.validate(ItemKind::Update).unwrap_err().field,
        "title"
    );
}

#[test]
fn bodies_render_with_notes_and_labels_are_one_line() {
    let d = input("Il ponte [[bridge]]")
        .validate(ItemKind::Update)
        .unwrap();
    assert!(d.body_html().contains("role=\"note\""));
    assert_eq!(
        input("a\nb")
            .validate(ItemKind::Indicator)
            .unwrap_err()
            .field,
        "body"
    );
    let label = input("Morti [[polizia]]")
        .validate(ItemKind::Indicator)
        .unwrap();
    assert!(!label.body_html().starts_with("<p>"));
}

#[test]
fn credits_need_a_name_and_a_web_address() {
    let mut i = input("x");
    i.translator_url = Some("https://example.org".into());
    assert_eq!(
        i.validate(ItemKind::Update).unwrap_err().field,
        "translator"
    );
    i.translator = Some("A. Reader".into());
    i.translator_url = Some("ftp://x".into());
    assert_eq!(
        i.validate(ItemKind::Update).unwrap_err().field,
        "translator_url"
    );
    i.translator_url = None;
    i.publication = Some("Example Italia".into());
    let d = i.validate(ItemKind::Update).unwrap();
    assert_eq!(d.translator().unwrap().name, "A. Reader");
    assert_eq!(d.publication().unwrap().name, "Example Italia");
}

#[test]
fn staleness_is_the_original_moving_past_the_source() {
    assert!(!is_stale(2, 2));
    assert!(is_stale(1, 2));
    assert!(!is_stale(3, 2));
}

#[test]
fn only_the_latest_unpublished_revision_can_be_published() {
    let t = translation(2, Some(1));
    assert!(t.has_draft());
    assert!(check_publish(&t, 2).is_ok());
    assert!(matches!(
        check_publish(&t, 1),
        Err(Refusal::Conflict {
            code: "revision_outdated",
            ..
        })
    ));
    let done = translation(2, Some(2));
    assert!(!done.has_draft());
    assert!(matches!(
        check_publish(&done, 2),
        Err(Refusal::Conflict {
            code: "already_published",
            ..
        })
    ));
}

#[test]
fn a_translation_is_into_another_language() {
    let en = LanguageTag::parse("en").unwrap();
    assert!(check_language(&en, &LanguageTag::parse("en-GB").unwrap()).is_err());
    assert!(check_language(&en, &LanguageTag::parse("it").unwrap()).is_ok());
    assert!(same_language(
        &LanguageTag::parse("it-CH").unwrap(),
        &LanguageTag::parse("it").unwrap()
    ));
}

#[test]
fn a_translators_revision_waits_until_published_and_an_engines_waits_for_a_person() {
    let fresh = translation(1, None);
    assert_eq!(
        fresh.standing(),
        Standing::Waiting {
            revision: 1,
            published: None
        }
    );
    let shown = translation(2, Some(2));
    assert_eq!(shown.standing(), Standing::Published { revision: 2 });
    assert!(!shown.awaits_publication());
    let newer = translation(3, Some(2));
    assert_eq!(
        newer.standing(),
        Standing::Waiting {
            revision: 3,
            published: Some(2)
        }
    );
    let mut machine = translation(1, None);
    machine.latest.machine = Some("Apertium".into());
    assert!(matches!(machine.standing(), Standing::Machine { .. }));
    assert!(!machine.awaits_publication());

    let mut other = translation(4, Some(1));
    other.latest.edited_by.id = "someone-else".into();
    let all = [fresh, shown, newer, machine, other];
    assert_eq!(waiting_count(&all, None), 3);
    assert_eq!(waiting_count(&all, Some("u")), 2);
    assert_eq!(waiting_count(&all, Some("nobody")), 0);
}
