//! The live event stream over a real listener: delivery, the live edge and replay, resume
//! without gaps or duplicates, heartbeats, lagging clients, caps on open streams and shutdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::TestApp;
use common::sse::{Client, data};
use cronaca::config::{Config, MetricsToken};
use cronaca::domain::role::Role;
use cronaca::domain::update::NewUpdate;
use cronaca::domain::user::Actor;
use serde_json::json;

/// Acceptance: accounts and tokens, an Italian thread, live delivery, a premoderated guest
/// comment approved by a moderator and announced, and resume from the first event's id.
#[tokio::test]
async fn live_thread_story_through_the_api() {
    cronaca::metrics::handle().expect("recorder installs");
    let app = TestApp::with_config(Config {
        metrics_token: MetricsToken::new("metrics-secret"),
        ..Config::default()
    })
    .await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let addr = app.serve().await;
    let thread = app
        .thread(
            &editor,
            json!({"title": "Città in rivolta: è l'alba", "lead": "Perché qui?", "language": "it",
                   "comment_policy": "premoderated", "guests_may_comment": true}),
        )
        .await;
    let tid = thread["id"].as_str().unwrap();

    let mut reader = Client::open(addr, tid, None, "?after=0").await;
    let created = reader.next_event().await.unwrap();
    let metrics = app.get_as("/metrics", "metrics-secret").await.text;
    let open: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("cronaca_event_streams_open "))
        .and_then(|v| v.trim().parse().ok())
        .expect("the open-streams gauge is exported");
    assert!(open >= 1.0, "an open stream is counted: {open}");
    assert_eq!(created.id, Some(1));
    assert_eq!(created.event.as_deref(), Some("thread.created"));
    assert_eq!(
        data(&created)["item"]["title"],
        "Città in rivolta: è l'alba"
    );

    let sent = Instant::now();
    let update = app.update(&editor, tid, "Primo aggiornamento").await;
    let posted = reader.next_event().await.unwrap();
    eprintln!("update reached the subscriber in {:?}", sent.elapsed());
    assert_eq!(posted.id, Some(2));
    assert_eq!(posted.event.as_deref(), Some("update.posted"));
    assert_eq!(data(&posted)["id"], update["id"]);
    assert_eq!(
        data(&posted)["item"],
        update,
        "the event carries the API's representation"
    );

    let guest = app
        .post(
            &format!("/api/v1/threads/{tid}/comments"),
            None,
            json!({"body": "Visto anch'io", "author_name": "Ospite"}),
        )
        .await;
    assert_eq!(guest.json["status"], "pending");
    let listed = app.get(&format!("/api/v1/threads/{tid}/comments")).await;
    assert_eq!(listed.json["items"], json!([]));

    let cid = guest.json["id"].as_str().unwrap();
    let approve = app
        .post(
            &format!("/api/v1/comments/{cid}/moderation"),
            Some(&moderator),
            json!({"action": "approve"}),
        )
        .await;
    assert_eq!(approve.status, StatusCode::OK);
    let announced = reader.next_event().await.unwrap();
    assert_eq!(announced.id, Some(3), "a pending comment makes no event");
    assert_eq!(announced.event.as_deref(), Some("comment.approved"));
    assert_eq!(data(&announced)["item"]["body"], "Visto anch'io");
    let listed = app.get(&format!("/api/v1/threads/{tid}/comments")).await;
    assert_eq!(listed.json["items"][0]["id"], cid);

    let mut resumed = Client::open(addr, tid, Some(1), "").await;
    let later = resumed.events(2).await;
    assert_eq!(
        later.iter().map(|m| m.id).collect::<Vec<_>>(),
        [Some(2), Some(3)]
    );
    assert_eq!(later, vec![posted, announced]);
    app.update(&editor, tid, "Secondo").await;
    assert_eq!(
        resumed.next_event().await.unwrap().id,
        Some(4),
        "then it goes on live"
    );
}

