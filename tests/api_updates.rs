//! Updates through the JSON API: posting, paging, editing with history, striking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use cronaca::domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn update_takes_the_thread_language_unless_given() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app
        .thread(&editor, json!({"title": "Rivolta", "language": "it"}))
        .await;
    let id = t["id"].as_str().unwrap();

    let plain = app
        .update(&editor, id, "Aggiornamento **importante**")
        .await;
    assert_eq!(plain["language"], "it");
    assert_eq!(plain["revision"], 1);
    assert_eq!(plain["struck"], json!(null));
    assert_eq!(plain["author"]["name"], "ed (display)");
    assert!(
        plain["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>importante</strong>")
    );

    let english = app
        .post(
            &format!("/api/v1/threads/{id}/updates"),
            Some(&editor),
            json!({"body": "x", "language": "en-GB"}),
        )
        .await;
    assert_eq!(english.json["language"], "en-GB");
}

#[tokio::test]
async fn posting_refusals_change_nothing() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let t = app.simple_thread(&editor, "T").await;
    let path = format!("/api/v1/threads/{}/updates", t["id"].as_str().unwrap());
    let before = app.counts().await;

    let cases = [
        (None, json!({"body": "x"}), StatusCode::UNAUTHORIZED),
        (
            Some(&moderator),
            json!({"body": "x"}),
            StatusCode::FORBIDDEN,
        ),
        (
            Some(&editor),
            json!({"body": ""}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"body": "x", "language": "!!"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"body": "x", "extra": 1}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (token, body, status) in cases {
        let reply = app
            .post(&path, token.map(String::as_str), body.clone())
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text);
        reply.error_code();
    }
    let missing = app
        .post(
            "/api/v1/threads/no-such-thread/updates",
            Some(&editor),
            json!({"body": "x"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn editing_keeps_every_revision() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let other = app.token("ed2", Role::Editor).await;
    let t = app.simple_thread(&editor, "T").await;
    let u = app
        .update(&editor, t["id"].as_str().unwrap(), "first text")
        .await;
    let uid = u["id"].as_str().unwrap();

    let edited = app
        .patch(
            &format!("/api/v1/updates/{uid}"),
            Some(&other),
            json!({"body": "second text"}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["body"], "second text");
    assert_eq!(edited.json["revision"], 2);
    assert!(edited.json["edited_at"].is_string());
    assert_eq!(
        edited.json["author"]["name"], "ed (display)",
        "the author stays the author"
    );

    app.patch(
        &format!("/api/v1/updates/{uid}"),
        Some(&editor),
        json!({"body": "third text"}),
    )
    .await;

    let revisions = app.get(&format!("/api/v1/updates/{uid}/revisions")).await;
    assert_eq!(revisions.status, StatusCode::OK);
    let list = revisions.json.as_array().unwrap();
    let bodies: Vec<_> = list.iter().map(|r| r["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["first text", "second text", "third text"]);
    assert_eq!(list[1]["author"]["name"], "ed2 (display)");
    assert_eq!(list[2]["revision"], 3);
}

#[tokio::test]
async fn striking_marks_the_update_and_points_to_its_correction() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "T").await;
    let tid = t["id"].as_str().unwrap();
    let wrong = app.update(&editor, tid, "8 dead").await;
    let right = app.update(&editor, tid, "12 dead").await;
    let wid = wrong["id"].as_str().unwrap();

    let struck = app
        .post(
            &format!("/api/v1/updates/{wid}/strike"),
            Some(&editor),
            json!({"reason": "Figure corrected", "corrected_by": right["id"]}),
        )
        .await;

    assert_eq!(struck.status, StatusCode::OK, "{}", struck.text);
    assert_eq!(struck.json["struck"]["reason"], "Figure corrected");
    assert_eq!(struck.json["struck"]["corrected_by"], right["id"]);
    assert_eq!(
        struck.json["body"], "8 dead",
        "a struck update stays readable"
    );
    let listed = app.get(&format!("/api/v1/threads/{tid}/updates")).await;
    let items = listed.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "nothing is deleted");
    assert!(
        items
            .iter()
            .any(|u| u["id"] == wrong["id"] && u["struck"].is_object())
    );

    let again = app
        .post(
            &format!("/api/v1/updates/{wid}/strike"),
            Some(&editor),
            json!({"reason": "r"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_struck");
    let edit = app
        .patch(
            &format!("/api/v1/updates/{wid}"),
            Some(&editor),
            json!({"body": "x"}),
        )
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(edit.error_code(), "update_struck");
}

#[tokio::test]
async fn strike_refusals_change_nothing() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let contributor = app.token("c", Role::Contributor).await;
    let a = app.simple_thread(&editor, "A").await;
    let b = app.simple_thread(&editor, "B").await;
    let ua = app.update(&editor, a["id"].as_str().unwrap(), "a").await;
    let ub = app.update(&editor, b["id"].as_str().unwrap(), "b").await;
    let path = format!("/api/v1/updates/{}/strike", ua["id"].as_str().unwrap());
    let before = app.counts().await;

    let cases = [
        (None, json!({"reason": "r"}), StatusCode::UNAUTHORIZED),
        (
            Some(&contributor),
            json!({"reason": "r"}),
            StatusCode::FORBIDDEN,
        ),
        (
            Some(&editor),
            json!({"reason": ""}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"reason": "r", "corrected_by": ub["id"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"reason": "r", "corrected_by": ua["id"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"reason": "r", "corrected_by": "not-an-id"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (token, body, status) in cases {
        let reply = app
            .post(&path, token.map(String::as_str), body.clone())
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text);
        reply.error_code();
    }
    let missing = app
        .post(
            "/api/v1/updates/01ARZ3NDEKTSV4RRFFQ69G5FAV/strike",
            Some(&editor),
            json!({"reason": "r"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/updates/01ARZ3NDEKTSV4RRFFQ69G5FAV/revisions")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn updates_page_newest_first_without_gaps() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "T").await;
    let tid = t["id"].as_str().unwrap();
    for n in 0..7 {
        app.update(&editor, tid, &format!("u{n}")).await;
    }
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(c) => format!("/api/v1/threads/{tid}/updates?limit=3&after={c}"),
            None => format!("/api/v1/threads/{tid}/updates?limit=3"),
        };
        let page = app.get(&path).await;
        for u in page.json["items"].as_array().unwrap() {
            seen.push(u["body"].as_str().unwrap().to_owned());
        }
        match page.json["next"].as_str() {
            Some(c) => next = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ["u6", "u5", "u4", "u3", "u2", "u1", "u0"]);
}
