//! The SQLite backend: one file in the data directory, WAL, a single writer connection and a
//! pool of readers (WAL lets readers run beside the writer).

mod accounts;
mod comments;
mod errors;
mod indicators;
mod reads;
mod reports;
mod rows;
mod search;
mod sources;
mod storage;
mod threads;
mod translations;
mod tx;
mod updates;
mod writes;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub(crate) use self::errors::backend;
pub use self::storage::SizeLimit;
pub(crate) use self::tx::Tx;
use super::{StorageHealth, StoreError, StoreResult};
use crate::domain::event::{Event, EventKind};
use crate::domain::time;
use crate::domain::user::Actor;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub const DATABASE_FILE: &str = "cronaca.db";

#[derive(Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    health: Arc<StorageHealth>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `dir` and applies pending migrations.
    pub async fn open_dir(dir: &Path) -> StoreResult<Self> {
        Self::open(&dir.join(DATABASE_FILE), SizeLimit::default()).await
    }

    /// The same, with a cap on the database's size.
    pub async fn open_dir_limited(dir: &Path, limit: SizeLimit) -> StoreResult<Self> {
        Self::open(&dir.join(DATABASE_FILE), limit).await
    }

    pub async fn open(path: &Path, limit: SizeLimit) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(backend)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL loses nothing when the process dies: a commit is in the
            // log file before it returns. Only a power cut may lose the last commits.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-16000")
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| Box::pin(storage::apply_size_limit(conn, limit)))
            // No write may start inside another's unfinished transaction.
            .after_release(|conn, _| Box::pin(tx::release_clean(conn)))
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        MIGRATOR.run(&writer).await.map_err(StoreError::backend)?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.read_only(true))
            .await
            .map_err(backend)?;
        Ok(Self {
            writer,
            reader,
            health: Arc::new(StorageHealth::default()),
        })
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }

    /// A write transaction on the writer connection; every write goes through one.
    async fn begin(&self) -> StoreResult<Tx> {
        Tx::begin(&self.writer, self.health.clone()).await
    }
}

pub(crate) use crate::domain::id::new_id;

/// Appends an event to the thread's log in the caller's transaction.
pub(crate) async fn append_event(
    tx: &mut Tx,
    thread_id: &str,
    kind: EventKind,
    item_id: &str,
    data: String,
) -> StoreResult<Event> {
    let at = time::now();
    let seq: i64 = sqlx::query_scalar(
        "UPDATE threads SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
    )
    .bind(thread_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(backend)?;
    sqlx::query(
        "INSERT INTO events (thread_id, seq, kind, item_id, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(thread_id)
    .bind(seq)
    .bind(kind.as_str())
    .bind(item_id)
    .bind(&data)
    .bind(time::to_db(&at))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(Event {
        thread_id: thread_id.to_owned(),
        seq,
        kind,
        item_id: item_id.to_owned(),
        data: data.into(),
        created_at: at,
    })
}

/// What an audit entry records, written in the same transaction as the change.
pub(crate) struct AuditRecord<'a> {
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(crate) async fn audit(tx: &mut Tx, actor: &Actor, rec: AuditRecord<'_>) -> StoreResult<()> {
    let json = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    sqlx::query(
        "INSERT INTO audit_log (id, actor_id, actor_name, action, target_kind, target_id,
                                before, after, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(actor.user_id())
    .bind(actor.audit_name())
    .bind(rec.action)
    .bind(rec.target_kind)
    .bind(rec.target_id)
    .bind(json(rec.before))
    .bind(json(rec.after))
    .bind(time::to_db(&time::now()))
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn to_json<T: serde::Serialize>(item: &T) -> Option<serde_json::Value> {
    serde_json::to_value(item).ok()
}

/// A value as JSON text, for a column that keeps it whole.
pub(crate) fn json_text<T: serde::Serialize>(item: &T) -> Option<String> {
    serde_json::to_string(item).ok()
}
