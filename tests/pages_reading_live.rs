//! The fragments the thread page swaps in when a translation is published or withdrawn: the
//! thread's head and one update, in the language the page is read in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp, translation};
use cronaca::domain::role::Role;
use cronaca::domain::translation::{ItemKind, TranslationInput};
use cronaca::domain::user::Actor;

#[tokio::test]
async fn the_head_and_an_update_are_rendered_in_the_readers_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.thread(&editor, translation::bridge_thread()).await;
    let (id, slug) = (
        thread["id"].as_str().unwrap(),
        thread["slug"].as_str().unwrap(),
    );
    let update = app
        .update(&editor, id, "The bridge is closed in English.")
        .await;
    let uid = update["id"].as_str().unwrap();
    let actor = Actor::User(app.store.user_by_name("ed").await.unwrap());
    let mut reader = Browser::new(&app);

    let before = reader.get(&format!("/t/{slug}/reading/head?lang=it")).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.headers["cache-control"], "no-cache");
    assert!(before.text.contains("Bridge closed") && before.text.contains(r#"class="lead""#));

    let head = TranslationInput {
        title: Some("Ponte chiuso".into()),
        body: "Il ponte è **chiuso** [[nota]].".into(),
        translator: Some("A. Reader".into()),
        publication: Some("Example Italia".into()),
        ..Default::default()
    };
    translation::publish(&app, &actor, ItemKind::Thread, id, "it", head).await;
    let body = TranslationInput {
        body: "Il ponte è chiuso in italiano.".into(),
        translator: Some("A. Reader".into()),
        ..Default::default()
    };
    translation::publish(&app, &actor, ItemKind::Update, uid, "it", body).await;

    let it = reader
        .get(&format!("/t/{slug}/reading/head?lang=it"))
        .await
        .text;
    assert!(it.contains(r#"<h1 lang="it""#), "{it}");
    assert!(it.contains("Ponte chiuso"));
    assert!(it.contains("Il ponte è <strong>chiuso</strong>"));
    assert!(it.contains("A. Reader") && it.contains("Example Italia"));
    assert!(
        it.contains(r#"class="tn-legend""#),
        "the notes' legend comes with notes"
    );
    // The interface's language is the reader's when no `?lang=` is given.
    reader.get("/?lang=it").await;
    assert!(
        reader
            .get(&format!("/t/{slug}/reading/head"))
            .await
            .text
            .contains("Ponte chiuso")
    );
    let en = Browser::new(&app)
        .get(&format!("/t/{slug}/reading/head?lang=en"))
        .await
        .text;
    assert!(en.contains("Bridge closed") && !en.contains("Ponte"));

    let li = reader
        .get(&format!("/t/{slug}/reading/updates/{uid}?lang=it"))
        .await;
    assert_eq!(li.status, StatusCode::OK);
    assert!(
        li.text
            .starts_with(&format!(r#"<li class="update" id="u-{uid}" lang="it""#))
    );
    assert!(li.text.contains("Il ponte è chiuso in italiano."));
}

#[tokio::test]
async fn fragments_of_other_threads_or_missing_items_are_not_found() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let one = app.simple_thread(&editor, "One").await;
    let two = app.simple_thread(&editor, "Two").await;
    let update = app
        .update(&editor, one["id"].as_str().unwrap(), "On one")
        .await;
    let mut reader = Browser::new(&app);
    let other = reader
        .get(&format!(
            "/t/{}/reading/updates/{}",
            two["slug"].as_str().unwrap(),
            update["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(other.text.contains("<html"), "a page, not a bare error");
    let missing = reader.get("/t/no-such-thread/reading/head").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let bad = reader
        .get(&format!(
            "/t/{}/reading/updates/nope",
            one["slug"].as_str().unwrap()
        ))
        .await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
}
