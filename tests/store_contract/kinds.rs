//! Every kind of source the domain names is one the store keeps and gives back.

use cronaca::domain::role::Role;
use cronaca::domain::source::{NewSource, SourceKind};
use cronaca::store::Store;

use super::user;

pub async fn every_source_kind(store: &dyn Store) {
    let editor = user(store, "ed", Role::Editor).await;
    for kind in SourceKind::ALL {
        let draft = NewSource {
            name: format!("A source of kind {}", kind.as_str()),
            kind,
            affiliation: None,
            country: None,
            language: None,
            homepage: None,
            notes: None,
        };
        let made = store
            .create_source(&editor, draft.validate().unwrap())
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(store.source(&made.id).await.unwrap().kind, kind);
    }
}
