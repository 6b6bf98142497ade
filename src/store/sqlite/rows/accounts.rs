//! Rows of API tokens and of the audit log.

use sqlx::FromRow;

use super::DbTime;
use crate::store::{ApiToken, AuditEntry};

/// `accounts::TOKEN`.
#[derive(FromRow)]
pub struct TokenRow {
    id: String,
    user_name: String,
    label: String,
    created_at: DbTime,
    revoked_at: Option<DbTime>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> ApiToken {
        ApiToken {
            id: r.id,
            user_name: r.user_name,
            label: r.label,
            created_at: r.created_at.into(),
            revoked_at: r.revoked_at.map(Into::into),
        }
    }
}

#[derive(FromRow)]
pub struct AuditRow {
    id: String,
    actor_id: Option<String>,
    actor_name: String,
    action: String,
    target_kind: String,
    target_id: String,
    before: Option<String>,
    after: Option<String>,
    at: DbTime,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> AuditEntry {
        // Kept as JSON text; an entry that does not parse still shows who did what.
        let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        AuditEntry {
            id: r.id,
            actor_id: r.actor_id,
            actor_name: r.actor_name,
            action: r.action,
            target_kind: r.target_kind,
            target_id: r.target_id,
            before: json(r.before),
            after: json(r.after),
            at: r.at.into(),
        }
    }
}
