//! Atom and JSON feeds: per thread (its updates, struck ones marked) and site-wide (its threads).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Reply, TestApp};
use cronaca::config::Config;
use cronaca::domain::role::Role;
use serde_json::{Value, json};

const ATOM: &str = "application/atom+xml; charset=utf-8";
const JSON_FEED: &str = "application/feed+json; charset=utf-8";

fn content_type(reply: &Reply) -> &str {
    reply.headers[header::CONTENT_TYPE].to_str().unwrap()
}

fn parse(reply: &Reply) -> feed_rs::model::Feed {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    feed_rs::parser::parse(reply.text.as_bytes()).unwrap()
}

fn json_feed(reply: &Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let feed: Value = serde_json::from_str(&reply.text).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    feed
}

fn body(entry: &feed_rs::model::Entry) -> String {
    entry.content.as_ref().unwrap().body.clone().unwrap()
}

fn title(entry: &feed_rs::model::Entry) -> String {
    entry.title.as_ref().unwrap().content.clone()
}

/// A thread with three updates, the first struck and corrected by the third.
async fn thread_with_a_strike(app: &TestApp) -> (Value, Vec<Value>) {
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Flood in Valencia").await;
    let id = thread["id"].as_str().unwrap();
    let wrong = app
        .update(&editor, id, "**8 dead**, says the mayor.\nMore soon.")
        .await;
    let middle = app
        .update(&editor, id, "Roads closed *north* of the city")
        .await;
    let right = app.update(&editor, id, "6 dead, the mayor corrects").await;
    let struck = app
        .post(
            &format!("/api/v1/updates/{}/strike", wrong["id"].as_str().unwrap()),
            Some(&editor),
            json!({"reason": "Figure <corrected>", "corrected_by": right["id"]}),
        )
        .await;
    assert_eq!(struck.status, StatusCode::OK, "{}", struck.text);
    (thread, vec![wrong, middle, right])
}

#[tokio::test]
async fn thread_atom_feed_lists_updates_newest_first_with_their_html() {
    let app = TestApp::new().await;
    let (thread, updates) = thread_with_a_strike(&app).await;
    let reply = app.get("/t/flood-in-valencia/feed.atom").await;
    assert_eq!(content_type(&reply), ATOM);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "public, max-age=60");
    assert!(reply.text.contains(r#"xml:lang="en""#), "{}", reply.text);
    let feed = parse(&reply);

    assert_eq!(
        feed.id,
        format!("urn:cronaca:thread:{}", thread["id"].as_str().unwrap())
    );
    assert!(feed.title.unwrap().content.contains("Flood in Valencia"));
    let hrefs: Vec<&str> = feed.links.iter().map(|l| l.href.as_str()).collect();
    assert!(
        hrefs.contains(&"http://localhost/t/flood-in-valencia"),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"http://localhost/t/flood-in-valencia/feed.atom"));

    let ids: Vec<String> = feed.entries.iter().map(|e| e.id.clone()).collect();
    let expected: Vec<String> = updates
        .iter()
        .rev()
        .map(|u| format!("urn:cronaca:update:{}", u["id"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, expected, "newest first");

    let middle = &feed.entries[1];
    assert_eq!(title(middle), "Roads closed north of the city");
    assert!(body(middle).contains("Roads closed <em>north</em> of the city"));
    assert_eq!(middle.authors[0].name, "ed (display)");
    assert_eq!(
        middle.links[0].href,
        format!(
            "http://localhost/t/flood-in-valencia#u-{}",
            updates[1]["id"].as_str().unwrap()
        )
    );
    assert!(middle.published.is_some());
    for entry in &feed.entries {
        assert!(entry.links.iter().all(|l| l.href.starts_with("http://")));
    }
}

#[tokio::test]
async fn struck_update_carries_a_note_and_a_link_to_its_correction() {
    let app = TestApp::new().await;
    let (_, updates) = thread_with_a_strike(&app).await;
    let feed = parse(&app.get("/t/flood-in-valencia/feed.atom").await);
    let struck = feed.entries.last().unwrap();
    assert_eq!(title(struck), "[struck] 8 dead, says the mayor.");
    let html = body(struck);
    assert!(html.contains("Struck: Figure &lt;corrected&gt;"), "{html}");
    let correction = format!(
        r#"href="http://localhost/t/flood-in-valencia#u-{}""#,
        updates[2]["id"].as_str().unwrap()
    );
    assert!(html.contains(&correction), "{html}");
    assert!(html.contains("<del><p><strong>8 dead</strong>"), "{html}");
    assert!(
        struck.updated.unwrap() > struck.published.unwrap(),
        "updated when struck"
    );
    assert!(!title(&feed.entries[0]).starts_with("[struck]"));
}

#[tokio::test]
async fn thread_json_feed_marks_struck_updates() {
    let app = TestApp::new().await;
    let (_, updates) = thread_with_a_strike(&app).await;
    let reply = app.get("/t/flood-in-valencia/feed.json").await;
    assert_eq!(content_type(&reply), JSON_FEED);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "public, max-age=60");
    let feed = json_feed(&reply);
    assert_eq!(
        feed["home_page_url"],
        "http://localhost/t/flood-in-valencia"
    );
    assert_eq!(
        feed["feed_url"],
        "http://localhost/t/flood-in-valencia/feed.json"
    );
    assert_eq!(feed["language"], "en");

    let items = feed["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let wrong_id = updates[0]["id"].as_str().unwrap();
    assert_eq!(
        ids.last().unwrap(),
        &format!("urn:cronaca:update:{wrong_id}")
    );
    assert_eq!(items[0]["content_html"], updates[2]["body_html"]);
    assert_eq!(items[0]["authors"][0]["name"], "ed (display)");
    assert!(items[0].get("_cronaca").is_none());
    assert!(
        items[0]["url"]
            .as_str()
            .unwrap()
            .starts_with("http://localhost/t/")
    );
    assert!(items[0]["date_published"].is_string() && items[0]["date_modified"].is_string());

    let struck = &items[2];
    assert_eq!(struck["_cronaca"]["struck"], true);
    assert_eq!(struck["_cronaca"]["reason"], "Figure <corrected>");
    assert_eq!(struck["_cronaca"]["corrected_by"], updates[2]["id"]);
    assert!(
        struck["content_html"]
            .as_str()
            .unwrap()
            .contains("Struck: Figure &lt;corrected&gt;")
    );
    // feed-rs reads the same document as a JSON feed.
    let parsed = feed_rs::parser::parse(reply.text.as_bytes()).unwrap();
    assert_eq!(parsed.entries.len(), 3);
}

#[tokio::test]
async fn feed_words_follow_the_readers_language() {
    let app = TestApp::new().await;
    thread_with_a_strike(&app).await;
    let feed = parse(&app.get("/t/flood-in-valencia/feed.atom?lang=it").await);
    let struck = feed.entries.last().unwrap();
    assert!(title(struck).starts_with("[barrato] "), "{}", title(struck));
    assert!(body(struck).contains("Barrato: Figure"));
    assert!(body(struck).contains("Vedi la correzione"));
    let json = json_feed(&app.get("/feed.json?lang=ru").await);
    assert_eq!(json["title"], "Все трансляции на Cronaca");
}

#[tokio::test]
async fn site_feeds_list_threads_most_recently_updated_first() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let older = app.simple_thread(&editor, "Older thread").await;
    app.simple_thread(&editor, "Newer thread").await;
    // An update moves the older thread back to the top.
    app.update(&editor, older["id"].as_str().unwrap(), "Fresh news")
        .await;

    let reply = app.get("/feed.atom").await;
    assert_eq!(content_type(&reply), ATOM);
    let feed = parse(&reply);
    let titles: Vec<String> = feed.entries.iter().map(title).collect();
    assert_eq!(titles, ["Older thread", "Newer thread"]);
    assert_eq!(
        feed.entries[0].links[0].href,
        "http://localhost/t/older-thread"
    );
    assert!(
        feed.entries[0]
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("<p>Lead</p>")
    );
    assert!(
        feed.title
            .unwrap()
            .content
            .contains("All threads on Cronaca")
    );

    let reply = app.get("/feed.json").await;
    assert_eq!(content_type(&reply), JSON_FEED);
    let json = json_feed(&reply);
    let urls: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "http://localhost/t/older-thread",
            "http://localhost/t/newer-thread"
        ]
    );
    assert_eq!(json["feed_url"], "http://localhost/feed.json");
}

