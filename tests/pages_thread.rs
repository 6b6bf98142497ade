//! The thread page and the editors' pages, through the real router, as a browser would use them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Browser, TestApp};
use cronaca::domain::comment::NewComment;
use cronaca::domain::role::Role;
use cronaca::domain::update::NewUpdate;
use cronaca::domain::user::Actor;
use serde_json::json;

async fn thread_with_updates(app: &TestApp, editor: &str) -> (String, String, Vec<String>) {
    let t = app
        .thread(
            editor,
            json!({"title": "Unrest in Valdoria", "lead": "**Lead** text", "language": "en",
                               "comment_policy": "premoderated", "guests_may_comment": true}),
        )
        .await;
    let id = t["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for body in ["First *news*", "Second news", "Third news"] {
        ids.push(
            app.update(editor, &id, body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    (id, t["slug"].as_str().unwrap().to_owned(), ids)
}

#[tokio::test]
async fn thread_page_shows_lead_updates_newest_first_and_struck_updates() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_updates(&app, &editor).await;
    app.post(
        &format!("/api/v1/updates/{}/strike", ids[0]),
        Some(&editor),
        json!({"reason": "Wrong town", "corrected_by": ids[2]}),
    )
    .await;
    app.patch(
        &format!("/api/v1/updates/{}", ids[1]),
        Some(&editor),
        json!({"body": "Second news, corrected"}),
    )
    .await;

    let page = Browser::new(&app).get(&format!("/t/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.text;
    assert!(html.contains("<h1 lang=\"en\">Unrest in Valdoria</h1>"));
    assert!(html.contains("<strong>Lead</strong>"));
    let third = html.find("Third news").unwrap();
    let second = html.find("Second news, corrected").unwrap();
    let first = html.find("First <em>news</em>").unwrap();
    assert!(third < second && second < first, "newest first");
    assert!(html.contains(&format!(
        r#"<li class="update struck" id="u-{}" lang="en">"#,
        ids[0]
    )));
    assert!(html.contains("Wrong town"));
    assert!(html.contains(&format!(r##"href="#u-{}">See the correction"##, ids[2])));
    assert!(html.contains(&format!(
        r#"href="/t/{slug}/updates/{}/revisions">edited"#,
        ids[1]
    )));
    assert!(
        html.contains(&format!(r#"href="/t/{slug}/feed.atom""#)),
        "feed autodiscovery"
    );
    assert!(!html.contains("id=\"composer\""), "readers get no composer");

    let oldest = Browser::new(&app)
        .get(&format!("/t/{slug}?order=oldest"))
        .await
        .text;
    assert!(oldest.find("First <em>news</em>").unwrap() < oldest.find("Third news").unwrap());

    let revisions = Browser::new(&app)
        .get(&format!("/t/{slug}/updates/{}/revisions", ids[1]))
        .await;
    assert_eq!(revisions.status, StatusCode::OK);
    assert!(
        revisions.text.contains("Second news, corrected")
            && revisions.text.contains("Second news</p>")
    );
}

#[tokio::test]
async fn thread_page_speaks_the_readers_language() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, _) = thread_with_updates(&app, &editor).await;
    for (lang, word) in [
        ("en", "Updates"),
        ("it", "Aggiornamenti"),
        ("ru", "Обновления"),
    ] {
        let page = Browser::new(&app)
            .get(&format!("/t/{slug}?lang={lang}"))
            .await;
        assert!(page.text.contains(&format!(r#"<html lang="{lang}">"#)));
        assert!(page.text.contains(&format!(">{word}</h2>")), "{lang}");
    }
    let missing = Browser::new(&app).get("/t/no-such-thread?lang=it").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text.contains("Pagina non trovata"));
}

#[tokio::test]
async fn editor_posts_previews_and_is_told_about_bad_input() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (thread_id, slug, _) = thread_with_updates(&app, &editor).await;
    let mut desk = app.browser_as("desk", Role::Editor).await;
    assert!(
        desk.get(&format!("/t/{slug}"))
            .await
            .text
            .contains("id=\"composer\"")
    );

    let preview = desk
        .post_form(
            &format!("/t/{slug}/updates"),
            &[("body", "**Breaking**"), ("intent", "preview")],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.text.contains("<strong>Breaking</strong>"));
    let before = app.counts().await;

    let empty = desk
        .post_form(
            &format!("/t/{slug}/updates"),
            &[("body", "  "), ("intent", "post")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("Please check this field: text."));
    let no_csrf = desk
        .post_raw(&format!("/t/{slug}/updates"), &[("body", "x")])
        .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.counts().await,
        before,
        "a preview or a refusal writes nothing"
    );

    let posted = desk
        .post_form(
            &format!("/t/{slug}/updates"),
            &[("body", "Fourth news"), ("intent", "post")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let latest = app
        .get(&format!("/api/v1/threads/{thread_id}/updates?limit=1"))
        .await;
    assert_eq!(latest.json["items"][0]["body"], "Fourth news");
    assert_eq!(latest.json["items"][0]["author"]["name"], "desk (display)");

    let fragment = desk
        .post_form("/preview", &[("body", "<script>x</script>\n\n*ok*")])
        .await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(fragment.text.contains("<em>ok</em>") && !fragment.text.contains("<script"));
}

#[tokio::test]
async fn editor_opens_and_changes_a_thread_through_forms() {
    let app = TestApp::new().await;
    let mut desk = app.browser_as("desk", Role::Editor).await;
    let form = desk.get("/new?lang=it").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("Nuova diretta"));

    let created = desk
        .post_form(
            "/new",
            &[
                ("title", "Alluvione a Valdora"),
                ("lead", "Piove"),
                ("language", "it"),
                ("comment_policy", "premoderated"),
                ("guests_may_comment", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    assert_eq!(created.headers["location"], "/t/alluvione-a-valdora");
    let thread = app.get("/api/v1/threads/alluvione-a-valdora").await.json;
    assert_eq!(thread["comment_policy"], "premoderated");
    assert_eq!(thread["guests_may_comment"], true);

    let bad = desk
        .post_form(
            "/new",
            &[
                ("title", "X"),
                ("language", "xx-!!"),
                ("comment_policy", "premoderated"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Controlla questo campo: lingua."));
    assert!(bad.text.contains("value=\"X\""), "what was typed is kept");

    let edit = desk
        .post_form(
            "/t/alluvione-a-valdora/edit",
            &[
                ("title", "Alluvione a Valdora: il giorno dopo"),
                ("lead", "Piove ancora"),
                ("language", "it"),
                ("status", "open"),
                ("comment_policy", "postmoderated"),
                ("slow_mode_seconds", "30"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER);
    let thread = app.get("/api/v1/threads/alluvione-a-valdora").await.json;
    assert_eq!(thread["title"], "Alluvione a Valdora: il giorno dopo");
    assert_eq!(thread["slow_mode_seconds"], 30);
    assert_eq!(
        thread["guests_may_comment"], false,
        "an unticked box turns guests off"
    );
}

#[tokio::test]
async fn editing_pages_are_for_editors_only() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_updates(&app, &editor).await;
    let mut guest = Browser::new(&app);
    let to_login = guest.get("/new").await;
    assert_eq!(to_login.status, StatusCode::SEE_OTHER);
    assert_eq!(to_login.headers["location"], "/login?next=%2Fnew");
    let mut reader = app.browser_as("reader", Role::Contributor).await;
    for path in [
        "/new".to_owned(),
        format!("/t/{slug}/edit"),
        format!("/t/{slug}/updates/{}/edit", ids[0]),
        format!("/t/{slug}/updates/{}/strike", ids[0]),
    ] {
        assert_eq!(
            reader.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let before = app.counts().await;
    let posted = reader
        .post_form(&format!("/t/{slug}/updates"), &[("body", "x")])
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    assert_eq!(app.counts().await, before);
}

#[tokio::test]
async fn editor_edits_and_strikes_through_forms() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let (_, slug, ids) = thread_with_updates(&app, &editor).await;
    let mut desk = app.browser_as("desk", Role::Editor).await;

    let form = desk
        .get(&format!("/t/{slug}/updates/{}/edit", ids[1]))
        .await;
    assert!(form.text.contains("Second news"));
    let saved = desk
        .post_form(
            &format!("/t/{slug}/updates/{}/edit", ids[1]),
            &[("body", "Second news, fixed")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let revisions = app
        .get(&format!("/api/v1/updates/{}/revisions", ids[1]))
        .await;
    assert_eq!(revisions.json.as_array().unwrap().len(), 2);

    let strike_form = desk
        .get(&format!("/t/{slug}/updates/{}/strike", ids[0]))
        .await;
    assert!(
        strike_form
            .text
            .contains(&format!(r#"<option value="{}">"#, ids[2])),
        "other updates are offered as the correction"
    );
    let struck = desk
        .post_form(
            &format!("/t/{slug}/updates/{}/strike", ids[0]),
            &[("reason", "Not confirmed"), ("corrected_by", &ids[2])],
        )
        .await;
    assert_eq!(struck.status, StatusCode::SEE_OTHER);
    let again = desk
        .post_form(
            &format!("/t/{slug}/updates/{}/strike", ids[0]),
            &[("reason", "Again")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text.contains("This update is already struck."));
    let wrong_thread = desk
        .get(&format!("/t/no-such/updates/{}/edit", ids[0]))
        .await;
    assert_eq!(wrong_thread.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn guest_comments_wait_for_a_moderator_and_replies_nest() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let moderator = app.token("mod", Role::Moderator).await;
    let (thread_id, slug, _) = thread_with_updates(&app, &editor).await;
    let mut guest = Browser::new(&app);
    let page = guest.get(&format!("/t/{slug}")).await;
    assert!(
        page.text
            .contains("Comments are read by a moderator before they appear.")
    );

    let no_name = guest
        .post_form(&format!("/t/{slug}/comments"), &[("body", "Seen it")])
        .await;
    assert_eq!(no_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_name
            .text
            .contains("Please check this field: name to show.")
    );
    assert!(
        no_name.text.contains(">Seen it</textarea>"),
        "the comment is kept"
    );

    let sent = guest
        .post_form(
            &format!("/t/{slug}/comments"),
            &[("body", "Seen it"), ("author_name", "Witness")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        sent.headers["location"],
        format!("/t/{slug}?done=pending#yours")
    );
    let after = guest.get(&format!("/t/{slug}?done=pending")).await.text;
    assert!(after.contains("Your comment will appear once a moderator has read it."));
    assert!(
        !Browser::new(&app)
            .get(&format!("/t/{slug}"))
            .await
            .text
            .contains("Seen it"),
        "only its writer sees a waiting comment"
    );

    let queue = app.get_as("/api/v1/moderation/queue", &moderator).await;
    let cid = queue.json["items"][0]["comment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        &format!("/api/v1/comments/{cid}/moderation"),
        Some(&moderator),
        json!({"action": "approve"}),
    )
    .await;
    let shown = guest.get(&format!("/t/{slug}")).await.text;
    assert!(
        shown.contains("Seen it")
            && shown.contains(
                r#"<span class="author">Witness</span> <span class="badge">guest</span>"#
            )
    );

    let reply_form = guest.get(&format!("/t/{slug}?reply_to={cid}")).await.text;
    assert!(reply_form.contains(&format!(r#"name="parent_id" value="{cid}""#)));
    let mut modb = app.browser_as("modb", Role::Moderator).await;
    let reply = modb
        .post_form(
            &format!("/t/{slug}/comments"),
            &[("body", "Thanks"), ("parent_id", &cid)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "staff publish at once");
    let nested = guest.get(&format!("/t/{slug}")).await.text;
    let outer = nested.find(&format!("id=\"c-{cid}\"")).unwrap();
    let replies = nested[outer..].find("<ol class=\"replies\">").unwrap() + outer;
    assert!(replies < nested.find("Thanks").unwrap());
    let listed = app
        .get(&format!("/api/v1/threads/{thread_id}/comments"))
        .await;
    assert_eq!(listed.json["items"][0]["replies"][0]["body"], "Thanks");
}

#[tokio::test]
async fn readers_flag_and_moderators_remove_comments_from_the_page() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app
        .thread(
            &editor,
            json!({"title": "T", "language": "en", "guests_may_comment": true}),
        )
        .await;
    let slug = t["slug"].as_str().unwrap();
    let c = app
        .post(
            &format!("/api/v1/threads/{slug}/comments"),
            None,
            json!({"body": "rude words", "author_name": "G"}),
        )
        .await;
    let cid = c.json["id"].as_str().unwrap();

    let mut reader = Browser::new(&app);
    let form = reader.get(&format!("/c/{cid}/flag")).await;
    assert_eq!(form.status, StatusCode::OK);
    let flagged = reader
        .post_form(&format!("/c/{cid}/flag"), &[("reason", "insult")])
        .await;
    assert_eq!(flagged.status, StatusCode::SEE_OTHER);
    let empty = reader
        .post_form(&format!("/c/{cid}/flag"), &[("reason", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut contributor = app.browser_as("c", Role::Contributor).await;
    let refused = contributor
        .post_form(&format!("/c/{cid}/moderate"), &[("action", "delete")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut moderator = app.browser_as("m", Role::Moderator).await;
    assert!(
        moderator
            .get(&format!("/t/{slug}"))
            .await
            .text
            .contains(&format!("/c/{cid}/moderate"))
    );
    let removed = moderator
        .post_form(&format!("/c/{cid}/moderate"), &[("action", "delete")])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(
        !reader
            .get(&format!("/t/{slug}"))
            .await
            .text
            .contains("rude words")
    );
}

#[tokio::test]
async fn closed_threads_take_no_comments() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app
        .thread(
            &editor,
            json!({"title": "T", "language": "en", "guests_may_comment": true}),
        )
        .await;
    let slug = t["slug"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/threads/{slug}"),
        Some(&editor),
        json!({"status": "closed"}),
    )
    .await;
    let mut guest = Browser::new(&app);
    let page = guest.get(&format!("/t/{slug}")).await.text;
    assert!(page.contains("This thread is closed: comments are no longer taken."));
    assert!(!page.contains("id=\"reply\""));
    let sent = guest
        .post_form(
            &format!("/t/{slug}/comments"),
            &[("body", "x"), ("author_name", "G")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::CONFLICT);
    assert!(sent.text.contains("This thread is closed."));
}

/// Acceptance: a thread of 50 updates and 200 comments stays small enough for a bad connection.
#[tokio::test]
async fn a_busy_thread_page_stays_small() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let t = app.thread(&editor, json!({"title": "Busy thread", "lead": "A lead of a few words.", "language": "en", "guests_may_comment": true})).await;
    let tid = t["id"].as_str().unwrap();
    let actor = Actor::User(app.store.user_by_name("ed").await.unwrap());
    for n in 0..50 {
        let text = NewUpdate {
            body: format!(
                "Update number {n}: officials say the situation in the **capital** is developing; more soon."
            ),
            language: None,
            provenance: None,
        };
        app.store
            .post_update(&actor, tid, text.validate().unwrap())
            .await
            .unwrap();
    }
    for n in 0..50 {
        let root = NewComment {
            body: format!("Comment {n}: I can confirm what the update says about my street."),
            parent_id: None,
            author_name: Some(format!("Reader{n}")),
        };
        let root = app
            .store
            .create_comment(
                &Actor::Guest,
                tid,
                root.validate(cronaca::detect::detect).unwrap(),
            )
            .await
            .unwrap()
            .item;
        for r in 0..3 {
            let reply = NewComment {
                body: format!("Reply {r} to {n}: same here, thanks."),
                parent_id: Some(root.id.clone()),
                author_name: Some(format!("Other{r}")),
            };
            app.store
                .create_comment(
                    &Actor::Guest,
                    tid,
                    reply.validate(cronaca::detect::detect).unwrap(),
                )
                .await
                .unwrap();
        }
    }
    let plain = Browser::new(&app).get("/t/busy-thread").await;
    assert_eq!(plain.text.matches("class=\"update\" id=\"u-0").count(), 50);
    assert_eq!(
        plain.text.matches("<li class=\"comment\" id=\"c-0").count(),
        200
    );
    let req = Request::get("/t/busy-thread")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router(), req).await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes()
        .len();
    eprintln!(
        "thread page: {} bytes, {compressed} compressed",
        plain.text.len()
    );
    assert!(
        plain.text.len() < 120 * 1024,
        "HTML is {} bytes",
        plain.text.len()
    );
    assert!(
        compressed < 30 * 1024,
        "compressed HTML is {compressed} bytes"
    );
    let assets = include_str!("../static/app.css").len() + include_str!("../static/live.js").len();
    assert!(assets < 40 * 1024, "CSS and JS are {assets} bytes");
    assert!(
        !plain.text.contains("http://") && !plain.text.contains("https://"),
        "no other host is named"
    );
}

/// The thread page leads to what a reader can do with the board: submit a report, see the
/// indicators and sources, open a report's details.
#[tokio::test]
async fn thread_page_links_to_reports_indicators_and_sources() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Links").await;
    let slug = thread["slug"].as_str().unwrap();
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            serde_json::json!({"name": "Wire", "kind": "agency"}),
        )
        .await;
    let sid = source.json["id"].as_str().unwrap();
    let report = app
        .post(
            &format!("/api/v1/threads/{slug}/reports"),
            Some(&editor),
            serde_json::json!({"body": "Seen", "source": sid}),
        )
        .await;
    let rid = report.json["id"].as_str().unwrap();
    let mut guest = Browser::new(&app);
    let page = guest.get(&format!("/t/{slug}?lang=en")).await;
    assert!(
        !page.text.contains("/reports/new"),
        "this thread takes no guests"
    );
    assert!(
        page.text
            .contains(&format!("href=\"/t/{slug}/indicators\""))
    );
    assert!(page.text.contains(&format!("href=\"/sources/{sid}\"")));
    assert!(page.text.contains(&format!("href=\"/r/{rid}\"")));
    let mut reader = app.browser_as("lettore", Role::Contributor).await;
    let page = reader.get(&format!("/t/{slug}?done=report&lang=en")).await;
    assert!(
        page.text
            .contains(&format!("href=\"/t/{slug}/reports/new\""))
    );
    assert!(page.text.contains("Report published."));
}
