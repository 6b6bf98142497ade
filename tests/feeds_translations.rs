//! Feeds per language: translated items with their language and their translation's credit,
//! and the republication credit of threads and updates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Reply, TestApp, translation};
use cronaca::domain::role::Role;
use cronaca::domain::translation::{ItemKind, TranslationInput};
use cronaca::domain::user::Actor;
use serde_json::{Value, json};

struct Setup {
    app: TestApp,
    editor: String,
    actor: Actor,
    thread: String,
    slug: String,
    update: String,
    other: String,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.thread(&editor, translation::bridge_thread()).await;
    let id = thread["id"].as_str().unwrap().to_owned();
    let update = app.update(&editor, &id, "The bridge is closed.").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = app
        .post(
            &format!("/api/v1/threads/{id}/updates"),
            Some(&editor),
            json!({"body": "Wire copy: boats run.",
                   "provenance": {"publisher": "Agency", "url": "https://agency.example/1"}}),
        )
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let actor = Actor::User(app.store.user_by_name("ed").await.unwrap());
    Setup {
        slug: thread["slug"].as_str().unwrap().to_owned(),
        app,
        editor,
        actor,
        thread: id,
        update,
        other,
    }
}

async fn publish(s: &Setup, kind: ItemKind, item: &str, input: TranslationInput) {
    translation::publish(&s.app, &s.actor, kind, item, "it", input).await;
}

async fn translated(s: &Setup) {
    publish(
        s,
        ItemKind::Update,
        &s.update,
        TranslationInput {
            body: "Il ponte è chiuso [[in inglese]].".into(),
            translator: Some("A. Reader".into()),
            translator_url: Some("https://reader.example/".into()),
            publication: Some("Example Italia".into()),
            ..Default::default()
        },
    )
    .await;
    publish(
        s,
        ItemKind::Thread,
        &s.thread,
        TranslationInput {
            title: Some("Ponte chiuso".into()),
            body: "Il ponte è chiuso.".into(),
            translator: Some("A. Reader".into()),
            ..Default::default()
        },
    )
    .await;
}

fn ok(reply: &Reply) -> &str {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    &reply.text
}

fn entry<'a>(feed: &'a feed_rs::model::Feed, id: &str) -> &'a feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|e| e.id == format!("urn:cronaca:update:{id}"))
        .unwrap()
}

