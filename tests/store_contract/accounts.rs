//! Accounts, tokens, sessions and the audit log.

use chrono::Duration;
use cronaca::auth;
use cronaca::domain::role::Role;
use cronaca::domain::time::now;
use cronaca::domain::user::Actor;
use cronaca::store::{NewUserRecord, Store, StoreError};

use super::user;

pub async fn accounts_story(store: &dyn Store) {
    let Actor::User(anna) = user(store, "Anna", Role::Contributor).await else {
        unreachable!()
    };
    assert!(matches!(
        store
            .create_user(
                &Actor::System,
                NewUserRecord {
                    name: "anna".into(),
                    display_name: "x".into(),
                    role: Role::Admin,
                    password_hash: None,
                }
            )
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let (found, hash) = store.user_credentials("ANNA").await.unwrap();
    assert_eq!(found.id, anna.id);
    assert!(auth::verify_password(
        "long enough password",
        &hash.unwrap()
    ));

    let token = store
        .create_token(&Actor::System, "anna", "laptop", "hash-1")
        .await
        .unwrap();
    assert_eq!(
        store.user_by_token("hash-1").await.unwrap().unwrap().id,
        anna.id
    );
    assert_eq!(store.user_by_token("hash-2").await.unwrap(), None);
    store.revoke_token(&Actor::System, &token.id).await.unwrap();
    assert_eq!(store.user_by_token("hash-1").await.unwrap(), None);
    assert!(
        store.list_tokens(Some("anna")).await.unwrap()[0]
            .revoked_at
            .is_some()
    );

    store
        .create_session(&anna.id, "s-live", now() + Duration::hours(1))
        .await
        .unwrap();
    store
        .create_session(&anna.id, "s-old", now() - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        store
            .user_by_session("s-live", now())
            .await
            .unwrap()
            .unwrap()
            .id,
        anna.id
    );
    assert_eq!(store.user_by_session("s-old", now()).await.unwrap(), None);
    assert_eq!(store.purge_expired_sessions(now()).await.unwrap(), 1);
    store.delete_session("s-live").await.unwrap();
    assert_eq!(store.user_by_session("s-live", now()).await.unwrap(), None);

    store
        .create_session(&anna.id, "s-2", now() + Duration::hours(1))
        .await
        .unwrap();
    let disabled = store
        .set_user_disabled(&Actor::System, "anna", true)
        .await
        .unwrap();
    assert!(disabled.disabled);
    assert_eq!(store.user_by_session("s-2", now()).await.unwrap(), None);
    let promoted = store
        .set_user_role(&Actor::System, "anna", Role::Moderator)
        .await
        .unwrap();
    assert_eq!(promoted.role, Role::Moderator);
    assert!(matches!(
        store.user_by_name("nobody").await,
        Err(StoreError::NotFound("user"))
    ));
}

/// Accounts listed by name; a new password replaces the old one and signs the account out
/// everywhere; "sign out elsewhere" keeps only the session that asked.
pub async fn passwords_and_sessions_story(store: &dyn Store) {
    let Actor::User(zoe) = user(store, "zoe", Role::Contributor).await else {
        unreachable!()
    };
    let Actor::User(bruno) = user(store, "Bruno", Role::Editor).await else {
        unreachable!()
    };
    let names: Vec<String> = store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, vec!["Bruno".to_owned(), "zoe".to_owned()]);

    let later = now() + Duration::hours(1);
    for hash in ["z-phone", "z-laptop", "z-tablet"] {
        store.create_session(&zoe.id, hash, later).await.unwrap();
    }
    store
        .create_session(&bruno.id, "b-desk", later)
        .await
        .unwrap();
    assert_eq!(
        store.end_other_sessions(&zoe.id, "z-laptop").await.unwrap(),
        2
    );
    assert_eq!(store.user_by_session("z-phone", now()).await.unwrap(), None);
    assert_eq!(
        store
            .user_by_session("z-laptop", now())
            .await
            .unwrap()
            .unwrap()
            .id,
        zoe.id
    );
    assert_eq!(
        store
            .user_by_session("b-desk", now())
            .await
            .unwrap()
            .unwrap()
            .id,
        bruno.id,
        "another account's sessions are not touched"
    );

    let new_hash = auth::hash_password("a different long password").unwrap();
    store
        .set_password(&Actor::System, "zoe", new_hash)
        .await
        .unwrap();
    let (_, hash) = store.user_credentials("zoe").await.unwrap();
    let hash = hash.unwrap();
    assert!(auth::verify_password("a different long password", &hash));
    assert!(!auth::verify_password("long enough password", &hash));
    assert_eq!(
        store.user_by_session("z-laptop", now()).await.unwrap(),
        None,
        "a new password ends every session"
    );
    assert!(matches!(
        store
            .set_password(&Actor::System, "nobody", "x".into())
            .await,
        Err(StoreError::NotFound("user"))
    ));
}
