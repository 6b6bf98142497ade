//! Every write refuses whoever may not make it: the API's operations, walked from the OpenAPI
//! document, refuse a missing token, a bad token and the wrong role; every page form, walked
//! from the page routes, refuses a request without the CSRF token. None of them writes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::TestApp;
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;
use cronaca::store::Store;
use serde_json::json;

/// Writes a contributor may make; every other write needs a higher role.
const CONTRIBUTOR_WRITES: [&str; 4] = [
    "create_source",
    "create_comment",
    "flag_comment",
    "create_report",
];

/// One of each kind of item, so that every `{…}` in a path names something that exists.
struct Items {
    thread_id: String,
    thread_slug: String,
    update: String,
    comment: String,
    report: String,
    source: String,
    indicator: String,
    translation: String,
    translator: String,
}

async fn items(app: &TestApp, admin: &str) -> Items {
    let thread = app
        .thread(
            admin,
            json!({"title": "Access", "lead": "Lead", "language": "en", "guests_may_comment": true}),
        )
        .await;
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    let created = |reply: common::Reply| {
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json["id"].as_str().unwrap().to_owned()
    };
    let update = app.update(admin, &thread_id, "An update").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let editor = app.token("someone", Role::Editor).await;
    let comment = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/comments"),
            Some(&editor),
            json!({"body": "A comment by someone else"}),
        )
        .await,
    );
    let source = created(
        app.post(
            "/api/v1/sources",
            Some(admin),
            json!({"name": "Access Agency", "kind": "agency"}),
        )
        .await,
    );
    let report = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/reports"),
            Some(admin),
            json!({"body": "Eight people were seen", "source": source}),
        )
        .await,
    );
    let indicator = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/indicators"),
            Some(admin),
            json!({"key": "seen", "labels": {"en": "Seen"}, "kind": "count"}),
        )
        .await,
    );
    let translation = created(
        app.post(
            &format!("/api/v1/threads/{thread_id}/translations"),
            Some(admin),
            json!({"kind": "thread", "item_id": thread_id, "language": "it",
                   "title": "Accesso", "body": "Testo"}),
        )
        .await,
    );
    app.token("translator1", Role::Translator).await;
    Items {
        thread_slug: thread["slug"].as_str().unwrap().to_owned(),
        thread_id,
        update,
        comment,
        report,
        source,
        indicator,
        translation,
        translator: "translator1".into(),
    }
}

impl Items {
    /// An API path with its parameters filled in: `{id}` by the kind of item the path is under.
    fn api_path(&self, template: &str) -> String {
        let id = [
            ("/api/v1/threads/", &self.thread_id),
            ("/api/v1/updates/", &self.update),
            ("/api/v1/comments/", &self.comment),
            ("/api/v1/reports/", &self.report),
            ("/api/v1/sources/", &self.source),
            ("/api/v1/indicators/", &self.indicator),
            ("/api/v1/translations/", &self.translation),
        ]
        .into_iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map(|(_, id)| id.as_str());
        let path = match id {
            Some(id) => template.replace("{id}", id),
            None => template.to_owned(),
        };
        let path = path.replace("{name}", &self.translator);
        assert!(
            !path.contains('{'),
            "no value for a parameter of {template}"
        );
        path
    }

    /// A page path with its parameters filled in.
    fn page_path(&self, template: &str) -> String {
        let id = [
            ("/t/{slug}/indicators/", &self.indicator),
            ("/t/{slug}/updates/", &self.update),
            ("/moderation/reports/", &self.report),
            ("/moderation/", &self.comment),
            ("/c/", &self.comment),
            ("/r/", &self.report),
            ("/sources/", &self.source),
        ]
        .into_iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map(|(_, id)| id.as_str());
        let mut path = template.replace("{slug}", &self.thread_slug);
        if let Some(id) = id {
            path = path.replace("{id}", id);
        }
        let path = path
            .replace("{name}", &self.translator)
            .replace("{kind}", "thread")
            .replace("{item}", &self.thread_id)
            .replace("{lang}", "it");
        assert!(
            !path.contains('{'),
            "no value for a parameter of {template}"
        );
        path
    }
}

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
#[ignore = "needs bad-token fix: public reads still take a bad token for a guest"]
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

/// The page routes that take a POST, read from the sources of the page router: a new form is
/// covered as soon as it is routed.
fn form_routes() -> Vec<String> {
    let route =
        regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*([^;]*?)\)\s*(?:\.route|\.merge|\n\s*\}|;)"#)
            .unwrap();
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/web/pages"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut routes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        // Routes are chained, so each match must leave the next `.route` to be found.
        let mut rest = text.as_str();
        while let Some(m) = route.captures(rest) {
            if m[2].contains("post(") {
                routes.push(m[1].to_owned());
            }
            let end = m.get(2).unwrap().end();
            rest = &rest[end..];
        }
    }
    routes.sort();
    routes.dedup();
    routes
}

#[tokio::test]
async fn every_page_form_refuses_a_request_without_the_csrf_token() {
    // Setup: a logged-in administrator, who may post every form.
    let app = TestApp::new().await;
    let admin = app.token("root", Role::Admin).await;
    let items = items(&app, &admin).await;
    let mut browser = app.browser_as("chief", Role::Admin).await;
    let routes = form_routes();
    assert!(
        routes.len() >= 30,
        "only {} form routes: {routes:?}",
        routes.len()
    );
    let before = app.counts().await;
    let fields: BTreeMap<&str, &str> = BTreeMap::from([
        ("title", "Changed"),
        ("body", "Changed"),
        ("name", "Changed"),
        ("reason", "Because"),
        ("action", "delete"),
    ]);
    let fields: Vec<(&str, &str)> = fields.into_iter().collect();
    for route in &routes {
        let path = items.page_path(route);
        for csrf in [None, Some("not-the-token")] {
            // Exec
            let mut sent = fields.clone();
            if let Some(c) = csrf {
                sent.push(("csrf", c));
            }
            let reply = browser.post_raw(&path, &sent).await;
            // Check
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "POST {path} with csrf {csrf:?}: {}",
                reply.text.chars().take(300).collect::<String>()
            );
        }
    }
    assert_eq!(
        app.counts().await,
        before,
        "a form without its token wrote something"
    );
}