#[tokio::test]
async fn the_italian_atom_feed_carries_translated_items_with_their_credit() {
    let s = setup().await;
    translated(&s).await;
    let reply = s.app.get(&format!("/t/{}/feed.atom?lang=it", s.slug)).await;
    let text = ok(&reply);
    let feed = feed_rs::parser::parse(text.as_bytes()).unwrap();
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "Ponte chiuso: aggiornamenti in diretta"
    );
    assert_eq!(feed.language.as_deref(), Some("it"));
    assert!(
        feed.links
            .iter()
            .any(|l| l.href == format!("http://localhost/t/{}/feed.atom?lang=it", s.slug))
    );

    let e = entry(&feed, &s.update);
    assert_eq!(
        e.title.as_ref().unwrap().content,
        "Il ponte è chiuso [in inglese]."
    );
    let content = e.content.as_ref().unwrap();
    assert_eq!(content.content_type.essence().to_string(), "text/html");
    let body = content.body.as_deref().unwrap();
    assert!(
        body.contains(r#"<span class="tn" role="note">[in inglese]</span>"#),
        "{body}"
    );
    assert!(
        body.contains("Traduzione in italiano di <a href=\"https://reader.example/\""),
        "{body}"
    );
    assert!(body.contains("per Example Italia"), "{body}");
    assert_eq!(e.contributors.len(), 1);
    assert_eq!(e.contributors[0].name, "A. Reader");
    assert_eq!(
        e.contributors[0].uri.as_deref(),
        Some("https://reader.example/")
    );
    assert!(
        e.links[0]
            .href
            .ends_with(&format!("?lang=it#u-{}", s.update)),
        "{}",
        e.links[0].href
    );
    // The update's content is marked Italian.
    assert!(
        text.contains(r#"<content xml:lang="it" type="html">"#),
        "{text}"
    );

    // The untranslated update stays English, and says where it was first published.
    let other = entry(&feed, &s.other);
    assert_eq!(
        other.title.as_ref().unwrap().content,
        "Wire copy: boats run."
    );
    assert!(other.contributors.is_empty());
    let body = other.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(
        body.contains("Pubblicato da <a href=\"https://agency.example/1\""),
        "{body}"
    );
    assert!(text.contains("<source>"), "{text}");
    assert!(text.contains(r#"<content xml:lang="en" type="html">"#));

    // Without `?lang=` the feed is the original's.
    let original = s.app.get(&format!("/t/{}/feed.atom", s.slug)).await;
    let feed = feed_rs::parser::parse(ok(&original).as_bytes()).unwrap();
    let e = entry(&feed, &s.update);
    assert_eq!(e.title.as_ref().unwrap().content, "The bridge is closed.");
    assert!(e.contributors.is_empty());
}

#[tokio::test]
async fn the_italian_json_feed_names_the_translation_and_the_provenance() {
    let s = setup().await;
    translated(&s).await;
    let reply = s.app.get(&format!("/t/{}/feed.json?lang=it", s.slug)).await;
    let feed: Value = serde_json::from_str(ok(&reply)).unwrap();
    assert_eq!(feed["language"], "it");
    assert_eq!(
        feed["feed_url"],
        format!("http://localhost/t/{}/feed.json?lang=it", s.slug)
    );
    assert_eq!(
        feed["_cronaca"]["provenance"]["publisher"],
        "The Example Post"
    );
    assert_eq!(feed["_cronaca"]["translation"]["language"], "it");
    let items = feed["items"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["id"] == format!("urn:cronaca:update:{}", s.update))
        .unwrap();
    assert_eq!(item["language"], "it");
    let tr = &item["_cronaca"]["translation"];
    assert_eq!(tr["language"], "it");
    assert_eq!(tr["translator"]["name"], "A. Reader");
    assert_eq!(tr["translator"]["url"], "https://reader.example/");
    assert_eq!(tr["publication"]["name"], "Example Italia");
    assert_eq!(tr["machine"], Value::Null);
    assert_eq!(tr["stale"], false);
    let other = items
        .iter()
        .find(|i| i["id"] == format!("urn:cronaca:update:{}", s.other))
        .unwrap();
    assert_eq!(other["language"], "en");
    assert_eq!(other["_cronaca"]["provenance"]["publisher"], "Agency");
    assert!(other["_cronaca"].get("translation").is_none());
    // feed-rs reads it too.
    let parsed = feed_rs::parser::parse(reply.text.as_bytes()).unwrap();
    assert_eq!(parsed.entries.len(), 2);

    // The original changes: the item says it is stale, in words and in its fields.
    let edit = s
        .app
        .patch(
            &format!("/api/v1/updates/{}", s.update),
            Some(&s.editor),
            json!({"body": "The bridge is closed to cars."}),
        )
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    let feed: Value = serde_json::from_str(ok(&s
        .app
        .get(&format!("/t/{}/feed.json?lang=it", s.slug))
        .await))
    .unwrap();
    let item = &feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == format!("urn:cronaca:update:{}", s.update))
        .unwrap()
        .clone();
    assert_eq!(item["_cronaca"]["translation"]["stale"], true);
    assert!(
        item["content_html"]
            .as_str()
            .unwrap()
            .contains("L&#39;originale è stato aggiornato")
    );
}

#[tokio::test]
async fn site_feeds_in_a_language_use_the_threads_translated_titles() {
    let s = setup().await;
    translated(&s).await;
    let feed =
        feed_rs::parser::parse(ok(&s.app.get("/feed.atom?lang=it").await).as_bytes()).unwrap();
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "Ponte chiuso"
    );
    assert!(
        feed.entries[0].links[0]
            .href
            .ends_with(&format!("/t/{}?lang=it", s.slug))
    );
    let json: Value = serde_json::from_str(ok(&s.app.get("/feed.json?lang=it").await)).unwrap();
    assert_eq!(json["items"][0]["language"], "it");
    assert_eq!(
        json["items"][0]["_cronaca"]["translation"]["translator"]["name"],
        "A. Reader"
    );
    // A language nobody translated into leaves the originals.
    let json: Value = serde_json::from_str(ok(&s.app.get("/feed.json?lang=de").await)).unwrap();
    assert_eq!(json["items"][0]["title"], "Bridge closed");
    assert_eq!(json["items"][0]["language"], "en");
}
