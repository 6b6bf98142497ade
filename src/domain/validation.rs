//! Why an input or a requested change is refused, in terms the edge can map to a status.

use serde::Serialize;

/// One field of an input is invalid: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A rule of the domain refuses a change that is well-formed on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The change conflicts with the current state (a closed thread, a struck update…).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{0}")]
    Forbidden(String),
}

impl Refusal {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Refusal::Conflict {
            code,
            message: message.into(),
        }
    }
}

/// Trims `value` and checks it is non-empty and at most `max_chars` characters long.
pub fn required_text(
    field: &str,
    value: &str,
    max_chars: usize,
) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    optional_text(field, trimmed, max_chars)
}

/// Trims `value` and checks it is at most `max_chars` characters long (it may be empty).
pub fn optional_text(
    field: &str,
    value: &str,
    max_chars: usize,
) -> Result<String, ValidationError> {
    let trimmed = value.trim();
    let count = trimmed.chars().count();
    if count > max_chars {
        return Err(ValidationError::new(
            field,
            format!("is {count} characters long; the limit is {max_chars}"),
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ValidationError::new(field, "contains control characters"));
    }
    Ok(trimmed.to_owned())
}

/// Checks that `value` looks like a ULID, the form of every identifier.
pub fn id(field: &str, value: &str) -> Result<String, ValidationError> {
    ulid::Ulid::from_string(value)
        .map(|u| u.to_string())
        .map_err(|_| ValidationError::new(field, "is not a valid identifier"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_rejects_blank() {
        assert_eq!(required_text("title", "  hi ", 10), Ok("hi".into()));
        assert_eq!(
            required_text("title", "   ", 10).map_err(|e| e.field),
            Err("title".into())
        );
    }

    #[test]
    fn text_over_the_limit_names_the_field() {
        let err = optional_text("lead", "ééé", 2).unwrap_err();
        assert_eq!(err.field, "lead");
        assert!(err.message.contains("limit is 2"));
    }

    #[test]
    fn control_characters_are_refused_but_newlines_kept() {
        assert!(optional_text("body", "a\u{0}b", 10).is_err());
        assert_eq!(optional_text("body", "a\nb", 10), Ok("a\nb".into()));
    }
}
