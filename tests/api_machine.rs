//! Machine translation through the JSON API with the real Apertium APy server: a reader's
//! translation of a report, labelled with its engine and kept; a translator's machine draft; a
//! stopped engine gives a clear answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::{TestApp, apertium, engine};
use cronaca::config::{Config, MtEngineConfig};
use cronaca::domain::event::EventKind;
use cronaca::domain::role::Role;
use cronaca::domain::translation::MAX_BODY;
use serde_json::json;

fn config(url: &str) -> Config {
    Config {
        machine_translation: Some(MtEngineConfig::Apertium {
            url: url.to_owned(),
        }),
        machine_translation_timeout: Duration::from_secs(5),
        ..Config::default()
    }
}

/// A thread in English with one published report, as the editor.
async fn thread_with_report(app: &TestApp, editor: &str) -> (String, String) {
    let t = app.simple_thread(editor, "Bridge").await;
    let thread = t["id"].as_str().unwrap().to_owned();
    let source = app
        .post(
            "/api/v1/sources",
            Some(editor),
            json!({"name": "City Hall", "kind": "official"}),
        )
        .await;
    assert_eq!(source.status, StatusCode::CREATED, "{}", source.text);
    let report = app
        .post(
            &format!("/api/v1/threads/{thread}/reports"),
            Some(editor),
            json!({"body": "The bridge is closed.", "language": "en",
                   "source": source.json["id"], "stated_at": "2026-11-25T08:00:00Z"}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    (thread, report.json["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_report_is_machine_translated_labelled_and_kept() {
    let Some(server) = apertium::start().await else {
        apertium::skip("api_machine");
        return;
    };
    let app = TestApp::with_config(config(server.url())).await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, report) = thread_with_report(&app, &editor).await;

    let path = format!("/api/v1/reports/{report}/machine-translation?lang=es");
    let first = app.get(&path).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["engine"], "Apertium");
    assert_eq!(first.json["from_language"], "en");
    assert_eq!(first.json["language"], "es");
    let text = first.json["text"].as_str().unwrap().to_lowercase();
    assert!(text.contains("puente"), "{text}");

    // Kept: the engine is not asked again, even once it is gone.
    server.stop().await;
    let again = app.get(&path).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.json["created_at"], first.json["created_at"]);

    // A text not translated before needs the engine: a clear 503, nothing kept.
    let other = app
        .get(&format!(
            "/api/v1/reports/{report}/machine-translation?lang=it"
        ))
        .await;
    assert_eq!(
        other.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        other.text
    );
    assert_eq!(other.error_code(), "engine_unavailable");
    assert!(other.text.contains("Apertium"));

    let same = app
        .get(&format!(
            "/api/v1/reports/{report}/machine-translation?lang=en"
        ))
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_translator_gets_a_machine_draft_labelled_until_a_person_revises_it() {
    let Some(server) = apertium::start().await else {
        apertium::skip("api_machine");
        return;
    };
    let app = TestApp::with_config(config(server.url())).await;
    let editor = app.token("ed", Role::Editor).await;
    let translator = app.token("tr", Role::Translator).await;
    let (thread, _) = thread_with_report(&app, &editor).await;
    let update = app
        .update(&editor, &thread, "The **bridge** is closed.")
        .await;
    let update = update["id"].as_str().unwrap();

    let made = app
        .post(
            &format!("/api/v1/threads/{thread}/translations/machine"),
            Some(&translator),
            json!({"kind": "update", "item_id": update, "language": "es"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    assert_eq!(made.json["status"], "draft");
    assert_eq!(made.json["latest"]["machine"], "Apertium");
    let body = made.json["latest"]["body"].as_str().unwrap();
    assert!(body.contains("**puente**"), "{body}");

    // A person's revision is no longer machine-made, and credits the person.
    let id = made.json["id"].as_str().unwrap();
    let revised = app
        .patch(
            &format!("/api/v1/translations/{id}"),
            Some(&translator),
            json!({"body": "El **puente** está cerrado."}),
        )
        .await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.text);
    assert_eq!(revised.json["latest"]["machine"], json!(null));
    assert_eq!(revised.json["latest"]["translator"]["name"], "tr (display)");

    // Thread titles translate too.
    let title = app
        .post(
            &format!("/api/v1/threads/{thread}/translations/machine"),
            Some(&translator),
            json!({"kind": "thread", "item_id": thread, "language": "es"}),
        )
        .await;
    assert_eq!(title.status, StatusCode::CREATED, "{}", title.text);
    assert!(title.json["latest"]["title"].as_str().is_some());

    let unsupported = app
        .post(
            &format!("/api/v1/threads/{thread}/translations/machine"),
            Some(&translator),
            json!({"kind": "update", "item_id": update, "language": "ja"}),
        )
        .await;
    assert_eq!(unsupported.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unsupported.text.contains("Apertium cannot translate"));
}

#[tokio::test]
async fn without_an_engine_machine_translation_says_so() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, report) = thread_with_report(&app, &editor).await;
    let reply = app
        .get(&format!(
            "/api/v1/reports/{report}/machine-translation?lang=es"
        ))
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.error_code(), "machine_translation_off");
}

/// The API's machine draft is a draft like any other: validated (an engine's text too long to
/// keep, or empty, is refused and nothing is saved), made from the original's current revision,
/// and tells readers nothing until it is published.
#[tokio::test]
async fn a_machine_draft_over_the_api_is_validated_and_made_from_the_current_original() {
    let app = TestApp::with_config(engine::config(engine::start().await)).await;
    let editor = app.token("ed", Role::Editor).await;
    let translator = app.token("tr", Role::Translator).await;
    let t = app.simple_thread(&editor, "Bridge").await;
    let thread = t["id"].as_str().unwrap().to_owned();
    let machine = format!("/api/v1/threads/{thread}/translations/machine");
    let update = app.update(&editor, &thread, "The bridge is closed.").await;
    let update = update["id"].as_str().unwrap().to_owned();
    let edited = app
        .patch(
            &format!("/api/v1/updates/{update}"),
            Some(&editor),
            json!({"body": "The bridge is closed again."}),
        )
        .await;
    assert_eq!(edited.json["revision"], 2, "{}", edited.text);
    let after = app.store.last_event_seq(&thread).await.unwrap();

    let made = app
        .post(
            &machine,
            Some(&translator),
            json!({"kind": "update", "item_id": update, "language": "es"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    assert_eq!(made.json["latest"]["machine"], "LibreTranslate");
    assert_eq!(made.json["latest"]["translator"]["name"], "LibreTranslate");
    assert_eq!(
        made.json["latest"]["body"],
        "[es] The bridge is closed again."
    );
    assert_eq!(made.json["latest"]["source_revision"], 2);
    assert_eq!(made.json["original_revision"], 2);
    assert_eq!(made.json["stale"], false);
    let events = app.store.events_after(&thread, after, 100).await.unwrap();
    assert!(
        events
            .iter()
            .all(|e| e.kind != EventKind::TranslationPublished),
        "a draft tells no reader"
    );
    // Published, it is on the thread's event log.
    let id = made.json["id"].as_str().unwrap();
    let published = app
        .post(
            &format!("/api/v1/translations/{id}/publish"),
            Some(&editor),
            json!({"revision": 1}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    let events = app.store.events_after(&thread, after, 100).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.kind == EventKind::TranslationPublished && e.item_id == id),
        "{events:?}"
    );

    // An engine's text longer than any draft may be is refused, as a person's would be.
    let long = app
        .update(&editor, &thread, "The OVERFLOW of the river.")
        .await;
    let long = long["id"].as_str().unwrap();
    let refused = app
        .post(
            &machine,
            Some(&translator),
            json!({"kind": "update", "item_id": long, "language": "es"}),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    const { assert!(engine::OVERFLOWING > MAX_BODY) };
    assert_eq!(refused.json["error"]["field"], "body", "{}", refused.text);
    // An empty one too: an update's translation has a body.
    let silent = app.update(&editor, &thread, "A SILENT night.").await;
    let silent = silent["id"].as_str().unwrap();
    let empty = app
        .post(
            &machine,
            Some(&translator),
            json!({"kind": "update", "item_id": silent, "language": "es"}),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    // Nothing was kept of either.
    let es = cronaca::domain::language::LanguageTag::parse("es").unwrap();
    for item in [long, silent] {
        let kept = app
            .store
            .translation_of(cronaca::domain::translation::ItemKind::Update, item, &es)
            .await
            .unwrap();
        assert!(kept.is_none(), "{item}");
    }

    // Permission comes before anything the body says.
    let guest = app.post(&machine, None, json!({"nonsense": true})).await;
    assert_eq!(guest.status, StatusCode::UNAUTHORIZED);
}
