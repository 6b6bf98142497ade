//! A small thread for superseded claims: two sources disagree on one figure, and an update
//! reports that events overtook the first.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::TestApp;
use super::board::{at, source};

pub struct Superseded {
    pub thread: String,
    pub slug: String,
    /// The ministry's 8, then the agency's 12.
    pub reports: Vec<String>,
    /// The claim of each report, in the same order.
    pub claims: Vec<String>,
    pub update: String,
    pub agency: String,
}

pub async fn report(
    app: &TestApp,
    editor: &str,
    thread: &str,
    src: &str,
    n: i64,
    hm: &str,
) -> Value {
    let reply = app
        .post(
            &format!("/api/v1/threads/{thread}/reports"),
            Some(editor),
            json!({"body": format!("dead: {n}"), "source": src, "stated_at": at(hm),
                   "claims": [{"indicator": "dead", "value": n}]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json
}

pub async fn superseded_example(app: &TestApp, editor: &str) -> Superseded {
    let thread = app.simple_thread(editor, "Floods in the delta").await;
    let tid = thread["id"].as_str().unwrap().to_owned();
    let reply = app
        .post(
            &format!("/api/v1/threads/{tid}/indicators"),
            Some(editor),
            json!({"key": "dead", "labels": {"en": "Dead"}, "kind": "count"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let ministry = source(app, editor, "Delta Ministry", "official").await;
    let agency = source(app, editor, "River Agency", "agency").await;
    let first = report(app, editor, &tid, &ministry, 8, "06:00").await;
    let second = report(app, editor, &tid, &agency, 12, "07:00").await;
    let update = app
        .update(
            editor,
            &tid,
            "The ministry's early toll is overtaken: rescuers found more.",
        )
        .await;
    Superseded {
        thread: tid,
        slug: thread["slug"].as_str().unwrap().to_owned(),
        claims: [&first, &second]
            .iter()
            .map(|r| r["claims"][0]["id"].as_str().unwrap().to_owned())
            .collect(),
        reports: [&first, &second]
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect(),
        update: update["id"].as_str().unwrap().to_owned(),
        agency,
    }
}
