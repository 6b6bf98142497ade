//! Comments, flags and moderation through the JSON API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use cronaca::domain::role::Role;
use serde_json::{Value, json};

async fn premoderated(app: &TestApp, editor: &str) -> String {
    let t = app
        .thread(editor, json!({"title": "T", "language": "en", "comment_policy": "premoderated", "guests_may_comment": true}))
        .await;
    t["id"].as_str().unwrap().to_owned()
}

async fn postmoderated(app: &TestApp, editor: &str) -> String {
    let t = app
        .thread(editor, json!({"title": "P", "language": "en", "comment_policy": "postmoderated", "guests_may_comment": true}))
        .await;
    t["id"].as_str().unwrap().to_owned()
}

async fn comment(app: &TestApp, thread: &str, token: Option<&str>, body: Value) -> Value {
    let reply = app
        .post(&format!("/api/v1/threads/{thread}/comments"), token, body)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json
}

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn guest_comment_on_premoderated_thread_waits_for_review() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let thread = premoderated(&app, &editor).await;

    let c = comment(
        &app,
        &thread,
        None,
        json!({"body": "I saw it [here](https://example.org)", "author_name": "Witness"}),
    )
    .await;
    assert_eq!(c["status"], "pending");
    assert_eq!(c["author"], json!({"name": "Witness", "guest": true}));
    assert!(
        c["body_html"]
            .as_str()
            .unwrap()
            .contains(r#"rel="nofollow ugc noopener""#)
    );
    let listed = app.get(&format!("/api/v1/threads/{thread}/comments")).await;
    assert_eq!(ids(&listed.json), Vec::<String>::new());

    let queue = app.get_as("/api/v1/moderation/queue", &moderator).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.json["items"][0]["comment"]["id"], c["id"]);
    assert_eq!(queue.json["items"][0]["thread_title"], "T");

    let approved = app
        .post(
            &format!("/api/v1/comments/{}/moderation", c["id"].as_str().unwrap()),
            Some(&moderator),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    assert_eq!(approved.json["status"], "approved");
    let listed = app.get(&format!("/api/v1/threads/{thread}/comments")).await;
    assert_eq!(
        ids(&listed.json),
        vec![c["id"].as_str().unwrap().to_owned()]
    );
    let queue = app.get_as("/api/v1/moderation/queue", &moderator).await;
    assert_eq!(queue.json["items"], json!([]));
}

#[tokio::test]
async fn staff_and_postmoderated_comments_publish_at_once() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let contributor = app.token("c", Role::Contributor).await;
    let pre = premoderated(&app, &editor).await;
    let post = postmoderated(&app, &editor).await;

    assert_eq!(
        comment(&app, &pre, Some(&moderator), json!({"body": "m"})).await["status"],
        "approved"
    );
    assert_eq!(
        comment(&app, &pre, Some(&contributor), json!({"body": "c"})).await["status"],
        "pending"
    );
    let c = comment(&app, &post, Some(&contributor), json!({"body": "c"})).await;
    assert_eq!(c["status"], "approved");
    assert_eq!(c["author"], json!({"name": "c (display)", "guest": false}));
    let pseudonymous = comment(
        &app,
        &post,
        Some(&contributor),
        json!({"body": "c", "author_name": "Nightjar"}),
    )
    .await;
    assert_eq!(pseudonymous["author"]["name"], "Nightjar");
}

#[tokio::test]
async fn replies_are_threaded_and_pages_count_top_level_comments() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let thread = postmoderated(&app, &editor).await;
    let a = comment(
        &app,
        &thread,
        None,
        json!({"body": "a", "author_name": "A"}),
    )
    .await;
    let b = comment(
        &app,
        &thread,
        None,
        json!({"body": "b", "author_name": "B"}),
    )
    .await;
    let a1 = comment(
        &app,
        &thread,
        None,
        json!({"body": "a1", "author_name": "C", "parent_id": a["id"]}),
    )
    .await;
    let a1x = comment(
        &app,
        &thread,
        None,
        json!({"body": "a1x", "author_name": "D", "parent_id": a1["id"]}),
    )
    .await;
    // A removed reply stays as an empty placeholder so its answers still make sense.
    app.post(
        &format!("/api/v1/comments/{}/moderation", a1["id"].as_str().unwrap()),
        Some(&moderator),
        json!({"action": "delete", "note": "abuse"}),
    )
    .await;

    let page = app
        .get(&format!("/api/v1/threads/{thread}/comments?limit=1"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let items = page.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], a["id"]);
    let placeholder = &items[0]["replies"][0];
    assert_eq!(placeholder["id"], a1["id"]);
    assert_eq!(placeholder["body"], "");
    assert_eq!(placeholder["status"], "deleted");
    assert_eq!(placeholder["replies"][0]["id"], a1x["id"]);

    let next = page.json["next"].as_str().unwrap();
    let page2 = app
        .get(&format!(
            "/api/v1/threads/{thread}/comments?limit=1&after={next}"
        ))
        .await;
    assert_eq!(ids(&page2.json), vec![b["id"].as_str().unwrap().to_owned()]);
    assert!(page2.json.get("next").is_none());
}

