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
