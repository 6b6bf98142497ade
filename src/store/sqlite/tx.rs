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
