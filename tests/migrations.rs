//! Migrations that rebuild a table keep every row and every reference to it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use cronaca::store::StoreReads;
use cronaca::store::sqlite::{DATABASE_FILE, SqliteStore};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Executor, Row};

/// The source-kind migration, run again over a database full of sources that reports and
/// claims point to, loses nothing and leaves no reference dangling.
#[tokio::test]
async fn rebuilding_the_sources_table_keeps_sources_and_what_points_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    cronaca::demo::fill(&store).await.unwrap();
    let before = all_sources(&store).await;
    store.close().await;
    assert!(before.len() > 3, "the demo has sources");

    let options = SqliteConnectOptions::from_str("sqlite://")
        .unwrap()
        .filename(dir.path().join(DATABASE_FILE))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let referenced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reports WHERE source_id IN (SELECT id FROM sources)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(referenced > 0, "reports point to sources");
    let script = include_str!("../migrations/sqlite/0008_source_kinds.sql");
    // The migration runs its own transaction, as sqlx runs it.
    pool.execute(sqlx::raw_sql(script)).await.unwrap();
    let enforced: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(enforced, 1, "foreign keys are enforced again afterwards");
    let dangling = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(
        dangling.is_empty(),
        "dangling references: {:?}",
        dangling
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect::<Vec<_>>()
    );
    pool.close().await;

    let store = SqliteStore::open_dir(dir.path()).await.unwrap();
    assert_eq!(all_sources(&store).await, before);
}

async fn all_sources(store: &SqliteStore) -> Vec<cronaca::domain::source::Source> {
    let page = cronaca::store::PageRequest {
        after: None,
        limit: 100,
    };
    store.list_sources(None, page).await.unwrap().items
}
