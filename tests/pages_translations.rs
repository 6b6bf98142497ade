//! Reading a thread in a language: translations with translator's notes and credits, stale
//! marks, language badges and links, `hreflang` alternates and provenance, through the router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp, translation};
use cronaca::domain::role::Role;
use cronaca::domain::translation::{ItemKind, Translation, TranslationInput};
use cronaca::domain::user::Actor;
use serde_json::{Value, json};

pub struct Setup {
    pub app: TestApp,
    pub editor: String,
    pub actor: Actor,
    pub thread: Value,
    pub slug: String,
    pub update: String,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.thread(&editor, translation::bridge_thread()).await;
    let id = thread["id"].as_str().unwrap().to_owned();
    let update = app
        .update(&editor, &id, "The bridge is closed in English.")
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let actor = Actor::User(app.store.user_by_name("ed").await.unwrap());
    Setup {
        slug: thread["slug"].as_str().unwrap().to_owned(),
        app,
        editor,
        actor,
        thread,
        update,
    }
}

fn italian_update() -> TranslationInput {
    TranslationInput {
        body: "Il ponte è chiuso [[in inglese]].".into(),
        translator: Some("A. Reader".into()),
        translator_url: Some("https://reader.example/".into()),
        publication: Some("Example Italia".into()),
        publication_url: Some("https://example.it/".into()),
        ..Default::default()
    }
}

/// Drafts and publishes a translation through the store.
async fn publish(
    s: &Setup,
    kind: ItemKind,
    item: &str,
    language: &str,
    input: TranslationInput,
) -> Translation {
    translation::publish(&s.app, &s.actor, kind, item, language, input).await
}

async fn page(s: &Setup, query: &str) -> String {
    let reply = Browser::new(&s.app)
        .get(&format!("/t/{}{query}", s.slug))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.text
}

/// The `<li>` of one update.
fn update_item<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"u-{id}\""))
        .unwrap_or_else(|| panic!("no update {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</li>").unwrap()]
}

