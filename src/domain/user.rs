//! Accounts and the one acting on a request.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::role::Role;
use super::validation::{ValidationError, required_text};

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// How an author is shown next to what they wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct UserRef {
    pub id: String,
    pub name: String,
}

/// The one acting: an account, or a guest.
#[derive(Debug, Clone, PartialEq)]
pub enum Actor {
    User(User),
    Guest,
    /// The command line, run by whoever operates the server.
    System,
}

impl Actor {
    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::User(u) => Some(u.role),
            Actor::System => Some(Role::Admin),
            Actor::Guest => None,
        }
    }

    pub fn user(&self) -> Option<&User> {
        match self {
            Actor::User(u) => Some(u),
            _ => None,
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        self.user().map(|u| u.id.as_str())
    }

    /// The name written in the audit log.
    pub fn audit_name(&self) -> &str {
        match self {
            Actor::User(u) => &u.name,
            Actor::Guest => "guest",
            Actor::System => "system",
        }
    }
}

/// Account names are short and plain, so they can be typed on the command line.
pub fn account_name(value: &str) -> Result<String, ValidationError> {
    let name = required_text("name", value, 40)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(ValidationError::new(
            "name",
            "may only contain letters, digits, '_', '-' and '.'",
        ));
    }
    Ok(name)
}

pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn password(value: &str) -> Result<(), ValidationError> {
    if value.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ValidationError::new(
            "password",
            format!("must be at least {MIN_PASSWORD_CHARS} characters long"),
        ));
    }
    if value.len() > 1024 {
        return Err(ValidationError::new("password", "is too long"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_are_plain() {
        assert_eq!(account_name(" anna.k "), Ok("anna.k".into()));
        assert!(account_name("anna k").is_err());
        assert!(account_name("").is_err());
        assert!(account_name("Алма").is_err());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(password("short").is_err());
        assert!(password("long enough pass").is_ok());
    }
}
