//! Accounts, API tokens, sessions and the audit log in SQLite.

use super::{AuditRecord, SqliteStore, Tx, audit, backend, new_id, rows, to_json};
use crate::domain::role::Role;
use crate::domain::time::{self, Timestamp};
use crate::domain::user::{Actor, User};
use crate::store::{ApiToken, NewUserRecord, StoreError, StoreResult};

mod read;

use read::{TOKEN, token};
pub use read::{
    audit_log, list_tokens, list_users, user_by_session, user_by_token, user_credentials,
};

/// Every look-up by name goes through the one normalization, so a name typed with other
/// spacing, width or case finds the same account (and is throttled as the same account).
fn name_key(name: &str) -> String {
    crate::domain::user::name_key(name)
}

async fn user_in_tx(tx: &mut Tx, name: &str) -> StoreResult<User> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} WHERE name_key = $1",
        rows::USER
    )))
    .bind(name_key(name))
    .fetch_optional(&mut **tx)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("user"))?;
    rows::user(&row)
}

pub async fn create_user(
    store: &SqliteStore,
    actor: &Actor,
    new: NewUserRecord,
) -> StoreResult<User> {
    let mut tx = store.begin().await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO users (id, name, name_key, display_name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&new.name)
    .bind(name_key(&new.name))
    .bind(&new.display_name)
    .bind(new.role.as_str())
    .bind(&new.password_hash)
    .bind(time::to_db(&time::now()))
    .execute(&mut *tx)
    .await
    .map_err(|e| match backend(e) {
        StoreError::Conflict { code, .. } => StoreError::Conflict {
            code,
            message: format!("a user named {:?} already exists", new.name),
        },
        other => other,
    })?;
    let user = user_in_tx(&mut tx, &new.name).await?;
    let record = AuditRecord {
        action: "user.create",
        target_kind: "user",
        target_id: &id,
        before: None,
        after: to_json(&user),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(user)
}

/// What to change on an account: one column, and whether its browser sessions end with it.
struct UserChange {
    action: &'static str,
    sql: &'static str,
    value: String,
    end_sessions: bool,
}

/// Changes one column of a user, audited with the account before and after, in one
/// transaction with the end of its sessions when asked.
async fn change_user(
    store: &SqliteStore,
    actor: &Actor,
    name: &str,
    change: UserChange,
) -> StoreResult<User> {
    let UserChange {
        action,
        sql,
        value,
        end_sessions,
    } = change;
    let mut tx = store.begin().await?;
    let before = user_in_tx(&mut tx, name).await?;
    sqlx::query(sql)
        .bind(value)
        .bind(&before.id)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    if end_sessions {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(&before.id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    }
    let after = user_in_tx(&mut tx, name).await?;
    let record = AuditRecord {
        action,
        target_kind: "user",
        target_id: &before.id,
        before: to_json(&before),
        after: to_json(&after),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn set_role(
    store: &SqliteStore,
    actor: &Actor,
    name: &str,
    role: Role,
) -> StoreResult<User> {
    let change = UserChange {
        action: "user.set_role",
        sql: "UPDATE users SET role = $1 WHERE id = $2",
        value: role.as_str().to_owned(),
        end_sessions: false,
    };
    change_user(store, actor, name, change).await
}

pub async fn set_disabled(
    store: &SqliteStore,
    actor: &Actor,
    name: &str,
    disabled: bool,
) -> StoreResult<User> {
    let change = UserChange {
        action: "user.set_disabled",
        sql: "UPDATE users SET disabled = ($1 = 'true') WHERE id = $2",
        value: disabled.to_string(),
        // A disabled account also loses its sessions: it must not stay logged in anywhere.
        end_sessions: disabled,
    };
    change_user(store, actor, name, change).await
}

pub async fn set_password(
    store: &SqliteStore,
    actor: &Actor,
    name: &str,
    password_hash: String,
) -> StoreResult<()> {
    let change = UserChange {
        action: "user.set_password",
        sql: "UPDATE users SET password_hash = $1 WHERE id = $2",
        value: password_hash,
        // A new password signs the account out everywhere: an old session may be a stolen one.
        end_sessions: true,
    };
    change_user(store, actor, name, change).await?;
    Ok(())
}

pub async fn create_token(
    store: &SqliteStore,
    actor: &Actor,
    user_name: &str,
    label: &str,
    token_hash: &str,
) -> StoreResult<ApiToken> {
    let mut tx = store.begin().await?;
    let user = user_in_tx(&mut tx, user_name).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, label, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&user.id)
    .bind(label)
    .bind(token_hash)
    .bind(time::to_db(&time::now()))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{TOKEN} WHERE k.id = $1")))
        .bind(&id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
    let created = token(&row)?;
    let record = AuditRecord {
        action: "token.create",
        target_kind: "user",
        target_id: &user.id,
        before: None,
        after: to_json(&created),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn revoke_token(
    store: &SqliteStore,
    actor: &Actor,
    token_id: &str,
) -> StoreResult<ApiToken> {
    let mut tx = store.begin().await?;
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2")
            .bind(time::to_db(&time::now()))
            .bind(token_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("token"));
    }
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{TOKEN} WHERE k.id = $1")))
        .bind(token_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
    let revoked = token(&row)?;
    let record = AuditRecord {
        action: "token.revoke",
        target_kind: "token",
        target_id: token_id,
        before: None,
        after: to_json(&revoked),
    };
    audit(&mut tx, actor, record).await?;
    tx.commit().await?;
    Ok(revoked)
}

pub async fn create_session(
    store: &SqliteStore,
    user_id: &str,
    session_hash: &str,
    expires_at: Timestamp,
) -> StoreResult<()> {
    let mut tx = store.begin().await?;
    sqlx::query(
        "INSERT INTO sessions (session_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(session_hash)
    .bind(user_id)
    .bind(time::to_db(&time::now()))
    .bind(time::to_db(&expires_at))
    .execute(&mut *tx)
    .await
    .map_err(backend)?;
    tx.commit().await
}

pub async fn delete_session(store: &SqliteStore, session_hash: &str) -> StoreResult<()> {
    let mut tx = store.begin().await?;
    sqlx::query("DELETE FROM sessions WHERE session_hash = $1")
        .bind(session_hash)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await
}

pub async fn purge_expired_sessions(store: &SqliteStore, now: Timestamp) -> StoreResult<u64> {
    let mut tx = store.begin().await?;
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(time::to_db(&now))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Ends every session of the account but the one kept; returns how many ended.
pub async fn end_other_sessions(
    store: &SqliteStore,
    user_id: &str,
    keep_session_hash: &str,
) -> StoreResult<u64> {
    let mut tx = store.begin().await?;
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND session_hash <> $2")
        .bind(user_id)
        .bind(keep_session_hash)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
