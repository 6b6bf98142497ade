//! Health, metrics, the OpenAPI document, the audit log and the headers every response carries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::TestApp;
use cronaca::domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn health_answers_ok() {
    let app = TestApp::new().await;
    let reply = app.get("/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json, json!({"status": "ok", "storage": "ok"}));
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json, json!({"status": "ready", "storage": "ok"}));
}

#[tokio::test]
async fn metrics_count_requests_by_route_streams_and_events() {
    cronaca::metrics::handle().expect("recorder installs");
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "T").await;
    app.get(&format!("/api/v1/threads/{}", t["id"].as_str().unwrap()))
        .await;

    let reply = app.get("/metrics").await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.text;
    assert!(
        text.lines().any(|l| l.starts_with("http_requests_total{")
            && l.contains(r#"route="/api/v1/threads/{id}""#)
            && l.contains(r#"status="200""#)),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket{"),
        "{text}"
    );
    assert!(text.contains("cronaca_events_published_total"), "{text}");
}

#[tokio::test]
async fn openapi_document_describes_every_route() {
    let app = TestApp::new().await;
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = &reply.json;
    assert_eq!(doc["openapi"], "3.1.0");
    let routes = [
        ("get", "/api/v1/threads"),
        ("post", "/api/v1/threads"),
        ("get", "/api/v1/threads/{id}"),
        ("patch", "/api/v1/threads/{id}"),
        ("get", "/api/v1/threads/{id}/updates"),
        ("post", "/api/v1/threads/{id}/updates"),
        ("patch", "/api/v1/updates/{id}"),
        ("post", "/api/v1/updates/{id}/strike"),
        ("get", "/api/v1/updates/{id}/revisions"),
        ("get", "/api/v1/threads/{id}/comments"),
        ("post", "/api/v1/threads/{id}/comments"),
        ("patch", "/api/v1/comments/{id}"),
        ("post", "/api/v1/comments/{id}/flags"),
        ("get", "/api/v1/moderation/queue"),
        ("post", "/api/v1/comments/{id}/moderation"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/threads/{id}/events"),
        ("get", "/api/v1/places"),
        ("post", "/api/v1/places"),
        ("get", "/api/v1/sources"),
        ("post", "/api/v1/sources"),
        ("get", "/api/v1/sources/{id}"),
        ("patch", "/api/v1/sources/{id}"),
        ("get", "/api/v1/threads/{id}/indicators"),
        ("post", "/api/v1/threads/{id}/indicators"),
        ("patch", "/api/v1/indicators/{id}"),
        ("get", "/api/v1/threads/{id}/reports"),
        ("post", "/api/v1/threads/{id}/reports"),
        ("get", "/api/v1/reports/{id}"),
        ("patch", "/api/v1/reports/{id}"),
        ("post", "/api/v1/reports/{id}/status"),
        ("post", "/api/v1/reports/{id}/strike"),
        ("post", "/api/v1/reports/{id}/moderation"),
        ("get", "/api/v1/reports/{id}/revisions"),
        ("get", "/api/v1/moderation/reports"),
        ("get", "/api/v1/threads/{id}/board"),
        ("get", "/api/v1/search"),
        ("get", "/api/v1/threads/{id}/translations"),
        ("post", "/api/v1/threads/{id}/translations"),
        ("get", "/api/v1/translations/{id}"),
        ("patch", "/api/v1/translations/{id}"),
        ("post", "/api/v1/translations/{id}/publish"),
        ("post", "/api/v1/translations/{id}/withdraw"),
        ("get", "/api/v1/translations/{id}/revisions"),
        ("get", "/api/v1/threads/{id}/translators"),
        ("put", "/api/v1/threads/{id}/translators/{name}"),
        ("delete", "/api/v1/threads/{id}/translators/{name}"),
        ("post", "/api/v1/threads/{id}/translations/machine"),
        ("get", "/api/v1/comments/{id}/machine-translation"),
        ("get", "/api/v1/reports/{id}/machine-translation"),
    ];
    for (method, path) in routes {
        let op = &doc["paths"][path][method];
        assert!(
            op.is_object(),
            "{method} {path} is not in the OpenAPI document"
        );
        assert!(
            op["responses"].as_object().is_some_and(|r| !r.is_empty()),
            "{method} {path}"
        );
    }
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_object().unwrap().len())
        .sum();
    assert_eq!(
        documented,
        routes.len(),
        "a documented operation is not served, or the other way round"
    );
    assert!(doc["components"]["schemas"]["Thread"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn audit_log_records_editorial_and_moderation_actions_for_admins_only() {
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let t = app
        .thread(&editor, json!({"title": "T", "language": "en", "comment_policy": "premoderated", "guests_may_comment": true}))
        .await;
    let tid = t["id"].as_str().unwrap();
    let u = app.update(&editor, tid, "first").await;
    app.patch(
        &format!("/api/v1/updates/{}", u["id"].as_str().unwrap()),
        Some(&editor),
        json!({"body": "second"}),
    )
    .await;
    let c = app
        .post(
            &format!("/api/v1/threads/{tid}/comments"),
            None,
            json!({"body": "x", "author_name": "G"}),
        )
        .await;
    app.post(
        &format!(
            "/api/v1/comments/{}/moderation",
            c.json["id"].as_str().unwrap()
        ),
        Some(&moderator),
        json!({"action": "reject", "note": "off topic"}),
    )
    .await;

    assert_eq!(
        app.get("/api/v1/audit").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_as("/api/v1/audit", &editor).await.status,
        StatusCode::FORBIDDEN
    );
    let log = app.get_as("/api/v1/audit", &admin).await;
    assert_eq!(log.status, StatusCode::OK);
    let entries = log.json["items"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        &actions[..4],
        [
            "comment.moderate",
            "update.edit",
            "update.post",
            "thread.create"
        ]
    );
    let moderation = &entries[0];
    assert_eq!(moderation["actor_name"], "mod");
    assert_eq!(moderation["before"]["status"], "pending");
    assert_eq!(moderation["after"]["status"], "rejected");
    assert_eq!(moderation["after"]["note"], "off topic");
    let edit = &entries[1];
    assert_eq!(edit["before"]["body"], "first");
    assert_eq!(edit["after"]["body"], "second");
    assert_eq!(edit["target_id"], u["id"]);
}

#[tokio::test]
async fn responses_carry_security_headers_and_compress_when_asked() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    app.thread(
        &editor,
        json!({"title": "T", "language": "en", "lead": "word ".repeat(2000)}),
    )
    .await;
    let reply = app
        .send(
            Request::get("/api/v1/threads")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-encoding"], "gzip");
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert!(
        reply.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
}
