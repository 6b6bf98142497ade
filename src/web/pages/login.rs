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
use crate::error::AppError;
use crate::service::Client;
use crate::service::accounts::{Lifetime, Session};
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
    let outcome = state
        .service
        .log_in(
            Client::at(addr),
            &form.name,
            &form.password,
            end_other_sessions,
            session_lifetime(),
        )
        .await;
    let session = match outcome {
        Ok(session) => session,
        Err(AppError::Unauthorized(_)) => {
            let page = LoginPage {
                ctx: &ctx,
                next,
                name: form.name,
                end_other_sessions,
                error: Some(ctx.t("login-failed")),
            };
            return Ok((StatusCode::UNAUTHORIZED, render(&ctx, &page)).into_response());
        }
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    let mut response = Redirect::to(&next).into_response();
    set_session(&state, session, &mut response);
    Ok(response)
}

/// How long a browser session lasts, as long as its cookie.
pub fn session_lifetime() -> Lifetime {
    Lifetime(chrono::Duration::days(SESSION_DAYS))
}

/// Sets a session just opened on the response, with a new CSRF token.
pub fn set_session(state: &AppState, session: Session, response: &mut Response) {
    let cookie = build_cookie(
        SESSION_COOKIE,
        session.secret,
        state.config.secure_cookies(),
        SESSION_DAYS,
    );
    set_cookie(response, cookie);
    rotate_csrf(state, response);
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

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, PageError> {
    if let Some(secret) = cookie_value(&headers, SESSION_COOKIE) {
        state.service.log_out(secret).await.or_page(&ctx)?;
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
