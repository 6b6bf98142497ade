//! The board example shared by the API and page tests: a thread with 3 indicators, 5 sources
//! and 20 reports carrying claims (a dispute, a repeat that is not independent, statuses per
//! place).

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::TestApp;

pub struct Example {
    pub thread: String,
    pub slug: String,
    pub reports: Vec<String>,
    pub almaty: String,
}

pub async fn place(app: &TestApp, name: &str) -> String {
    let reply = app.get(&format!("/api/v1/places?q={name}&limit=1")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["items"][0]["id"].as_str().unwrap().to_owned()
}

pub async fn source(app: &TestApp, token: &str, name: &str, kind: &str) -> String {
    let reply = app
        .post(
            "/api/v1/sources",
            Some(token),
            json!({"name": name, "kind": kind, "country": "KZ"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json["id"].as_str().unwrap().to_owned()
}

/// Source, cited source, indicator, place, value, time stated.
pub type Row<'a> = (
    &'a str,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    Value,
    &'a str,
);

pub fn at(hm: &str) -> String {
    format!("2022-01-05T{hm}:00Z")
}

/// The example thread: 3 indicators, 5 sources, 20 reports carrying claims, returned with its
/// reports in the order written below.
pub async fn example(app: &TestApp, editor: &str) -> Example {
    let thread = app.simple_thread(editor, "Unrest in Kazakhstan").await;
    let tid = thread["id"].as_str().unwrap().to_owned();
    for indicator in [
        json!({"key": "police_dead", "labels": {"en": "Police dead", "it": "Poliziotti morti"},
               "kind": "count"}),
        json!({"key": "injured", "labels": {"en": "Injured"}, "kind": "count"}),
        json!({"key": "control", "labels": {"en": "Control"}, "kind": "status", "scope": "place",
               "statuses": [
                   {"value": "government", "colour": "#1f77b4", "labels": {"it": "governo"}},
                   {"value": "protesters", "colour": "#d62728"},
                   {"value": "contested", "colour": "#ff7f0e"}]}),
    ] {
        let reply = app
            .post(
                &format!("/api/v1/threads/{tid}/indicators"),
                Some(editor),
                indicator,
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    }
    let ministry = source(app, editor, "Ministry of Internal Affairs", "official").await;
    let khabar = source(app, editor, "Khabar", "state_media").await;
    let radio = source(app, editor, "Free Radio", "independent_media").await;
    let agency = source(app, editor, "Steppe Agency", "agency").await;
    let witness = source(app, editor, "Eyewitness channel", "social_channel").await;
    let almaty = place(app, "Almaty").await;
    let astana = place(app, "Astana").await;
    let aktobe = place(app, "Aktobe").await;
    let shymkent = place(app, "Shymkent").await;

    let rows: Vec<Row<'_>> = vec![
        (&ministry, None, "police_dead", None, json!(3), "06:00"),
        (&ministry, None, "police_dead", None, json!(5), "08:00"),
        (&agency, None, "police_dead", None, json!(8), "09:00"),
        (&ministry, None, "police_dead", None, json!("8"), "10:00"),
        (
            &khabar,
            Some(&ministry),
            "police_dead",
            None,
            json!(8),
            "10:30",
        ),
        (&radio, None, "police_dead", None, json!(12), "11:00"),
        (&agency, None, "injured", None, json!(200), "08:00"),
        (
            &agency,
            None,
            "injured",
            None,
            json!("at least 300"),
            "10:15",
        ),
        (&ministry, None, "injured", None, json!(317), "10:00"),
        (
            &khabar,
            Some(&ministry),
            "injured",
            None,
            json!(317),
            "10:30",
        ),
        (
            &ministry,
            None,
            "control",
            Some(&almaty),
            json!("government"),
            "08:00",
        ),
        (
            &witness,
            None,
            "control",
            Some(&almaty),
            json!("protesters"),
            "12:00",
        ),
        (
            &radio,
            None,
            "control",
            Some(&almaty),
            json!("protesters"),
            "12:30",
        ),
        (
            &ministry,
            None,
            "control",
            Some(&astana),
            json!("government"),
            "09:00",
        ),
        (
            &agency,
            None,
            "control",
            Some(&astana),
            json!("government"),
            "09:30",
        ),
        (
            &witness,
            None,
            "control",
            Some(&aktobe),
            json!("protesters"),
            "11:00",
        ),
        (
            &witness,
            None,
            "control",
            Some(&aktobe),
            json!("contested"),
            "13:00",
        ),
        (
            &agency,
            None,
            "control",
            Some(&shymkent),
            json!("government"),
            "10:00",
        ),
        (&radio, None, "injured", None, json!("300-350"), "09:00"),
        (
            &khabar,
            Some(&ministry),
            "control",
            Some(&astana),
            json!("government"),
            "09:45",
        ),
    ];
    assert_eq!(rows.len(), 20);
    let mut reports = Vec::new();
    for (src, cites, indicator, place, value, time) in rows {
        let places: Vec<&str> = place.into_iter().collect();
        let reply = app
            .post(
                &format!("/api/v1/threads/{tid}/reports"),
                Some(editor),
                json!({
                    "body": format!("{indicator}: {value}"),
                    "source": src, "cites": cites,
                    "link": "https://news.example/item",
                    "stated_at": at(time),
                    "places": places,
                    "claims": [{"indicator": indicator, "place": place, "value": value}],
                }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reports.push(reply.json["id"].as_str().unwrap().to_owned());
    }
    Example {
        thread: tid,
        slug: thread["slug"].as_str().unwrap().to_owned(),
        reports,
        almaty,
    }
}