#[tokio::test]
async fn an_italian_reader_reads_the_translation_with_its_notes_legend_and_credit() {
    let s = setup().await;
    publish(&s, ItemKind::Update, &s.update, "it", italian_update()).await;

    let html = page(&s, "?lang=it").await;
    let item = update_item(&html, &s.update);
    assert!(item.contains(r#"lang="it""#), "{item}");
    assert!(
        item.contains(r#"Il ponte è chiuso <span class="tn" role="note">[in inglese]</span>."#),
        "{item}"
    );
    assert!(!item.contains("in English"), "the original is not shown");
    assert_eq!(
        html.matches("Le note in questo formato sono del traduttore")
            .count(),
        1,
        "the legend once"
    );
    assert_eq!(
        html.matches("role=\"note\"").count(),
        1,
        "the example is no note"
    );
    assert!(
        item.contains(
            r#"Tradotto da <a href="https://reader.example/" rel="noopener">A. Reader</a> per <a href="https://example.it/" rel="noopener">Example Italia</a>"#
        ),
        "{item}"
    );
    // The stale mark waits, hidden, for the page script.
    assert!(item.contains(r#"<span class="stale" hidden>"#), "{item}");
    assert!(item.contains(r#" data-from="1">"#), "{item}");

    // In English the original, with no legend and no credit.
    let html = page(&s, "?lang=en").await;
    let item = update_item(&html, &s.update);
    assert!(item.contains("The bridge is closed in English."));
    assert!(item.contains(r#"lang="en""#));
    assert!(!html.contains("role=\"note\""));
    assert!(!html.contains("class=\"tn-legend\""));
    assert!(!html.contains("A. Reader"));
}

#[tokio::test]
async fn editing_the_original_marks_the_translation_stale_until_a_new_revision_is_published() {
    let s = setup().await;
    let tr = publish(&s, ItemKind::Update, &s.update, "it", italian_update()).await;
    let edit = s
        .app
        .patch(
            &format!("/api/v1/updates/{}", s.update),
            Some(&s.editor),
            json!({"body": "The bridge is closed to cars, in English."}),
        )
        .await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.text);

    let html = page(&s, "?lang=it").await;
    let item = update_item(&html, &s.update);
    let changes = format!(
        "/t/{}/updates/{}/revisions?from=1#changes",
        s.slug, s.update
    );
    assert!(
        item.contains("L&#39;originale è stato aggiornato dopo questa traduzione."),
        "{item}"
    );
    assert!(item.contains(&format!(r#"<a href="{changes}">"#)), "{item}");
    assert!(
        item.contains("Il ponte è chiuso"),
        "the translation is still shown"
    );

    // What changed: the word difference between revision 1 and now.
    let diff = Browser::new(&s.app)
        .get(changes.split('#').next().unwrap())
        .await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.text.contains("id=\"changes\""), "{}", diff.text);
    assert!(diff.text.contains("<ins>"), "{}", diff.text);
    assert!(diff.text.contains("to cars,"), "{}", diff.text);

    // A new revision, made from the current original and published, clears the mark.
    let draft = TranslationInput {
        body: "Il ponte è chiuso alle auto [[in inglese]].".into(),
        translator: Some("A. Reader".into()),
        ..Default::default()
    }
    .validate(ItemKind::Update)
    .unwrap();
    let revised = s
        .app
        .store
        .revise_translation(&s.actor, &tr.id, draft)
        .await
        .unwrap()
        .item;
    // Saved but not published: still stale.
    assert!(update_item(&page(&s, "?lang=it").await, &s.update).contains("class=\"stale\">"));
    s.app
        .store
        .publish_translation(&s.actor, &tr.id, revised.latest.revision)
        .await
        .unwrap();
    let html = page(&s, "?lang=it").await;
    let item = update_item(&html, &s.update);
    assert!(!item.contains("class=\"stale\">"), "{item}");
    assert!(item.contains(" data-from=\"2\">"), "{item}");
    assert!(item.contains("chiuso alle auto"));
}

#[tokio::test]
async fn an_item_without_a_translation_is_badged_and_links_to_other_languages() {
    let s = setup().await;
    publish(
        &s,
        ItemKind::Update,
        &s.update,
        "ru",
        TranslationInput {
            body: "Мост закрыт.".into(),
            translator: Some("И. Читатель".into()),
            ..Default::default()
        },
    )
    .await;
    // An Italian reader: no Italian translation, so the English original, badged, with a way
    // to the Russian one.
    let html = page(&s, "?lang=it").await;
    let item = update_item(&html, &s.update);
    assert!(item.contains(r#"lang="en""#));
    assert!(item.contains("The bridge is closed in English."));
    assert!(
        item.contains(
            r#"<span class="lang-badge" lang="it" title="Lingua originale: inglese"><span aria-hidden="true">EN</span><span class="vh">Lingua originale: inglese</span></span>"#
        ),
        "{item}"
    );
    assert!(
        item.contains(&format!(
            r##"<a href="/t/{}?lang=ru#u-{}" hreflang="ru">russo</a>"##,
            s.slug, s.update
        )),
        "{item}"
    );
    assert!(!html.contains("class=\"tn-legend\""));

    // A language the interface does not speak still chooses the content: Spanish readers get
    // the interface in the default language and the originals, badged.
    let html = page(&s, "?lang=es").await;
    assert!(html.contains("<html lang=\"en\">"));
    let item = update_item(&html, &s.update);
    assert!(item.contains("Original language: English"), "{item}");
    assert!(item.contains(">Russian</a>"), "{item}");

    // The Russian reader reads Russian.
    let html = page(&s, "?lang=ru").await;
    assert!(update_item(&html, &s.update).contains("Мост закрыт."));
    assert!(html.contains("Перевод: И. Читатель"));
}

#[tokio::test]
async fn hreflang_alternates_name_every_language_of_the_thread() {
    let s = setup().await;
    let html = page(&s, "").await;
    let slug = &s.slug;
    assert!(html.contains(&format!(
        r#"<link rel="alternate" hreflang="en" href="/t/{slug}?lang=en">"#
    )));
    assert!(html.contains(&format!(
        r#"<link rel="alternate" hreflang="x-default" href="/t/{slug}">"#
    )));
    assert!(!html.contains("hreflang=\"it\" href"));
    // Feeds in the thread's language need no `?lang=`.
    assert!(html.contains(&format!(r#"href="/t/{slug}/feed.atom""#)));

    publish(&s, ItemKind::Update, &s.update, "it", italian_update()).await;
    let html = page(&s, "?lang=it").await;
    for l in ["en", "it"] {
        assert!(
            html.contains(&format!(
                r#"<link rel="alternate" hreflang="{l}" href="/t/{slug}?lang={l}">"#
            )),
            "{l}"
        );
    }
    assert_eq!(html.matches("rel=\"alternate\" hreflang=").count(), 3);
    // The feeds the page announces are the Italian reader's.
    assert!(html.contains(&format!(
        r#"<link rel="alternate" type="application/atom+xml" href="/t/{slug}/feed.atom?lang=it""#
    )));
    assert!(html.contains(&format!(
        r#"<link rel="alternate" type="application/feed+json" href="/t/{slug}/feed.json?lang=it""#
    )));
}

#[tokio::test]
async fn the_provenance_line_credits_the_publisher_and_the_translation() {
    let s = setup().await;
    let html = page(&s, "?lang=en").await;
    assert!(
        html.contains(
            r#"<p class="republished">Published by <a href="https://example.org/bridge" rel="noopener">The Example Post</a> on <time datetime="2022-01-05">5 January 2022</time> · original title “The bridge story”</p>"#
        ),
        "{html}"
    );

    let thread_id = s.thread["id"].as_str().unwrap().to_owned();
    publish(
        &s,
        ItemKind::Thread,
        &thread_id,
        "it",
        TranslationInput {
            title: Some("Ponte chiuso [[a Example]]".into()),
            body: "Il ponte è **chiuso**.".into(),
            translator: Some("A. Reader".into()),
            publication: Some("Example Italia".into()),
            ..Default::default()
        },
    )
    .await;
    let html = page(&s, "?lang=it").await;
    assert!(html.contains("<title>Ponte chiuso [a Example] · Cronaca</title>"));
    assert!(
        html.contains(
            r#"<h1 lang="it" data-from="1">Ponte chiuso <span class="tn" role="note">[a Example]</span></h1>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="lead" lang="it"><p>Il ponte è <strong>chiuso</strong>.</p>"#)
    );
    assert!(
        html.contains(
            r#"Pubblicato da <a href="https://example.org/bridge" rel="noopener">The Example Post</a> il <time datetime="2022-01-05">5 gennaio 2022</time> · titolo originale «The bridge story» · Traduzione in italiano di A. Reader per Example Italia</p>"#
        ),
        "{html}"
    );
    assert_eq!(html.matches("class=\"tn-legend\"").count(), 1);

    // The title and lead change: the head's translation is stale, with the way to the thread's
    // revisions.
    let patched = s
        .app
        .patch(
            &format!("/api/v1/threads/{thread_id}"),
            Some(&s.editor),
            json!({"lead": "The bridge is closed again."}),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    let html = page(&s, "?lang=it").await;
    let link = format!("/t/{}/revisions?from=1#changes", s.slug);
    assert!(html.contains(&format!(r#"<a href="{link}">"#)), "{html}");
    let revisions = Browser::new(&s.app)
        .get(&format!("/t/{}/revisions?from=1&lang=en", s.slug))
        .await;
    assert_eq!(revisions.status, StatusCode::OK);
    assert!(revisions.text.contains("What changed since revision 1"));
    assert!(revisions.text.contains("again."), "{}", revisions.text);
    assert!(revisions.text.contains("Revision 2"));
}

#[tokio::test]
async fn an_update_republished_from_elsewhere_says_so() {
    let s = setup().await;
    let id = s.thread["id"].as_str().unwrap();
    let reply = s
        .app
        .post(
            &format!("/api/v1/threads/{id}/updates"),
            Some(&s.editor),
            json!({"body": "Wire copy", "provenance": {"publisher": "Agency <X>"}}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let uid = reply.json["id"].as_str().unwrap();
    let html = page(&s, "?lang=ru").await;
    let item = update_item(&html, uid);
    assert!(
        item.contains(
            r#"<p class="republished" lang="ru">Первая публикация: Agency &lt;X&gt;</p>"#
        ),
        "{item}"
    );
}

#[tokio::test]
async fn reports_in_another_language_offer_a_machine_translation_only_with_an_engine() {
    let s = setup().await;
    let source = s
        .app
        .post(
            "/api/v1/sources",
            Some(&s.editor),
            json!({"name": "Wire", "kind": "agency"}),
        )
        .await;
    let sid = source.json["id"].as_str().unwrap();
    let report = s
        .app
        .post(
            &format!("/api/v1/threads/{}/reports", s.slug),
            Some(&s.editor),
            json!({"body": "Мост закрыт", "language": "ru", "source": sid}),
        )
        .await;
    assert_eq!(report.status, StatusCode::CREATED, "{}", report.text);
    let rid = report.json["id"].as_str().unwrap();
    let html = page(&s, "?lang=it").await;
    let start = html.find(&format!("id=\"r-{rid}\"")).unwrap();
    let item = &html[start..start + html[start..].find("</li>").unwrap()];
    assert!(item.contains("Lingua originale: russo"), "{item}");
    assert!(!item.contains("mt-link"), "no engine, no offer");
    assert!(!html.contains("/static/mt.js"), "no engine, no script");

    // With a translation the report reads in Italian.
    publish(
        &s,
        ItemKind::Report,
        rid,
        "it",
        TranslationInput {
            body: "Il ponte è chiuso".into(),
            translator: Some("A. Reader".into()),
            ..Default::default()
        },
    )
    .await;
    let html = page(&s, "?lang=it").await;
    let start = html.find(&format!("id=\"r-{rid}\"")).unwrap();
    let item = &html[start..start + html[start..].find("</li>").unwrap()];
    assert!(
        item.contains(r#"<div class="body" lang="it"><p>Il ponte è chiuso</p>"#),
        "{item}"
    );
    assert!(item.contains("Tradotto da A. Reader"));
}

#[tokio::test]
async fn translators_and_editors_find_the_translations_page_from_the_thread() {
    let s = setup().await;
    let link = format!("href=\"/t/{}/translations\"", s.slug);
    assert!(!page(&s, "").await.contains(&link), "not for readers");
    for (name, role) in [("tr", Role::Translator), ("ed2", Role::Editor)] {
        let mut browser = s.app.browser_as(name, role).await;
        let html = browser.get(&format!("/t/{}", s.slug)).await.text;
        assert!(html.contains(&link), "{name}");
    }
    let mut contributor = s.app.browser_as("co", Role::Contributor).await;
    let html = contributor.get(&format!("/t/{}", s.slug)).await.text;
    assert!(!html.contains(&link));
}

#[tokio::test]
async fn with_an_engine_a_foreign_report_offers_its_machine_translation() {
    let config = cronaca::config::Config {
        machine_translation: Some(cronaca::config::MtEngineConfig::Apertium {
            url: "http://127.0.0.1:9".into(),
        }),
        ..Default::default()
    };
    let app = TestApp::with_config(config).await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Wire reports").await;
    let slug = thread["slug"].as_str().unwrap();
    let source = app
        .post(
            "/api/v1/sources",
            Some(&editor),
            json!({"name": "Wire", "kind": "agency"}),
        )
        .await;
    let report = app
        .post(
            &format!("/api/v1/threads/{slug}/reports"),
            Some(&editor),
            json!({"body": "Мост закрыт", "language": "ru", "source": source.json["id"]}),
        )
        .await;
    let rid = report.json["id"].as_str().unwrap();
    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?lang=it"))
        .await
        .text;
    assert!(
        html.contains(&format!(
            r#"<a class="mt-link" href="/mt/report/{rid}?lang=it">Mostra la traduzione automatica</a>"#
        )),
        "{html}"
    );
    assert!(
        html.contains("/static/mt.js"),
        "the script that loads it in place"
    );
    // A report in the reader's own language is not offered one.
    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?lang=ru"))
        .await
        .text;
    assert!(!html.contains("mt-link"));

    // Comments too carry the language they were written in.
    let comment = app
        .post(
            &format!(
                "/api/v1/threads/{}/comments",
                thread["id"].as_str().unwrap()
            ),
            Some(&editor),
            json!({"body": "Мост закрыт уже третий день, и никто не говорит, когда его откроют."}),
        )
        .await;
    assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.text);
    assert_eq!(comment.json["language"], "ru", "{}", comment.text);
    let cid = comment.json["id"].as_str().unwrap();
    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?lang=it"))
        .await
        .text;
    let start = html.find(&format!("id=\"c-{cid}\"")).unwrap();
    let item = &html[start..start + html[start..].find("</li>").unwrap()];
    assert!(item.contains("Lingua originale: russo"), "{item}");
    assert!(item.contains(r#"<div class="body" lang="ru">"#), "{item}");
    assert!(
        item.contains(&format!(
            r#"<a class="mt-link" href="/mt/comment/{cid}?lang=it">"#
        )),
        "{item}"
    );
    let html = Browser::new(&app)
        .get(&format!("/t/{slug}?lang=ru"))
        .await
        .text;
    let start = html.find(&format!("id=\"c-{cid}\"")).unwrap();
    let item = &html[start..start + html[start..].find("</li>").unwrap()];
    assert!(
        !item.contains("lang-badge") && !item.contains("mt-link"),
        "{item}"
    );
}

#[tokio::test]
async fn the_thread_form_takes_provenance_and_names_its_bad_fields() {
    let app = TestApp::new().await;
    let mut desk = app.browser_as("desk", Role::Editor).await;
    let form = desk.get("/new?lang=en").await;
    assert!(form.text.contains(r#"name="provenance_publisher""#));
    assert!(
        form.text
            .contains(r#"name="provenance_published_on" type="date""#)
    );
    let base = [
        ("title", "Bridge closed"),
        ("lead", "Closed"),
        ("language", "en"),
        ("comment_policy", "postmoderated"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut all = base.to_vec();
        all.extend_from_slice(extra);
        all
    };

    let bad_url = desk
        .post_form(
            "/new",
            &with(&[
                ("provenance_publisher", "The Example Post"),
                ("provenance_url", "javascript:alert(1)"),
            ]),
        )
        .await;
    assert_eq!(bad_url.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_url
            .text
            .contains("Please check this field: Original address."),
        "{}",
        bad_url.text
    );
    assert!(bad_url.text.contains(r#"value="The Example Post""#));
    let no_publisher = desk
        .post_form("/new", &with(&[("provenance_title", "A title")]))
        .await;
    assert!(
        no_publisher
            .text
            .contains("Please check this field: Original publisher.")
    );
    let bad_date = desk
        .post_form(
            "/new",
            &with(&[
                ("provenance_publisher", "The Example Post"),
                ("provenance_published_on", "yesterday"),
            ]),
        )
        .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_date
            .text
            .contains("Please check this field: First published.")
    );

    let created = desk
        .post_form(
            "/new",
            &with(&[
                ("provenance_publisher", "The Example Post"),
                ("provenance_url", "https://example.org/bridge"),
                ("provenance_published_on", "2022-01-05"),
            ]),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let thread = app.get("/api/v1/threads/bridge-closed").await.json;
    assert_eq!(thread["provenance"]["publisher"], "The Example Post");
    assert_eq!(thread["provenance"]["published_on"], "2022-01-05");
    assert!(
        thread["provenance"]["published_at"].is_null(),
        "no moment is invented"
    );
    let page = desk.get("/t/bridge-closed?lang=en").await;
    assert!(page.text.contains("Published by"));

    // The edit form shows it, and emptied fields remove it.
    let edit = desk.get("/t/bridge-closed/edit").await;
    assert!(edit.text.contains(r#"value="2022-01-05""#));
    let saved = desk
        .post_form(
            "/t/bridge-closed/edit",
            &with(&[("status", "open"), ("provenance_publisher", "  ")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let thread = app.get("/api/v1/threads/bridge-closed").await.json;
    assert!(thread["provenance"].is_null(), "{thread}");
}

#[tokio::test]
async fn the_board_summary_and_digest_use_published_label_and_title_translations() {
    let s = setup().await;
    let tid = s.thread["id"].as_str().unwrap().to_owned();
    let indicator = s
        .app
        .post(
            &format!("/api/v1/threads/{tid}/indicators"),
            Some(&s.editor),
            json!({"key": "injured", "labels": {"en": "Injured"}, "kind": "count"}),
        )
        .await;
    assert_eq!(indicator.status, StatusCode::CREATED, "{}", indicator.text);
    let iid = indicator.json["id"].as_str().unwrap();
    publish(
        &s,
        ItemKind::Indicator,
        iid,
        "it",
        TranslationInput {
            body: "Feriti [[civili]]".into(),
            translator: Some("A. Reader".into()),
            ..Default::default()
        },
    )
    .await;
    publish(
        &s,
        ItemKind::Thread,
        &tid,
        "it",
        TranslationInput {
            title: Some("Ponte chiuso".into()),
            body: String::new(),
            translator: Some("A. Reader".into()),
            ..Default::default()
        },
    )
    .await;
    let board = Browser::new(&s.app)
        .get(&format!("/t/{}/board?lang=it", s.slug))
        .await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(board.text.contains("Feriti [civili]"), "{}", board.text);
    assert!(board.text.contains("Ponte chiuso</a>"));
    let page = page(&s, "?lang=it").await;
    assert!(page.contains("Feriti [civili]"), "the summary box");
    let fragment = Browser::new(&s.app)
        .get(&format!(
            "/t/{}/board/fragment?part=summary&lang=it",
            s.slug
        ))
        .await;
    assert!(fragment.text.contains("Feriti [civili]"));
    let digest = Browser::new(&s.app)
        .get(&format!("/t/{}/digest.txt?lang=it", s.slug))
        .await;
    assert!(
        digest.text.starts_with("Ponte chiuso - "),
        "{}",
        digest.text
    );
    // Other languages keep the indicator's own label.
    let board = Browser::new(&s.app)
        .get(&format!("/t/{}/board?lang=ru", s.slug))
        .await;
    assert!(board.text.contains("Injured") && !board.text.contains("Feriti"));
}
