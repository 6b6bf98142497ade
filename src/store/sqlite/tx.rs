//! Write transactions of our own on the single writer connection: `BEGIN IMMEDIATE` and
//! `COMMIT` are ours, and the writer pool takes a connection back only once it is outside any
//! transaction, so a failed or abandoned write never leaves the next one inside it.
//!
//! sqlx's `Transaction` keeps its own count of open transactions, and after a failed `COMMIT`
//! (SQLite's `SQLITE_FULL`) that count stays up: every later `begin()` became a `SAVEPOINT`
//! inside a transaction that could never commit, and writes were acknowledged but never stored.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use sqlx::{Executor, Sqlite};

use super::errors::{backend, is_no_transaction};
use crate::store::{StorageHealth, StoreError, StoreResult};

/// One write transaction. Statements run on it through `&mut *tx` (or `&mut **tx` from a
/// `&mut Tx`). Dropped without `commit`, it is rolled back before the connection is reused.
pub(crate) struct Tx {
    conn: PoolConnection<Sqlite>,
    health: Arc<StorageHealth>,
}

impl Tx {
    /// Takes the writer and its write lock at once, so that a transaction never has to
    /// upgrade a read lock midway (which could fail with `SQLITE_BUSY`).
    pub(super) async fn begin(pool: &SqlitePool, health: Arc<StorageHealth>) -> StoreResult<Tx> {
        let mut conn = pool.acquire().await.map_err(backend)?;
        (&mut *conn)
            .execute("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        Ok(Tx { conn, health })
    }

    /// Makes the transaction's writes durable; only after this returns `Ok` may a write be
    /// acknowledged. On an error nothing was stored: the connection is rolled back (or closed)
    /// by the pool's release check before any other write uses it.
    pub(crate) async fn commit(mut self) -> StoreResult<()> {
        match (&mut *self.conn).execute("COMMIT").await {
            Ok(_) => {
                self.health.write_succeeded();
                Ok(())
            }
            Err(e) => {
                let error = backend(e);
                if let StoreError::Unavailable(reason) = &error {
                    self.health.write_failed(reason);
                }
                tracing::warn!(%error, "commit failed; the write is rolled back");
                Err(error)
            }
        }
    }
}

impl Deref for Tx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}

/// The writer pool's check before it takes a connection back (`after_release`): roll back
/// whatever transaction is still open — a write that failed, was refused or was cancelled
/// with its request. `Ok(false)` makes the pool close the connection (closing rolls back too)
/// and open a fresh one for the next write.
pub(super) async fn release_clean(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    match conn.execute("ROLLBACK").await {
        Ok(_) => Ok(true),
        // SQLite already rolled it back (as it does after some I/O errors), or none was open.
        Err(e) if is_no_transaction(&e) => Ok(true),
        Err(e) => {
            tracing::warn!(error = %e, "the writer could not roll back; its connection is closed");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::SqliteStore;

    async fn probe_rows(store: &SqliteStore) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM storage_probe")
            .fetch_one(&store.reader)
            .await
            .unwrap()
    }

    async fn insert_probe(tx: &mut super::Tx) {
        sqlx::query("INSERT INTO storage_probe (id, written_at, payload) VALUES (1, 'x', x'00')")
            .execute(&mut **tx)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_write_dropped_uncommitted_is_rolled_back_before_the_next_one_begins() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open_dir(dir.path()).await.unwrap();
        {
            let mut abandoned = store.begin().await.unwrap();
            insert_probe(&mut abandoned).await;
        }
        // Cancelled midway, as when a client goes away during its request: the write's
        // future is dropped once it has inserted.
        let (inserted, has_inserted) = tokio::sync::oneshot::channel();
        let cancelled = async {
            let mut tx = store.begin().await.unwrap();
            insert_probe(&mut tx).await;
            inserted.send(()).unwrap();
            std::future::pending::<()>().await;
        };
        tokio::select! {
            () = cancelled => unreachable!("the write never finishes"),
            sent = has_inserted => sent.unwrap(),
        }

        // Inside a leftover transaction this BEGIN IMMEDIATE would fail.
        let mut tx = store.begin().await.unwrap();
        assert_eq!(probe_rows(&store).await, 0, "an abandoned write was stored");
        insert_probe(&mut tx).await;
        tx.commit().await.unwrap();
        assert_eq!(probe_rows(&store).await, 1);
        store.close().await;
    }
}
