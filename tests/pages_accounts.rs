//! Accounts changed through the admin pages: an admin may not demote or disable themselves,
//! while another admin may do either to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::TestApp;
use cronaca::config::Config;
use cronaca::domain::role::Role;

async fn app() -> TestApp {
    TestApp::with_config(Config {
        logins_per_minute: 1000,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn an_admin_cannot_demote_or_disable_themselves_but_another_admin_can() {
    let app = app().await;
    let mut root = app.browser_as("root", Role::Admin).await;
    let mut other = app.browser_as("ada", Role::Admin).await;

    let before = app.counts().await;
    let demote = root
        .post_form("/admin/users/root/role", &[("role", "moderator")])
        .await;
    assert_eq!(demote.status, StatusCode::CONFLICT);
    assert!(
        demote
            .text
            .contains("You cannot remove your own administrator role."),
        "{}",
        demote.text
    );
    let disable = root.post_form("/admin/users/root/disable", &[]).await;
    assert_eq!(disable.status, StatusCode::CONFLICT);
    assert!(
        disable
            .text
            .contains("You cannot disable your own account."),
        "{}",
        disable.text
    );
    assert_eq!(app.counts().await, before, "nothing was written");
    let unchanged = app.store.user_by_name("root").await.unwrap();
    assert_eq!(unchanged.role, Role::Admin);
    assert!(!unchanged.disabled);

    // Keeping one's own admin role is no change to refuse.
    let keep = root
        .post_form("/admin/users/root/role", &[("role", "admin")])
        .await;
    assert_eq!(keep.status, StatusCode::SEE_OTHER, "{}", keep.text);

    let demoted = other
        .post_form("/admin/users/root/role", &[("role", "moderator")])
        .await;
    assert_eq!(demoted.status, StatusCode::SEE_OTHER, "{}", demoted.text);
    assert_eq!(
        app.store.user_by_name("root").await.unwrap().role,
        Role::Moderator
    );
    let disabled = other.post_form("/admin/users/root/disable", &[]).await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER, "{}", disabled.text);
    assert!(app.store.user_by_name("root").await.unwrap().disabled);
}

#[tokio::test]
async fn the_refusal_is_said_in_the_readers_language() {
    let app = app().await;
    let mut root = app.browser_as("root", Role::Admin).await;
    let demote = root
        .post_form("/admin/users/root/role?lang=it", &[("role", "editor")])
        .await;
    assert_eq!(demote.status, StatusCode::CONFLICT);
    let italian = "Non puoi toglierti il ruolo di amministratore.";
    assert!(demote.text.contains(italian), "{}", demote.text);
    assert_eq!(
        app.store.user_by_name("root").await.unwrap().role,
        Role::Admin
    );
}
