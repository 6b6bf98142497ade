//! A thread's feeds carry its published reports beside its updates: source and cited source,
//! claims in words, verification, struck ones marked; in the reader's interface language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::board::{Example, example};
use common::{Reply, TestApp};
use cronaca::domain::role::Role;
use serde_json::{Value, json};

fn atom(reply: &Reply) -> feed_rs::model::Feed {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    feed_rs::parser::parse(reply.text.as_bytes()).unwrap()
}

fn entry<'a>(feed: &'a feed_rs::model::Feed, id: &str) -> &'a feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|e| e.id == format!("urn:cronaca:report:{id}"))
        .unwrap_or_else(|| panic!("report {id} is in the feed"))
}

fn body(entry: &feed_rs::model::Entry) -> String {
    entry.content.as_ref().unwrap().body.clone().unwrap()
}

fn title(entry: &feed_rs::model::Entry) -> String {
    entry.title.as_ref().unwrap().content.clone()
}

/// The board example with an update, the first report struck and the radio's 12 found false.
async fn setup() -> (TestApp, Example, Value) {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let moderator = app.token("moderatrice", Role::Moderator).await;
    let ex = example(&app, &editor).await;
    let update = app
        .update(&editor, &ex.thread, "Curfew announced in Almaty")
        .await;
    let struck = app
        .post(
            &format!("/api/v1/reports/{}/strike", ex.reports[0]),
            Some(&editor),
            json!({"reason": "duplicate of an earlier report"}),
        )
        .await;
    assert_eq!(struck.status, StatusCode::OK, "{}", struck.text);
    let falsified = app
        .post(
            &format!("/api/v1/reports/{}/status", ex.reports[5]),
            Some(&moderator),
            json!({"status": "false", "note": "the figure was for the whole region"}),
        )
        .await;
    assert_eq!(falsified.status, StatusCode::OK, "{}", falsified.text);
    (app, ex, update)
}

#[tokio::test]
async fn atom_feed_carries_reports_with_source_claims_and_verification() {
    let (app, ex, update) = setup().await;
    let feed = atom(&app.get(&format!("/t/{}/feed.atom", ex.slug)).await);
    assert_eq!(feed.entries.len(), 21, "20 reports and the update");
    assert_eq!(
        feed.entries[0].id,
        format!("urn:cronaca:update:{}", update["id"].as_str().unwrap()),
        "newest first"
    );

    let agency = entry(&feed, &ex.reports[2]);
    assert!(
        title(agency).starts_with("Report from Steppe Agency: "),
        "{}",
        title(agency)
    );
    let html = body(agency);
    for words in [
        "From Steppe Agency (news agency)",
        "Stated 5 January 2022, 09:00 UTC",
        "Verification: Corroborated",
        "<li>Police dead: 8</li>",
        r#"<a href="https://news.example/item">Source link</a>"#,
    ] {
        assert!(html.contains(words), "{words:?} in {html}");
    }
    assert_eq!(
        agency.links[0].href,
        format!("http://localhost/t/{}#r-{}", ex.slug, ex.reports[2])
    );
    let terms: Vec<&str> = agency.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["report", "verification:corroborated"]);

    let khabar = body(entry(&feed, &ex.reports[4]));
    assert!(
        khabar
            .contains("From Khabar (state media), citing Ministry of Internal Affairs (official)"),
        "{khabar}"
    );
    let almaty = body(entry(&feed, &ex.reports[11]));
    assert!(
        almaty.contains("<li>Control — Almaty: protesters</li>"),
        "{almaty}"
    );

    let struck = entry(&feed, &ex.reports[0]);
    assert!(
        title(struck).starts_with("[struck] Report from Ministry of Internal Affairs"),
        "{}",
        title(struck)
    );
    let html = body(struck);
    assert!(
        html.contains("Struck: duplicate of an earlier report"),
        "{html}"
    );
    assert!(
        html.contains("<del>") && html.contains("Police dead: 3"),
        "{html}"
    );

    let false_one = body(entry(&feed, &ex.reports[5]));
    assert!(false_one.contains("Verification: False"), "{false_one}");
    assert!(
        false_one.contains("the figure was for the whole region"),
        "{false_one}"
    );
}

#[tokio::test]
async fn json_feed_carries_reports_as_data_too() {
    let (app, ex, _) = setup().await;
    let reply = app.get(&format!("/t/{}/feed.json", ex.slug)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let feed: Value = serde_json::from_str(&reply.text).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 21);
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == format!("urn:cronaca:report:{id}"))
            .unwrap()
    };
    let khabar = item(&ex.reports[4]);
    let own = &khabar["_cronaca"]["report"];
    assert_eq!(own["source"]["name"], "Khabar");
    assert_eq!(own["source"]["kind"], "state_media");
    assert_eq!(own["cites"]["name"], "Ministry of Internal Affairs");
    assert_eq!(own["claims"], json!(["Police dead: 8"]));
    assert_eq!(own["stated_at"], "2022-01-05T10:30:00Z");
    assert_eq!(own["link"], "https://news.example/item");
    assert!(
        khabar["content_html"]
            .as_str()
            .unwrap()
            .contains("Khabar (state media)")
    );
    assert!(
        khabar.get("authors").is_none(),
        "who submitted it stays private"
    );

    let struck = item(&ex.reports[0]);
    assert_eq!(struck["_cronaca"]["struck"], true);
    assert_eq!(
        struck["_cronaca"]["reason"],
        "duplicate of an earlier report"
    );
    assert!(struck["title"].as_str().unwrap().starts_with("[struck] "));
    let false_one = item(&ex.reports[5]);
    assert_eq!(false_one["_cronaca"]["report"]["verification"], "false");
    assert_eq!(
        false_one["_cronaca"]["report"]["verification_text"],
        "False"
    );
}

#[tokio::test]
async fn report_items_speak_the_readers_language() {
    let (app, ex, _) = setup().await;
    for (lang, words) in [
        (
            "it",
            [
                "Segnalazione da Steppe Agency",
                "Fonte: Steppe Agency (agenzia di stampa)",
                "<li>Poliziotti morti: 8</li>",
            ],
        ),
        (
            "ru",
            [
                "Сообщение источника Steppe Agency",
                "Источник: Steppe Agency",
                "Проверка: ",
            ],
        ),
    ] {
        let request = Request::get(format!("/t/{}/feed.atom", ex.slug))
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::empty())
            .unwrap();
        let reply = app.send(request).await;
        let feed = atom(&reply);
        let agency = entry(&feed, &ex.reports[2]);
        let text = format!("{}\n{}", title(agency), body(agency));
        for w in words {
            assert!(text.contains(w), "{lang}: {w:?} in {text}");
        }
    }
}
