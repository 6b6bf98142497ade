//! Threads through the JSON API: creating, reading, listing, changing, and every refusal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestApp;
use cronaca::domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn editor_creates_italian_thread_with_readable_slug() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;

    let reply = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "Kazakistan: la rivolta è già città", "lead": "Perché *oggi*?", "language": "it",
                   "comment_policy": "premoderated", "guests_may_comment": true}),
        )
        .await;

    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let t = &reply.json;
    assert_eq!(t["slug"], "kazakistan-la-rivolta-e-gia-citta");
    assert_eq!(t["title"], "Kazakistan: la rivolta è già città");
    assert_eq!(t["language"], "it");
    assert_eq!(t["status"], "open");
    assert_eq!(t["comment_policy"], "premoderated");
    assert_eq!(t["guests_may_comment"], true);
    assert_eq!(t["created_by"]["name"], "ed (display)");
    assert!(t["lead_html"].as_str().unwrap().contains("<em>oggi</em>"));
    assert!(ulid::Ulid::from_string(t["id"].as_str().unwrap()).is_ok());
    assert!(t["created_at"].as_str().unwrap().ends_with('Z'));

    let by_slug = app
        .get("/api/v1/threads/kazakistan-la-rivolta-e-gia-citta")
        .await;
    assert_eq!(by_slug.status, StatusCode::OK);
    assert_eq!(by_slug.json["id"], t["id"]);
    assert_eq!(by_slug.json["updates"], json!([]));
}

#[tokio::test]
async fn cyrillic_title_is_transliterated_and_repeated_titles_get_a_suffix() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let a = app
        .thread(&editor, json!({"title": "Алматы", "language": "ru"}))
        .await;
    let b = app
        .thread(&editor, json!({"title": "Алматы", "language": "ru"}))
        .await;
    assert_eq!(a["slug"], "almaty");
    assert_eq!(b["slug"], "almaty-2");
}

#[tokio::test]
async fn explicit_slug_that_is_taken_is_a_conflict() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    app.thread(
        &editor,
        json!({"title": "A", "language": "en", "slug": "floods"}),
    )
    .await;
    let before = app.counts().await;

    let reply = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "B", "language": "en", "slug": "floods"}),
        )
        .await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.error_code(), "slug_taken");
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn thread_read_includes_latest_updates_newest_first() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "Floods").await;
    let id = t["id"].as_str().unwrap();
    for n in 1..=3 {
        app.update(&editor, id, &format!("update {n}")).await;
    }
    let reply = app.get(&format!("/api/v1/threads/{id}")).await;
    let bodies: Vec<_> = reply.json["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["body"].clone())
        .collect();
    assert_eq!(
        bodies,
        vec![json!("update 3"), json!("update 2"), json!("update 1")]
    );
}

#[tokio::test]
async fn list_is_most_recently_updated_first_and_pages_with_a_cursor() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(
            app.simple_thread(&editor, &format!("Thread {n}")).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // An update moves the first thread to the top.
    app.update(&editor, &ids[0], "news").await;

    let first = app.get("/api/v1/threads?limit=2").await;
    assert_eq!(first.status, StatusCode::OK);
    let page1: Vec<_> = first.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(page1, vec![ids[0].clone(), ids[4].clone()]);
    let next = first.json["next"].as_str().unwrap();

    let second = app
        .get(&format!("/api/v1/threads?limit=2&after={next}"))
        .await;
    let page2: Vec<_> = second.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(page2, vec![ids[3].clone(), ids[2].clone()]);

    let third = app
        .get(&format!(
            "/api/v1/threads?limit=2&after={}",
            second.json["next"].as_str().unwrap()
        ))
        .await;
    assert_eq!(third.json["items"].as_array().unwrap().len(), 1);
    assert!(third.json.get("next").is_none());
}

#[tokio::test]
async fn bad_page_parameters_are_refused() {
    let app = TestApp::new().await;
    for query in [
        "limit=0",
        "limit=201",
        "limit=abc",
        "after=%21%21",
        "bogus=1",
    ] {
        let reply = app.get(&format!("/api/v1/threads?{query}")).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            reply.text
        );
        assert_eq!(reply.error_code(), "invalid_field");
    }
}

