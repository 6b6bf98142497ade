//! Threads, updates, comments, moderation and live events.

use chrono::Duration;
use cronaca::domain::comment::{
    CommentStatus, CommentText, Moderation, ModerationAction, NewComment,
};
use cronaca::domain::event::EventKind;
use cronaca::domain::role::Role;
use cronaca::domain::thread::{CommentPolicy, NewThread, ThreadChanges, ThreadPatch, ThreadStatus};
use cronaca::domain::time::now;
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
    let strike = NewStrike::new("wrong", Some(&second.id)).unwrap();
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
        .create_comment(&Actor::Guest, &thread.id, guest.validate(|_| None).unwrap())
        .await
        .unwrap();
    assert!(pending.events.is_empty());
    assert_eq!(
        store.moderation_queue(page(10)).await.unwrap().items.len(),
        1
    );
    let approve = Moderation::new(ModerationAction::Approve, None).unwrap();
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
    assert_eq!(store.last_event_seq(&thread.id).await.unwrap(), 6);

    let read = store.update(&second.id).await.unwrap();
    assert_eq!((read.body.as_str(), read.revision), ("two", 1));
    assert!(read.struck.is_none());
    assert!(store.update(&first.item.id).await.unwrap().struck.is_some());
    assert!(matches!(
        store.update(MISSING).await,
        Err(StoreError::NotFound(_))
    ));
    let read = store.comment(&pending.item.id).await.unwrap();
    assert_eq!(read.status, CommentStatus::Approved);
    assert_eq!(read.body, "hi");
    assert!(matches!(
        store.comment(MISSING).await,
        Err(StoreError::NotFound(_))
    ));

    comment_story(store, &moderator, &pending.item.id, &thread.id).await;

    let closed = ThreadChanges {
        status: Some(ThreadStatus::Closed),
        ..Default::default()
    };
    store
        .patch_thread(&editor, &thread.id, ThreadPatch::new(closed).unwrap())
        .await
        .unwrap();
    let late = NewComment {
        body: "late".into(),
        parent_id: None,
        author_name: Some("G".into()),
    };
    assert!(matches!(
        store
            .create_comment(&Actor::Guest, &thread.id, late.validate(|_| None).unwrap())
            .await,
        Err(StoreError::Conflict {
            code: "thread_closed",
            ..
        })
    ));
    let retitled = ThreadChanges {
        title: Some("Città, giorno 2".into()),
        ..Default::default()
    };
    store
        .patch_thread(&editor, &thread.id, ThreadPatch::new(retitled).unwrap())
        .await
        .unwrap();
    let revisions = store.thread_revisions(&thread.id).await.unwrap();
    assert_eq!(
        revisions
            .iter()
            .map(|r| (r.revision, r.title.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Città"), (2, "Città, giorno 2")],
        "one revision per change of title or lead, oldest first; closing made none"
    );
    assert!(matches!(
        store.thread_revisions(MISSING).await,
        Err(StoreError::NotFound(_))
    ));
    list_story(store, &editor, &thread.id).await;

    let audit = store.audit_log(page(50)).await.unwrap();
    assert!(audit.items.iter().any(|e| e.action == "thread.edit"));
}

/// An id no item has.
const MISSING: &str = "01HZZZZZZZZZZZZZZZZZZZZZZZ";

/// An approved comment edited, flagged once per account, and claimed by one moderator.
async fn comment_story(store: &dyn Store, moderator: &Actor, comment_id: &str, thread_id: &str) {
    let seq = store.last_event_seq(thread_id).await.unwrap();
    let text = CommentText::new(" hi, corrected ", |_| None).unwrap();
    let edited = store
        .edit_comment(moderator, comment_id, text)
        .await
        .unwrap();
    assert_eq!(edited.item.body, "hi, corrected");
    assert!(edited.item.edited_at.is_some());
    assert_eq!(store.comment(comment_id).await.unwrap(), edited.item);
    let events = i64::try_from(edited.events.len()).unwrap();
    assert_eq!(store.last_event_seq(thread_id).await.unwrap(), seq + events);

    let reader = user(store, "reader", Role::Contributor).await;
    let flag = store
        .flag_comment(&reader, comment_id, "rude".into())
        .await
        .unwrap();
    assert_eq!(
        (flag.comment_id.as_str(), flag.reason.as_str()),
        (comment_id, "rude")
    );
    assert!(matches!(
        store
            .flag_comment(&reader, comment_id, "again".into())
            .await,
        Err(StoreError::Conflict {
            code: "already_flagged",
            ..
        })
    ));
    let queue = store.moderation_queue(page(10)).await.unwrap();
    let flagged = queue
        .items
        .iter()
        .find(|i| i.comment.id == comment_id)
        .expect("a flagged comment waits in the queue");
    assert_eq!(flagged.flags, [flag]);

    let other = user(store, "mod2", Role::Moderator).await;
    let (mine, theirs) = (moderator.user_id().unwrap(), other.user_id().unwrap());
    let ids = vec![comment_id.to_owned()];
    let until = now() + Duration::minutes(5);
    assert_eq!(store.claim_comments(mine, &ids, until).await.unwrap(), ids);
    assert!(
        store
            .claim_comments(theirs, &ids, until)
            .await
            .unwrap()
            .is_empty(),
        "another moderator's claim holds"
    );
    assert_eq!(
        store.claim_comments(mine, &ids, until).await.unwrap(),
        ids,
        "one's own claim is renewed"
    );
    assert_eq!(
        store.comment_claims(&ids, now()).await.unwrap(),
        [(comment_id.to_owned(), mine.to_owned(), "MOD".to_owned())]
    );
    assert!(
        store
            .comment_claims(&ids, until + Duration::seconds(1))
            .await
            .unwrap()
            .is_empty(),
        "a claim ends when it expires"
    );
    assert!(
        store
            .claim_comments(mine, &[MISSING.to_owned()], until)
            .await
            .unwrap()
            .is_empty(),
        "nothing is claimed for an id that is no comment"
    );
}

/// Threads listed most recently updated first, a page at a time.
async fn list_story(store: &dyn Store, editor: &Actor, older_id: &str) {
    let draft = NewThread {
        title: "Altro".into(),
        lead: String::new(),
        language: "it".into(),
        comment_policy: None,
        guests_may_comment: None,
        slug: None,
        provenance: None,
    }
    .validate()
    .unwrap();
    let newer = store.create_thread(editor, draft).await.unwrap().item;
    let first = store.list_threads(page(1)).await.unwrap();
    assert_eq!(
        first.items.iter().map(|t| &t.id).collect::<Vec<_>>(),
        [&newer.id]
    );
    let rest = store
        .list_threads(PageRequest {
            after: first.next.clone(),
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(
        rest.items.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        [older_id]
    );
    assert!(rest.next.is_none());
}
