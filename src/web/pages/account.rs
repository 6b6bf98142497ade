//! The account page: who one is logged in as, and changing one's own password.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::login::require_login;
use super::{CsrfForm, PageError, render};
use crate::app::AppState;
use crate::domain::role::Role;
use crate::domain::user::{self, MIN_PASSWORD_CHARS, User};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::service::Client;
use crate::service::accounts::{PASSWORD_MISMATCH, PasswordChange};
use crate::web::extract::ClientAddr;
use crate::web::session::PageCtx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(account))
        .route("/account/password", post(change_password))
}

/// A role's name in the reader's language.
pub fn role_name(i18n: &I18n, role: Role) -> String {
    match role {
        Role::Admin => i18n.t("admin-role-admin"),
        Role::Editor => i18n.t("admin-role-editor"),
        Role::Moderator => i18n.t("admin-role-moderator"),
        Role::Translator => i18n.t("admin-role-translator"),
        Role::Contributor => i18n.t("admin-role-contributor"),
    }
}

/// The minimum password length, as a Fluent number argument.
pub fn min_password_chars() -> i64 {
    i64::try_from(MIN_PASSWORD_CHARS).unwrap_or(i64::MAX)
}

#[derive(Template)]
#[template(path = "account/index.html")]
struct AccountPage<'a> {
    ctx: &'a PageCtx,
    user: &'a User,
    role: String,
    changed: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct AccountQuery {
    changed: Option<String>,
}

fn show(ctx: &PageCtx, user: &User, changed: bool, error: Option<String>) -> Response {
    let page = AccountPage {
        ctx,
        user,
        role: role_name(&ctx.i18n, user.role),
        changed,
        error,
    };
    render(ctx, &page)
}

async fn account(ctx: PageCtx, RawQuery(query): RawQuery) -> Response {
    let user = match require_login(&ctx) {
        Ok(user) => user,
        Err(redirect) => return redirect.into_response(),
    };
    let q: AccountQuery =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    show(&ctx, user, q.changed.is_some_and(|c| c == "1"), None)
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat: String,
}

/// Why a new password is refused, in the reader's language; `None` when it is acceptable.
pub fn password_problem(
    i18n: &I18n,
    password: &str,
    too_short: &str,
    too_long: &str,
) -> Option<String> {
    user::password(password).err().map(|_| {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            i18n.tn(too_short, "min", min_password_chars())
        } else {
            i18n.t(too_long)
        }
    })
}

async fn change_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    let Some(user) = ctx.user.as_ref() else {
        return Ok(Redirect::to("/login?next=%2Faccount").into_response());
    };
    let change = PasswordChange {
        current: form.current,
        new_password: form.new_password,
        repeat: form.repeat,
    };
    let outcome = state
        .service
        .change_own_password(
            &ctx.actor(),
            Client::at(addr),
            change.clone(),
            super::login::session_lifetime(),
        )
        .await;
    let session = match outcome {
        Ok(session) => session,
        Err(AppError::Unauthorized(_)) => {
            let error = ctx.t("account-wrong-password");
            return Ok((
                StatusCode::UNAUTHORIZED,
                show(&ctx, user, false, Some(error)),
            )
                .into_response());
        }
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest { .. })) => {
            let error = password_problem(
                &ctx.i18n,
                &change.new_password,
                "account-password-too-short",
                "account-password-too-long",
            )
            .unwrap_or_else(|| match e {
                AppError::BadRequest {
                    code: PASSWORD_MISMATCH,
                    ..
                } => ctx.t("account-password-mismatch"),
                _ => ctx.t("account-password-too-long"),
            });
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                show(&ctx, user, false, Some(error)),
            )
                .into_response());
        }
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    // Every session ended with the old password; this browser gets a new one.
    let mut response = Redirect::to("/account?changed=1").into_response();
    super::login::set_session(&state, session, &mut response);
    Ok(response)
}
