//! Accounts and the one acting on a request.

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

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

/// The key an account name is looked up, throttled and kept unique by.
///
/// The rule: Unicode NFKC, then surrounding whitespace trimmed, then lowercased (and NFKC
/// again, as lowercasing can undo it). So `' Editor2 '`, `"\teditor2"`, `EDITOR2` and the
/// full-width `ｅｄｉｔｏｒ２` all name the account `editor2`. An account keeps the case it was
/// created with for display; names compare without case.
pub fn name_key(name: &str) -> String {
    let compatible: String = name.nfkc().collect();
    compatible.trim().to_lowercase().nfkc().collect()
}

/// Account names are short and plain, so they can be typed on the command line. They are
/// taken in NFKC and trimmed, the form [`name_key`] starts from, so two accounts never differ
/// only by width, spacing or case.
pub fn account_name(value: &str) -> Result<String, ValidationError> {
    let compatible: String = value.nfkc().collect();
    let name = required_text("name", &compatible, 40)?;
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
        assert_eq!(account_name("ｅｄｉｔｏｒ２"), Ok("editor2".into()));
        assert_eq!(account_name("\u{3000}Anna\u{a0}"), Ok("Anna".into()));
    }

    #[test]
    fn name_keys_ignore_spacing_width_and_case() {
        for typed in [
            "editor2",
            " editor2",
            "editor2 ",
            " editor2 ",
            "\teditor2",
            "editor2\r\n",
            "EDITOR2",
            "Editor2",
            "ｅｄｉｔｏｒ２",
            "\u{3000}editor2\u{a0}",
        ] {
            assert_eq!(name_key(typed), "editor2", "{typed:?}");
        }
        assert_ne!(name_key("editor2\u{200b}"), "editor2");
        assert_ne!(name_key("edi tor2"), "editor2");
    }

    #[test]
    fn the_key_of_a_valid_name_is_its_lowercase() {
        // Keys stored before normalization were the lowercase of a valid name: they still
        // match, so existing accounts need no migration.
        for name in ["anna.k", "Desk", "EDITOR_2", "a-b"] {
            let valid = account_name(name).unwrap();
            assert_eq!(name_key(&valid), valid.to_lowercase());
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(password("short").is_err());
        assert!(password("long enough pass").is_ok());
    }
}
