//! The translators' pages through the real router and a real database: who may see them, what a
//! saved form writes, who may publish, the trusted translators, and stale translations.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, Reply, TestApp};
use cronaca::config::Config;
use cronaca::domain::language::LanguageTag;
use cronaca::domain::role::Role;
use cronaca::domain::translation::{ItemKind, Translation};
use serde_json::json;

async fn app() -> TestApp {
    TestApp::with_config(Config {
        logins_per_minute: 1000,
        member_writes_per_minute: 1000,
        guest_writes_per_minute: 1000,
        ..Default::default()
    })
    .await
}

fn location(reply: &Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

/// A thread in English with one update; returns (slug, thread id, update id, editor token).
async fn world(app: &TestApp) -> (String, String, String, String) {
    let editor = app.token("desk", Role::Editor).await;
    let t = app
        .thread(
            &editor,
            json!({"title": "Bridge closed", "lead": "The **bridge** is closed.", "language": "en"}),
        )
        .await;
    let tid = t["id"].as_str().unwrap().to_owned();
    let u = app
        .update(&editor, &tid, "The bridge reopened at noon.")
        .await;
    (
        t["slug"].as_str().unwrap().to_owned(),
        tid,
        u["id"].as_str().unwrap().to_owned(),
        editor,
    )
}

async fn translation(app: &TestApp, kind: ItemKind, id: &str, lang: &str) -> Option<Translation> {
    app.store
        .translation_of(kind, id, &LanguageTag::parse(lang).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn only_translators_editors_and_admins_see_the_translations_page() {
    let app = app().await;
    let (slug, _, _, _) = world(&app).await;
    let path = format!("/t/{slug}/translations");
    let guest = Browser::new(&app).get(&path).await;
    assert_eq!(guest.status, StatusCode::FORBIDDEN);
    let mut contributor = app.browser_as("reader", Role::Contributor).await;
    assert_eq!(contributor.get(&path).await.status, StatusCode::FORBIDDEN);
    let mut moderator = app.browser_as("mod", Role::Moderator).await;
    assert_eq!(moderator.get(&path).await.status, StatusCode::FORBIDDEN);
    for (name, role) in [
        ("tr", Role::Translator),
        ("ed", Role::Editor),
        ("boss", Role::Admin),
    ] {
        let mut b = app.browser_as(name, role).await;
        let page = b.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{name}: {}", page.text);
        assert!(page.text.contains("<h1>Translations</h1>"), "{}", page.text);
        assert!(page.text.contains("Title and lead"));
        assert!(page.text.contains("The bridge reopened at noon."));
    }
    // The one translating page refuses the same people.
    let guest = Browser::new(&app)
        .get(&format!("/t/{slug}/translations?add=it"))
        .await;
    assert_eq!(guest.status, StatusCode::FORBIDDEN);
    assert_eq!(
        Browser::new(&app)
            .get("/t/nowhere/translations")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut tr = app.browser_as("tr2", Role::Translator).await;
    assert_eq!(
        tr.get("/t/nowhere/translations").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_language_column_is_added_by_the_picker() {
    let app = app().await;
    let (slug, _, uid, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let page = tr.get(&format!("/t/{slug}/translations")).await;
    assert!(page.text.contains("Nothing is translated yet"));
    let page = tr.get(&format!("/t/{slug}/translations?add=es")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<th scope=\"col\">Spanish</th>"));
    assert!(
        page.text
            .contains(&format!("/t/{slug}/translate/update/{uid}/es"))
    );
    assert!(page.text.contains("Not translated"));
    let bad = tr
        .get(&format!("/t/{slug}/translations?add=not+a+tag"))
        .await;
    assert!(bad.text.contains("id=\"f-add-error\""), "{}", bad.text);
    let same = tr.get(&format!("/t/{slug}/translations?add=en-GB")).await;
    assert!(same.text.contains("written in this language already"));
}

#[tokio::test]
async fn a_translator_saves_drafts_and_revisions() {
    let app = app().await;
    let (slug, _, uid, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{slug}/translate/update/{uid}/it");
    let form = tr.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text);
    assert!(form.text.contains("Translation into Italian"));
    assert!(form.text.contains("The bridge reopened at noon."));
    assert!(form.text.contains("revision 1"));
    assert!(form.text.contains("name=\"source_revision\" value=\"1\""));
    assert!(
        form.text.contains("value=\"tr (display)\""),
        "translator defaults"
    );
    assert!(form.text.contains("lang=\"it\""));
    assert!(!form.text.contains("Machine draft"), "no engine configured");

    // A preview renders the notes and saves nothing.
    let preview = tr
        .post_form(
            &path,
            &[
                ("body", "Il ponte [[bridge]] ha riaperto."),
                ("source_revision", "1"),
                ("intent", "preview"),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.text.contains("role=\"note\""), "{}", preview.text);
    assert!(
        translation(&app, ItemKind::Update, &uid, "it")
            .await
            .is_none()
    );

    // Errors are shown next to their field, with the text kept.
    let empty = tr
        .post_form(&path, &[("body", "  "), ("intent", "save")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("id=\"f-body-error\""), "{}", empty.text);
    let bad_url = tr
        .post_form(
            &path,
            &[
                ("body", "Il ponte ha riaperto."),
                ("translator", "A. Lettrice"),
                ("translator_url", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(bad_url.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_url.text.contains("id=\"f-translator_url-error\""));
    assert!(bad_url.text.contains("Il ponte ha riaperto."));

    // Without the CSRF token nothing is written.
    let forged = tr.post_raw(&path, &[("body", "x")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let saved = tr
        .post_form(
            &path,
            &[
                ("body", "Il ponte [[bridge]] ha riaperto."),
                ("translator", "A. Lettrice"),
                ("publication", "Esempio Italia"),
                ("publication_url", "https://esempio.example"),
                ("source_revision", "1"),
                ("intent", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(location(&saved), format!("{path}?done=saved"));
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert_eq!(t.latest.revision, 1);
    assert!(t.published.is_none());
    assert_eq!(t.latest.translator.name, "A. Lettrice");
    assert_eq!(
        t.latest.publication.as_ref().unwrap().name,
        "Esempio Italia"
    );
    assert_eq!(t.latest.machine, None);

    let again = tr
        .post_form(
            &path,
            &[
                ("body", "Il ponte [[bridge]] è stato riaperto."),
                ("translator", "A. Lettrice"),
                ("source_revision", "1"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert_eq!(t.latest.revision, 2);
    assert!(t.latest.body.contains("è stato riaperto"));

    let page = tr.get(&format!("{path}?done=saved")).await;
    assert!(page.text.contains("Draft saved."));
    assert!(page.text.contains("Revision 2"));
    assert!(page.text.contains("Revision 1"));
    assert!(page.text.contains("è stato riaperto"));
    // An untrusted translator is told an editor publishes, and gets no button.
    assert!(
        page.text
            .contains("An editor of this thread publishes translations")
    );
    assert!(!page.text.contains("/publish\""));

    let overview = tr.get(&format!("/t/{slug}/translations")).await;
    assert!(overview.text.contains("<th scope=\"col\">Italian</th>"));
    assert!(overview.text.contains(">Draft<"), "{}", overview.text);
}

#[tokio::test]
async fn a_thread_translation_has_a_title() {
    let app = app().await;
    let (slug, tid, _, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{slug}/translate/thread/{tid}/ru");
    let form = tr.get(&path).await;
    assert!(form.text.contains("id=\"f-title\""));
    assert!(form.text.contains("Bridge closed"));
    let refused = tr
        .post_form(&path, &[("title", ""), ("body", "Мост закрыт.")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("id=\"f-title-error\""));
    let saved = tr
        .post_form(
            &path,
            &[("title", "Мост закрыт"), ("body", "**Мост** закрыт.")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let t = translation(&app, ItemKind::Thread, &tid, "ru")
        .await
        .unwrap();
    assert_eq!(t.latest.title.as_deref(), Some("Мост закрыт"));
}

#[tokio::test]
async fn unknown_items_are_not_found_and_the_original_language_is_refused() {
    let app = app().await;
    let (slug, _, uid, editor) = world(&app).await;
    let other = app.simple_thread(&editor, "Elsewhere").await;
    let other_update = app
        .update(&editor, other["id"].as_str().unwrap(), "Other")
        .await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    for path in [
        format!("/t/{slug}/translate/update/nope/it"),
        format!("/t/{slug}/translate/poem/{uid}/it"),
        format!(
            "/t/{slug}/translate/update/{}/it",
            other_update["id"].as_str().unwrap()
        ),
        format!(
            "/t/{slug}/translate/thread/{}/it",
            other["id"].as_str().unwrap()
        ),
        format!("/t/nowhere/translate/update/{uid}/it"),
        format!("/t/{slug}/translate/update/{uid}/12"),
    ] {
        assert_eq!(tr.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let same = tr
        .get(&format!("/t/{slug}/translate/update/{uid}/en-GB"))
        .await;
    assert_eq!(same.status, StatusCode::BAD_REQUEST);
    assert!(same.text.contains("already written in English"));
    // Guests and contributors get the 403 page here too.
    let path = format!("/t/{slug}/translate/update/{uid}/it");
    assert_eq!(
        Browser::new(&app).get(&path).await.status,
        StatusCode::FORBIDDEN
    );
    let mut contributor = app.browser_as("reader", Role::Contributor).await;
    assert_eq!(contributor.get(&path).await.status, StatusCode::FORBIDDEN);
    let posted = contributor.post_form(&path, &[("body", "x")]).await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    assert!(
        translation(&app, ItemKind::Update, &uid, "it")
            .await
            .is_none()
    );
}

#[tokio::test]
async fn editors_publish_and_trusted_translators_may_too() {
    let app = app().await;
    let (slug, tid, uid, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{slug}/translate/update/{uid}/it");
    tr.post_form(&path, &[("body", "Il ponte ha riaperto.")])
        .await;
    let publish = format!("{path}/publish");

    // Not trusted: refused, nothing published.
    let refused = tr.post_form(&publish, &[("revision", "1")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert!(t.published.is_none());

    // The editor trusts the translator from the translations page.
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let overview = ed.get(&format!("/t/{slug}/translations")).await;
    assert!(overview.text.contains("Trusted translators"));
    assert!(overview.text.contains("No translator is trusted"));
    let not_translator = ed
        .post_form(
            &format!("/t/{slug}/translators"),
            &[("name", "ed"), ("action", "add")],
        )
        .await;
    assert_eq!(not_translator.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_translator.text.contains("id=\"f-trust-error\""));
    let unknown = ed
        .post_form(
            &format!("/t/{slug}/translators"),
            &[("name", "nobody"), ("action", "add")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.text.contains("nobody"));
    // A translator cannot trust anyone.
    let by_translator = tr
        .post_form(
            &format!("/t/{slug}/translators"),
            &[("name", "tr"), ("action", "add")],
        )
        .await;
    assert_eq!(by_translator.status, StatusCode::FORBIDDEN);
    let trusted = ed
        .post_form(
            &format!("/t/{slug}/translators"),
            &[("name", "tr"), ("action", "add")],
        )
        .await;
    assert_eq!(trusted.status, StatusCode::SEE_OTHER, "{}", trusted.text);
    let overview = ed.get(location(&trusted)).await;
    assert!(overview.text.contains("may now publish"));
    assert!(overview.text.contains("tr (display)"));
    let list = app.store.trusted_translators(&tid).await.unwrap();
    assert_eq!(list.len(), 1);

    // Trusted: the button shows and publishing works.
    let page = tr.get(&path).await;
    assert!(page.text.contains("Publish revision 1"), "{}", page.text);
    let published = tr.post_form(&publish, &[("revision", "1")]).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.text
    );
    assert_eq!(location(&published), format!("{path}?done=published"));
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert_eq!(t.published.as_ref().unwrap().revision, 1);
    // Publishing it again is a conflict shown on the form.
    let twice = tr.post_form(&publish, &[("revision", "1")]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.text.contains("already published"));

    // A newer draft waits while readers keep the published one.
    tr.post_form(&path, &[("body", "Il ponte è stato riaperto.")])
        .await;
    let overview = tr.get(&format!("/t/{slug}/translations")).await;
    assert!(overview.text.contains("Published, newer draft waiting"));

    // The editor removes the trust; the translator can no longer publish.
    let removed = ed
        .post_form(
            &format!("/t/{slug}/translators"),
            &[("name", "tr"), ("action", "remove")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .trusted_translators(&tid)
            .await
            .unwrap()
            .is_empty()
    );
    let refused = tr.post_form(&publish, &[("revision", "2")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Editors publish, and withdraw.
    let published = ed.post_form(&publish, &[("revision", "2")]).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.text
    );
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert_eq!(t.published.as_ref().unwrap().revision, 2);
    let withdrawn = ed.post_form(&format!("{path}/withdraw"), &[]).await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert!(t.published.is_none());
    assert_eq!(
        tr.post_form(&format!("{path}/withdraw"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_edited_original_makes_the_translation_stale_until_a_new_revision_is_published() {
    let app = app().await;
    let (slug, _, uid, editor) = world(&app).await;
    let mut ed = app.browser_as("ed", Role::Editor).await;
    let path = format!("/t/{slug}/translate/update/{uid}/it");
    ed.post_form(
        &path,
        &[
            ("body", "Il ponte ha riaperto a mezzogiorno."),
            ("source_revision", "1"),
        ],
    )
    .await;
    let published = ed
        .post_form(&format!("{path}/publish"), &[("revision", "1")])
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    let page = ed.get(&path).await;
    assert!(!page.text.contains("The original was updated"));

    let edited = app
        .patch(
            &format!("/api/v1/updates/{uid}"),
            Some(&editor),
            json!({"body": "The bridge reopened at 13:00."}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);

    let page = ed.get(&path).await;
    assert!(
        page.text
            .contains("The original was updated after this translation")
    );
    assert!(
        page.text
            .contains("made from revision 1 of the original, which is now at revision 2")
    );
    assert!(
        page.text
            .contains(&format!("/t/{slug}/updates/{uid}/revisions"))
    );
    assert!(page.text.contains("The original as it was at revision 1"));
    assert!(
        page.text.contains("The bridge reopened at noon."),
        "the old text"
    );
    assert!(
        page.text.contains("The bridge reopened at 13:00."),
        "the new text"
    );
    assert!(page.text.contains("name=\"source_revision\" value=\"2\""));
    let overview = ed.get(&format!("/t/{slug}/translations")).await;
    assert!(overview.text.contains("Original changed since"));
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert!(t.stale);

    // A translation saved from what the translator saw before the edit stays stale.
    ed.post_form(
        &path,
        &[
            ("body", "Il ponte ha riaperto a mezzogiorno!"),
            ("source_revision", "1"),
        ],
    )
    .await;
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert_eq!(t.latest.source_revision, 1);

    ed.post_form(
        &path,
        &[
            ("body", "Il ponte ha riaperto alle 13."),
            ("source_revision", "2"),
        ],
    )
    .await;
    let published = ed
        .post_form(&format!("{path}/publish"), &[("revision", "3")])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.text
    );
    let t = translation(&app, ItemKind::Update, &uid, "it")
        .await
        .unwrap();
    assert!(!t.stale);
    let page = ed.get(&path).await;
    assert!(!page.text.contains("The original was updated"));
    let overview = ed.get(&format!("/t/{slug}/translations")).await;
    assert!(!overview.text.contains("Original changed since"));
    assert!(overview.text.contains(">Published<"));
}

#[tokio::test]
async fn without_an_engine_there_is_no_machine_draft() {
    let app = app().await;
    let (slug, _, uid, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let path = format!("/t/{slug}/translate/update/{uid}/es");
    let refused = tr.post_form(&format!("{path}/machine"), &[]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.text.contains("not set up on this site"));
    assert!(
        translation(&app, ItemKind::Update, &uid, "es")
            .await
            .is_none()
    );
}

#[tokio::test]
async fn the_pages_are_in_the_readers_language() {
    let app = app().await;
    let (slug, _, uid, _) = world(&app).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let it = tr
        .get(&format!("/t/{slug}/translate/update/{uid}/es?lang=it"))
        .await;
    assert!(it.text.contains("Traduzione in spagnolo"), "{}", it.text);
    let ru = tr
        .get(&format!("/t/{slug}/translations?add=es&lang=ru"))
        .await;
    assert!(ru.text.contains("Переводы"));
}
