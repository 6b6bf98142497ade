//! SQLite errors in the store's terms: a unique violation is a conflict, a storage fault
//! (full, read-only or failing disk, a database that cannot be opened or stays locked, no
//! writer to be had in time) is `Unavailable`, anything else a backend failure.

use crate::store::StoreError;

// Primary result codes (https://www.sqlite.org/rescode.html); extended codes carry the
// primary one in their low byte.
const SQLITE_PERM: i64 = 3;
const SQLITE_BUSY: i64 = 5;
const SQLITE_READONLY: i64 = 8;
const SQLITE_IOERR: i64 = 10;
const SQLITE_FULL: i64 = 13;
const SQLITE_CANTOPEN: i64 = 14;

/// The words ROLLBACK answers with when SQLite has already rolled the transaction back.
const NO_TRANSACTION: &str = "no transaction is active";

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_unique_violation()
    {
        return StoreError::unique_violation(&unique_constraint(db.as_ref()));
    }
    match storage_fault(&e) {
        Some(reason) => StoreError::Unavailable(reason),
        None => StoreError::backend(e),
    }
}

/// Why the storage cannot take writes, when `e` says so.
pub(crate) fn storage_fault(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db) => {
            let code: i64 = db.code()?.parse().ok()?;
            let fault = matches!(
                code & 0xff,
                SQLITE_PERM
                    | SQLITE_BUSY
                    | SQLITE_READONLY
                    | SQLITE_IOERR
                    | SQLITE_FULL
                    | SQLITE_CANTOPEN
            );
            fault.then(|| db.message().to_owned())
        }
        sqlx::Error::Io(io) => Some(format!("input/output error: {io}")),
        sqlx::Error::PoolTimedOut => Some("no database writer became free in time".to_owned()),
        _ => None,
    }
}

/// Whether a ROLLBACK's error only says there was nothing left to roll back.
pub(crate) fn is_no_transaction(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.message().contains(NO_TRANSACTION))
}

/// The constraint a unique violation names: SQLite says only which columns
/// (`UNIQUE constraint failed: table.a, table.b`), so the columns stand for it.
fn unique_constraint(db: &dyn sqlx::error::DatabaseError) -> String {
    if let Some(name) = db.constraint() {
        return name.to_owned();
    }
    let message = db.message();
    message
        .strip_prefix("UNIQUE constraint failed: ")
        .unwrap_or(message)
        .to_owned()
}
