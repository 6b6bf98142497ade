//! The SQLite store's side of storage faults: the optional cap on the database's size, the
//! write wrapper that reports faults to the health tracker, and the probing write `/readyz`
//! makes after a fault.

use std::future::Future;

use super::{SqliteStore, backend};
use crate::domain::time;
use crate::store::{StoreError, StoreResult};

/// The size of the probing write `/readyz` makes after a storage fault: about the largest
/// update (20,000 characters), so that room for a few bytes does not count as ready.
const PROBE_BYTES: i64 = 64 * 1024;

/// How the database may grow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SizeLimit {
    /// The most the database file may hold, in bytes (SQLite's `max_page_count`); past it a
    /// write is refused as when the disk is full. `None`: as much as the disk has.
    pub max_bytes: Option<u64>,
}

/// Caps the writer's database size in pages of the file's own page size.
pub(super) async fn apply_size_limit(
    conn: &mut sqlx::SqliteConnection,
    limit: SizeLimit,
) -> Result<(), sqlx::Error> {
    let Some(bytes) = limit.max_bytes else {
        return Ok(());
    };
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size")
        .fetch_one(&mut *conn)
        .await?;
    let pages = (bytes / page_size.max(512).unsigned_abs()).max(1);
    // A number we computed: nothing from outside goes into the statement.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA max_page_count = {pages}"
    )))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl SqliteStore {
    /// Runs one write, noting a storage fault for the health endpoints (a commit that
    /// succeeds clears it).
    pub(super) async fn write<T>(
        &self,
        work: impl Future<Output = StoreResult<T>>,
    ) -> StoreResult<T> {
        let result = work.await;
        if let Err(StoreError::Unavailable(reason)) = &result {
            self.health.write_failed(reason);
        }
        result
    }

    /// A small real write of about the size of a large update: one row rewritten and
    /// committed.
    pub(super) async fn probe_write(&self) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO storage_probe (id, written_at, payload) VALUES (1, $1, zeroblob($2))
             ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at,
                                            payload = excluded.payload",
        )
        .bind(time::to_db(&time::now()))
        .bind(PROBE_BYTES)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await
    }
}
