//! Threads and updates republished from a translation: the translator and the publication as
//! fields, a day alone as the first publication, the update form's republication fields, and
//! the translator's notes in the republished text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use cronaca::domain::role::Role;
use serde_json::json;

const NOTE: &str = r#"<span class="tn" role="note">"#;

/// One update as the API lists it.
async fn update_of(app: &TestApp, thread: &str, id: &str) -> serde_json::Value {
    let list = app
        .get(&format!("/api/v1/threads/{thread}/updates"))
        .await
        .json;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn a_republished_translation_credits_its_translator_and_shows_its_notes() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app
        .thread(
            &editor,
            json!({"title": "Bridge closed", "language": "en",
                   "lead": "The bridge [[the old one]] is closed.",
                   "provenance": {"publisher": "Il Corriere dell'Esempio",
                                  "url": "https://corriere.example/ponte",
                                  "published_on": "2022-01-05",
                                  "translator": "A. Reader",
                                  "translator_url": "https://reader.example/",
                                  "translated_for": "Example English",
                                  "translated_for_url": "https://example.co.uk/"}}),
        )
        .await;
    let p = &thread["provenance"];
    assert_eq!(p["published_on"], "2022-01-05");
    assert!(p["published_at"].is_null());
    assert_eq!(
        p["translation"]["translator"],
        json!({"name": "A. Reader", "url": "https://reader.example/"})
    );
    assert_eq!(p["translation"]["publication"]["name"], "Example English");
    let slug = thread["slug"].as_str().unwrap();
    let page = Browser::new(&app)
        .get(&format!("/t/{slug}?lang=en"))
        .await
        .text;
    assert!(page.contains(
        r#"on <time datetime="2022-01-05">5 January 2022</time> · translated by <a href="https://reader.example/" rel="noopener">A. Reader</a> for <a href="https://example.co.uk/" rel="noopener">Example English</a>"#
    ), "{page}");
    assert!(
        page.contains(&format!("The bridge {NOTE}")),
        "the note is a note"
    );
    assert!(page.contains(r#"class="tn-legend""#), "with its legend");

    // An update republished from a translation, through the API; another republication that
    // is not a translation keeps its brackets as text.
    let tid = thread["id"].as_str().unwrap();
    let translated = app
        .post(
            &format!("/api/v1/threads/{tid}/updates"),
            Some(&editor),
            json!({"body": "Ferries [[traghetti]] run.",
                   "provenance": {"publisher": "Agenzia", "translator": "A. Reader"}}),
        )
        .await;
    assert_eq!(
        translated.status,
        StatusCode::CREATED,
        "{}",
        translated.text
    );
    assert!(
        translated.json["body_html"]
            .as_str()
            .unwrap()
            .contains(NOTE)
    );
    let plain = app
        .post(
            &format!("/api/v1/threads/{tid}/updates"),
            Some(&editor),
            json!({"body": "Trains [[sic]] stop.", "provenance": {"publisher": "Agency"}}),
        )
        .await;
    assert!(
        plain.json["body_html"]
            .as_str()
            .unwrap()
            .contains("Trains [[sic]] stop.")
    );

    let orphan = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "T", "language": "en",
                   "provenance": {"publisher": "P", "translated_for": "Example English"}}),
        )
        .await;
    assert_eq!(orphan.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        orphan.json["error"]["field"], "provenance.translator",
        "{}",
        orphan.text
    );
    let both = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "T", "language": "en",
                   "provenance": {"publisher": "P", "published_on": "2022-01-05",
                                  "published_at": "2022-01-05T12:00:00Z"}}),
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad_day = app
        .post(
            "/api/v1/threads",
            Some(&editor),
            json!({"title": "T", "language": "en",
                   "provenance": {"publisher": "P", "published_on": "5 January"}}),
        )
        .await;
    assert_eq!(bad_day.status.as_u16() / 100, 4, "{}", bad_day.text);

    // The feeds carry the day alone.
    let feed = app.get(&format!("/t/{slug}/feed.json")).await;
    assert_eq!(
        feed.json["_cronaca"]["provenance"]["published_on"], "2022-01-05",
        "{}",
        feed.text
    );
}

#[tokio::test]
async fn the_update_form_has_republication_fields() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Floods").await;
    let (tid, slug) = (
        thread["id"].as_str().unwrap(),
        thread["slug"].as_str().unwrap(),
    );
    let update = app.update(&editor, tid, "Water [[acqua]] rises.").await;
    let uid = update["id"].as_str().unwrap();
    assert!(!update["body_html"].as_str().unwrap().contains(NOTE));
    let mut desk = app.browser_as("desk", Role::Editor).await;
    let edit = format!("/t/{slug}/updates/{uid}/edit");
    let form = desk.get(&format!("{edit}?lang=en")).await.text;
    for name in [
        "provenance_publisher",
        "provenance_published_on",
        "provenance_translator",
        "provenance_translated_for",
    ] {
        assert!(form.contains(&format!(r#"name="{name}""#)), "{name}");
    }

    let orphan = desk
        .post_form(
            &edit,
            &[
                ("body", "Water [[acqua]] rises."),
                ("provenance_publisher", "Il Giornale"),
                ("provenance_translated_for", "Example English"),
            ],
        )
        .await;
    assert_eq!(orphan.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        orphan
            .text
            .contains("Please check this field: Translated by."),
        "{}",
        orphan.text
    );
    assert!(
        orphan.text.contains(r#"value="Example English""#),
        "the fields are kept"
    );

    let saved = desk
        .post_form(
            &edit,
            &[
                ("body", "Water [[acqua]] rises."),
                ("provenance_publisher", "Il Giornale"),
                ("provenance_published_on", "2022-01-05"),
                ("provenance_translator", "A. Reader"),
                ("provenance_translated_for", "Example English"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let shown = update_of(&app, tid, uid).await;
    assert_eq!(
        shown["provenance"]["translation"]["translator"]["name"],
        "A. Reader"
    );
    assert_eq!(shown["provenance"]["published_on"], "2022-01-05");
    assert!(
        shown["body_html"].as_str().unwrap().contains(NOTE),
        "{shown}"
    );
    let page = desk.get(&format!("/t/{slug}?lang=it")).await.text;
    assert!(
        page.contains("tradotto da A. Reader per Example English"),
        "{page}"
    );
    assert!(page.contains(r#"class="tn-legend""#));
    let again = desk.get(&edit).await.text;
    assert!(again.contains(r#"name="provenance_published_on" type="date" value="2022-01-05""#));

    // Emptied, the credit goes and the brackets are text again.
    let cleared = desk
        .post_form(&edit, &[("body", "Water [[acqua]] rises.")])
        .await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    let shown = update_of(&app, tid, uid).await;
    assert!(shown["provenance"].is_null());
    assert!(!shown["body_html"].as_str().unwrap().contains(NOTE));
}
