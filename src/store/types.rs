//! The values the store's interface speaks in besides domain types: its error, page requests,
//! account records and the shapes of a few read models.

use chrono::{DateTime, Utc};

use crate::domain::ValidationError;
use crate::domain::language::LanguageTag;
use crate::domain::page;
use crate::domain::report::Report;
use crate::domain::role::Role;
use crate::domain::translation::ItemKind;
use crate::domain::validation::Refusal;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("{0}")]
    Forbidden(String),
    /// The storage cannot take the write now (disk full, read-only or failing, the writer
    /// busy past its timeout): nothing was stored, and trying again later may succeed.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The database failed; the cause is logged where it is handled, never shown. The source
    /// error is kept whole, so that a caller can tell a failure worth retrying (a serialization
    /// failure or a deadlock under concurrent writers) from the rest.
    #[error("storage failure: {0}")]
    Backend(#[source] BackendError),
}

/// The error a database driver returned, kept for its kind and its codes.
pub type BackendError = Box<dyn std::error::Error + Send + Sync>;

impl StoreError {
    /// A backend failure from any error, keeping it as the source.
    pub fn backend(e: impl Into<BackendError>) -> Self {
        StoreError::Backend(e.into())
    }

    /// Whether the write failed only because a concurrent transaction won: running it again
    /// may succeed. SQLite has a single writer and never reports this; PostgreSQL reports
    /// SQLSTATE 40001 (serialization failure) and 40P01 (deadlock).
    pub fn is_retryable(&self) -> bool {
        let StoreError::Backend(source) = self else {
            return false;
        };
        match source.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::Database(db)) => {
                matches!(db.code().as_deref(), Some(SERIALIZATION_FAILURE | DEADLOCK))
            }
            _ => false,
        }
    }

    /// The refusal a UNIQUE constraint gives when it fails; `constraint` is the backend's name
    /// for it (SQLite: the columns, `table.column, …`; PostgreSQL: the constraint's name, the
    /// same as the SQLite index's). Known constraints keep their own code, so a page can say
    /// what was refused; the rest name the constraint in the message.
    pub fn unique_violation(constraint: &str) -> Self {
        match UNIQUE_CONSTRAINTS
            .iter()
            .find(|(names, _, _)| names.contains(&constraint))
        {
            Some((_, code, message)) => StoreError::Conflict {
                code,
                message: (*message).to_owned(),
            },
            None => StoreError::Conflict {
                code: "already_exists",
                message: format!("an item with this name already exists ({constraint})"),
            },
        }
    }
}

const SERIALIZATION_FAILURE: &str = "40001";
const DEADLOCK: &str = "40P01";

/// UNIQUE constraints with a refusal of their own: the names each backend gives them, the
/// code and the message.
const UNIQUE_CONSTRAINTS: &[(&[&str], &str, &str)] = &[
    (
        &[
            "update_revisions.update_id, update_revisions.revision",
            "comment_revisions.comment_id, comment_revisions.revision",
            "thread_revisions.thread_id, thread_revisions.revision",
            "report_revisions.report_id, report_revisions.revision",
            "translation_revisions.translation_id, translation_revisions.revision",
            "update_revisions_pkey",
            "comment_revisions_pkey",
            "thread_revisions_pkey",
            "report_revisions_pkey",
            "translation_revisions_pkey",
        ],
        "concurrent_edit",
        "someone else changed this at the same time; load it again and retry",
    ),
    (
        &[
            "comment_flags.comment_id, comment_flags.reporter_id",
            "comment_flags_one_open_per_reporter",
        ],
        "already_flagged",
        "you have already flagged this comment",
    ),
    (
        &[
            "translations.kind, translations.item_id, translations.language",
            "translations_kind_item_id_language_key",
        ],
        "translation_exists",
        "this item already has a translation into this language",
    ),
];

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Invalid(v) => StoreError::Invalid(v),
            Refusal::Conflict { code, message } => StoreError::Conflict { code, message },
            Refusal::Forbidden(m) => StoreError::Forbidden(m),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A page request: an opaque cursor from the previous page and a validated limit.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub after: Option<String>,
    pub limit: u32,
}

impl PageRequest {
    /// The key parts the page starts after; `None` on the first page, which a query takes as
    /// no bound at all (`$n IS NULL OR key < $n`) rather than a sentinel value ordered past
    /// every key: such a value orders so only under byte-order collation.
    pub fn after_key(&self, parts: usize) -> Result<Option<Vec<String>>, ValidationError> {
        self.after
            .as_deref()
            .map(|c| page::decode_cursor(c, parts))
            .transpose()
    }

    /// The one key part (an id) the page starts after, if any.
    pub fn after_id(&self) -> Result<Option<String>, ValidationError> {
        Ok(self.after_key(1)?.and_then(|mut parts| parts.pop()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewUserRecord {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: String,
    pub user_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A report waiting for a moderator, with its thread.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct ReportQueueItem {
    pub report: Report,
    pub thread_title: String,
    pub thread_slug: String,
}

/// The item a new translation is of, and the language it is into.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationTarget {
    pub kind: ItemKind,
    pub item_id: String,
    pub language: LanguageTag,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_violations_are_refused_by_their_constraint() {
        let sqlite = "comment_flags.comment_id, comment_flags.reporter_id";
        for name in [sqlite, "comment_flags_one_open_per_reporter"] {
            assert!(matches!(
                StoreError::unique_violation(name),
                StoreError::Conflict {
                    code: "already_flagged",
                    ..
                }
            ));
        }
        match StoreError::unique_violation("users.name_key") {
            StoreError::Conflict { code, message } => {
                assert_eq!(code, "already_exists");
                assert!(message.contains("users.name_key"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_backend_failures_may_be_retried() {
        assert!(!StoreError::NotFound("thread").is_retryable());
        assert!(!StoreError::backend("disk on fire").is_retryable());
        let e = StoreError::backend(sqlx::Error::PoolClosed);
        assert!(!e.is_retryable());
        assert!(std::error::Error::source(&e).is_some(), "the cause is kept");
    }
}
