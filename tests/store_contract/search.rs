//! Search, one open flag per account, unique revision numbers and the storage's health.

use std::collections::BTreeSet;

use cronaca::domain::comment::NewComment;
use cronaca::domain::role::Role;
use cronaca::domain::search::{HitKind, SearchQuery};
use cronaca::domain::thread::{CommentPolicy, NewThread, Thread};
use cronaca::domain::update::NewUpdate;
use cronaca::domain::user::Actor;
use cronaca::store::{StorageState, Store, StoreError};

use super::user;

fn query(text: &str) -> SearchQuery {
    SearchQuery::parse(text).unwrap().unwrap()
}

async fn thread(store: &dyn Store, editor: &Actor, title: &str, lead: &str) -> Thread {
    let draft = NewThread {
        title: title.into(),
        lead: lead.into(),
        language: "en".into(),
        comment_policy: Some(CommentPolicy::Postmoderated),
        guests_may_comment: Some(false),
        slug: None,
        provenance: None,
    };
    store
        .create_thread(editor, draft.validate().unwrap())
        .await
        .unwrap()
        .item
}

async fn post(store: &dyn Store, editor: &Actor, thread_id: &str, body: &str) -> String {
    let text = NewUpdate {
        body: body.into(),
        language: None,
        provenance: None,
    };
    store
        .post_update(editor, thread_id, text.validate().unwrap())
        .await
        .unwrap()
        .item
        .id
}

pub async fn search_story(store: &dyn Store) {
    let editor = user(store, "ed", Role::Editor).await;
    let almaty = thread(store, &editor, "Protests in ALMATY", "Crowds downtown").await;
    let astana = thread(store, &editor, "Astana quiet", "Nothing in the capital").await;
    let mut in_almaty = BTreeSet::new();
    for n in 0..5 {
        let id = post(
            store,
            &editor,
            &almaty.id,
            &format!("Barricades near the café {n}"),
        )
        .await;
        in_almaty.insert(id);
    }
    let elsewhere = post(store, &editor, &astana.id, "A CAFE reopened").await;

    // Case and accents do not matter, either way round; the last word may be a beginning.
    let hits = store.search(&query("almaty")).await.unwrap();
    assert_eq!(hits[0].kind, HitKind::Thread);
    assert_eq!(hits[0].id, almaty.id);
    assert_eq!(hits[0].thread_slug, almaty.slug);
    assert!(hits[0].snippet_html.contains("<mark>ALMATY</mark>"));
    assert!(!hits[0].snippet.contains('<'));
    let cafes = store.search(&query("CAFÉ")).await.unwrap();
    let found: BTreeSet<String> = cafes.iter().map(|h| h.id.clone()).collect();
    assert_eq!(found.len(), 6, "the five updates and the other thread's");
    assert!(found.contains(&elsewhere));
    assert!(in_almaty.is_subset(&found));
    assert_eq!(
        store.search(&query("barric")).await.unwrap().len(),
        5,
        "a beginning of a word"
    );
    assert!(
        store
            .search(&query("barric nowhere"))
            .await
            .unwrap()
            .is_empty()
    );

    // Only one thread.
    let only = store
        .search(&query("cafe").in_thread(astana.id.clone()))
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(
        (only[0].kind, only[0].id.as_str()),
        (HitKind::Update, elsewhere.as_str())
    );
    assert_eq!(only[0].thread_id, astana.id);

    // Pages by offset: together they hold every hit once.
    let mut paged = Vec::new();
    for offset in [0, 2, 4] {
        let page = store
            .search(&query("cafe").in_thread(almaty.id.clone()).paged(2, offset))
            .await
            .unwrap();
        assert!(page.len() <= 2);
        paged.extend(page.into_iter().map(|h| h.id));
    }
    assert_eq!(paged.len(), 5);
    assert_eq!(paged.iter().cloned().collect::<BTreeSet<_>>(), in_almaty);
    assert!(
        store
            .search(&query("cafe").in_thread(almaty.id.clone()).paged(2, 6))
            .await
            .unwrap()
            .is_empty()
    );

    flags_and_revisions(store, &editor, &almaty).await;

    // Every write above committed: the storage reads as healthy, and a probe agrees.
    let report = store.storage();
    assert_eq!(report.state, StorageState::Ok);
    assert!(report.is_ok() && report.reason.is_none() && report.since.is_none());
    let checked = store.check_storage().await;
    assert_eq!(checked.state, StorageState::Ok);
    assert!(checked.is_ok());
}

/// One open flag per account on a comment, refused by the database's constraint; revision
/// numbers stay unique and in order across edits.
async fn flags_and_revisions(store: &dyn Store, editor: &Actor, thread: &Thread) {
    let reader = user(store, "reader", Role::Contributor).await;
    let other = user(store, "other", Role::Contributor).await;
    let comment = NewComment {
        body: "First!".into(),
        parent_id: None,
        author_name: None,
    };
    let comment = store
        .create_comment(&reader, &thread.id, comment.validate(|_| None).unwrap())
        .await
        .unwrap()
        .item;
    let flagged = store
        .flag_comment(&other, &comment.id, "spam".into())
        .await
        .unwrap();
    assert_eq!(flagged.comment_id, comment.id);
    assert!(matches!(
        store
            .flag_comment(&other, &comment.id, "again".into())
            .await,
        Err(StoreError::Conflict {
            code: "already_flagged",
            ..
        })
    ));
    // Another account may still flag it.
    store
        .flag_comment(editor, &comment.id, "spam".into())
        .await
        .unwrap();

    let id = post(store, editor, &thread.id, "v1").await;
    for n in 2..=4 {
        let text = NewUpdate {
            body: format!("v{n}"),
            language: None,
            provenance: None,
        };
        let edited = store
            .edit_update(editor, &id, text.validate().unwrap())
            .await
            .unwrap();
        assert_eq!(edited.item.revision, n);
    }
    let numbers: Vec<i64> = store
        .update_revisions(&id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.revision)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
}
