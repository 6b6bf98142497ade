//! Translations waiting for publication: a count with a link on the editor's home and thread
//! page, the translator's own count, and where a draft stands on its page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Browser, TestApp};
use cronaca::domain::language::LanguageTag;
use cronaca::domain::role::Role;
use cronaca::domain::translation::{ItemKind, TranslationInput};
use cronaca::domain::user::Actor;
use cronaca::store::TranslationTarget;

#[tokio::test]
async fn waiting_translations_are_counted_for_editors_and_their_translators() {
    let app = TestApp::new().await;
    let editor = app.token("ed", Role::Editor).await;
    let thread = app.simple_thread(&editor, "Bridge closed").await;
    let (id, slug) = (
        thread["id"].as_str().unwrap(),
        thread["slug"].as_str().unwrap(),
    );
    let update = app.update(&editor, id, "The bridge is closed.").await;
    let uid = update["id"].as_str().unwrap();
    let mut desk = app.browser_as("desk", Role::Editor).await;
    let mut tr = app.browser_as("tr", Role::Translator).await;
    let translator = Actor::User(app.store.user_by_name("tr").await.unwrap());

    let link = format!(r#"<a class="waiting-translations" href="/t/{slug}/translations">"#);
    assert!(!desk.get("/").await.text.contains("waiting-translations"));

    let target = TranslationTarget {
        kind: ItemKind::Update,
        item_id: uid.to_owned(),
        language: LanguageTag::parse("it").unwrap(),
    };
    let input = TranslationInput {
        body: "Il ponte è chiuso.".into(),
        ..Default::default()
    };
    let draft = app
        .store
        .create_translation(
            &translator,
            target,
            input.validate(ItemKind::Update).unwrap(),
        )
        .await
        .unwrap()
        .item;

    let home = desk.get("/").await.text;
    assert!(
        home.contains(&format!("{link}1 translation waits for publication</a>")),
        "{home}"
    );
    let page = desk.get(&format!("/t/{slug}")).await.text;
    assert!(page.contains(&format!(
        r#"<p class="waiting-translations"><a href="/t/{slug}/translations">1 translation waits for publication</a></p>"#
    )));
    let italian = desk.get(&format!("/t/{slug}?lang=it")).await.text;
    assert!(italian.contains("1 traduzione attende la pubblicazione"));
    let own = tr.get(&format!("/t/{slug}")).await.text;
    assert!(own.contains("1 of your translations waits for an editor"));
    assert!(
        tr.get("/?lang=ru")
            .await
            .text
            .contains("1 ваш перевод ждёт публикации редактором")
    );
    let guest = Browser::new(&app).get(&format!("/t/{slug}")).await.text;
    assert!(!guest.contains("waiting-translations"));

    let form = tr
        .get(&format!("/t/{slug}/translate/update/{uid}/it?lang=en"))
        .await
        .text;
    assert!(
        form.contains(
            "Revision 1 waits for an editor&#39;s publication. Until then readers see the original."
        ) || form.contains(
            "Revision 1 waits for an editor&#x27;s publication. Until then readers see the original."
        ),
        "{form}"
    );
    let as_editor = desk
        .get(&format!("/t/{slug}/translate/update/{uid}/it?lang=en"))
        .await
        .text;
    assert!(as_editor.contains("Revision 1 is not published yet: publish it when it is ready."));

    let publisher = Actor::User(app.store.user_by_name("desk").await.unwrap());
    app.store
        .publish_translation(&publisher, &draft.id, draft.latest.revision)
        .await
        .unwrap();
    assert!(!desk.get("/").await.text.contains("waiting-translations"));
    assert!(
        !tr.get(&format!("/t/{slug}"))
            .await
            .text
            .contains("waiting-translations")
    );
    let form = tr
        .get(&format!("/t/{slug}/translate/update/{uid}/it"))
        .await
        .text;
    assert!(form.contains("Revision 1 is published: readers see it."));
}
