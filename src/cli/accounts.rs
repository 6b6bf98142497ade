//! The account and token commands: `user …` and `token …`.

use std::io::Read;

use anyhow::{Context, bail};

use super::{TokenCommand, UserCommand};
use crate::auth;
use crate::domain::user::{self, Actor};
use crate::store::sqlite::SqliteStore;
use crate::store::{NewUserRecord, Store, StoreReads};

fn read_password_stdin() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the password")?;
    let password = input.trim_end_matches(['\n', '\r']).to_owned();
    user::password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(password)
}

pub(super) async fn user_command(store: &SqliteStore, cmd: UserCommand) -> anyhow::Result<()> {
    let system = Actor::System;
    match cmd {
        UserCommand::Add {
            name,
            role,
            display_name,
            password_stdin,
        } => {
            let name = user::account_name(&name).map_err(|e| anyhow::anyhow!("{e}"))?;
            let (password, generated) = if password_stdin {
                (read_password_stdin()?, false)
            } else {
                (auth::random_password(), true)
            };
            let hash = auth::hash_password(&password)?;
            let display_name = match display_name {
                Some(d) => crate::domain::validation::required_text("display_name", &d, 80)
                    .map_err(|e| anyhow::anyhow!("{e}"))?,
                None => name.clone(),
            };
            let record = NewUserRecord {
                name,
                display_name,
                role,
                password_hash: Some(hash),
            };
            let created = store.create_user(&system, record).await?;
            if generated {
                println!(
                    "created {} ({}) with password {password}",
                    created.name, created.role
                );
            } else {
                println!("created {} ({})", created.name, created.role);
            }
        }
        UserCommand::List => {
            for u in store.list_users().await? {
                let state = if u.disabled { "disabled" } else { "active" };
                println!("{}\t{}\t{}\t{}", u.name, u.role, state, u.display_name);
            }
        }
        UserCommand::SetRole { name, role } => {
            let u = store.set_user_role(&system, &name, role).await?;
            println!("{} is now {}", u.name, u.role);
        }
        UserCommand::Disable { name } => {
            let u = store.set_user_disabled(&system, &name, true).await?;
            println!("{} is disabled", u.name);
        }
        UserCommand::Enable { name } => {
            let u = store.set_user_disabled(&system, &name, false).await?;
            println!("{} is enabled", u.name);
        }
        UserCommand::SetPassword { name } => {
            let hash = auth::hash_password(&read_password_stdin()?)?;
            store.set_password(&system, &name, hash).await?;
            println!("password of {name} changed");
        }
    }
    Ok(())
}

pub(super) async fn token_command(store: &SqliteStore, cmd: TokenCommand) -> anyhow::Result<()> {
    let system = Actor::System;
    match cmd {
        TokenCommand::Create { user, label } => {
            let account = store.user_by_name(&user).await?;
            if account.disabled {
                bail!("{} is disabled", account.name);
            }
            let token = auth::new_secret(auth::API_TOKEN_PREFIX);
            store
                .create_token(&system, &account.name, &label, &auth::secret_hash(&token))
                .await?;
            println!("{token}");
        }
        TokenCommand::Revoke { id } => {
            let t = store.revoke_token(&system, &id).await?;
            println!("token {} of {} revoked", t.id, t.user_name);
        }
        TokenCommand::List { user } => {
            for t in store.list_tokens(user.as_deref()).await? {
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    t.id, t.user_name, state, t.created_at, t.label
                );
            }
        }
    }
    Ok(())
}
