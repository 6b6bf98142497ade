//! Accounts: create one, change its role, disable or enable it, set or change its password, and
//! open and close browser sessions.
//!
//! Passwords are hashed and checked off the async threads: argon2 is slow on purpose.

use crate::auth;
use crate::domain::permissions::{Action, Ownership};
use crate::domain::role::Role;
use crate::domain::time::{self, Timestamp};
use crate::domain::user::{self, Actor, User};
use crate::domain::validation::required_text;
use crate::error::{AppError, AppResult};
use crate::store::{NewUserRecord, StoreError};

use super::{Client, Service, permit};

/// Display names are at most this long, on the pages and on the command line.
pub const DISPLAY_NAME_CHARS: usize = 80;

/// A new account as an admin asks for it.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    /// Empty: the account's name.
    pub display_name: String,
    pub role: Role,
    /// `None`: a random one, handed back once.
    pub password: Option<String>,
}

/// A created account, with the password generated for it when none was given.
#[derive(Debug)]
pub struct Created {
    pub user: User,
    pub generated_password: Option<String>,
}

/// A browser session just opened: the secret goes in the cookie, only its hash is stored.
#[derive(Debug)]
pub struct Session {
    pub user: User,
    pub secret: String,
    pub hash: String,
}

/// How long a new browser session lasts.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime(pub chrono::Duration);

/// A logged-in account changing its own password.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub current: String,
    pub new_password: String,
    pub repeat: String,
}

/// The code of a refused login: the name, the password or the account's state, never which.
pub const LOGIN_FAILED: &str = "login_failed";
/// The code when the current password given to change it is wrong.
pub const WRONG_PASSWORD: &str = "wrong_password";
/// The code when the new password and its repetition differ.
pub const PASSWORD_MISMATCH: &str = "password_mismatch";

async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Whether the password matches the hash; with no hash, one of a random password is checked,
/// to spend the same time.
async fn verify(password: String, hash: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let hash = hash.as_deref().unwrap_or(DUMMY_HASH.as_str());
        auth::verify_password(&password, hash)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// A hash of a random password, to spend the same time on unknown names.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&auth::random_password()).unwrap_or_default());

fn is_me(actor: &Actor, name: &str) -> bool {
    actor
        .user()
        .is_some_and(|me| user::name_key(&me.name) == user::name_key(name))
}

impl Service {
    /// A new account, by an admin.
    pub async fn create_user(&self, actor: &Actor, new: NewAccount) -> AppResult<Created> {
        permit(actor, Action::ManageUsers, Ownership::Others)?;
        let name = user::account_name(&new.name)?;
        let display_name = if new.display_name.trim().is_empty() {
            name.clone()
        } else {
            required_text("display_name", &new.display_name, DISPLAY_NAME_CHARS)?
        };
        if let Some(password) = &new.password {
            user::password(password)?;
        }
        let generated_password = new.password.is_none().then(auth::random_password);
        let password = new
            .password
            .or_else(|| generated_password.clone())
            .unwrap_or_default();
        let record = NewUserRecord {
            name,
            display_name,
            role: new.role,
            password_hash: Some(hash(password).await?),
        };
        let user = self.store.create_user(actor, record).await?;
        Ok(Created {
            user,
            generated_password,
        })
    }

    /// An account's new role, by an admin; an admin may not take the role from themselves.
    pub async fn set_user_role(&self, actor: &Actor, name: &str, role: Role) -> AppResult<User> {
        permit(actor, Action::ManageUsers, Ownership::Others)?;
        if role != Role::Admin && is_me(actor, name) {
            return Err(AppError::Conflict {
                code: "self_demote",
                message: "an admin may not take away their own admin role".into(),
            });
        }
        Ok(self.store.set_user_role(actor, name, role).await?)
    }

    /// Disables or enables an account, by an admin; an admin may not disable themselves.
    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        name: &str,
        disabled: bool,
    ) -> AppResult<User> {
        permit(actor, Action::ManageUsers, Ownership::Others)?;
        if disabled && is_me(actor, name) {
            return Err(AppError::Conflict {
                code: "self_disable",
                message: "an admin may not disable their own account".into(),
            });
        }
        Ok(self.store.set_user_disabled(actor, name, disabled).await?)
    }

    /// Sets an account's password, by an admin: every session of the account ends.
    pub async fn reset_password(&self, actor: &Actor, name: &str, password: &str) -> AppResult<()> {
        permit(actor, Action::ManageUsers, Ownership::Others)?;
        user::password(password)?;
        let hashed = hash(password.to_owned()).await?;
        Ok(self.store.set_password(actor, name, hashed).await?)
    }

    /// A logged-in account's new password, given the current one. Every session ends with the
    /// old password; the one asking gets a new session.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        client: Client,
        change: PasswordChange,
        lifetime: Lifetime,
    ) -> AppResult<Session> {
        let Some(me) = actor.user() else {
            return Err(AppError::auth_required());
        };
        // Guessing the current password from a stolen session is slowed down like logging in.
        self.limits.check_login(&me.name, client.addr)?;
        let (_, stored) = self.store.user_credentials(&me.name).await?;
        let current_ok = stored.is_some() && verify(change.current, stored).await?;
        if !current_ok {
            return Err(AppError::Unauthorized(WRONG_PASSWORD.into()));
        }
        user::password(&change.new_password)?;
        if change.new_password != change.repeat {
            return Err(AppError::BadRequest {
                code: PASSWORD_MISMATCH,
                message: "the new password and its repetition differ".into(),
            });
        }
        let hashed = hash(change.new_password).await?;
        self.store.set_password(actor, &me.name, hashed).await?;
        self.open_session(me.clone(), lifetime).await
    }

    /// Logs in: the login rate limit, the password, then a new session; the account's other
    /// sessions end only when asked.
    pub async fn log_in(
        &self,
        client: Client,
        name: &str,
        password: &str,
        end_other_sessions: bool,
        lifetime: Lifetime,
    ) -> AppResult<Session> {
        // The throttle and the look-up both normalize the name the same way (trim, NFKC, case).
        self.limits.check_login(name, client.addr)?;
        let found = match self.store.user_credentials(name).await {
            Ok(found) => Some(found),
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        // The hash is checked even for unknown names, so timing does not tell which names exist.
        let stored = found.as_ref().and_then(|(_, h)| h.clone());
        let password_ok = verify(password.to_owned(), stored).await?;
        let user = match found {
            Some((user, _)) if password_ok && !user.disabled => user,
            _ => return Err(AppError::Unauthorized(LOGIN_FAILED.into())),
        };
        let session = self.open_session(user, lifetime).await?;
        if end_other_sessions {
            let ended = self
                .store
                .end_other_sessions(&session.user.id, &session.hash)
                .await?;
            tracing::info!(
                user.id = %session.user.id,
                sessions.ended = ended,
                "other sessions ended at login"
            );
        }
        Ok(session)
    }

    /// Ends the browser session whose cookie holds `secret`.
    pub async fn log_out(&self, secret: &str) -> AppResult<()> {
        Ok(self
            .store
            .delete_session(&auth::secret_hash(secret))
            .await?)
    }

    async fn open_session(&self, user: User, lifetime: Lifetime) -> AppResult<Session> {
        let secret = auth::new_secret("");
        let hash = auth::secret_hash(&secret);
        let expires: Timestamp = time::now() + lifetime.0;
        self.store.create_session(&user.id, &hash, expires).await?;
        Ok(Session { user, secret, hash })
    }
}