#[tokio::test]
async fn comment_refusals_change_nothing() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let other_thread = postmoderated(&app, &editor).await;
    let foreign = comment(&app, &other_thread, Some(&editor), json!({"body": "x"})).await;
    let members_only = app
        .thread(&editor, json!({"title": "M", "language": "en"}))
        .await;
    let closed = postmoderated(&app, &editor).await;
    app.patch(
        &format!("/api/v1/threads/{closed}"),
        Some(&editor),
        json!({"status": "closed"}),
    )
    .await;
    let no_comments = app
        .thread(
            &editor,
            json!({"title": "N", "language": "en", "comment_policy": "closed"}),
        )
        .await;
    let before = app.counts().await;

    let path = |t: &str| format!("/api/v1/threads/{t}/comments");
    let cases = [
        (
            path(&closed),
            Some(&editor),
            json!({"body": "x"}),
            StatusCode::CONFLICT,
            "thread_closed",
        ),
        (
            path(no_comments["id"].as_str().unwrap()),
            Some(&editor),
            json!({"body": "x"}),
            StatusCode::CONFLICT,
            "comments_closed",
        ),
        (
            path(members_only["id"].as_str().unwrap()),
            None,
            json!({"body": "x", "author_name": "G"}),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            path(&other_thread),
            None,
            json!({"body": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            path(&other_thread),
            None,
            json!({"body": " ", "author_name": "G"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            path(&closed),
            Some(&editor),
            json!({"body": "x", "parent_id": foreign["id"]}),
            StatusCode::CONFLICT,
            "thread_closed",
        ),
        (
            path("no-such-thread"),
            None,
            json!({"body": "x", "author_name": "G"}),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (p, token, body, status, code) in cases {
        let reply = app.post(&p, token.map(String::as_str), body.clone()).await;
        assert_eq!(reply.status, status, "{p} {body}: {}", reply.text);
        assert_eq!(reply.error_code(), code);
    }
    let open = postmoderated(&app, &editor).await;
    let before_open = app.counts().await;
    let wrong_parent = app
        .post(
            &path(&open),
            Some(&editor),
            json!({"body": "x", "parent_id": foreign["id"]}),
        )
        .await;
    assert_eq!(wrong_parent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_parent.json["error"]["field"], "parent_id");
    assert_eq!(app.counts().await, before_open);
    assert_ne!(before, before_open);
}

#[tokio::test]
async fn flags_bring_a_comment_to_the_queue_until_moderated() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let reader = app.token("r", Role::Contributor).await;
    let thread = postmoderated(&app, &editor).await;
    let c = comment(
        &app,
        &thread,
        None,
        json!({"body": "rude", "author_name": "G"}),
    )
    .await;
    let cid = c["id"].as_str().unwrap();

    let flag = app
        .post(
            &format!("/api/v1/comments/{cid}/flags"),
            None,
            json!({"reason": "insult"}),
        )
        .await;
    assert_eq!(flag.status, StatusCode::CREATED, "{}", flag.text);
    let flag2 = app
        .post(
            &format!("/api/v1/comments/{cid}/flags"),
            Some(&reader),
            json!({"reason": "spam link"}),
        )
        .await;
    assert_eq!(flag2.status, StatusCode::CREATED);
    let again = app
        .post(
            &format!("/api/v1/comments/{cid}/flags"),
            Some(&reader),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_flagged");
    let empty = app
        .post(
            &format!("/api/v1/comments/{cid}/flags"),
            None,
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    let queue = app.get_as("/api/v1/moderation/queue", &moderator).await;
    let item = &queue.json["items"][0];
    assert_eq!(item["comment"]["id"], c["id"]);
    let reasons: Vec<_> = item["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["insult", "spam link"]);

    let spam = app
        .post(
            &format!("/api/v1/comments/{cid}/moderation"),
            Some(&moderator),
            json!({"action": "spam"}),
        )
        .await;
    assert_eq!(spam.json["status"], "spam");
    assert_eq!(
        app.get_as("/api/v1/moderation/queue", &moderator)
            .await
            .json["items"],
        json!([])
    );
    assert_eq!(
        ids(&app
            .get(&format!("/api/v1/threads/{thread}/comments"))
            .await
            .json),
        Vec::<String>::new()
    );
    let flag_removed = app
        .post(
            &format!("/api/v1/comments/{cid}/flags"),
            None,
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(flag_removed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn moderation_needs_a_moderator() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let reader = app.token("r", Role::Contributor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let thread = premoderated(&app, &editor).await;
    let c = comment(
        &app,
        &thread,
        None,
        json!({"body": "x", "author_name": "G"}),
    )
    .await;
    let path = format!("/api/v1/comments/{}/moderation", c["id"].as_str().unwrap());
    let before = app.counts().await;

    assert_eq!(
        app.post(&path, None, json!({"action": "approve"}))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.post(&path, Some(&reader), json!({"action": "approve"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post(&path, Some(&editor), json!({"action": "approve"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = app
        .post(&path, Some(&moderator), json!({"action": "bless"}))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["error"]["field"], "action");
    let missing = app
        .post(
            "/api/v1/comments/01ARZ3NDEKTSV4RRFFQ69G5FAV/moderation",
            Some(&moderator),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/moderation/queue").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_as("/api/v1/moderation/queue", &reader).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn authors_edit_their_own_comments_with_history() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let author = app.token("author", Role::Contributor).await;
    let someone = app.token("someone", Role::Contributor).await;
    let thread = postmoderated(&app, &editor).await;
    let c = comment(&app, &thread, Some(&author), json!({"body": "tpyo"})).await;
    let path = format!("/api/v1/comments/{}", c["id"].as_str().unwrap());

    let edited = app
        .patch(&path, Some(&author), json!({"body": "typo fixed"}))
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["body"], "typo fixed");
    assert!(edited.json["edited_at"].is_string());

    assert_eq!(
        app.patch(&path, Some(&someone), json!({"body": "mine now"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.patch(&path, None, json!({"body": "mine now"}))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let revisions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM comment_revisions WHERE comment_id = $1")
            .bind(c["id"].as_str().unwrap())
            .fetch_one(
                &sqlx::SqlitePool::connect(&format!(
                    "sqlite://{}",
                    app.dir.path().join("cronaca.db").display()
                ))
                .await
                .unwrap(),
            )
            .await
            .unwrap();
    assert_eq!(revisions, 2);
}

#[tokio::test]
async fn guests_are_rate_limited_but_staff_are_not() {
    let config = cronaca::config::Config {
        guest_writes_per_minute: 2,
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = postmoderated(&app, &editor).await;
    let path = format!("/api/v1/threads/{thread}/comments");
    for _ in 0..2 {
        let ok = app
            .post(&path, None, json!({"body": "x", "author_name": "G"}))
            .await;
        assert_eq!(ok.status, StatusCode::CREATED);
    }
    let limited = app
        .post(&path, None, json!({"body": "x", "author_name": "G"}))
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error_code(), "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
    for _ in 0..5 {
        assert_eq!(
            app.post(&path, Some(&editor), json!({"body": "x"}))
                .await
                .status,
            StatusCode::CREATED
        );
    }
}

#[tokio::test]
async fn slow_mode_allows_one_comment_per_person_per_interval() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let reader = app.token("r", Role::Contributor).await;
    let thread = postmoderated(&app, &editor).await;
    let set = app
        .patch(
            &format!("/api/v1/threads/{thread}"),
            Some(&editor),
            json!({"slow_mode_seconds": 600}),
        )
        .await;
    assert_eq!(set.json["slow_mode_seconds"], 600);
    let path = format!("/api/v1/threads/{thread}/comments");

    assert_eq!(
        app.post(&path, Some(&reader), json!({"body": "one"}))
            .await
            .status,
        StatusCode::CREATED
    );
    let before = app.counts().await;
    let second = app.post(&path, Some(&reader), json!({"body": "two"})).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.error_code(), "slow_mode");
    assert_eq!(app.counts().await, before);
    assert_eq!(
        app.post(&path, None, json!({"body": "guest", "author_name": "G"}))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.post(&path, Some(&editor), json!({"body": "staff"}))
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.post(&path, Some(&editor), json!({"body": "staff again"}))
            .await
            .status,
        StatusCode::CREATED
    );

    let too_slow = app
        .patch(
            &format!("/api/v1/threads/{thread}"),
            Some(&editor),
            json!({"slow_mode_seconds": 7200}),
        )
        .await;
    assert_eq!(too_slow.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_slow.json["error"]["field"], "slow_mode_seconds");
}
