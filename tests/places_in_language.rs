//! Place names as readers of each language know them: a Russian page names the gazetteer's
//! cities in Cyrillic, an English or Italian one keeps the main name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::board::example;
use common::{Browser, TestApp};
use cronaca::domain::role::Role;

#[tokio::test]
async fn the_board_and_the_timeline_name_cities_in_the_readers_script() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let ex = example(&app, &editor).await;
    let page = |path: String| {
        let app = &app;
        async move {
            let reply = Browser::new(app).get(&path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
            reply.text
        }
    };

    let russian = page(format!("/t/{}/board?lang=ru", ex.slug)).await;
    for (latin, cyrillic) in [
        ("Almaty", "Алматы"),
        ("Astana", "Астана"),
        ("Aktobe", "Актобе"),
    ] {
        assert!(
            russian.contains(&format!(r#"<th scope="row">{cyrillic}</th>"#)),
            "{cyrillic} on the Russian board"
        );
        assert!(
            !russian.contains(&format!(r#"<th scope="row">{latin}</th>"#)),
            "no {latin} in Latin script on the Russian board"
        );
    }
    for lang in ["en", "it"] {
        let board = page(format!("/t/{}/board?lang={lang}", ex.slug)).await;
        assert!(
            board.contains(r#"<th scope="row">Almaty</th>"#),
            "{lang} keeps the main name"
        );
    }

    let thread = page(format!("/t/{}?lang=ru", ex.slug)).await;
    assert!(
        thread.contains(">Алматы</a>"),
        "the timeline's reports name their places in Cyrillic"
    );
    assert!(!thread.contains(">Almaty</a>"));
    let english = page(format!("/t/{}", ex.slug)).await;
    assert!(english.contains(">Almaty</a>"));
}