#[tokio::test]
async fn public_url_is_used_for_absolute_links() {
    let config = Config {
        public_url: Some("https://live.example.org".into()),
        ..Config::default()
    };
    let app = TestApp::with_config(config).await;
    thread_with_a_strike(&app).await;
    let feed = parse(&app.get("/t/flood-in-valencia/feed.atom").await);
    assert!(
        feed.links
            .iter()
            .any(|l| l.href == "https://live.example.org/t/flood-in-valencia")
    );
    assert!(
        feed.entries[0].links[0]
            .href
            .starts_with("https://live.example.org/t/flood-in-valencia#u-")
    );
    let json = json_feed(&app.get("/feed.json").await);
    assert_eq!(
        json["items"][0]["url"],
        "https://live.example.org/t/flood-in-valencia"
    );
}

#[tokio::test]
async fn host_header_is_used_only_when_it_looks_like_a_host() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    app.simple_thread(&editor, "Quake").await;
    let with_host = |host: &'static str| {
        Request::get("/feed.json")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    let json = json_feed(&app.send(with_host("news.example:8080")).await);
    assert_eq!(json["items"][0]["url"], "http://news.example:8080/t/quake");
    let json = json_feed(&app.send(with_host("evil.example/\"><x")).await);
    assert_eq!(json["items"][0]["url"], "http://localhost/t/quake");
}

#[tokio::test]
async fn unknown_thread_feed_is_the_not_found_page() {
    let app = TestApp::new().await;
    for path in ["/t/no-such-thread/feed.atom", "/t/no-such-thread/feed.json"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(content_type(&reply).starts_with("text/html"), "{path}");
    }
}

#[tokio::test]
async fn empty_site_feeds_are_still_valid() {
    let app = TestApp::new().await;
    assert!(parse(&app.get("/feed.atom").await).entries.is_empty());
    let json = json_feed(&app.get("/feed.json").await);
    assert_eq!(json["items"], json!([]));
}

#[tokio::test]
async fn site_relative_links_in_updates_become_absolute() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Quake").await;
    app.update(
        &editor,
        thread["id"].as_str().unwrap(),
        "See [the map](/t/quake-map)",
    )
    .await;
    let feed = parse(&app.get("/t/quake/feed.atom").await);
    assert!(body(&feed.entries[0]).contains(r#"href="http://localhost/t/quake-map""#));
    let json = json_feed(&app.get("/t/quake/feed.json").await);
    let html = json["items"][0]["content_html"].as_str().unwrap();
    assert!(
        html.contains(r#"href="http://localhost/t/quake-map""#),
        "{html}"
    );
}
