//! Reading accounts: users, their API tokens and browser sessions, and the audit log.

use sqlx::FromRow;

use super::name_key;
use crate::store::sqlite::rows::{AuditRow, TokenRow};
use sqlx::SqlitePool;

use crate::domain::page::{Page, encode_cursor};
use crate::domain::time::{self, Timestamp};
use crate::domain::user::User;
use crate::store::sqlite::{backend, rows};
use crate::store::{ApiToken, AuditEntry, PageRequest, StoreError, StoreResult};

pub async fn user_credentials(
    pool: &SqlitePool,
    name: &str,
) -> StoreResult<(User, Option<String>)> {
    let row = sqlx::query(
        "SELECT id, name, display_name, role, disabled, created_at, password_hash
         FROM users WHERE name_key = $1",
    )
    .bind(name_key(name))
    .fetch_optional(pool)
    .await
    .map_err(backend)?
    .ok_or(StoreError::NotFound("user"))?;
    Ok((rows::user(&row)?, rows::column(&row, "password_hash")?))
}

pub async fn list_users(pool: &SqlitePool) -> StoreResult<Vec<User>> {
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{} ORDER BY name_key",
        rows::USER
    )))
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    found.iter().map(rows::user).collect()
}

pub(super) const TOKEN: &str =
    "SELECT k.id, u.name AS user_name, k.label, k.created_at, k.revoked_at
    FROM api_tokens k JOIN users u ON u.id = k.user_id";

pub(super) fn token(row: &sqlx::sqlite::SqliteRow) -> StoreResult<ApiToken> {
    Ok(TokenRow::from_row(row).map_err(backend)?.into())
}

pub async fn user_by_token(pool: &SqlitePool, token_hash: &str) -> StoreResult<Option<User>> {
    let row = sqlx::query(
        "SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.created_at
         FROM api_tokens k JOIN users u ON u.id = k.user_id
         WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND u.disabled = FALSE",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    row.as_ref().map(rows::user).transpose()
}

pub async fn list_tokens(pool: &SqlitePool, user_name: Option<&str>) -> StoreResult<Vec<ApiToken>> {
    let found = match user_name {
        Some(name) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "{TOKEN} WHERE u.name_key = $1 ORDER BY k.id"
            )))
            .bind(name_key(name))
            .fetch_all(pool)
            .await
        }
        None => {
            sqlx::query(sqlx::AssertSqlSafe(format!("{TOKEN} ORDER BY k.id")))
                .fetch_all(pool)
                .await
        }
    }
    .map_err(backend)?;
    found.iter().map(token).collect()
}

pub async fn user_by_session(
    pool: &SqlitePool,
    session_hash: &str,
    now: Timestamp,
) -> StoreResult<Option<User>> {
    let row = sqlx::query(
        "SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.created_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.session_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
    )
    .bind(session_hash)
    .bind(time::to_db(&now))
    .fetch_optional(pool)
    .await
    .map_err(backend)?;
    row.as_ref().map(rows::user).transpose()
}

pub async fn audit_log(pool: &SqlitePool, page: PageRequest) -> StoreResult<Page<AuditEntry>> {
    let before = page.after_id()?;
    let found: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, actor_id, actor_name, action, target_kind, target_id, before, after, at
         FROM audit_log WHERE $1 IS NULL OR id < $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(before)
    .bind(i64::from(page.limit) + 1)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let entries = found.into_iter().map(AuditEntry::from).collect();
    Ok(Page::from_rows(entries, page.limit, |e| {
        encode_cursor(&[&e.id])
    }))
}
