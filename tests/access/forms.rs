//! Every page form refuses a request without the CSRF token, and writes nothing.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use cronaca::domain::role::Role;

use crate::common::TestApp;
use crate::items::items;

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
