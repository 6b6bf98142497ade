//! Machine translation in the browser: a translator's machine draft and a reader's machine
//! translation of a comment or report, through the real Apertium APy server where it is
//! installed. An engine that is down, slow or lacks the pair gives a clear message, never a 5xx.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Reply, TestApp, apertium, engine};
use cronaca::config::{Config, MtEngineConfig};
use cronaca::domain::language::LanguageTag;
use cronaca::domain::role::Role;
use cronaca::domain::translation::ItemKind;
use serde_json::json;

fn config(url: &str) -> Config {
    Config {
        machine_translation: Some(MtEngineConfig::Apertium {
            url: url.to_owned(),
        }),
        machine_translation_timeout: Duration::from_secs(5),
        logins_per_minute: 1000,
        member_writes_per_minute: 1000,
        guest_writes_per_minute: 1000,
        ..Config::default()
    }
}

/// An address where nothing answers: the engine is down.
fn nowhere() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

fn es() -> LanguageTag {
    LanguageTag::parse("es").unwrap()
}

struct World {
    slug: String,
    thread: String,
    update: String,
    report: String,
    comment: String,
    /// A comment waiting for a moderator.
    pending: String,
}

/// A premoderated thread in English with an update, a published report, an approved comment
/// and a pending one.
async fn world(app: &TestApp) -> World {
    let editor = app.token("desk", Role::Editor).await;
    let contributor = app.token("reader", Role::Contributor).await;
    let t = app
        .thread(
            &editor,
            json!({"title": "Bridge", "lead": "The city.", "language": "en",
                   "comment_policy": "premoderated"}),
        )
        .await;
    let thread = t["id"].as_str().unwrap().to_owned();
    let update = app
        .update(&editor, &thread, "The **bridge** is closed.")
        .await;
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            json!({"name": "City Hall", "kind": "official"}),
        )
        .await;
    assert_eq!(source.status, StatusCode::CREATED, "{}", source.text);
    let report = app
        .post(
            &format!("/api/v1/threads/{thread}/reports"),
            Some(&editor),
            json!({"body": "The bridge is closed.", "language": "en",
                   "source": source.json["id"], "stated_at": "2026-11-25T08:00:00Z"}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    let mut comments = Vec::new();
    for (token, body) in [
        (&editor, "The house is big and the dog is small."),
        (&contributor, "The cat is black."),
    ] {
        let c = app
            .post(
                &format!("/api/v1/threads/{thread}/comments"),
                Some(token),
                json!({ "body": body }),
            )
            .await;
        assert_eq!(c.status, StatusCode::CREATED, "{}", c.text);
        comments.push(c.json["id"].as_str().unwrap().to_owned());
    }
    World {
        slug: t["slug"].as_str().unwrap().to_owned(),
        update: update["id"].as_str().unwrap().to_owned(),
        report: report.json["id"].as_str().unwrap().to_owned(),
        pending: comments.pop().unwrap(),
        comment: comments.pop().unwrap(),
        thread,
    }
}

/// A reader's request for the fragment only, as `mt.js` makes it.
async fn fragment(app: &TestApp, path: &str) -> Reply {
    let req = Request::get(path)
        .header(header::ACCEPT, "text/html")
        .header("x-fragment", "1")
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_reader_sees_a_labelled_machine_translation_that_is_kept() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let app = TestApp::with_config(config(server.url())).await;
    let w = world(&app).await;

    let page = app.get(&format!("/mt/report/{}?lang=es", w.report)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Machine translation by Apertium"));
    assert!(page.text.contains("lang=\"es\""));
    assert!(
        page.text.contains("lang=\"en\""),
        "the original is marked too"
    );
    assert!(page.text.to_lowercase().contains("puente"), "{}", page.text);
    assert!(
        page.text.contains("The bridge is closed."),
        "the original beside it"
    );
    assert!(page.text.contains(&format!("/t/{}#r-{}", w.slug, w.report)));
    let kept = app
        .store
        .machine_translation("report", &w.report, &es(), "Apertium")
        .await
        .unwrap()
        .expect("kept in the store");
    assert_eq!(kept.engine, "Apertium");
    assert_eq!(kept.from_language.as_str(), "en");
    assert!(kept.text.to_lowercase().contains("puente"));

    // The fragment alone, by header or by query.
    let f = fragment(&app, &format!("/mt/comment/{}?lang=es", w.comment)).await;
    assert_eq!(f.status, StatusCode::OK, "{}", f.text);
    assert!(!f.text.contains("<html"));
    assert!(f.text.contains("class=\"mt-result\""));
    assert!(f.text.contains("Machine translation by Apertium"));
    assert!(f.text.to_lowercase().contains("casa"), "{}", f.text);
    let f = app
        .get(&format!("/mt/comment/{}?lang=es&fragment=1", w.comment))
        .await;
    assert!(!f.text.contains("<html"));
    assert!(
        app.store
            .machine_translation("comment", &w.comment, &es(), "Apertium")
            .await
            .unwrap()
            .is_some()
    );

    // Only what readers see can be translated, and only comments and reports here.
    for path in [
        format!("/mt/comment/{}?lang=es", w.pending),
        "/mt/comment/nope?lang=es".to_owned(),
        format!("/mt/update/{}?lang=es", w.update),
        format!("/mt/thread/{}?lang=es", w.thread),
    ] {
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        fragment(&app, &format!("/mt/comment/{}?lang=es", w.pending))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A pair the engine lacks is said plainly.
    let ja = app.get(&format!("/mt/report/{}?lang=ja", w.report)).await;
    assert_eq!(ja.status, StatusCode::OK, "{}", ja.text);
    assert!(
        ja.text
            .contains("Apertium cannot translate from English into Japanese"),
        "{}",
        ja.text
    );
    let same = app.get(&format!("/mt/report/{}?lang=en", w.report)).await;
    assert!(same.status.as_u16() < 500);
    assert!(same.text.contains("already in English"));

    // Once the engine is gone, kept translations are still shown; new ones say why not.
    server.stop().await;
    let again = app.get(&format!("/mt/report/{}?lang=es", w.report)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.text.to_lowercase().contains("puente"));
    // (English to Italian goes through Spanish; asking for Italian also shows the page in it.)
    let down = app.get(&format!("/mt/report/{}?lang=it", w.report)).await;
    assert_eq!(down.status, StatusCode::OK, "{}", down.text);
    assert!(
        down.text
            .contains("Il motore di traduzione automatica (Apertium) non risponde"),
        "{}",
        down.text
    );
    let down = fragment(&app, &format!("/mt/comment/{}?lang=es-MX", w.comment)).await;
    assert_eq!(down.status, StatusCode::OK, "{}", down.text);
    assert!(down.text.contains("role=\"alert\""));
    assert!(
        down.text.contains(
            "The machine translation engine (Apertium) is not answering; try again later"
        ),
        "{}",
        down.text
    );
}

#[tokio::test]
async fn a_translator_gets_a_machine_draft_until_a_person_saves() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let app = TestApp::with_config(config(server.url())).await;
    let w = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{}/translate/update/{}/es", w.slug, w.update);
    let form = tr.get(&path).await;
    assert!(
        form.text.contains("Machine draft (Apertium)"),
        "{}",
        form.text
    );

    let made = tr
        .post_form(&format!("{path}/machine"), &[("source_revision", "1")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    assert_eq!(
        made.headers["location"].to_str().unwrap(),
        format!("{path}?done=machine")
    );
    let t = app
        .store
        .translation_of(ItemKind::Update, &w.update, &es())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.latest.machine.as_deref(), Some("Apertium"));
    assert!(t.latest.body.contains("**puente**"), "{}", t.latest.body);
    assert!(t.published.is_none());
    let page = tr.get(&format!("{path}?done=machine")).await;
    assert!(page.text.contains("Machine draft saved"));
    assert!(page.text.contains("Machine-made by Apertium"));
    assert!(
        page.text.contains("value=\"tr (display)\""),
        "a person saving is credited"
    );
    let overview = tr.get(&format!("/t/{}/translations", w.slug)).await;
    assert!(overview.text.contains("Machine-made by Apertium"));

    // A person's save is theirs.
    let saved = tr
        .post_form(
            &path,
            &[
                ("body", "El **puente** está cerrado."),
                ("translator", "tr (display)"),
                ("source_revision", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let t = app
        .store
        .translation_of(ItemKind::Update, &w.update, &es())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.latest.revision, 2);
    assert_eq!(t.latest.machine, None);
    assert_eq!(t.latest.translator.name, "tr (display)");
    let overview = tr.get(&format!("/t/{}/translations", w.slug)).await;
    assert!(!overview.text.contains("Machine-made by Apertium"));

    // The thread's title and lead are translated apart.
    let thread_path = format!("/t/{}/translate/thread/{}/es", w.slug, w.thread);
    let made = tr.post_form(&format!("{thread_path}/machine"), &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let t = app
        .store
        .translation_of(ItemKind::Thread, &w.thread, &es())
        .await
        .unwrap()
        .unwrap();
    assert!(
        t.latest
            .title
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("puente")
    );

    // A pair the engine lacks, then the engine gone: the form again with the reason.
    let ja = format!("/t/{}/translate/update/{}/ja", w.slug, w.update);
    let refused = tr.post_form(&format!("{ja}/machine"), &[]).await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.text);
    assert!(
        refused
            .text
            .contains("Apertium cannot translate from English into Japanese"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("id=\"translation-form\""));
    server.stop().await;
    let down = tr.post_form(&format!("{path}/machine"), &[]).await;
    assert_eq!(down.status, StatusCode::OK, "{}", down.text);
    assert!(
        down.text.contains(
            "The machine translation engine (Apertium) is not answering; try again later"
        ),
        "{}",
        down.text
    );
    assert!(
        down.text.contains("El **puente** está cerrado."),
        "the form keeps the text"
    );
    let t = app
        .store
        .translation_of(ItemKind::Update, &w.update, &es())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.latest.revision, 2, "nothing saved");
}

#[tokio::test]
async fn without_an_engine_machine_translation_is_not_found() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let page = app.get(&format!("/mt/report/{}?lang=es", w.report)).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.text
            .contains("Machine translation is not set up on this site")
    );
    let f = fragment(&app, &format!("/mt/comment/{}?lang=es", w.comment)).await;
    assert_eq!(f.status, StatusCode::NOT_FOUND);
    assert!(f.text.contains("not set up"));
    assert!(!f.text.contains("<html"));
    assert!(
        f.headers
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap().contains("X-Fragment")),
        "a cache must tell the fragment from the page"
    );
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let form = tr
        .get(&format!("/t/{}/translate/update/{}/es", w.slug, w.update))
        .await;
    assert!(!form.text.contains("Machine draft"));
}

#[tokio::test]
async fn an_engine_that_is_down_never_breaks_the_page_and_guests_are_limited() {
    let app = TestApp::with_config(Config {
        guest_writes_per_minute: 2,
        ..config(&nowhere())
    })
    .await;
    let w = world(&app).await;
    for lang in ["es", "fr"] {
        let page = app
            .get(&format!("/mt/report/{}?lang={lang}", w.report))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert!(page.text.contains("is not answering"));
        assert!(page.text.contains("The bridge is closed."));
    }
    // Each request reaching the engine counts against the guest's quota.
    let limited = app.get(&format!("/mt/report/{}?lang=de", w.report)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.text.contains("Too many translations"));
    let limited = fragment(&app, &format!("/mt/comment/{}?lang=de", w.comment)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!limited.text.contains("<html"));
    // Staff are not limited, and see the engine's state too.
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let page = ed.get(&format!("/mt/report/{}?lang=fr", w.report)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("is not answering"));
    let bad = app.get(&format!("/mt/report/{}?lang=12", w.report)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// The page's machine draft is the API's: the same validation, the original's revision the
/// translator saw, the engine credited.
#[tokio::test]
async fn a_machine_draft_from_the_page_is_validated_like_the_apis() {
    let app = TestApp::with_config(engine::config(engine::start().await)).await;
    let w = world(&app).await;
    let editor = app.token("desk2", Role::Editor).await;
    let edited = app
        .patch(
            &format!("/api/v1/updates/{}", w.update),
            Some(&editor),
            json!({"body": "The **bridge** is closed again."}),
        )
        .await;
    assert_eq!(edited.json["revision"], 2, "{}", edited.text);
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{}/translate/update/{}/es", w.slug, w.update);
    let form = tr.get(&path).await;
    assert!(
        form.text.contains("Machine draft (LibreTranslate)"),
        "{}",
        form.text
    );
    let made = tr
        .post_form(&format!("{path}/machine"), &[("source_revision", "2")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text);
    let t = app
        .store
        .translation_of(ItemKind::Update, &w.update, &es())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.latest.machine.as_deref(), Some("LibreTranslate"));
    assert_eq!(t.latest.translator.name, "LibreTranslate");
    assert_eq!(t.latest.body, "[es] The **bridge** is closed again.");
    assert_eq!(t.latest.source_revision, 2);
    assert!(!translation_is_stale(&t));

    // Too long to keep: the form again, saying so, and nothing saved.
    let long = app
        .update(&editor, &w.thread, "The OVERFLOW of the river.")
        .await;
    let long = long["id"].as_str().unwrap();
    let path = format!("/t/{}/translate/update/{long}/es", w.slug);
    let refused = tr.post_form(&format!("{path}/machine"), &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.text.contains("id=\"translation-form\""));
    assert!(
        app.store
            .translation_of(ItemKind::Update, long, &es())
            .await
            .unwrap()
            .is_none()
    );

    // A revision of the original that does not exist is refused too.
    let path = format!("/t/{}/translate/update/{}/it", w.slug, w.update);
    let ahead = tr
        .post_form(&format!("{path}/machine"), &[("source_revision", "9")])
        .await;
    assert_eq!(
        ahead.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        ahead.text
    );
    let it = LanguageTag::parse("it").unwrap();
    assert!(
        app.store
            .translation_of(ItemKind::Update, &w.update, &it)
            .await
            .unwrap()
            .is_none()
    );
}

fn translation_is_stale(t: &cronaca::domain::translation::Translation) -> bool {
    cronaca::domain::translation::is_stale(t.latest.source_revision, t.original_revision)
}
