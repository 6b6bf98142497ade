//! The HTTP edge's error: one JSON shape for every refusal, a status that says what went wrong.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::domain::ValidationError;
use crate::domain::validation::Refusal;
use crate::store::StoreError;

/// How long a client is asked to wait after a write refused for a storage fault: long enough
/// for an operator to free space, short enough that a retried write is not long delayed.
pub const STORAGE_RETRY_AFTER_SECS: u64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("the request body is larger than the server accepts")]
    PayloadTooLarge,
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// A service the request depends on (a machine-translation engine) is not answering.
    #[error("{message}")]
    Unavailable { code: &'static str, message: String },
    /// The storage cannot take writes now (full, read-only, failing); the cause is logged.
    /// Reads still work, and the write may be sent again later.
    #[error(
        "the server cannot save changes right now: its storage is full or unavailable. \
         Reading still works; please try again in a few minutes"
    )]
    StorageUnavailable(String),
    #[error("too many requests; try again in {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// The cause is logged once, here; the client sees a generic message.
    #[error("internal error")]
    Internal(String),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable.
    pub code: String,
    /// For people.
    pub message: String,
    /// The invalid input field, for `invalid_field`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable { .. } | AppError::StorageUnavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::Unavailable { code, .. } => code,
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::Invalid(_) => "invalid_field",
            AppError::TooManyRequests { .. } => "rate_limited",
            AppError::StorageUnavailable(_) => "storage_unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// Seconds a client should wait before trying again, for the `Retry-After` header.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests { retry_after } => Some(*retry_after),
            AppError::StorageUnavailable(_) => Some(STORAGE_RETRY_AFTER_SECS),
            _ => None,
        }
    }

    /// Logs the cause of a 5xx once, where the response is made.
    pub fn log(&self) {
        match self {
            AppError::Internal(cause) => tracing::error!(error = %cause, "request failed"),
            AppError::StorageUnavailable(cause) => {
                tracing::warn!(error = %cause, "write refused: storage unavailable");
            }
            _ => {}
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (message, field) = match self {
            AppError::Invalid(v) => (format!("{}: {}", v.field, v.message), Some(v.field.clone())),
            other => (other.to_string(), None),
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message,
                field,
            },
        }
    }

    pub fn auth_required() -> Self {
        AppError::Unauthorized("this needs an account: send `Authorization: Bearer <token>`".into())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict { code, message } => AppError::Conflict { code, message },
            StoreError::Invalid(v) => AppError::Invalid(v),
            StoreError::Forbidden(m) => AppError::Forbidden(m),
            StoreError::Unavailable(m) => AppError::StorageUnavailable(m),
            StoreError::Backend(source) => AppError::Internal(source.to_string()),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::from(StoreError::from(r))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let mut response = (status, axum::Json(self.body())).into_response();
        set_retry_after(&mut response, self.retry_after());
        response
    }
}

/// Adds `Retry-After` when the refusal says how long to wait.
pub fn set_retry_after(response: &mut Response, seconds: Option<u64>) {
    if let Some(s) = seconds
        && let Ok(v) = HeaderValue::from_str(&s.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
}

pub type AppResult<T> = Result<T, AppError>;
