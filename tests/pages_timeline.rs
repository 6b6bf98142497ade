//! The thread's timeline in its two orders: by when items reached us (the default, newest or
//! oldest first) and by when their sources stated them (`?order=stated`); each item's header
//! shows the time the order follows. Through the real router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::board::{at, source};
use common::{Browser, TestApp};
use cronaca::domain::role::Role;
use serde_json::json;

/// A thread whose reports reached us in the order A, B, C, stated at 09:00, 11:00 and 07:00,
/// then one update. Returns the thread's id, slug and the reports' ids.
async fn thread_with_reports(app: &TestApp, editor: &str) -> (String, String, Vec<String>) {
    let thread = app.simple_thread(editor, "Times in order").await;
    let tid = thread["id"].as_str().unwrap().to_owned();
    let src = source(app, editor, "City Hall", "official").await;
    let mut ids = Vec::new();
    for (body, stated) in [
        ("Report A", "09:00"),
        ("Report B", "11:00"),
        ("Report C", "07:00"),
    ] {
        let r = app
            .post(
                &format!("/api/v1/threads/{tid}/reports"),
                Some(editor),
                json!({"body": body, "source": src, "stated_at": at(stated)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        ids.push(r.json["id"].as_str().unwrap().to_owned());
    }
    app.update(editor, &tid, "The latest update").await;
    (tid, thread["slug"].as_str().unwrap().to_owned(), ids)
}

fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("no {n:?}")))
        .collect()
}

/// The report's `<li>` in the page.
fn item<'a>(html: &'a str, id: &str) -> &'a str {
    let from = html.find(&format!(r#"id="r-{id}""#)).unwrap();
    let rest = &html[from..];
    &rest[..rest.find("\n</li>").unwrap()]
}

#[tokio::test]
async fn by_default_the_timeline_follows_and_shows_when_items_reached_us() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_reports(&app, &editor).await;

    let html = Browser::new(&app).get(&format!("/t/{slug}")).await.text;
    let p = positions(
        &html,
        &["The latest update", "Report C", "Report B", "Report A"],
    );
    assert!(p.windows(2).all(|w| w[0] < w[1]), "newest received first");
    assert!(html.contains(r#"data-order="newest""#));
    let a = item(&html, &ids[0]);
    assert!(
        a.contains(&format!(
            r##"<span class="head-time">Received <a class="when" href="#r-{}">"##,
            ids[0]
        )),
        "{a}"
    );
    assert!(a.contains(r#"<time datetime="2022-01-05T09:00:00Z" data-at="stated {when}""#));
    // The other order is offered, without script.
    assert!(html.contains(&format!(
        r#"<a href="/t/{slug}?order=stated">Sort by time stated</a>"#
    )));
    assert!(html.contains(&format!(
        r#"<a href="/t/{slug}?order=oldest">Oldest first</a>"#
    )));
}

#[tokio::test]
async fn order_stated_follows_and_shows_when_sources_said_it() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_reports(&app, &editor).await;

    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?order=stated"))
        .await
        .text;
    let p = positions(
        &html,
        &["The latest update", "Report B", "Report A", "Report C"],
    );
    assert!(p.windows(2).all(|w| w[0] < w[1]), "newest stated first");
    assert!(html.contains(r#"data-order="stated""#));
    let b = item(&html, &ids[1]);
    assert!(
        b.contains(&format!(
            r##"<span class="head-time">Stated <a class="when" href="#r-{}"><time datetime="2022-01-05T11:00:00Z">"##,
            ids[1]
        )),
        "{b}"
    );
    assert!(
        b.contains(r#"data-at="received {when}""#),
        "when it reached us follows"
    );
    assert!(html.contains(&format!(r#"<a href="/t/{slug}">Sort by time received</a>"#)));

    // In Italian too, and the fragment the live page fetches says the same.
    let it = Browser::new(&app)
        .get(&format!("/t/{slug}?order=stated&lang=it"))
        .await
        .text;
    assert!(it.contains(">Ordina per ora di ricezione</a>"));
    assert!(item(&it, &ids[1]).contains(r#"<span class="head-time">Dichiarato <a"#));
    let fragment = Browser::new(&app)
        .get(&format!(
            "/t/{slug}/reports/{}/fragment?order=stated",
            ids[1]
        ))
        .await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(
        fragment
            .text
            .contains(r#"<span class="head-time">Stated <a"#)
    );
    let fragment = Browser::new(&app)
        .get(&format!("/t/{slug}/reports/{}/fragment", ids[1]))
        .await;
    assert!(
        fragment
            .text
            .contains(r#"<span class="head-time">Received <a"#)
    );
}

#[tokio::test]
async fn an_unknown_order_is_refused_with_a_page_in_the_readers_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_reports(&app, &editor).await;
    for path in [
        format!("/t/{slug}?order=received"),
        format!("/t/{slug}?order=Stated"),
        format!("/t/{slug}/reports/{}/fragment?order=sideways", ids[0]),
    ] {
        let reply = Browser::new(&app).get(&path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(reply.text.contains("<html lang=\"en\">"), "an error page");
    }
    let it = Browser::new(&app)
        .get(&format!("/t/{slug}?order=nope&lang=it"))
        .await;
    assert_eq!(it.status, StatusCode::BAD_REQUEST);
    assert!(it.text.contains("<html lang=\"it\">"));
    for ok in ["newest", "oldest", "stated", ""] {
        let reply = Browser::new(&app)
            .get(&format!("/t/{slug}?order={ok}"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{ok}");
    }
}

#[tokio::test]
async fn the_next_page_keeps_the_order() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (tid, slug, _) = thread_with_reports(&app, &editor).await;
    for n in 0..50 {
        app.update(&editor, &tid, &format!("Update {n}")).await;
    }
    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?order=stated"))
        .await
        .text;
    let pager = &html[html.find(r#"<p class="pager"><a href="#).unwrap()..];
    let href = &pager[pager.find("href=\"").unwrap() + 6..];
    let href = &href[..href.find('"').unwrap()];
    let href = href.replace("&#38;", "&").replace("&amp;", "&");
    assert!(href.ends_with("&order=stated"), "{href}");
    let next = Browser::new(&app).get(&href).await.text;
    assert!(next.contains(r#"data-order="stated""#));
    let p = positions(&next, &["Report B", "Report A", "Report C"]);
    assert!(
        p.windows(2).all(|w| w[0] < w[1]),
        "stated order on page two"
    );
}
