//! Hostile input at the API's edge: bad tokens on every route, JSON with something after it,
//! and refusals of every kind in the one JSON error shape.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use common::{Reply, TestApp};
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// What one request answered; an answer that is a stream (200 events) is not read.
struct Answer {
    status: StatusCode,
    www_authenticate: String,
    content_type: String,
    json: Value,
    text: String,
}

async fn answer(app: &TestApp, req: Request<Body>) -> Answer {
    let what = format!("{} {}", req.method(), req.uri());
    let response = tokio::time::timeout(Duration::from_secs(10), app.router().oneshot(req))
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer"))
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let www_authenticate = response
        .headers()
        .get(header::WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    if content_type.starts_with("text/event-stream") {
        return Answer {
            status,
            www_authenticate,
            content_type,
            json: Value::Null,
            text: String::new(),
        };
    }
    let bytes = tokio::time::timeout(Duration::from_secs(10), response.into_body().collect())
        .await
        .unwrap_or_else(|_| panic!("{what}: the body does not end"))
        .unwrap()
        .to_bytes();
    Answer {
        status,
        www_authenticate,
        content_type,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn request(method: &Method, path: &str, authorization: Option<HeaderValue>) -> Request<Body> {
    let mut req = Request::builder().method(method.clone()).uri(path);
    if let Some(value) = authorization {
        req = req.header(header::AUTHORIZATION, value);
    }
    if [Method::POST, Method::PATCH, Method::PUT].contains(method) {
        req.header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap()
    } else {
        req.body(Body::empty()).unwrap()
    }
}

/// Checks the one error shape: JSON content, `error.code` and `error.message`.
fn assert_error_shape(what: &str, a: &Answer) {
    assert!(
        a.content_type.starts_with("application/json"),
        "{what}: {} answered {:?}: {}",
        a.status,
        a.content_type,
        a.text
    );
    assert!(
        a.json["error"]["code"].is_string() && a.json["error"]["message"].is_string(),
        "{what}: {} {}",
        a.status,
        a.text
    );
}

/// Every operation of the OpenAPI document: (method, path template).
async fn operations(app: &TestApp) -> Vec<(Method, String)> {
    let doc = app.get("/api/openapi.json").await.json;
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if let Ok(m) = method.to_uppercase().parse::<Method>() {
                out.push((m, path.clone()));
            }
        }
    }
    assert!(out.len() > 40, "the document lists the API: {out:?}");
    out
}

/// Fills `{…}` parameters of a path template with `value`.
fn fill(template: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        out.push_str(value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A thread with an update and a comment; returns the editor's token, the thread's and the
/// comment's ids.
async fn world(app: &TestApp) -> (String, String, String) {
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Walk").await;
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    app.update(&editor, &thread_id, "First").await;
    let comment = app
        .post(
            &format!("/api/v1/threads/{thread_id}/comments"),
            Some(&editor),
            json!({"body": "A comment"}),
        )
        .await;
    assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.text);
    let comment_id = comment.json["id"].as_str().unwrap().to_owned();
    (editor, thread_id, comment_id)
}

#[tokio::test]
async fn a_bad_token_is_a_401_on_every_route_public_reads_included() {
    let app = TestApp::new().await;
    let (editor, thread_id, _) = world(&app).await;
    // A revoked token, and the token of an account since disabled.
    let revoked = app.token("rev", Role::Contributor).await;
    let id = app.store.list_tokens(Some("rev")).await.unwrap()[0]
        .id
        .clone();
    app.store.revoke_token(&Actor::System, &id).await.unwrap();
    let disabled = app.token("gone", Role::Editor).await;
    app.store
        .set_user_disabled(&Actor::System, "gone", true)
        .await
        .unwrap();
    let bad_headers: Vec<HeaderValue> = vec![
        HeaderValue::from_static("Bearer nope"),
        HeaderValue::from_str(&format!("Bearer {revoked}")).unwrap(),
        HeaderValue::from_str(&format!("Bearer {disabled}")).unwrap(),
        HeaderValue::from_static("Bearer"),
        HeaderValue::from_static("Bearer "),
        HeaderValue::from_static("Basic YWRtaW46YWRtaW4="),
        HeaderValue::from_str(&editor).unwrap(),
        HeaderValue::from_static(""),
        HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
    ];

    let public = [
        "/api/v1/threads".to_owned(),
        format!("/api/v1/threads/{thread_id}"),
        format!("/api/v1/threads/{thread_id}/updates"),
        format!("/api/v1/threads/{thread_id}/comments"),
        format!("/api/v1/threads/{thread_id}/events"),
        format!("/api/v1/threads/{thread_id}/board"),
        "/api/v1/sources".to_owned(),
        "/api/v1/search?q=first".to_owned(),
        "/api/openapi.json".to_owned(),
    ];
    for path in &public {
        // The route answers a guest…
        let guest = answer(&app, request(&Method::GET, path, None)).await;
        assert_eq!(guest.status, StatusCode::OK, "{path}: {}", guest.text);
        // …and refuses every bad header.
        for value in &bad_headers {
            let a = answer(&app, request(&Method::GET, path, Some(value.clone()))).await;
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{path} with {value:?}");
            assert_error_shape(path, &a);
            assert_eq!(a.json["error"]["code"], "unauthorized");
            assert!(a.www_authenticate.starts_with("Bearer"), "{path}");
        }
        // A good token still works, the scheme in any case.
        let good = HeaderValue::from_str(&format!("bearer {editor}")).unwrap();
        let a = answer(&app, request(&Method::GET, path, Some(good))).await;
        assert_eq!(a.status, StatusCode::OK, "{path}: {}", a.text);
    }

    // Every operation of the document, whatever it needs, refuses the bad token first.
    for (method, template) in operations(&app).await {
        let path = fill(&template, &thread_id);
        let a = answer(
            &app,
            request(
                &method,
                &path,
                Some(HeaderValue::from_static("Bearer nope")),
            ),
        )
        .await;
        assert_eq!(
            a.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path}: {}",
            a.text
        );
        assert_error_shape(&format!("{method} {path}"), &a);
    }
}

#[tokio::test]
async fn json_with_anything_after_it_is_a_400_and_writes_nothing() {
    let app = TestApp::new().await;
    let (editor, thread_id, _) = world(&app).await;
    let before = app.counts().await;
    for (path, body) in [
        (
            format!("/api/v1/threads/{thread_id}/comments"),
            r#"{"body":"x"} trailing garbage"#,
        ),
        (
            format!("/api/v1/threads/{thread_id}/comments"),
            r#"{"body":"x"}{"body":"y"}"#,
        ),
        (
            format!("/api/v1/threads/{thread_id}/updates"),
            r#"{"body":"x"},"#,
        ),
        (
            "/api/v1/threads".to_owned(),
            r#"{"title":"T","language":"en"} ]"#,
        ),
    ] {
        let req = Request::post(&path)
            .header(header::AUTHORIZATION, format!("Bearer {editor}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let reply: Reply = app.send(req).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{body}: {}",
            reply.text
        );
        assert_eq!(reply.error_code(), "malformed_json", "{body}");
    }
    assert_eq!(app.counts().await, before, "nothing was written");
}

#[tokio::test]
async fn a_missing_or_invalid_query_value_is_refused_in_json() {
    let app = TestApp::new().await;
    let (editor, thread_id, comment_id) = world(&app).await;
    let cases = [
        format!("/api/v1/comments/{comment_id}/machine-translation"),
        format!("/api/v1/comments/{comment_id}/machine-translation?lang"),
        "/api/v1/reports/nope/machine-translation".to_owned(),
        "/api/v1/threads?limit=many".to_owned(),
        "/api/v1/threads?limit=-1".to_owned(),
        "/api/v1/threads?bogus=1".to_owned(),
        format!("/api/v1/threads/{thread_id}/updates?limit=1e9"),
        format!("/api/v1/threads/{thread_id}/events?after=soon"),
        format!("/api/v1/threads/{thread_id}/translations?language=1&language=2"),
        "/api/v1/search?offset=x&q=a".to_owned(),
        "/api/v1/places?limit=%FF".to_owned(),
    ];
    for path in &cases {
        let a = answer(&app, request(&Method::GET, path, None)).await;
        assert!(
            a.status.is_client_error(),
            "{path}: {} {}",
            a.status,
            a.text
        );
        assert_error_shape(path, &a);
    }
    let a = answer(
        &app,
        request(
            &Method::GET,
            &format!("/api/v1/comments/{comment_id}/machine-translation"),
            Some(HeaderValue::from_str(&format!("Bearer {editor}")).unwrap()),
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text);
    assert_eq!(a.json["error"]["field"], "lang");
}

#[tokio::test]
async fn every_route_refuses_bad_paths_queries_and_methods_in_json() {
    let app = TestApp::new().await;
    let (_, thread_id, _) = world(&app).await;
    let admin = app.token("root", Role::Admin).await;
    let token = || Some(HeaderValue::from_str(&format!("Bearer {admin}")).unwrap());
    let ops = operations(&app).await;
    let junk = "limit=x&after=%FF&lang=&language=&q=&offset=-&status=&place=&source=&bogus=1";
    let all = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ];
    let mut checked = 0;
    for (method, template) in &ops {
        if !template.contains('{') {
            continue;
        }
        // A path parameter that is not UTF-8 once decoded.
        let path = fill(template, "%FF%FE");
        let a = answer(&app, request(method, &path, token())).await;
        assert!(
            a.status.is_client_error(),
            "{method} {path}: {} {}",
            a.status,
            a.text
        );
        assert_error_shape(&format!("{method} {path}"), &a);
        checked += 1;
    }
    for (method, template) in &ops {
        // Junk in every query parameter any route takes.
        let path = format!("{}?{junk}", fill(template, &thread_id));
        let a = answer(&app, request(method, &path, token())).await;
        if !a.status.is_success() {
            assert_error_shape(&format!("{method} {path}"), &a);
            checked += 1;
        }
    }
    // Methods a path does not take: 405 in the error shape, still saying which it takes.
    let templates: std::collections::BTreeSet<&String> = ops.iter().map(|(_, t)| t).collect();
    for template in templates {
        let path = fill(template, &thread_id);
        for method in &all {
            if ops.iter().any(|(m, t)| m == method && t == template) {
                continue;
            }
            let a = answer(&app, request(method, &path, token())).await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_error_shape(&format!("{method} {path}"), &a);
            assert_eq!(a.json["error"]["code"], "method_not_allowed");
            checked += 1;
        }
    }
    for (method, path) in [
        (Method::POST, "/api/openapi.json"),
        (Method::GET, "/api/v1/nothing-here"),
        (Method::GET, "/api/nothing-here"),
    ] {
        let a = answer(&app, request(&method, path, None)).await;
        assert!(a.status.is_client_error(), "{method} {path}");
        assert_error_shape(&format!("{method} {path}"), &a);
    }
    assert!(checked > 100, "{checked} refusals checked");
}
