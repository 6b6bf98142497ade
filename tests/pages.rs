//! The HTML pages: languages, error pages, cookies, headers and assets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Browser, TestApp};
use cronaca::domain::role::Role;
use serde_json::json;

#[tokio::test]
async fn home_lists_open_threads_then_closed_in_each_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    app.simple_thread(&editor, "Floods in the valley").await;
    let closed = app.simple_thread(&editor, "Old storm").await;
    app.patch(
        &format!("/api/v1/threads/{}", closed["id"].as_str().unwrap()),
        Some(&editor),
        json!({"status": "closed"}),
    )
    .await;

    for (lang, heading, closed_heading) in [
        ("en", "Live threads", "Closed threads"),
        ("it", "Dirette", "Dirette chiuse"),
        ("ru", "Прямые трансляции", "Завершённые трансляции"),
    ] {
        let mut browser = Browser::new(&app);
        let page = browser.get(&format!("/?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text.contains(&format!(r#"<html lang="{lang}">"#)),
            "{lang}"
        );
        assert!(page.text.contains(&format!("<h1>{heading}</h1>")), "{lang}");
        let open_at = page.text.find("Floods in the valley").unwrap();
        let closed_at = page.text.find(closed_heading).unwrap();
        assert!(open_at < closed_at && closed_at < page.text.find("Old storm").unwrap());
        assert_eq!(
            browser.cookies["cronaca_lang"], lang,
            "the choice is remembered"
        );
        let again = browser.get("/").await;
        assert!(again.text.contains(&format!(r#"<html lang="{lang}">"#)));
    }
}

#[tokio::test]
async fn accept_language_chooses_when_nothing_else_does() {
    let app = TestApp::new().await;
    let page = app
        .send(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "de, it;q=0.8, en;q=0.5")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(page.text.contains(r#"<html lang="it">"#));
}

#[tokio::test]
async fn unknown_page_is_a_404_page_in_the_readers_language() {
    let app = TestApp::new().await;
    let mut browser = Browser::new(&app);
    let page = browser.get("/no/such/page?lang=ru").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.text.contains("Страница не найдена"));
    let api = app.get("/api/v1/no-such-thing").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.error_code(), "not_found");
}

#[tokio::test]
async fn pages_set_a_csrf_cookie_and_a_strict_policy() {
    let app = TestApp::new().await;
    let page = app.get("/").await;
    let cookie = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("cronaca_csrf="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
}

#[tokio::test]
async fn the_site_icon_is_served_where_browsers_ask_for_it() {
    let app = TestApp::new().await;
    let reply = app.get("/favicon.ico").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "image/x-icon");
    assert!(
        reply.text.as_bytes().starts_with(&[0, 0, 1, 0]),
        "an icon file"
    );
}

#[tokio::test]
async fn assets_are_served_with_long_caching_when_versioned() {
    let app = TestApp::new().await;
    let version = cronaca::web::pages::asset_version();
    for (file, kind) in [("app.css", "text/css"), ("live.js", "text/javascript")] {
        let reply = app.get(&format!("/static/{file}?v={version}")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with(kind)
        );
        assert!(
            reply.headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
    }
    assert_eq!(
        app.get("/static/secret.txt").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn search_page_finds_what_readers_can_see_in_each_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Proteste a Nursultàn").await;
    let tid = thread["id"].as_str().unwrap();
    let update = app
        .update(&editor, tid, "Spari vicino all'aeroporto di <b>ALMATY</b>")
        .await;
    let mut browser = Browser::new(&app);
    let empty = browser.get("/search?lang=it").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.text.contains("Parole da trovare"));
    assert!(!empty.text.contains("Nessun risultato"));

    let found = browser.get("/search?q=almaty&lang=en").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.text.contains("<mark>ALMATY</mark>"), "{}", found.text);
    assert!(!found.text.contains("<b>ALMATY"), "snippets are escaped");
    let slug = thread["slug"].as_str().unwrap();
    let id = update["id"].as_str().unwrap();
    assert!(found.text.contains(&format!("href=\"/t/{slug}#u-{id}\"")));
    assert!(found.text.contains(">Update</span>"));
    let by_title = browser.get("/search?q=nursultan&lang=ru").await;
    assert!(
        by_title.text.contains(">Трансляция</span>"),
        "{}",
        by_title.text
    );

    let none = browser.get("/search?q=zzzz&lang=en").await;
    assert!(none.text.contains("Nothing found"));
    let long = browser.get(&format!("/search?q={}", "a".repeat(300))).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let odd = browser.get("/search?q=%22%20OR%20*&page=nope").await;
    assert_eq!(
        odd.status,
        StatusCode::OK,
        "operators and bad page numbers are harmless"
    );
}

#[tokio::test]
async fn about_page_credits_the_data_it_ships_with() {
    let app = TestApp::new().await;
    for (lang, title) in [
        ("en", "About and credits"),
        ("it", "Informazioni e crediti"),
        ("ru", "О сайте и источниках данных"),
    ] {
        let mut browser = Browser::new(&app);
        let page = browser.get(&format!("/about?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains(&format!("<h1>{title}</h1>")), "{lang}");
        assert!(page.text.contains("GeoNames") && page.text.contains("CC BY 4.0"));
        assert!(page.text.contains("Natural Earth"));
    }
}
