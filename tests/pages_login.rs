//! Logging in and out in the browser: sessions, CSRF, throttling.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{Browser, PASSWORD, Reply, TestApp};
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

/// An app whose login throttle stays out of the way of tests that log in many times.
async fn lenient_app() -> TestApp {
    TestApp::with_config(cronaca::config::Config {
        logins_per_minute: 1000,
        ..Default::default()
    })
    .await
}

fn location(reply: &Reply) -> &str {
    reply
        .headers
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no Location in {} {}", reply.status, reply.text))
}

/// `next` values that lead, or once led, off the site or into a broken header.
const HOSTILE_NEXT: [&str; 13] = [
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "/x\r\nSet-Cookie: a=b",
    "/\0",
    "/\u{7f}",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https://evil.example/",
    "/%09/evil.example/",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
];

#[tokio::test]
async fn login_with_a_hostile_next_leads_home_and_never_fails() {
    let app = lenient_app().await;
    app.browser_as("anna", Role::Editor).await;
    for next in HOSTILE_NEXT.into_iter().chain([" /t/x", "/t/x\u{a0}"]) {
        let mut b = Browser::new(&app);
        let reply = b
            .post_form(
                "/login",
                &[("name", "anna"), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            reply.text
        );
        assert_eq!(location(&reply), "/", "{next:?}");
    }
    let mut b = Browser::new(&app);
    let kept = b
        .post_form(
            "/login",
            &[
                ("name", "anna"),
                ("password", PASSWORD),
                ("next", "/t/x?lang=it#c-1"),
            ],
        )
        .await;
    assert_eq!(location(&kept), "/t/x?lang=it#c-1");
}

#[tokio::test]
async fn the_login_form_keeps_only_a_same_site_next() {
    let app = TestApp::new().await;
    let mut b = Browser::new(&app);
    for next in HOSTILE_NEXT {
        let query: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        let page = b.get(&format!("/login?next={query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{next:?}");
        assert!(
            page.text.contains(r#"name="next" value="/">"#),
            "{next:?}: the form returns home"
        );
    }
    let page = b.get("/login?next=%2Ft%2Fx").await;
    assert!(page.text.contains(r#"name="next" value="/t/x">"#));
    // A query that is not even well-formed still shows the form.
    let page = b.get("/login?next=%FF%&&=").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn source_and_place_forms_return_only_within_the_site() {
    let app = lenient_app().await;
    let mut editor = app.browser_as("ed", Role::Editor).await;
    for (i, next) in HOSTILE_NEXT.into_iter().enumerate() {
        let query: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        for form in ["/sources/new", "/places/new"] {
            let page = editor.get(&format!("{form}?next={query}")).await;
            assert_eq!(page.status, StatusCode::OK, "{form} {next:?}");
            assert!(
                page.text.contains(r#"name="next" value="/""#),
                "{form} {next:?}"
            );
        }
        let name = format!("Radio {i}");
        let added = editor
            .post_form(
                "/sources/new",
                &[("name", &name), ("kind", "other"), ("next", next)],
            )
            .await;
        assert_eq!(
            added.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            added.text
        );
        assert!(location(&added).starts_with("/?source="), "{next:?}");
        let place = editor
            .post_form(
                "/places/new",
                &[
                    ("name", &format!("Place {i}")),
                    ("country", "IT"),
                    ("lat", "45.1"),
                    ("lon", "9.2"),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(
            place.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            place.text
        );
        assert_eq!(location(&place), "/", "{next:?}");
    }
}

/// An account with the test password, created without logging in, so no attempt is counted.
async fn account(app: &TestApp, name: &str) {
    let record = cronaca::store::NewUserRecord {
        name: name.into(),
        display_name: name.into(),
        role: Role::Editor,
        password_hash: Some(cronaca::auth::hash_password(PASSWORD).unwrap()),
    };
    app.store
        .create_user(&cronaca::domain::user::Actor::System, record)
        .await
        .unwrap();
}

/// Logs in from a given client address, as a browser there would.
async fn login_from(app: &TestApp, client: &str, name: &str, password: &str) -> Reply {
    let addr: SocketAddr = client.parse().unwrap();
    let first = app
        .send(
            Request::get("/login")
                .extension(ConnectInfo(addr))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let cookie = first.headers[header::SET_COOKIE].to_str().unwrap();
    let pair = cookie.split(';').next().unwrap().to_owned();
    let csrf = pair.split_once('=').unwrap().1.to_owned();
    let body =
        serde_urlencoded::to_string([("name", name), ("password", password), ("csrf", &csrf)])
            .unwrap();
    app.send(
        Request::post("/login")
            .extension(ConnectInfo(addr))
            .header(header::COOKIE, pair)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn spellings_of_a_name_share_its_throttle() {
    // One attempt a minute per client; ten an hour for one name from all clients.
    let config = cronaca::config::Config {
        logins_per_minute: 1,
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    account(&app, "editor2").await;
    let spellings = [
        "editor2",
        " editor2",
        "editor2 ",
        "\teditor2",
        " editor2 ",
        "editor2\t",
        "\neditor2",
        "ｅｄｉｔｏｒ２",
        "\u{3000}editor2",
        "editor2\u{a0}",
    ];
    for (i, name) in spellings.iter().enumerate() {
        let r = login_from(&app, &format!("198.51.100.{i}:5000"), name, "wrong").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name:?}");
    }
    // Ten failures on one account, however it was spelled: another spelling, even with the
    // right password, waits like the name itself.
    for (i, name) in ["  editor2", "EDITOR2", "editor2"].iter().enumerate() {
        let r = login_from(&app, &format!("203.0.113.{i}:6000"), name, PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{name:?}");
    }
}

#[tokio::test]
async fn a_name_logs_in_however_it_is_spaced_cased_or_written() {
    let app = lenient_app().await;
    account(&app, "editor2").await;
    for variant in [" Editor2 ", "\teditor2", "ｅｄｉｔｏｒ２"] {
        let r = login_from(&app, "192.0.2.1:4000", variant, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{variant:?}: {}", r.text);
    }
}

#[tokio::test]
async fn someone_elses_failures_do_not_lock_a_client_out() {
    let app = TestApp::new().await;
    account(&app, "editor2").await;
    for _ in 0..5 {
        let r = login_from(&app, "198.51.100.7:5000", "editor2", "wrong password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let attacker = login_from(&app, "198.51.100.7:5001", "editor2", PASSWORD).await;
    assert_eq!(attacker.status, StatusCode::TOO_MANY_REQUESTS);
    // The account's owner, elsewhere, is not affected.
    let owner = login_from(&app, "203.0.113.9:6000", "editor2", PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER, "{}", owner.text);
}

#[tokio::test]
async fn many_clients_together_are_throttled_on_one_name() {
    let config = cronaca::config::Config {
        logins_per_minute: 1,
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    account(&app, "editor2").await;
    // One a minute per client; ten an hour for the name from everywhere.
    for i in 0..10 {
        let r = login_from(&app, &format!("198.51.100.{i}:5000"), "editor2", "wrong").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "client {i}");
    }
    let r = login_from(&app, "198.51.100.99:5000", "editor2", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn logging_in_and_out_each_give_a_new_csrf_token() {
    let app = lenient_app().await;
    app.browser_as("anna", Role::Editor).await;
    let mut b = Browser::new(&app);
    let before = b.csrf().await;
    let login = b
        .post_form("/login", &[("name", "anna"), ("password", PASSWORD)])
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let after_login = b.csrf().await;
    assert_ne!(before, after_login, "the token changes at login");
    // A form carrying the token from before the login is refused.
    let stale = b.post_raw("/logout", &[("csrf", &before)]).await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);
    let logout = b.post_form("/logout", &[]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    let after_logout = b.csrf().await;
    assert_ne!(after_login, after_logout, "the token changes at logout");
}

#[tokio::test]
async fn other_sessions_end_at_login_only_when_asked() {
    let app = lenient_app().await;
    let mut first = app.browser_as("anna", Role::Editor).await;
    let mut second = Browser::new(&app);
    second
        .post_form("/login", &[("name", "anna"), ("password", PASSWORD)])
        .await;
    let logged_in = |r: &Reply| r.text.contains("anna (display)");
    assert!(logged_in(&first.get("/").await), "kept by default");
    assert!(logged_in(&second.get("/").await));

    let mut third = Browser::new(&app);
    let form = third.get("/login").await;
    assert!(form.text.contains(r#"name="end_other_sessions""#));
    let r = third
        .post_form(
            "/login",
            &[
                ("name", "anna"),
                ("password", PASSWORD),
                ("end_other_sessions", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(logged_in(&third.get("/").await), "this session stays");
    assert!(!logged_in(&first.get("/").await), "the others ended");
    assert!(!logged_in(&second.get("/").await));
}
