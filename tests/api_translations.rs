//! Translations through the JSON API: drafts, publication, trust, staleness, provenance and
//! search in translated text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, translation};
use cronaca::domain::role::Role;
use serde_json::{Value, json};

struct Setup {
    app: TestApp,
    editor: String,
    translator: String,
    thread: String,
    update: String,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let translator = app.token("tr", Role::Translator).await;
    let t = app.thread(&editor, translation::bridge_thread()).await;
    let thread = t["id"].as_str().unwrap().to_owned();
    let u = app
        .update(&editor, &thread, "The bridge is closed in English.")
        .await;
    Setup {
        update: u["id"].as_str().unwrap().to_owned(),
        app,
        editor,
        translator,
        thread,
    }
}

async fn draft(s: &Setup, body: Value) -> common::Reply {
    s.app
        .post(
            &format!("/api/v1/threads/{}/translations", s.thread),
            Some(&s.translator),
            body,
        )
        .await
}

fn italian(update: &str) -> Value {
    json!({"kind": "update", "item_id": update, "language": "it",
           "body": "Il ponte è chiuso [[in inglese]].",
           "translator": "A. Reader", "publication": "Example Italia",
           "publication_url": "https://example.it"})
}

#[tokio::test]
async fn a_translation_is_drafted_published_and_goes_stale_when_the_original_changes() {
    let s = setup().await;
    let created = draft(&s, italian(&s.update)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let tr = &created.json;
    let id = tr["id"].as_str().unwrap().to_owned();
    assert_eq!(tr["status"], "draft");
    assert_eq!(tr["latest"]["source_revision"], 1);
    assert_eq!(tr["latest"]["translator"]["name"], "A. Reader");
    assert!(
        tr["latest"]["body_html"]
            .as_str()
            .unwrap()
            .contains("<span class=\"tn\" role=\"note\">[in inglese]</span>")
    );

    // Readers do not see drafts; translators do.
    let list = format!("/api/v1/threads/{}/translations", s.thread);
    assert_eq!(s.app.get(&list).await.json, json!([]));
    assert_eq!(
        s.app
            .get(&format!("/api/v1/translations/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(s.app.get_as(&list, &s.translator).await.json[0]["id"], id);

    // A translator the thread does not trust cannot publish; the editor can.
    let publish = format!("/api/v1/translations/{id}/publish");
    let refused = s
        .app
        .post(&publish, Some(&s.translator), json!({"revision": 1}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let published = s
        .app
        .post(&publish, Some(&s.editor), json!({"revision": 1}))
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    assert_eq!(published.json["status"], "published");
    assert_eq!(published.json["stale"], false);
    let again = s
        .app
        .post(&publish, Some(&s.editor), json!({"revision": 1}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_published");
    let public = s.app.get(&list).await.json;
    assert_eq!(public[0]["published"]["revision"], 1);

    // The original is edited: the translation is stale.
    let edit = s
        .app
        .patch(
            &format!("/api/v1/updates/{}", s.update),
            Some(&s.editor),
            json!({"body": "The bridge is closed to cars, in English."}),
        )
        .await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.text);
    let stale = s.app.get(&format!("/api/v1/translations/{id}")).await.json;
    assert_eq!(stale["stale"], true);
    assert_eq!(stale["original_revision"], 2);

    // A new revision is a draft: readers still see the first, still stale.
    let revised = s
        .app
        .patch(
            &format!("/api/v1/translations/{id}"),
            Some(&s.translator),
            json!({"body": "Il ponte è chiuso alle auto [[in inglese]]."}),
        )
        .await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.text);
    assert_eq!(revised.json["latest"]["revision"], 2);
    assert_eq!(revised.json["latest"]["source_revision"], 2);
    // Credits carry over.
    assert_eq!(
        revised.json["latest"]["publication"]["name"],
        "Example Italia"
    );
    let public = s.app.get(&format!("/api/v1/translations/{id}")).await.json;
    assert_eq!(public["published"]["revision"], 1);
    assert_eq!(public["stale"], true);

    // Publishing an older revision than the latest is refused; the latest clears the mark.
    let old = s
        .app
        .post(&publish, Some(&s.editor), json!({"revision": 1}))
        .await;
    assert_eq!(old.error_code(), "revision_outdated");
    let fresh = s
        .app
        .post(&publish, Some(&s.editor), json!({"revision": 2}))
        .await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.text);
    assert_eq!(fresh.json["stale"], false);

    let revisions = s
        .app
        .get_as(
            &format!("/api/v1/translations/{id}/revisions"),
            &s.translator,
        )
        .await;
    assert_eq!(revisions.json.as_array().unwrap().len(), 2);

    // Withdrawn: readers see nothing again.
    let withdrawn = s
        .app
        .post(
            &format!("/api/v1/translations/{id}/withdraw"),
            Some(&s.editor),
            json!({}),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    assert_eq!(s.app.get(&list).await.json, json!([]));
}

#[tokio::test]
async fn a_trusted_translator_publishes_on_that_thread_only() {
    let s = setup().await;
    let id = draft(&s, italian(&s.update)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let trust = format!("/api/v1/threads/{}/translators/tr", s.thread);
    let by_translator = s
        .app
        .call(Method::PUT, &trust, Some(&s.translator), None)
        .await;
    assert_eq!(by_translator.status, StatusCode::FORBIDDEN);
    let not_translator = s
        .app
        .call(
            Method::PUT,
            &format!("/api/v1/threads/{}/translators/ed", s.thread),
            Some(&s.editor),
            None,
        )
        .await;
    assert_eq!(not_translator.status, StatusCode::UNPROCESSABLE_ENTITY);
    let trusted = s.app.call(Method::PUT, &trust, Some(&s.editor), None).await;
    assert_eq!(trusted.status, StatusCode::OK, "{}", trusted.text);
    assert_eq!(trusted.json[0]["name"], "tr (display)");

    let published = s
        .app
        .post(
            &format!("/api/v1/translations/{id}/publish"),
            Some(&s.translator),
            json!({"revision": 1}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);

    // On another thread the same translator is not trusted.
    let other = s.app.simple_thread(&s.editor, "Other").await;
    let other_update = s
        .app
        .update(&s.editor, other["id"].as_str().unwrap(), "Other news")
        .await;
    let other_draft = s
        .app
        .post(
            &format!(
                "/api/v1/threads/{}/translations",
                other["id"].as_str().unwrap()
            ),
            Some(&s.translator),
            italian(other_update["id"].as_str().unwrap()),
        )
        .await;
    let refused = s
        .app
        .post(
            &format!(
                "/api/v1/translations/{}/publish",
                other_draft.json["id"].as_str().unwrap()
            ),
            Some(&s.translator),
            json!({"revision": 1}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let removed = s
        .app
        .call(Method::DELETE, &trust, Some(&s.editor), None)
        .await;
    assert_eq!(removed.json, json!([]));
}

#[tokio::test]
async fn bad_translations_are_refused_and_change_nothing() {
    let s = setup().await;
    let contributor = s.app.token("co", Role::Contributor).await;
    let path = format!("/api/v1/threads/{}/translations", s.thread);
    let before = s.app.counts().await;
    let cases: Vec<(Option<&str>, Value, StatusCode)> = vec![
        (None, italian(&s.update), StatusCode::UNAUTHORIZED),
        (
            Some(contributor.as_str()),
            italian(&s.update),
            StatusCode::FORBIDDEN,
        ),
        // Into the original's own language.
        (
            Some(s.translator.as_str()),
            json!({"kind": "update", "item_id": s.update, "language": "en-GB", "body": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // A thread's translation needs its title.
        (
            Some(s.translator.as_str()),
            json!({"kind": "thread", "item_id": s.thread, "language": "it", "body": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // An update of no thread, or of another one.
        (
            Some(s.translator.as_str()),
            json!({"kind": "update", "item_id": "01J00000000000000000000000", "language": "it",
                   "body": "x"}),
            StatusCode::NOT_FOUND,
        ),
        (
            Some(s.translator.as_str()),
            json!({"kind": "update", "item_id": s.update, "language": "it", "body": "x",
                   "source_revision": 7}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(s.translator.as_str()),
            json!({"kind": "update", "item_id": s.update, "language": "it", "body": "x",
                   "translator_url": "javascript:alert(1)", "translator": "X"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(s.translator.as_str()),
            json!({"kind": "poem", "item_id": s.update, "language": "it", "body": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Some(s.translator.as_str()),
            json!({"kind": "update", "item_id": s.update, "language": "it", "body": "x",
                   "colour": "red"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (token, body, status) in cases {
        let reply = s.app.post(&path, token, body.clone()).await;
        assert_eq!(reply.status, status, "{body} → {}", reply.text);
    }
    assert_eq!(s.app.counts().await, before);

    // One per language per item.
    assert_eq!(
        draft(&s, italian(&s.update)).await.status,
        StatusCode::CREATED
    );
    let twice = draft(&s, italian(&s.update)).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.error_code(), "translation_exists");
}

#[tokio::test]
async fn thread_titles_translate_and_provenance_is_kept() {
    let s = setup().await;
    let thread = s
        .app
        .get(&format!("/api/v1/threads/{}", s.thread))
        .await
        .json;
    assert_eq!(thread["provenance"]["publisher"], "The Example Post");
    assert_eq!(thread["provenance"]["published_at"], "2022-01-05T10:00:00Z");
    assert_eq!(thread["revision"], 1);

    let created = draft(
        &s,
        json!({"kind": "thread", "item_id": s.thread, "language": "ru",
               "title": "Мост закрыт", "body": "Мост закрыт [[по-английски]]."}),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["latest"]["title"], "Мост закрыт");

    // A new lead is a new revision of the thread; its provenance can be removed.
    let patched = s
        .app
        .patch(
            &format!("/api/v1/threads/{}", s.thread),
            Some(&s.editor),
            json!({"lead": "The bridge is closed until Monday.", "provenance": null}),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    assert_eq!(patched.json["revision"], 2);
    assert_eq!(patched.json["provenance"], json!(null));
    let status_only = s
        .app
        .patch(
            &format!("/api/v1/threads/{}", s.thread),
            Some(&s.editor),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(status_only.json["revision"], 2);

    let bad = s
        .app
        .patch(
            &format!("/api/v1/threads/{}", s.thread),
            Some(&s.editor),
            json!({"provenance": {"publisher": " "}}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn search_finds_published_translations() {
    let s = setup().await;
    let id = draft(&s, italian(&s.update)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let search = "/api/v1/search?q=ponte";
    assert_eq!(s.app.get(search).await.json["items"], json!([]));
    s.app
        .post(
            &format!("/api/v1/translations/{id}/publish"),
            Some(&s.editor),
            json!({"revision": 1}),
        )
        .await;
    let found = s.app.get(search).await.json;
    assert_eq!(found["items"][0]["id"], s.update.as_str(), "{found}");
    assert_eq!(found["items"][0]["kind"], "update");
    assert_eq!(found["items"][0]["language"], "it");
    assert_eq!(found["items"][0]["text_language"], "it");
    assert_eq!(
        found["items"][0]["snippet"], "Il ponte è chiuso [in inglese].",
        "the translator's note reads as one"
    );

    let page = s.app.get("/search?q=ponte").await.text;
    assert!(
        page.contains("<p lang=\"it\">")
            && page.contains("<span class=\"tn\" role=\"note\">[in inglese]</span>"),
        "{page}"
    );
    assert!(
        !page.contains("[[") && !page.contains("lang=\"\""),
        "{page}"
    );
    let original = s.app.get("/api/v1/search?q=bridge").await.json;
    assert_eq!(original["items"][0]["language"], Value::Null, "{original}");
    assert_eq!(original["items"][0]["text_language"], "en", "{original}");
}

#[tokio::test]
async fn publishing_a_translation_is_not_news() {
    let s = setup().await;
    let id = draft(&s, italian(&s.update)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let thread = format!("/api/v1/threads/{}", s.thread);
    let before = s.app.get(&thread).await.json["updated_at"].clone();
    assert!(before.is_string(), "{before}");
    let published = s
        .app
        .post(
            &format!("/api/v1/translations/{id}/publish"),
            Some(&s.editor),
            json!({"revision": 1}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    assert_eq!(
        s.app.get(&thread).await.json["updated_at"],
        before,
        "the thread's last update does not move"
    );
}
