//! Threads, updates, comments, moderation and live events.

use cronaca::domain::comment::{Moderation, ModerationAction, NewComment};
use cronaca::domain::event::EventKind;
use cronaca::domain::role::Role;
use cronaca::domain::thread::{CommentPolicy, NewThread, ThreadPatch, ThreadStatus};
use cronaca::domain::update::{NewStrike, NewUpdate};
use cronaca::domain::user::Actor;
use cronaca::store::{PageRequest, Store, StoreError};

use super::{page, user};

pub async fn thread_story(store: &dyn Store) {
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
