//! The moderation queue page: deciding one comment or many, flags, claims, permissions, CSRF.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, Reply, TestApp};
use cronaca::config::Config;
use cronaca::domain::comment::{CommentStatus, NewComment};
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An app where tests may log in and comment as often as they need.
async fn app() -> TestApp {
    TestApp::with_config(Config {
        logins_per_minute: 100,
        guest_writes_per_minute: 100,
        ..Default::default()
    })
    .await
}

/// A thread open to guests, by a new editor; `policy` is premoderated or postmoderated.
async fn guest_thread(app: &TestApp, title: &str, policy: &str) -> Value {
    static EDITORS: AtomicUsize = AtomicUsize::new(0);
    let name = format!("editor{}", EDITORS.fetch_add(1, Ordering::Relaxed));
    let editor = app.token(&name, Role::Editor).await;
    app.thread(
        &editor,
        json!({"title": title, "lead": "Lead", "language": "it",
               "comment_policy": policy, "guests_may_comment": true}),
    )
    .await
}

/// A thread whose guest comments wait for a moderator.
async fn premoderated(app: &TestApp, title: &str) -> Value {
    guest_thread(app, title, "premoderated").await
}

async fn guest_comment(app: &TestApp, thread: &Value, name: &str, body: &str) -> String {
    let reply = app
        .post(
            &format!(
                "/api/v1/threads/{}/comments",
                thread["id"].as_str().unwrap()
            ),
            None,
            json!({"body": body, "author_name": name}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json["id"].as_str().unwrap().to_owned()
}

async fn status_of(app: &TestApp, id: &str) -> CommentStatus {
    app.store.comment(id).await.unwrap().status
}

async fn published_ids(app: &TestApp, thread: &Value) -> Vec<String> {
    let list = app
        .get(&format!(
            "/api/v1/threads/{}/comments",
            thread["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(list.status, StatusCode::OK);
    list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

fn location(reply: &Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

#[tokio::test]
async fn moderator_approves_a_pending_guest_comment_and_it_is_published() {
    let app = app().await;
    let thread = premoderated(&app, "Alluvione a Valdora").await;
    let id = guest_comment(
        &app,
        &thread,
        "Marta",
        "The bridge on *via Roma* is closed.",
    )
    .await;
    assert!(published_ids(&app, &thread).await.is_empty());
    let mut moderator = app.browser_as("mia", Role::Moderator).await;

    let page = moderator.get("/moderation").await;
    assert_eq!(page.status, StatusCode::OK);
    let slug = thread["slug"].as_str().unwrap();
    assert!(
        page.text
            .contains(&format!(r#"href="/t/{slug}#c-{id}" lang="it""#))
    );
    assert!(page.text.contains("Alluvione a Valdora"));
    assert!(page.text.contains("<strong>Marta</strong>"));
    assert!(page.text.contains(r#"<span class="badge">guest</span>"#));
    assert!(
        page.text
            .contains(r#"<span class="badge pending">Pending</span>"#)
    );
    assert!(
        page.text.contains(
            r#"<div class="body" lang=""><p>The bridge on <em>via Roma</em> is closed.</p>"#
        ),
        "the sanitized body, marked as of unknown language"
    );
    assert!(page.text.contains("<time datetime="));
    assert!(page.text.contains(&format!(r#"action="/moderation/{id}""#)));
    assert!(
        page.text
            .contains(&format!(r#"name="ids" value="{id}" form="queue-bulk""#))
    );
    assert!(
        page.text.contains("<kbd>?</kbd>"),
        "the shortcuts are announced"
    );
    assert!(
        page.text.contains(
            r#"id="queue-help" class="notice" aria-labelledby="queue-help-title" hidden"#
        )
    );
    assert!(page.text.contains("/static/queue.js?v="));

    let done = moderator
        .post_form(
            &format!("/moderation/{id}"),
            &[("action", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/moderation?done=approve");
    assert_eq!(published_ids(&app, &thread).await, vec![id.clone()]);
    let after = moderator.get(location(&done)).await;
    assert!(after.text.contains("Comment approved."));
    assert!(
        !after.text.contains(&format!(r#"id="q-{id}""#)),
        "it left the queue"
    );
    assert!(after.text.contains("Nothing is waiting for review."));
}

#[tokio::test]
async fn reject_spam_and_delete_each_set_their_status() {
    let app = app().await;
    let thread = premoderated(&app, "Sciopero dei treni").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    for (action, status) in [
        ("reject", CommentStatus::Rejected),
        ("spam", CommentStatus::Spam),
        ("delete", CommentStatus::Deleted),
    ] {
        let id = guest_comment(&app, &thread, "Ugo", &format!("Comment to {action}")).await;
        let done = moderator
            .post_form(
                &format!("/moderation/{id}"),
                &[("action", action), ("note", "off topic")],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{action}");
        assert_eq!(location(&done), format!("/moderation?done={action}"));
        assert_eq!(status_of(&app, &id).await, status, "{action}");
    }
    assert!(published_ids(&app, &thread).await.is_empty());
    let page = moderator.get("/moderation?done=spam").await;
    assert!(page.text.contains("Comment marked as spam."));
}

#[tokio::test]
async fn a_decision_returns_to_the_same_queue_page() {
    let app = app().await;
    let thread = premoderated(&app, "Frana").await;
    let id = guest_comment(&app, &thread, "Ugo", "Road blocked").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let done = moderator
        .post_form(
            &format!("/moderation/{id}"),
            &[("action", "approve"), ("after", "Zm9v")],
        )
        .await;
    assert_eq!(location(&done), "/moderation?done=approve&after=Zm9v");
}

#[tokio::test]
async fn an_unknown_action_on_one_comment_changes_nothing() {
    let app = app().await;
    let thread = premoderated(&app, "Frana").await;
    let id = guest_comment(&app, &thread, "Ugo", "Road blocked").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let before = app.counts().await;
    let refused = moderator
        .post_form(&format!("/moderation/{id}"), &[("action", "publish")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("Choose what to do"));
    assert!(refused.text.contains(r#"href="/moderation?lang=it""#));
    assert_eq!(status_of(&app, &id).await, CommentStatus::Pending);
    assert_eq!(app.counts().await, before);
    let gone = moderator
        .post_form(
            "/moderation/01ARZ3NDEKTSV4RRFFQ69G5FAV",
            &[("action", "approve")],
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bulk_approve_publishes_every_selected_comment() {
    let app = app().await;
    let thread = premoderated(&app, "Elezioni").await;
    let a = guest_comment(&app, &thread, "Ada", "First").await;
    let b = guest_comment(&app, &thread, "Bea", "Second").await;
    let c = guest_comment(&app, &thread, "Cai", "Third, not selected").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let done = moderator
        .post_form(
            "/moderation/bulk",
            &[
                ("action", "approve"),
                ("ids", &a),
                ("ids", &b),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    assert_eq!(location(&done), "/moderation?done=approve&n=2");
    let mut published = published_ids(&app, &thread).await;
    published.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(published, expected);
    assert_eq!(status_of(&app, &c).await, CommentStatus::Pending);
    let page = moderator.get(location(&done)).await;
    assert!(page.text.contains("2 comments approved."));
    assert!(page.text.contains(&format!(r#"id="q-{c}""#)));
}

#[tokio::test]
async fn bulk_without_an_action_or_a_selection_changes_nothing() {
    let app = app().await;
    let thread = premoderated(&app, "Elezioni").await;
    let a = guest_comment(&app, &thread, "Ada", "First").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let before = app.counts().await;

    let no_action = moderator
        .post_form("/moderation/bulk", &[("action", "burn"), ("ids", &a)])
        .await;
    assert_eq!(no_action.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_action
            .text
            .contains(r#"<p class="notice error" role="alert">Choose what to do"#)
    );

    let no_ids = moderator
        .post_form("/moderation/bulk", &[("action", "delete")])
        .await;
    assert_eq!(no_ids.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_ids.text.contains("Select at least one comment first."));

    let stale = moderator
        .post_form(
            "/moderation/bulk",
            &[
                ("action", "delete"),
                ("ids", &a),
                ("ids", "01ARZ3NDEKTSV4RRFFQ69G5FAV"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stale.text.contains("no longer exists"));

    assert_eq!(status_of(&app, &a).await, CommentStatus::Pending);
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn flagged_comment_shows_its_reasons_and_leaves_the_queue_once_moderated() {
    let app = app().await;
    let thread = guest_thread(&app, "Incendio", "postmoderated").await;
    let id = guest_comment(&app, &thread, "Troll", "Everyone there deserved it").await;
    assert_eq!(status_of(&app, &id).await, CommentStatus::Approved);
    let reader = app.token("reader", Role::Contributor).await;
    for (token, reason) in [
        (Some(reader.as_str()), "Insults the victims"),
        (None, "Hateful & <b>cruel</b>"),
    ] {
        let flag = app
            .post(
                &format!("/api/v1/comments/{id}/flags"),
                token,
                json!({"reason": reason}),
            )
            .await;
        assert_eq!(flag.status, StatusCode::CREATED, "{}", flag.text);
    }
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let page = moderator.get("/moderation").await;
    assert!(
        page.text
            .contains(r#"<span lang="">Insults the victims</span>"#)
    );
    assert!(
        !page.text.contains("<b>cruel</b>") && page.text.contains("Hateful &#38; "),
        "reasons are escaped"
    );
    assert!(
        page.text
            .contains(r#"<span class="badge bad">Flagged 2 times</span>"#)
    );
    assert!(
        !page.text.contains("badge pending"),
        "it is approved, not pending"
    );

    let done = moderator
        .post_form(&format!("/moderation/{id}"), &[("action", "reject")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &id).await, CommentStatus::Rejected);
    let page = moderator.get("/moderation").await;
    assert!(!page.text.contains("Insults the victims"));
    assert!(!page.text.contains(&format!(r#"id="q-{id}""#)));
}

#[tokio::test]
async fn second_moderator_sees_the_items_the_first_is_reviewing() {
    let app = app().await;
    let thread = premoderated(&app, "Terremoto").await;
    let id = guest_comment(&app, &thread, "Ugo", "Aftershock felt in town").await;
    let mut first = app.browser_as("mia", Role::Moderator).await;
    let mut second = app.browser_as("leo", Role::Admin).await;

    let mine = first.get("/moderation").await;
    assert!(mine.text.contains(r#"class="queue-item""#));
    assert!(!mine.text.contains("Being reviewed by"));

    let theirs = second.get("/moderation").await;
    assert!(theirs.text.contains(r#"class="queue-item taken""#));
    assert!(theirs.text.contains("Being reviewed by mia (display)"));
    let again = first.get("/moderation").await;
    assert!(
        !again.text.contains("Being reviewed by"),
        "the first keeps it"
    );

    // Taken is a hint, not a lock: the second may still decide.
    let done = second
        .post_form(&format!("/moderation/{id}"), &[("action", "approve")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &id).await, CommentStatus::Approved);
}

#[tokio::test]
async fn guests_log_in_first_and_other_roles_are_refused() {
    let app = app().await;
    let thread = premoderated(&app, "Alluvione").await;
    let id = guest_comment(&app, &thread, "Ugo", "Water rising").await;
    let one = format!("/moderation/{id}");

    let mut guest = Browser::new(&app);
    let page = guest.get("/moderation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), "/login?next=%2Fmoderation");
    let post = guest.post_form(&one, &[("action", "approve")]).await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&post), "/login?next=%2Fmoderation");

    for (name, role) in [("cora", Role::Contributor), ("ed", Role::Editor)] {
        let mut browser = app.browser_as(name, role).await;
        let page = browser.get("/moderation").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{name}");
        assert!(page.text.contains("Not allowed"), "{name}");
        assert!(!page.text.contains("Water rising"), "{name}");
        let post = browser.post_form(&one, &[("action", "approve")]).await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "{name}");
        let bulk = browser
            .post_form("/moderation/bulk", &[("action", "delete"), ("ids", &id)])
            .await;
        assert_eq!(bulk.status, StatusCode::FORBIDDEN, "{name}");
    }
    assert_eq!(status_of(&app, &id).await, CommentStatus::Pending);
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = app().await;
    let thread = premoderated(&app, "Alluvione").await;
    let id = guest_comment(&app, &thread, "Ugo", "Water rising").await;
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let before = app.counts().await;
    let one = moderator
        .post_raw(&format!("/moderation/{id}"), &[("action", "approve")])
        .await;
    assert_eq!(one.status, StatusCode::FORBIDDEN);
    let bulk = moderator
        .post_raw(
            "/moderation/bulk",
            &[("action", "approve"), ("ids", &id), ("csrf", "00")],
        )
        .await;
    assert_eq!(bulk.status, StatusCode::FORBIDDEN);
    assert!(bulk.text.contains("This form has expired."));
    assert_eq!(status_of(&app, &id).await, CommentStatus::Pending);
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn older_link_pages_through_a_long_queue() {
    let app = app().await;
    let thread = premoderated(&app, "Lunga coda").await;
    let thread_id = thread["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for i in 0..51 {
        let draft = NewComment {
            body: format!("Queued comment number {i}"),
            parent_id: None,
            author_name: Some("Ugo".into()),
        }
        .validate(cronaca::detect::detect)
        .unwrap();
        let change = app
            .store
            .create_comment(&Actor::Guest, thread_id, draft)
            .await
            .unwrap();
        ids.push(change.item.id);
    }
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    let first = moderator.get("/moderation").await;
    assert!(
        first.text.contains(&format!(r#"id="q-{}""#, ids[50])),
        "newest first"
    );
    assert!(!first.text.contains(&format!(r#"id="q-{}""#, ids[0])));
    let start = first.text.find(r#"<a href="/moderation?after="#).unwrap() + 9;
    let end = start + first.text[start..].find('"').unwrap();
    let older_url = first.text[start..end].replace("&amp;", "&");
    assert!(first.text[end..].starts_with(r#"">Older</a>"#));

    let older = moderator.get(&older_url).await;
    assert_eq!(older.status, StatusCode::OK);
    assert!(older.text.contains(&format!(r#"id="q-{}""#, ids[0])));
    assert!(!older.text.contains(&format!(r#"id="q-{}""#, ids[50])));
    assert!(
        older
            .text
            .contains(r#"<a href="/moderation">Back to the newest</a>"#)
    );

    let bad = moderator.get("/moderation?after=%21%21").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST.max(bad.status));
    assert!(
        bad.status.is_client_error(),
        "a bad cursor is the reader's error"
    );
}

#[tokio::test]
async fn queue_speaks_the_readers_language() {
    let app = app().await;
    let thread = premoderated(&app, "Alluvione").await;
    guest_comment(&app, &thread, "Ugo", "Water rising").await;
    let open = guest_thread(&app, "Incendio", "postmoderated").await;
    let flagged = guest_comment(&app, &open, "Ada", "Buy cheap watches").await;
    for reason in ["Spam link", "Off topic"] {
        app.store
            .flag_comment(&Actor::Guest, &flagged, reason.into())
            .await
            .unwrap();
    }
    let mut moderator = app.browser_as("mia", Role::Moderator).await;
    for (lang, title, pending, flagged, approve, shortcuts, guest) in [
        (
            "en",
            "Moderation queue",
            "Pending",
            "Flagged 2 times",
            "Approve selected",
            "Keyboard shortcuts are available: press <kbd>?</kbd> to list them.",
            "guest",
        ),
        (
            "it",
            "Coda di moderazione",
            "In attesa",
            "Segnalato 2 volte",
            "Approva i selezionati",
            "Sono disponibili scorciatoie da tastiera: premi <kbd>?</kbd> per vederle.",
            "ospite",
        ),
        (
            "ru",
            "Очередь модерации",
            "Ожидает проверки",
            "2 жалобы",
            "Одобрить выбранные",
            "Доступны сочетания клавиш: нажмите <kbd>?</kbd>, чтобы увидеть их список.",
            "гость",
        ),
    ] {
        let page = moderator.get(&format!("/moderation?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(page.text.contains(&format!(r#"<html lang="{lang}">"#)));
        assert!(page.text.contains(&format!("<h1>{title}</h1>")), "{lang}");
        assert!(page.text.contains(pending), "{lang}");
        assert!(page.text.contains(flagged), "{lang}");
        assert!(page.text.contains(approve), "{lang}");
        assert!(page.text.contains(shortcuts), "{lang}");
        assert!(
            page.text
                .contains(&format!(r#"<span class="badge">{guest}</span>"#)),
            "{lang}"
        );
    }
    let ru = moderator.get("/moderation?done=delete&n=5").await;
    assert!(ru.text.contains("5 комментариев удалено."));
    let ru = moderator.get("/moderation?done=delete&n=3").await;
    assert!(ru.text.contains("3 комментария удалены."));
    let it = moderator.get("/moderation?lang=it&done=approve").await;
    assert!(it.text.contains("Commento approvato."));
}

/// Submitted reports wait in the same queue as comments, and are published from it.
#[tokio::test]
async fn submitted_reports_are_moderated_in_the_queue() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let reader = app.token("lettore", Role::Contributor).await;
    let thread = app.simple_thread(&editor, "Floods").await;
    let tid = thread["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/threads/{tid}/indicators"),
        Some(&editor),
        serde_json::json!({"key": "dead", "labels": {"en": "Dead", "it": "Morti"}, "kind": "count"}),
    )
    .await;
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            serde_json::json!({"name": "Civil Protection", "kind": "official"}),
        )
        .await;
    let report = app
        .post(
            &format!("/api/v1/threads/{tid}/reports"),
            Some(&reader),
            serde_json::json!({"body": "Water **rising**", "source": source.json["id"],
                   "places": ["gn:1526384"],
                   "claims": [{"indicator": "dead", "value": "at least 3"}]}),
        )
        .await;
    let rid = report.json["id"].as_str().unwrap().to_owned();

    let mut moderator = app.browser_as("moderatrice", Role::Moderator).await;
    let page = moderator.get("/moderation?lang=it").await;
    assert!(
        page.text.contains("Segnalazioni e commenti"),
        "the intro names reports too"
    );
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("1 segnalazione inviata"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("<strong>water</strong>")
            || page.text.contains("<strong>rising</strong>")
    );
    assert!(
        page.text.contains("Morti: ≥ 3"),
        "claims in words with labels"
    );
    assert!(page.text.contains("Almaty"));
    assert!(
        page.text
            .contains(&format!("action=\"/moderation/reports/{rid}\""))
    );

    let missing_csrf = moderator
        .post_raw(
            &format!("/moderation/reports/{rid}"),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(missing_csrf.status, StatusCode::FORBIDDEN);
    let done = moderator
        .post_form(
            &format!("/moderation/reports/{rid}"),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let after = moderator
        .get("/moderation?done=approve&what=report&lang=en")
        .await;
    assert!(after.text.contains("Report published."), "{}", after.text);
    assert!(!after.text.contains("submitted report"));
    let published = app.get(&format!("/api/v1/reports/{rid}")).await;
    assert_eq!(published.json["state"], "published");

    let mut editor_page = app.browser_as("capo", Role::Editor).await;
    let refused = editor_page
        .post_form(
            &format!("/moderation/reports/{rid}"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
