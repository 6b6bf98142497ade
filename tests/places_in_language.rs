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

#[tokio::test]
async fn a_former_name_the_report_used_is_shown_beside_the_current_one() {
    let app = TestApp::new().await;
    let editor = app.token("redazione", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Capital").await;
    let source = common::board::source(&app, &editor, "Akimat", "official").await;
    let report = app
        .post(
            &format!("/api/v1/threads/{}/reports", thread["id"].as_str().unwrap()),
            Some(&editor),
            serde_json::json!({"body": "Rally in Nur-Sultan at noon", "source": source,
                               "places": ["gn:1526273"]}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    let slug = thread["slug"].as_str().unwrap();
    let rid = report.json["id"].as_str().unwrap();
    for (lang, shown) in [("en", "Astana (Nur-Sultan)"), ("ru", "Астана (Nur-Sultan)")] {
        let page = Browser::new(&app)
            .get(&format!("/t/{slug}?lang={lang}"))
            .await;
        assert!(
            page.text.contains(&format!(">{shown}</a>")),
            "{lang}: {shown}"
        );
        let page = Browser::new(&app)
            .get(&format!("/r/{rid}?lang={lang}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert!(
            page.text.contains(&format!("<li>{shown} <code")),
            "{lang}: {shown} on the report page"
        );
    }
}
