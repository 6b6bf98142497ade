//! The audit log: who did what to which item, and what it looked like before and after.

use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    /// The item before the change; `null` when it was created.
    #[schema(value_type = Option<Object>, required = true)]
    pub before: Option<serde_json::Value>,
    /// The item after the change; `null` when nothing of it is left to show.
    #[schema(value_type = Option<Object>, required = true)]
    pub after: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}
