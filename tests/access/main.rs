//! Every write refuses whoever may not make it: the API's operations, walked from the OpenAPI
//! document, refuse a missing token, a bad token and the wrong role; every page form, walked
//! from the page routes, refuses a request without the CSRF token (`forms.rs`). None of them
//! writes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
mod forms;
mod items;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestApp;
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;
use items::{Items, items};

/// Writes a contributor may make; every other write needs a higher role.
const CONTRIBUTOR_WRITES: [&str; 4] = [
    "create_source",
    "create_comment",
    "flag_comment",
    "create_report",
];

/// A write operation of the document.
struct Write {
    method: Method,
    path: String,
    operation_id: String,
    has_body: bool,
    needs_token: bool,
}

async fn writes(app: &TestApp) -> Vec<Write> {
    let doc = app.get("/api/openapi.json").await.json;
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method = match method.as_str() {
                "post" => Method::POST,
                "put" => Method::PUT,
                "patch" => Method::PATCH,
                "delete" => Method::DELETE,
                _ => continue,
            };
            let security = op["security"].as_array().unwrap();
            let optional = security
                .iter()
                .any(|r| r.as_object().is_some_and(|o| o.is_empty()));
            out.push(Write {
                method,
                path: path.clone(),
                operation_id: op["operationId"].as_str().unwrap().to_owned(),
                has_body: !op["requestBody"].is_null(),
                needs_token: !optional,
            });
        }
    }
    assert!(out.len() >= 26, "only {} writes in the document", out.len());
    out
}

/// Sends a write with `authorization` as it is (or none), and an empty JSON object as body
/// where the operation takes one: a refusal must come before the body is looked at.
async fn send(
    app: &TestApp,
    items: &Items,
    write: &Write,
    authorization: Option<&str>,
) -> common::Reply {
    let mut req = Request::builder()
        .method(write.method.clone())
        .uri(items.api_path(&write.path));
    if let Some(a) = authorization {
        req = req.header(header::AUTHORIZATION, a);
    }
    let req = if write.has_body {
        req.header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
    } else {
        req.body(Body::empty())
    };
    app.send(req.unwrap()).await
}

#[tokio::test]
async fn every_write_needing_an_account_refuses_a_request_without_a_token() {
    // Setup
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let items = items(&app, &admin).await;
    let before = app.counts().await;
    for write in writes(&app).await {
        // Exec
        let reply = send(&app, &items, &write, None).await;
        // Check
        let (method, path) = (&write.method, &write.path);
        if write.needs_token {
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path}: {}",
                reply.text
            );
            assert_eq!(reply.error_code(), "unauthorized", "{method} {path}");
        } else {
            // The document says a guest may: a guest's request reaches the body's validation.
            assert_ne!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path}: {}",
                reply.text
            );
            assert!(
                reply.status.is_client_error(),
                "{method} {path}: {}",
                reply.text
            );
        }
    }
    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
}

/// Tokens that must not be taken for an account: unknown, revoked, of a disabled account,
/// and a header that is not a bearer token at all.
async fn bad_tokens(app: &TestApp) -> Vec<String> {
    let revoked = app.token("revoked", Role::Admin).await;
    let tokens = app.store.list_tokens(Some("revoked")).await.unwrap();
    app.store
        .revoke_token(&Actor::System, &tokens[0].id)
        .await
        .unwrap();
    let disabled = app.token("disabled", Role::Admin).await;
    app.store
        .set_user_disabled(&Actor::System, "disabled", true)
        .await
        .unwrap();
    vec![
        "Bearer nope".into(),
        format!("Bearer {revoked}"),
        format!("Bearer {disabled}"),
        "Basic cm9vdDpyb290".into(),
    ]
}

#[tokio::test]
async fn every_write_refuses_a_bad_token() {
    // Setup
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let items = items(&app, &admin).await;
    let bad = bad_tokens(&app).await;
    let before = app.counts().await;
    for write in writes(&app).await {
        for authorization in &bad {
            // Exec
            let reply = send(&app, &items, &write, Some(authorization)).await;
            // Check: also where a guest may write, a bad token is not taken for a guest.
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{} {} with {authorization:?}: {}",
                write.method,
                write.path,
                reply.text
            );
        }
    }
    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
}

/// Reads too: the README promises a 401 for a bad token on every route.
#[tokio::test]
async fn every_read_refuses_a_bad_token() {
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let items = items(&app, &admin).await;
    let bad = bad_tokens(&app).await;
    let doc = app.get("/api/openapi.json").await.json;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item["get"].is_null() || path.ends_with("/events") {
            continue;
        }
        let required: Vec<String> = item["get"]["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| format!("{}=en", p["name"].as_str().unwrap()))
            .collect();
        let uri = format!("{}?{}", items.api_path(path), required.join("&"));
        for authorization in &bad {
            let req = Request::get(&uri)
                .header(header::AUTHORIZATION, authorization)
                .body(Body::empty())
                .unwrap();
            let reply = app.send(req).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "GET {path} with {authorization:?}: {}",
                reply.text
            );
        }
    }
}

#[tokio::test]
async fn every_write_refuses_a_contributor_where_it_needs_more() {
    // Setup
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let items = items(&app, &admin).await;
    let contributor = format!("Bearer {}", app.token("reader", Role::Contributor).await);
    let before = app.counts().await;
    let writes = writes(&app).await;
    for id in CONTRIBUTOR_WRITES {
        assert!(
            writes.iter().any(|w| w.operation_id == id),
            "{id} is not in the document"
        );
    }
    for write in &writes {
        // Exec
        let reply = send(&app, &items, write, Some(&contributor)).await;
        // Check
        let (method, path) = (&write.method, &write.path);
        if CONTRIBUTOR_WRITES.contains(&write.operation_id.as_str()) {
            assert!(
                reply.status.is_client_error()
                    && reply.status != StatusCode::FORBIDDEN
                    && reply.status != StatusCode::UNAUTHORIZED,
                "{method} {path}: a contributor may do this: {}",
                reply.text
            );
        } else {
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{method} {path}: {}",
                reply.text
            );
            assert_eq!(reply.error_code(), "forbidden", "{method} {path}");
        }
    }
    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
}
