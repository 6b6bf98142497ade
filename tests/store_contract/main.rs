//! The store contract: behaviour every backend must share, written against `dyn Store` so the
//! same story runs on each backend (SQLite here; PostgreSQL joins with its backend).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod board;
mod coverage;
mod kinds;
mod search;
mod threads;
mod translations;

use cronaca::auth;
use cronaca::domain::role::Role;
use cronaca::domain::thread::NewThread;
use cronaca::domain::user::Actor;
use cronaca::store::sqlite::SqliteStore;
use cronaca::store::{NewUserRecord, PageRequest, Store, StoreReads};

async fn sqlite() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (SqliteStore::open_dir(dir.path()).await.unwrap(), dir)
}

pub async fn user(store: &dyn Store, name: &str, role: Role) -> Actor {
    let record = NewUserRecord {
        name: name.into(),
        display_name: name.to_uppercase(),
        role,
        password_hash: Some(auth::hash_password("long enough password").unwrap()),
    };
    Actor::User(store.create_user(&Actor::System, record).await.unwrap())
}

pub fn page(limit: u32) -> PageRequest {
    PageRequest { after: None, limit }
}

#[tokio::test]
async fn sqlite_keeps_the_translation_story() {
    let (store, _dir) = sqlite().await;
    translations::translation_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_board_story() {
    let (store, _dir) = sqlite().await;
    board::board_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_thread_story() {
    let (store, _dir) = sqlite().await;
    threads::thread_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_every_source_kind() {
    let (store, _dir) = sqlite().await;
    kinds::every_source_kind(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_accounts_story() {
    let (store, _dir) = sqlite().await;
    accounts::accounts_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_passwords_and_sessions() {
    let (store, _dir) = sqlite().await;
    accounts::passwords_and_sessions_story(&store).await;
}

#[tokio::test]
async fn sqlite_keeps_the_search_story() {
    let (store, _dir) = sqlite().await;
    search::search_story(&store).await;
}

#[tokio::test]
async fn sqlite_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    let editor = user(&store, "ed", Role::Editor).await;
    let draft = NewThread {
        title: "T".into(),
        lead: String::new(),
        language: "en".into(),
        comment_policy: None,
        guests_may_comment: None,
        slug: None,
        provenance: None,
    };
    let thread = store
        .create_thread(&editor, draft.validate().unwrap())
        .await
        .unwrap()
        .item;
    store.close().await;
    let reopened = SqliteStore::open_dir(dir.path()).await.unwrap();
    assert_eq!(reopened.thread(&thread.id).await.unwrap(), thread);
}
