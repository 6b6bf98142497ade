//! The layers around every answer: a panicking handler gets the one JSON error and the server
//! goes on; a request that takes longer than the request timeout gets a 503 saying so, in JSON
//! under `/api` and as a page in the reader's language elsewhere; event streams are not held
//! to that timeout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use common::sse::{Client, PATIENCE};
use common::{TestApp, sse};
use cronaca::config::{Config, MtEngineConfig};
use cronaca::domain::role::Role;
use serde_json::{Value, json};

async fn panics() -> &'static str {
    panic!("the handler broke: index out of range");
}

/// Log lines written while a guard is held, for the checks on what was logged.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn a_panicking_handler_answers_500_in_the_error_shape_and_the_server_goes_on() {
    // Setup: the application's own routes and layers, with one route that panics.
    let app = TestApp::new().await;
    let routes = cronaca::web::router(app.state.clone()).route("/api/v1/boom", get(panics));
    let router = cronaca::web::with_layers(routes, app.state.clone());
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // Exec: the panicking route, then ordinary ones, through the same router.
    let send = |path: &str| {
        let req = Request::get(path).body(Body::empty()).unwrap();
        tower::ServiceExt::oneshot(router.clone(), req)
    };
    let broken = send("/api/v1/boom").await.unwrap();
    let status = broken.status();
    let kind = broken.headers()[header::CONTENT_TYPE].clone();
    let body = axum::body::to_bytes(broken.into_body(), 64 * 1024)
        .await
        .unwrap();

    // Check: a 500 in the one error shape, saying nothing of the cause, which is logged.
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(kind, "application/json");
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"]["code"], "internal");
    assert_eq!(json["error"]["message"], "internal error");
    assert!(!String::from_utf8_lossy(&body).contains("index out of range"));
    let logged = log.text();
    assert!(logged.contains("panicked"), "{logged}");
    assert!(logged.contains("index out of range"), "{logged}");

    let health = send("/healthz").await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let again = send("/api/v1/boom").await.unwrap();
    assert_eq!(again.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let threads = send("/api/v1/threads").await.unwrap();
    assert_eq!(threads.status(), StatusCode::OK);
}

/// A LibreTranslate stand-in that lists its languages and never finishes a translation.
async fn stalled_engine() -> SocketAddr {
    async fn languages() -> Json<Value> {
        Json(json!([
            {"code": "en", "name": "English", "targets": ["it"]},
            {"code": "it", "name": "Italian", "targets": ["en"]}
        ]))
    }
    async fn translate() -> Json<Value> {
        std::future::pending::<()>().await;
        Json(json!({}))
    }
    let app = Router::new()
        .route("/languages", get(languages))
        .route("/translate", post(translate));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn short_timeout() -> Config {
    Config {
        request_timeout: Duration::from_millis(300),
        member_writes_per_minute: 1000,
        ..Config::default()
    }
}

#[tokio::test]
async fn an_api_request_slower_than_the_timeout_gets_a_503_request_timeout() {
    // Setup: an engine that never answers, asked with no timeout of its own to speak of.
    let engine = stalled_engine().await;
    let app = TestApp::with_config(Config {
        machine_translation: Some(MtEngineConfig::LibreTranslate {
            url: format!("http://{engine}"),
            api_key: None,
        }),
        machine_translation_timeout: Duration::from_secs(3600),
        ..short_timeout()
    })
    .await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app
        .thread(
            &editor,
            json!({"title": "T", "language": "en", "comment_policy": "postmoderated"}),
        )
        .await;
    let comment = app
        .post(
            &format!(
                "/api/v1/threads/{}/comments",
                thread["id"].as_str().unwrap()
            ),
            Some(&editor),
            json!({"body": "The bridge is closed."}),
        )
        .await;
    assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.text);

    // Exec: a reader asks for the machine translation.
    let path = format!(
        "/api/v1/comments/{}/machine-translation?lang=it",
        comment.json["id"].as_str().unwrap()
    );
    let reply = tokio::time::timeout(PATIENCE, app.get(&path))
        .await
        .expect("the request was never answered");

    // Check: the timeout's answer, in the one error shape.
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.text
    );
    assert_eq!(reply.error_code(), "request_timeout");
    assert!(
        reply.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("took longer than 0.3 s"),
        "{}",
        reply.text
    );
    // The site still answers at once.
    assert_eq!(app.get("/api/v1/threads").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_form_that_never_finishes_arriving_gets_a_timeout_page_in_the_readers_language() {
    // Setup: a body that never ends, as from a client that stops sending.
    let app = TestApp::with_config(short_timeout()).await;
    let never = futures_util::stream::pending::<Result<Bytes, std::io::Error>>();
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "it")
        .body(Body::from_stream(never))
        .unwrap();

    // Exec
    let reply = tokio::time::timeout(PATIENCE, app.send(req))
        .await
        .expect("the request was never answered");

    // Check: a page, in Italian, that says the server gave up.
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
    );
    assert!(reply.text.contains("<html lang=\"it\""), "{}", reply.text);
    assert!(
        reply.text.contains("impiegato troppo tempo a rispondere"),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn an_event_stream_stays_open_past_the_request_timeout() {
    // Setup: a timeout well below the heartbeat interval.
    let app = TestApp::with_config(Config {
        heartbeat: Duration::from_millis(900),
        ..short_timeout()
    })
    .await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Live").await;
    let thread_id = thread["id"].as_str().unwrap();
    let addr = app.serve().await;

    // Exec: open a stream and wait for its first heartbeat, which comes after the timeout.
    let mut stream = Client::open(addr, thread_id, None, "").await;
    let first = stream.next_message().await.expect("the stream was closed");

    // Check: the heartbeat came, and the stream still carries what is posted after it.
    assert!(first.comment, "expected a heartbeat, got {first:?}");
    let update = app.update(&editor, thread_id, "Still here").await;
    let event = stream.next_event().await.expect("the stream was closed");
    assert_eq!(event.event.as_deref(), Some("update.posted"));
    assert_eq!(sse::data(&event)["id"], update["id"]);
}