#[tokio::test]
async fn editor_changes_title_status_and_policy() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "Floods").await;
    let id = t["id"].as_str().unwrap();

    let reply = app
        .patch(
            &format!("/api/v1/threads/{id}"),
            Some(&editor),
            json!({"title": "Floods in the north", "status": "closed", "comment_policy": "closed", "lead": "**New**"}),
        )
        .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["title"], "Floods in the north");
    assert_eq!(reply.json["status"], "closed");
    assert_eq!(reply.json["comment_policy"], "closed");
    assert_eq!(reply.json["slug"], t["slug"], "the address stays stable");
    assert!(
        reply.json["lead_html"]
            .as_str()
            .unwrap()
            .contains("<strong>New</strong>")
    );
    assert_eq!(
        app.get(&format!("/api/v1/threads/{id}")).await.json["title"],
        "Floods in the north"
    );
}

#[tokio::test]
async fn patch_refusals() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let t = app.simple_thread(&editor, "Floods").await;
    let path = format!("/api/v1/threads/{}", t["id"].as_str().unwrap());
    let before = app.counts().await;

    let cases = [
        (None, json!({"title": "x"}), StatusCode::UNAUTHORIZED),
        (
            Some(&moderator),
            json!({"title": "x"}),
            StatusCode::FORBIDDEN,
        ),
        (Some(&editor), json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            Some(&editor),
            json!({"status": "paused"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(&editor),
            json!({"title": "   "}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (token, body, status) in cases {
        let reply = app
            .patch(&path, token.map(String::as_str), body.clone())
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text);
        reply.error_code();
    }
    let missing = app
        .patch(
            "/api/v1/threads/01ARZ3NDEKTSV4RRFFQ69G5FAV",
            Some(&editor),
            json!({"title": "x"}),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");
    assert_eq!(app.counts().await, before);
}

/// Acceptance: each kind of bad input gets its status and the JSON error shape, and nothing
/// is written.
#[tokio::test]
async fn bad_input_gets_a_precise_error_and_changes_nothing() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let contributor = app.token("reader", Role::Contributor).await;
    let before = app.counts().await;

    let malformed = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/threads")
                .header(header::AUTHORIZATION, format!("Bearer {editor}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"title": "x", "language": "#))
                .unwrap(),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.error_code(), "malformed_json");

    let huge = json!({"title": "x", "language": "en", "lead": "a".repeat(2 * 1024 * 1024)});
    let too_large = app.post("/api/v1/threads", Some(&editor), huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.error_code(), "payload_too_large");

    let bad_language = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "x", "language": "xx-!!"}),
        )
        .await;
    assert_eq!(bad_language.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_language.error_code(), "invalid_field");
    assert_eq!(bad_language.json["error"]["field"], "language");

    let missing_field = app
        .post("/api/v1/threads", Some(&editor), json!({"language": "en"}))
        .await;
    assert_eq!(missing_field.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing_field.json["error"]["field"], "title");

    let no_token = app
        .post(
            "/api/v1/threads",
            None,
            json!({"title": "x", "language": "en"}),
        )
        .await;
    assert_eq!(no_token.status, StatusCode::UNAUTHORIZED);
    assert_eq!(no_token.error_code(), "unauthorized");

    let bad_token = app
        .post(
            "/api/v1/threads",
            Some("cro_nope"),
            json!({"title": "x", "language": "en"}),
        )
        .await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);

    let contributor_thread = app
        .post(
            "/api/v1/threads",
            Some(&contributor),
            json!({"title": "x", "language": "en"}),
        )
        .await;
    assert_eq!(contributor_thread.status, StatusCode::FORBIDDEN);
    assert_eq!(contributor_thread.error_code(), "forbidden");

    let not_json = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/threads")
                .header(header::AUTHORIZATION, format!("Bearer {editor}"))
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("title=x"))
                .unwrap(),
        )
        .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    not_json.error_code();

    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
}

#[tokio::test]
async fn unknown_routes_and_threads_are_json_404s() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/threads/nothing-here",
        "/api/v1/nope",
        "/api/v1/threads/01ARZ3NDEKTSV4RRFFQ69G5FAV",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.error_code(), "not_found");
    }
}

#[tokio::test]
async fn a_slug_that_looks_like_an_id_still_finds_its_thread() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let slug = "01arz3ndektsv4rrffq69g5fav";
    let t = app
        .thread(
            &editor,
            json!({"title": "Odd", "language": "en", "slug": slug}),
        )
        .await;
    let reply = app.get(&format!("/api/v1/threads/{slug}")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["id"], t["id"]);
}
