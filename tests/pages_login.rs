//! Logging in and out in the browser: sessions, CSRF, throttling.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, PASSWORD, TestApp};
use cronaca::domain::role::Role;

#[tokio::test]
async fn login_sets_a_session_cookie_and_logout_ends_it() {
    let app = TestApp::new().await;
    let mut browser = app.browser_as("anna", Role::Editor).await;
    let session = browser.cookies["cronaca_session"].clone();
    let home = browser.get("/").await;
    assert!(
        home.text.contains("anna (display)"),
        "the page knows who is logged in"
    );
    assert!(
        home.text.contains(r#"href="/new""#),
        "an editor sees the new-thread link"
    );

    let out = browser.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!browser.cookies.contains_key("cronaca_session"));
    // The old cookie no longer opens a session, even if replayed.
    browser.cookies.insert("cronaca_session".into(), session);
    assert!(!browser.get("/").await.text.contains("anna (display)"));
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = TestApp::new().await;
    let browser = app.browser_as("anna", Role::Contributor).await;
    assert!(browser.cookies.contains_key("cronaca_session"));
    let mut b = Browser::new(&app);
    let reply = b
        .post_form("/login", &[("name", "anna"), ("password", PASSWORD)])
        .await;
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("cronaca_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP without a public HTTPS address"
    );
}

#[tokio::test]
async fn wrong_password_is_refused_in_the_readers_language() {
    let app = TestApp::new().await;
    app.browser_as("anna", Role::Editor).await;
    let mut b = Browser::new(&app);
    b.get("/?lang=it").await;
    let reply = b
        .post_form(
            "/login",
            &[("name", "anna"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(
        reply
            .text
            .contains("Il nome o la password non sono corretti.")
    );
    assert!(!b.cookies.contains_key("cronaca_session"));
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    app.browser_as("anna", Role::Editor).await;
    let mut b = Browser::new(&app);
    b.get("/").await;
    let no_token = b
        .post_raw("/login", &[("name", "anna"), ("password", PASSWORD)])
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong_token = b
        .post_raw(
            "/login",
            &[("name", "anna"), ("password", PASSWORD), ("csrf", "00")],
        )
        .await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);
    assert!(!b.cookies.contains_key("cronaca_session"));
}

#[tokio::test]
async fn login_attempts_are_throttled() {
    let config = cronaca::config::Config {
        logins_per_minute: 3,
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let mut b = Browser::new(&app);
    for _ in 0..3 {
        let r = b
            .post_form("/login", &[("name", "anna"), ("password", "guess guess")])
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let limited = b
        .post_form("/login", &[("name", "anna"), ("password", "guess guess")])
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.text.contains("<html"), "a page, not JSON");
}

#[tokio::test]
async fn next_only_leads_within_the_site() {
    assert_eq!(cronaca::web::pages::login::safe_next(Some("/t/x")), "/t/x");
    assert_eq!(
        cronaca::web::pages::login::safe_next(Some("//evil.example")),
        "/"
    );
    assert_eq!(
        cronaca::web::pages::login::safe_next(Some("https://evil.example")),
        "/"
    );
    assert_eq!(cronaca::web::pages::login::safe_next(None), "/");
}