#[tokio::test]
async fn reconnecting_client_gets_every_missed_event_once_in_order() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for n in 0..3 {
        app.update(&editor, &tid, &format!("before {n}")).await;
    }
    let mut first = Client::open(addr, &tid, None, "?after=0").await;
    let seen = first.events(2).await;
    drop(first);
    let last = seen.last().unwrap().id.unwrap();

    for n in 0..5 {
        app.update(&editor, &tid, &format!("while away {n}")).await;
    }
    let mut again = Client::open(addr, &tid, Some(last), "").await;
    let rest = again.events(7).await;
    let ids: Vec<i64> = rest.iter().map(|m| m.id.unwrap()).collect();
    assert_eq!(ids, (last + 1..=last + 7).collect::<Vec<_>>());

    let by_query = Client::open(addr, &tid, None, "?after=7")
        .await
        .events(2)
        .await;
    assert_eq!(
        by_query.iter().map(|m| m.id.unwrap()).collect::<Vec<_>>(),
        [8, 9]
    );
}

#[tokio::test]
async fn concurrent_writers_reach_a_subscriber_in_sequence_without_gaps() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut reader = Client::open(addr, &tid, None, "?after=0").await;

    let client = reqwest::Client::new();
    let mut writers = Vec::new();
    for w in 0..4 {
        let (client, editor, tid) = (client.clone(), editor.clone(), tid.clone());
        writers.push(tokio::spawn(async move {
            for n in 0..10 {
                let r = client
                    .post(format!("http://{addr}/api/v1/threads/{tid}/updates"))
                    .bearer_auth(&editor)
                    .json(&json!({"body": format!("w{w} n{n}")}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), StatusCode::CREATED);
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    let ids: Vec<i64> = reader
        .events(41)
        .await
        .iter()
        .map(|m| m.id.unwrap())
        .collect();
    assert_eq!(ids, (1..=41).collect::<Vec<_>>());
}

#[tokio::test]
async fn idle_stream_gets_heartbeats() {
    let config = Config {
        heartbeat: Duration::from_millis(100),
        ..Config::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut reader = Client::open(addr, &tid, Some(1), "").await;
    let m = reader.next_message().await.unwrap();
    assert!(m.comment, "expected a heartbeat comment, got {m:?}");
}

#[tokio::test]
async fn client_that_falls_behind_is_disconnected_and_resumes_without_loss() {
    let config = Config {
        stream_buffer: 4,
        ..Config::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut reader = Client::open(addr, &tid, None, "?after=0").await;
    assert_eq!(reader.next_event().await.unwrap().id, Some(1));

    // Twenty committed updates published in one burst: far more than the stream may buffer.
    let actor = Actor::User(app.store.user_by_name("ed").await.unwrap());
    let mut events = Vec::new();
    for n in 0..20 {
        let text = NewUpdate {
            body: format!("burst {n}"),
            language: None,
            provenance: None,
        }
        .validate()
        .unwrap();
        events.extend(
            app.store
                .post_update(&actor, &tid, text)
                .await
                .unwrap()
                .events,
        );
    }
    app.state.service.publish(&events);

    let mut last = 1;
    while let Some(m) = reader.next_event().await {
        assert_eq!(m.id, Some(last + 1));
        last += 1;
    }
    assert!(
        last < 21,
        "the lagging stream should have been closed, it got everything"
    );

    let mut resumed = Client::open(addr, &tid, Some(last), "").await;
    let rest: Vec<i64> = resumed
        .events((21 - last) as usize)
        .await
        .iter()
        .map(|m| m.id.unwrap())
        .collect();
    assert_eq!(rest, (last + 1..=21).collect::<Vec<_>>());
}

#[tokio::test]
async fn shutdown_closes_open_streams() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let addr = app.serve().await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut reader = Client::open(addr, &tid, None, "?after=0").await;
    reader.next_event().await.unwrap();
    app.state.shutdown.cancel();
    assert_eq!(reader.next_event().await, None);
}

#[tokio::test]
async fn bad_stream_requests_are_refused() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let tid = app.simple_thread(&editor, "T").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let missing = app.get("/api/v1/threads/no-such-thread/events").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "not_found");
    let negative = app
        .get(&format!("/api/v1/threads/{tid}/events?after=-1"))
        .await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
    let words = app
        .get(&format!("/api/v1/threads/{tid}/events?after=five"))
        .await;
    assert_eq!(words.status, StatusCode::UNPROCESSABLE_ENTITY);
    let header = app
        .send(
            axum::http::Request::get(format!("/api/v1/threads/{tid}/events"))
                .header("Last-Event-ID", "abc")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(header.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(header.json["error"]["field"], "Last-Event-ID");
}
