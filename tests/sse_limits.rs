//! Where an event stream starts, how a long replay is paged, and the caps on open streams.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use common::TestApp;
use common::sse::{Client, PATIENCE, data};
use cronaca::config::Config;
use cronaca::domain::role::Role;
use serde_json::Value;

async fn thread_with_updates(app: &TestApp, editor: &str, bodies: &[String]) -> String {
    let tid = app.simple_thread(editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for body in bodies {
        app.update(editor, &tid, body).await;
    }
    tid
}

/// Issue 9, defect 2: a stream without a position used to replay the whole thread.
#[tokio::test]
async fn a_stream_without_a_position_starts_at_the_live_edge() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let earlier: Vec<String> = (0..3).map(|n| format!("earlier {n}")).collect();
    let tid = thread_with_updates(&app, &editor, &earlier).await;

    let mut live = Client::open(addr, &tid, None, "").await;
    let fresh = app.update(&editor, &tid, "fresh").await;
    let first = live.next_event().await.unwrap();
    assert_eq!(
        first.id,
        Some(5),
        "the first event is the new one: {first:?}"
    );
    assert_eq!(data(&first)["id"], fresh["id"]);

    let mut history = Client::open(addr, &tid, None, "?after=0").await;
    let ids: Vec<i64> = history
        .events(5)
        .await
        .iter()
        .map(|m| m.id.unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5], "after=0 replays everything");
}

/// Large events arrive one page at a time, each once and in order, then the stream goes live.
#[tokio::test]
async fn a_long_replay_of_large_events_arrives_whole_and_in_order() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    // 40 updates of about 19 KB (their events carry body and HTML: about 38 KB each), and a
    // few small ones, so pages of one, two and many events all occur.
    let mut bodies: Vec<String> = (0..40)
        .map(|n| format!("Update {n}. {}", "Word ".repeat(3_800)))
        .collect();
    bodies.extend((0..20).map(|n| format!("small {n}")));
    let tid = thread_with_updates(&app, &editor, &bodies).await;

    let mut reader = Client::open(addr, &tid, None, "?after=0").await;
    let events = reader.events(61).await;
    let ids: Vec<i64> = events.iter().map(|m| m.id.unwrap()).collect();
    assert_eq!(ids, (1..=61).collect::<Vec<_>>());
    for (event, body) in events[1..].iter().zip(&bodies) {
        let item: Value = data(event)["item"].clone();
        assert_eq!(item["body"].as_str(), Some(body.trim()));
    }
    app.update(&editor, &tid, "live again").await;
    assert_eq!(reader.next_event().await.unwrap().id, Some(62));
}

/// Opens a stream and returns the response, whatever its status.
async fn open_raw(addr: SocketAddr, tid: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/threads/{tid}/events"))
        .send()
        .await
        .unwrap()
}

async fn assert_refused(addr: SocketAddr, tid: &str, code: &str) {
    let refused = open_raw(addr, tid).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1, "Retry-After {retry}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
}

/// Issue 9, defect 3: one client could open streams until the server ran out of descriptors.
#[tokio::test]
async fn a_client_over_its_stream_cap_is_refused_until_it_closes_one() {
    let config = Config {
        streams_per_client: 2,
        ..Config::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = thread_with_updates(&app, &editor, &[]).await;

    let first = Client::open(addr, &tid, None, "").await;
    let _second = Client::open(addr, &tid, None, "").await;
    assert_refused(addr, &tid, "too_many_streams").await;

    // A closed stream gives its place back as soon as the server notices the client left.
    drop(first);
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let again = open_raw(addr, &tid).await;
        if again.status() == StatusCode::OK {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the closed stream's place never came back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_server_wide_stream_cap_refuses_everyone() {
    let config = Config {
        streams_per_client: 8,
        max_streams: 2,
        ..Config::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = thread_with_updates(&app, &editor, &[]).await;
    let _streams = [
        Client::open(addr, &tid, None, "").await,
        Client::open(addr, &tid, None, "").await,
    ];
    assert_refused(addr, &tid, "server_busy").await;
    // Pages and the API still answer.
    assert_eq!(
        app.get(&format!("/api/v1/threads/{tid}")).await.status,
        StatusCode::OK
    );
}
