//! Logging in and out with a browser session.
//!
//! Logging in opens a new session and, only when the form's "log out everywhere else" box is
//! ticked, ends the account's other sessions; otherwise they stay open until they expire, are
//! logged out, or the password changes. Logging in and out both give the browser a new CSRF
//! token, so a token seen before the change is worth nothing after it.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{CsrfForm, OrPage, PageError, render};
use crate::app::AppState;
use crate::auth;
use crate::domain::redirect::local_path;
use crate::domain::time;
use crate::error::AppError;
use crate::web::extract::ClientAddr;
use crate::web::session::{
    CSRF_COOKIE, CSRF_DAYS, PageCtx, SESSION_COOKIE, SESSION_DAYS, build_cookie, cookie_value,
    set_cookie,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    ctx: &'a PageCtx,
    next: String,
    name: String,
    end_other_sessions: bool,
    error: Option<String>,
}

/// The `next` of a query string, read leniently: a query that is not well-formed is no reason
/// to refuse the login page, only to forget where to return.
fn next_in_query(query: Option<&str>) -> String {
    let next = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "next")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    local_path(&next).to_owned()
}

pub async fn login_form(ctx: PageCtx, RawQuery(query): RawQuery) -> Response {
    let page = LoginPage {
        ctx: &ctx,
        next: next_in_query(query.as_deref()),
        name: String::new(),
        end_other_sessions: false,
        error: None,
    };
    render(&ctx, &page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
    /// The checkbox "log out everywhere else": present (`on`) when ticked.
    end_other_sessions: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = local_path(form.next.as_deref().unwrap_or_default()).to_owned();
    let end_other_sessions = form.end_other_sessions.is_some();
    // The throttle and the look-up both normalize the name the same way (trim, NFKC, case).
    state.limits.check_login(&form.name, addr).or_page(&ctx)?;
    let found = match state.store.user_credentials(&form.name).await {
        Ok(found) => Some(found),
        Err(crate::store::StoreError::NotFound(_)) => None,
        Err(e) => return Err(PageError::new(&ctx, e.into())),
    };
    // The hash is checked even for unknown names, so timing does not tell which names exist.
    let hash = found
        .as_ref()
        .and_then(|(_, h)| h.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let password_ok = auth::verify_password(&form.password, &hash);
    let user = match found {
        Some((user, _)) if password_ok && !user.disabled => user,
        _ => {
            let page = LoginPage {
                ctx: &ctx,
                next,
                name: form.name,
                end_other_sessions,
                error: Some(ctx.t("login-failed")),
            };
            return Ok((StatusCode::UNAUTHORIZED, render(&ctx, &page)).into_response());
        }
    };
    let mut response = Redirect::to(&next).into_response();
    let session_hash = start_session(&state, &ctx, &user.id, &mut response).await?;
    if end_other_sessions {
        let ended = state
            .writes
            .end_other_sessions(&user.id, &session_hash)
            .await
            .or_page(&ctx)?;
        tracing::info!(user.id = %user.id, sessions.ended = ended, "other sessions ended at login");
    }
    Ok(response)
}

/// Opens a browser session for the account, sets its cookie on the response with a new CSRF
/// token, and returns the session's stored hash.
pub async fn start_session(
    state: &AppState,
    ctx: &PageCtx,
    user_id: &str,
    response: &mut Response,
) -> Result<String, PageError> {
    let secret = auth::new_secret("");
    let session_hash = auth::secret_hash(&secret);
    let expires = time::now() + chrono::Duration::days(SESSION_DAYS);
    state
        .writes
        .create_session(user_id, &session_hash, expires)
        .await
        .or_page(ctx)?;
    let cookie = build_cookie(
        SESSION_COOKIE,
        secret,
        state.config.secure_cookies(),
        SESSION_DAYS,
    );
    set_cookie(response, cookie);
    rotate_csrf(state, response);
    Ok(session_hash)
}

/// Gives the browser a new CSRF token: one read before a login or logout (say, by a page
/// someone else left open) no longer matches.
fn rotate_csrf(state: &AppState, response: &mut Response) {
    let cookie = build_cookie(
        CSRF_COOKIE,
        auth::new_secret(""),
        state.config.secure_cookies(),
        CSRF_DAYS,
    );
    set_cookie(response, cookie);
}

/// A hash of a random password, to spend the same time on unknown names.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&auth::random_password()).unwrap_or_default());

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, PageError> {
    if let Some(secret) = cookie_value(&headers, SESSION_COOKIE) {
        state
            .writes
            .delete_session(&auth::secret_hash(secret))
            .await
            .or_page(&ctx)?;
    }
    let mut response = Redirect::to("/").into_response();
    let mut gone = build_cookie(
        SESSION_COOKIE,
        String::new(),
        state.config.secure_cookies(),
        0,
    );
    gone.make_removal();
    set_cookie(&mut response, gone);
    rotate_csrf(&state, &mut response);
    Ok(response)
}

/// Pages for accounts only: a guest is sent to log in, a role without the right gets a 403.
pub fn require_login(ctx: &PageCtx) -> Result<&crate::domain::user::User, Redirect> {
    ctx.user
        .as_ref()
        .ok_or_else(|| Redirect::to(&format!("/login?next={}", urlencode(&ctx.path))))
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Refuses a page to a logged-in account whose role may not see it.
pub fn forbidden(ctx: &PageCtx) -> Response {
    PageError::new(ctx, AppError::Forbidden(String::new())).into_response()
}
