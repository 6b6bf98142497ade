//! Health, metrics, the OpenAPI document, the audit log and the headers every response carries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestApp;
use cronaca::config::{Config, MetricsToken};
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

const METRICS_TOKEN: &str = "metrics-secret";

async fn app_with_metrics() -> TestApp {
    cronaca::metrics::handle().expect("recorder installs");
    TestApp::with_config(Config {
        metrics_token: MetricsToken::new(METRICS_TOKEN),
        ..Config::default()
    })
    .await
}

#[tokio::test]
async fn metrics_count_requests_by_route_streams_and_events() {
    let app = app_with_metrics().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.simple_thread(&editor, "T").await;
    app.get(&format!("/api/v1/threads/{}", t["id"].as_str().unwrap()))
        .await;

    let reply = app.get_as("/metrics", METRICS_TOKEN).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.text;
    assert!(
        text.lines().any(|l| l.starts_with("http_requests_total{")
            && l.contains(r#"route="/api/v1/threads/{id}""#)
            && l.contains(r#"status="2xx""#)),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket{"),
        "{text}"
    );
    assert!(text.contains("cronaca_events_published_total"), "{text}");
}

/// Issue 9, defect 4: `/metrics` was public, and grew with every made-up method name.
#[tokio::test]
async fn metrics_are_not_public_without_the_token() {
    let closed = TestApp::new().await;
    let reply = closed.get("/metrics").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error_code(), "not_found");

    let app = app_with_metrics().await;
    for token in [None, Some("wrong"), Some("")] {
        let reply = app.call(Method::GET, "/metrics", token, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(reply.error_code(), "unauthorized");
    }
    assert_eq!(
        app.get_as("/metrics", METRICS_TOKEN).await.status,
        StatusCode::OK
    );
}

fn series(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("http_requests_total{"))
        .map(|l| l.rsplit_once(' ').map_or(l, |(series, _)| series))
        .collect()
}

#[tokio::test]
async fn made_up_method_names_add_no_series() {
    let app = app_with_metrics().await;
    let route = "/api/v1/moderation/queue";
    let before = series(&app.get_as("/metrics", METRICS_TOKEN).await.text).len();
    for n in 0..300 {
        let method = Method::from_bytes(format!("XMADEUP{n}").as_bytes()).unwrap();
        let reply = app.call(method, route, None, None).await;
        assert!(reply.status.is_client_error(), "{}", reply.status);
    }
    let text = app.get_as("/metrics", METRICS_TOKEN).await.text;
    let after = series(&text);
    assert!(!text.contains("XMADEUP"), "a made-up method became a label");
    assert!(
        after
            .iter()
            .any(|s| s.contains(r#"method="other""#) && s.contains(route)),
        "{text}"
    );
    // Other tests of this binary add their own series meanwhile, from bounded sets.
    assert!(
        after.len() < before + 50,
        "{} series before, {} after",
        before,
        after.len()
    );
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
        ("post", "/api/v1/claims/{id}/supersession"),
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
