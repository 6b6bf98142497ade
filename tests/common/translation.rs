//! Translation fixtures shared by the API, page and feed tests: a thread that republishes a
//! story, and publishing a translation through the store.

use cronaca::domain::language::LanguageTag;
use cronaca::domain::translation::{ItemKind, Translation, TranslationInput};
use cronaca::domain::user::Actor;
use cronaca::store::TranslationTarget;
use serde_json::{Value, json};

use super::TestApp;

/// An English thread republished from The Example Post, as the API takes it.
pub fn bridge_thread() -> Value {
    json!({"title": "Bridge closed", "lead": "The bridge is **closed**.", "language": "en",
           "provenance": {"publisher": "The Example Post",
                          "title": "The bridge story",
                          "url": "https://example.org/bridge",
                          "published_at": "2022-01-05T10:00:00Z"}})
}

/// Drafts a translation of `item` into `language` as `actor` and publishes it.
pub async fn publish(
    app: &TestApp,
    actor: &Actor,
    kind: ItemKind,
    item: &str,
    language: &str,
    input: TranslationInput,
) -> Translation {
    let target = TranslationTarget {
        kind,
        item_id: item.to_owned(),
        language: LanguageTag::parse(language).unwrap(),
    };
    let created = app
        .store
        .create_translation(actor, target, input.validate(kind).unwrap())
        .await
        .unwrap()
        .item;
    app.store
        .publish_translation(actor, &created.id, created.latest.revision)
        .await
        .unwrap()
        .item
}
