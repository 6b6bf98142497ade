//! The account page (password change) and the admin pages (accounts, audit log) in the browser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, PASSWORD, TestApp};
use cronaca::config::Config;
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;

const NEW_PASSWORD: &str = "a brand new passphrase";

/// Many logins per minute: the tests log in more often than a person would.
async fn app() -> TestApp {
    TestApp::with_config(Config {
        logins_per_minute: 1000,
        ..Default::default()
    })
    .await
}

async fn login_status(app: &TestApp, name: &str, password: &str) -> StatusCode {
    let mut b = Browser::new(app);
    b.post_form(
        "/login",
        &[("name", name), ("password", password), ("next", "/")],
    )
    .await
    .status
}

fn location(reply: &common::Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

fn audit_rows(text: &str) -> usize {
    text.matches("<details>").count()
}

#[tokio::test]
async fn account_page_shows_who_is_logged_in() {
    let app = app().await;
    let mut b = app.browser_as("carla", Role::Contributor).await;
    let page = b.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<h1>Your account</h1>"));
    assert!(page.text.contains("<td>carla</td>"));
    assert!(page.text.contains("<td>carla (display)</td>"));
    assert!(page.text.contains("<td>Contributor</td>"));
    assert!(page.text.contains(r#"action="/account/password""#));
}

#[tokio::test]
async fn changing_the_password_replaces_the_old_one() {
    let app = app().await;
    let mut b = app.browser_as("carla", Role::Contributor).await;
    let reply = b
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("repeat", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    assert_eq!(location(&reply), "/account?changed=1");
    let page = b.get("/account?changed=1").await;
    assert!(page.text.contains("Your password has been changed."));
    assert!(
        !b.get("/account").await.text.contains("has been changed"),
        "the confirmation only follows the change"
    );

    assert_eq!(
        login_status(&app, "carla", NEW_PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        login_status(&app, "carla", PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    let audit = app
        .store
        .audit_log(cronaca::store::PageRequest {
            after: None,
            limit: 1,
        })
        .await
        .unwrap();
    assert_eq!(audit.items[0].action, "user.set_password");
    assert_eq!(audit.items[0].actor_name, "carla");
}

#[tokio::test]
async fn a_new_password_signs_out_every_other_session() {
    let app = app().await;
    let mut here = app.browser_as("carla", Role::Contributor).await;
    let mut elsewhere = Browser::new(&app);
    let login = elsewhere
        .post_form(
            "/login",
            &[("name", "carla"), ("password", PASSWORD), ("next", "/")],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(elsewhere.get("/account").await.status, StatusCode::OK);

    let fields = [
        ("current", PASSWORD),
        ("new_password", NEW_PASSWORD),
        ("repeat", NEW_PASSWORD),
    ];
    let changed = here.post_form("/account/password", &fields).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);

    assert_eq!(
        here.get("/account").await.status,
        StatusCode::OK,
        "this browser stays in"
    );
    let out = elsewhere.get("/account").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "the other session ended");
    assert!(location(&out).starts_with("/login"));
}

#[tokio::test]
async fn bad_password_changes_are_refused_in_the_readers_language_and_change_nothing() {
    let app = app().await;
    let mut b = app.browser_as("carla", Role::Contributor).await;
    let before = app.counts().await;

    let wrong = b
        .post_form(
            "/account/password",
            &[
                ("current", "not my password"),
                ("new_password", NEW_PASSWORD),
                ("repeat", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text.contains("The current password is wrong."));
    assert!(
        !wrong.text.contains(NEW_PASSWORD),
        "passwords are not echoed"
    );

    let mismatch = b
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("repeat", "another new passphrase"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mismatch
            .text
            .contains("The two new passwords do not match.")
    );

    b.get("/account?lang=it").await;
    let short = b
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", "short"),
                ("repeat", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short
            .text
            .contains("La nuova password deve contenere almeno 10 caratteri.")
    );

    b.get("/account?lang=ru").await;
    let mismatch_ru = b
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("repeat", "another new passphrase"),
            ],
        )
        .await;
    assert_eq!(mismatch_ru.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch_ru.text.contains("Новые пароли не совпадают."));

    assert_eq!(app.counts().await, before, "nothing was written");
    assert_eq!(
        login_status(&app, "carla", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        login_status(&app, "carla", NEW_PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn password_changes_are_throttled() {
    let app = TestApp::with_config(Config {
        logins_per_minute: 3,
        ..Default::default()
    })
    .await;
    // The login itself counts once.
    let mut b = app.browser_as("carla", Role::Contributor).await;
    for _ in 0..2 {
        let r = b
            .post_form(
                "/account/password",
                &[
                    ("current", "guess guess"),
                    ("new_password", NEW_PASSWORD),
                    ("repeat", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let limited = b
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("repeat", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.text.contains("<html"));
}

#[tokio::test]
async fn guests_are_sent_to_log_in() {
    let app = app().await;
    let mut guest = Browser::new(&app);
    for (path, next) in [
        ("/account", "/login?next=%2Faccount"),
        ("/admin/users", "/login?next=%2Fadmin%2Fusers"),
        ("/admin/audit", "/login?next=%2Fadmin%2Faudit"),
    ] {
        let reply = guest.get(path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&reply), next, "{path}");
    }
    app.token("victim", Role::Editor).await;
    let post = guest.post_form("/admin/users/victim/disable", &[]).await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&post), "/login?next=%2Fadmin%2Fusers");
    assert!(!app.store.user_by_name("victim").await.unwrap().disabled);
}

#[tokio::test]
async fn editors_may_not_see_or_use_the_admin_pages() {
    let app = app().await;
    app.token("victim", Role::Contributor).await;
    let mut editor = app.browser_as("ed", Role::Editor).await;
    for path in ["/admin/users", "/admin/audit"] {
        let reply = editor.get(path).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert!(reply.text.contains("Not allowed"), "{path}");
    }
    let before = app.counts().await;
    let role = editor
        .post_form("/admin/users/victim/role", &[("role", "admin")])
        .await;
    assert_eq!(role.status, StatusCode::FORBIDDEN);
    let disable = editor.post_form("/admin/users/victim/disable", &[]).await;
    assert_eq!(disable.status, StatusCode::FORBIDDEN);
    let create = editor
        .post_form(
            "/admin/users",
            &[("name", "sneaky"), ("role", "admin"), ("password", "")],
        )
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    assert_eq!(app.counts().await, before);
    assert_eq!(
        app.store.user_by_name("victim").await.unwrap().role,
        Role::Contributor
    );
}

#[tokio::test]
async fn admin_sees_every_account() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let page = admin.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<h1>Accounts</h1>"));
    assert!(page.text.contains("2 accounts"));
    assert!(page.text.contains("<td>mona (display)</td>"));
    assert!(page.text.contains("<td>Moderator</td>"));
    assert!(page.text.contains(r#"action="/admin/users/mona/role""#));
    assert!(page.text.contains(r#"action="/admin/users/mona/disable""#));
    assert!(
        !page.text.contains(r#"action="/admin/users/root/disable""#),
        "no button to disable oneself"
    );
    assert!(
        page.text
            .contains(r#"<option value="translator">Translator</option>"#)
    );
}

#[tokio::test]
async fn admin_creates_an_account_with_a_password() {
    let app = app().await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let reply = admin
        .post_form(
            "/admin/users",
            &[
                ("name", "nina"),
                ("display_name", "Nina R."),
                ("role", "editor"),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    assert_eq!(location(&reply), "/admin/users?created=nina");
    let page = admin.get(location(&reply)).await;
    assert!(page.text.contains("The account nina was created."));
    let nina = app.store.user_by_name("nina").await.unwrap();
    assert_eq!(nina.display_name, "Nina R.");
    assert_eq!(nina.role, Role::Editor);
    assert_eq!(
        login_status(&app, "nina", NEW_PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    // A made-up name in the address is not echoed.
    let fake = admin.get("/admin/users?created=nobody").await;
    assert!(!fake.text.contains("nobody"));
}

#[tokio::test]
async fn admin_creates_an_account_with_a_generated_password_shown_once() {
    let app = app().await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let reply = admin
        .post_form(
            "/admin/users",
            &[
                ("name", "otto"),
                ("display_name", ""),
                ("role", "translator"),
                ("password", ""),
            ],
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "shown directly, not redirected"
    );
    assert_eq!(reply.headers["cache-control"], "no-store");
    assert!(reply.text.contains("<h1>Account created</h1>"));
    let start = reply.text.find(r#"translate="no">"#).unwrap() + r#"translate="no">"#.len();
    let end = start + reply.text[start..].find('<').unwrap();
    let password = &reply.text[start..end];
    assert_eq!(password.len(), 24, "{password}");
    assert!(reply.text.contains(r#"href="/admin/users""#));

    let otto = app.store.user_by_name("otto").await.unwrap();
    assert_eq!(
        otto.display_name, "otto",
        "the name stands in for the display name"
    );
    assert_eq!(otto.role, Role::Translator);
    assert_eq!(
        login_status(&app, "otto", password).await,
        StatusCode::SEE_OTHER
    );
    let list = admin.get("/admin/users").await;
    assert!(!list.text.contains(password), "shown once only");
}

#[tokio::test]
async fn bad_new_accounts_are_refused_with_the_reason() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let before = app.counts().await;

    let taken = admin
        .post_form(
            "/admin/users",
            &[("name", "MONA"), ("role", "editor"), ("password", "")],
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(taken.text.contains("An account named MONA already exists."));
    assert!(
        taken.text.contains(r#"value="MONA""#),
        "the form keeps its input"
    );

    let bad_name = admin
        .post_form(
            "/admin/users",
            &[("name", "two words"), ("role", "editor"), ("password", "")],
        )
        .await;
    assert_eq!(bad_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_name.text.contains("The account name may only contain"));

    let short = admin
        .post_form(
            "/admin/users",
            &[("name", "pia"), ("role", "editor"), ("password", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short
            .text
            .contains("The password must be at least 10 characters long.")
    );
    assert!(
        !short.text.contains(r#"value="short""#),
        "passwords are not echoed"
    );

    let bad_role = admin
        .post_form(
            "/admin/users",
            &[("name", "pia"), ("role", "overlord"), ("password", "")],
        )
        .await;
    assert_eq!(bad_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_role
            .text
            .contains("Choose one of the roles in the list.")
    );

    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn admin_changes_a_role() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let reply = admin
        .post_form("/admin/users/mona/role", &[("role", "editor")])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&reply), "/admin/users?saved=mona");
    assert_eq!(
        app.store.user_by_name("mona").await.unwrap().role,
        Role::Editor
    );
    let page = admin.get(location(&reply)).await;
    assert!(page.text.contains("The changes to mona were saved."));

    let unknown = admin
        .post_form("/admin/users/nobody/role", &[("role", "editor")])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad = admin
        .post_form("/admin/users/mona/role", &[("role", "overlord")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store.user_by_name("mona").await.unwrap().role,
        Role::Editor
    );
}

#[tokio::test]
async fn a_disabled_account_loses_its_token_until_enabled() {
    let app = app().await;
    let token = app.token("mona", Role::Moderator).await;
    assert_eq!(
        app.get_as("/api/v1/moderation/queue", &token).await.status,
        StatusCode::OK
    );
    let mut admin = app.browser_as("root", Role::Admin).await;
    let reply = admin.post_form("/admin/users/mona/disable", &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(app.store.user_by_name("mona").await.unwrap().disabled);
    assert_eq!(
        app.get_as("/api/v1/moderation/queue", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = admin.get("/admin/users").await;
    assert!(page.text.contains("Disabled"));
    assert!(page.text.contains(r#"action="/admin/users/mona/enable""#));

    let reply = admin.post_form("/admin/users/mona/enable", &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(!app.store.user_by_name("mona").await.unwrap().disabled);
    assert_eq!(
        app.get_as("/api/v1/moderation/queue", &token).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = app().await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let before = app.counts().await;
    let disable = admin.post_form("/admin/users/root/disable", &[]).await;
    assert_eq!(disable.status, StatusCode::CONFLICT);
    assert!(
        disable
            .text
            .contains("You cannot disable your own account.")
    );
    let demote = admin
        .post_form("/admin/users/Root/role", &[("role", "editor")])
        .await;
    assert_eq!(demote.status, StatusCode::CONFLICT);
    assert!(
        demote
            .text
            .contains("You cannot remove your own administrator role.")
    );
    // Nor through another spelling of their name that finds the same account.
    for path in [
        "/admin/users/%EF%BD%92oot/role",
        "/admin/users/%20root%09/role",
    ] {
        let demote = admin.post_form(path, &[("role", "editor")]).await;
        assert_eq!(demote.status, StatusCode::CONFLICT, "{path}");
    }
    let disable = admin
        .post_form(
            "/admin/users/%EF%BD%92%EF%BD%8F%EF%BD%8F%EF%BD%94/disable",
            &[],
        )
        .await;
    assert_eq!(disable.status, StatusCode::CONFLICT);
    assert_eq!(app.counts().await, before);
    let root = app.store.user_by_name("root").await.unwrap();
    assert_eq!(root.role, Role::Admin);
    assert!(!root.disabled);
    assert_eq!(admin.get("/admin/users").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_audit_log_shows_the_admins_actions() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    admin
        .post_form(
            "/admin/users",
            &[
                ("name", "nina"),
                ("role", "editor"),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    admin
        .post_form("/admin/users/mona/role", &[("role", "translator")])
        .await;
    admin.post_form("/admin/users/mona/disable", &[]).await;

    let page = admin.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<h1>Audit log</h1>"));
    let disabled = page.text.find("Account disabled").unwrap();
    let role = page.text.find("Role changed").unwrap();
    let created = page
        .text
        .find("<code class=\"meta\" translate=\"no\">user.create</code>")
        .unwrap();
    assert!(disabled < role && role < created, "newest first");
    assert!(page.text.contains("<td>root</td>"), "who did it");
    assert!(page.text.contains("account mona"), "the target by name");
    assert!(
        page.text.contains("&#34;role&#34;: &#34;translator&#34;"),
        "after, pretty"
    );
    assert!(
        page.text.contains("&#34;role&#34;: &#34;moderator&#34;"),
        "before"
    );
    assert!(
        page.text.contains("Command line"),
        "the accounts made by the system"
    );
    assert!(!page.text.contains("Older entries"), "one page only");
}

#[tokio::test]
async fn the_audit_log_pages_by_cursor() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    for i in 0..60 {
        let role = if i % 2 == 0 {
            Role::Editor
        } else {
            Role::Moderator
        };
        app.store
            .set_user_role(&Actor::System, "mona", role)
            .await
            .unwrap();
    }
    // 2 accounts and a token, then 60 role changes.
    let first = admin.get("/admin/audit").await;
    assert_eq!(audit_rows(&first.text), 50);
    assert!(!first.text.contains("Newest entries"));
    let start = first.text.find(r#"href="/admin/audit?after="#).unwrap() + 6;
    let end = start + first.text[start..].find('"').unwrap();
    let older = first.text[start..end].replace("&amp;", "&");
    let second = admin.get(&older).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(audit_rows(&second.text), 13);
    assert!(second.text.contains("Newest entries"));
    assert!(!second.text.contains("Older entries"));
    assert!(
        second.text.contains("Account created"),
        "the oldest entries last"
    );

    let garbage = admin.get("/admin/audit?after=!!").await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    assert!(
        garbage
            .text
            .contains("This page of the log does not exist.")
    );
}

#[tokio::test]
async fn every_page_speaks_each_language() {
    let app = app().await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    for (lang, account, users, audit, role) in [
        (
            "en",
            "Your account",
            "Accounts",
            "Audit log",
            "Administrator",
        ),
        (
            "it",
            "Il tuo account",
            "Account",
            "Registro delle attività",
            "Amministratore",
        ),
        (
            "ru",
            "Ваша учётная запись",
            "Учётные записи",
            "Журнал действий",
            "Администратор",
        ),
    ] {
        let page = admin.get(&format!("/account?lang={lang}")).await;
        assert!(
            page.text.contains(&format!(r#"<html lang="{lang}">"#)),
            "{lang}"
        );
        assert!(page.text.contains(&format!("<h1>{account}</h1>")), "{lang}");
        assert!(page.text.contains(&format!("<td>{role}</td>")), "{lang}");
        let page = admin.get("/admin/users").await;
        assert!(page.text.contains(&format!("<h1>{users}</h1>")), "{lang}");
        let page = admin.get("/admin/audit").await;
        assert!(page.text.contains(&format!("<h1>{audit}</h1>")), "{lang}");
    }
    // Russian plurals: one, few, many.
    let page = admin.get("/admin/users?lang=ru").await;
    assert!(page.text.contains("1 учётная запись"));
    for name in ["a1", "a2"] {
        app.token(name, Role::Contributor).await;
    }
    assert!(
        admin
            .get("/admin/users")
            .await
            .text
            .contains("3 учётные записи")
    );
    for name in ["a3", "a4"] {
        app.token(name, Role::Contributor).await;
    }
    assert!(
        admin
            .get("/admin/users")
            .await
            .text
            .contains("5 учётных записей")
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = app().await;
    app.token("mona", Role::Moderator).await;
    let mut admin = app.browser_as("root", Role::Admin).await;
    let before = app.counts().await;
    let attempts: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "/account/password",
            vec![
                ("current", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("repeat", NEW_PASSWORD),
            ],
        ),
        (
            "/admin/users",
            vec![("name", "nina"), ("role", "admin"), ("password", "")],
        ),
        ("/admin/users/mona/role", vec![("role", "admin")]),
        ("/admin/users/mona/disable", vec![]),
        ("/admin/users/mona/enable", vec![("csrf", "00")]),
    ];
    for (path, fields) in attempts {
        let reply = admin.post_raw(path, &fields).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        assert!(reply.text.contains("This form has expired"), "{path}");
    }
    assert_eq!(app.counts().await, before);
    assert_eq!(
        login_status(&app, "root", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
}
