//! The roles an account can hold; a request without an account is a guest.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Moderator,
    Translator,
    Contributor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Editor,
        Role::Moderator,
        Role::Translator,
        Role::Contributor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Moderator => "moderator",
            Role::Translator => "translator",
            Role::Contributor => "contributor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles are listed from the most to the least trusted; the first three are staff, whose
    /// comments publish at once even on a premoderated thread.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Editor | Role::Moderator)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s).ok_or_else(|| {
            format!(
                "unknown role {s:?} (expected admin, editor, moderator, translator or contributor)"
            )
        })
    }
}
