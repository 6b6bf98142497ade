//! Logging in and out with a browser session.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{CsrfForm, OrPage, PageError, render};
use crate::app::AppState;
use crate::auth;
use crate::domain::time;
use crate::error::AppError;
use crate::web::extract::ClientAddr;
use crate::web::session::{
    PageCtx, SESSION_COOKIE, SESSION_DAYS, build_cookie, cookie_value, set_cookie,
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
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Only a path of this site: never an absolute or protocol-relative address elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

pub async fn login_form(ctx: PageCtx, Query(q): Query<Next>) -> Response {
    let page = LoginPage {
        ctx: &ctx,
        next: safe_next(q.next.as_deref()),
        name: String::new(),
        error: None,
    };
    render(&ctx, &page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientAddr(addr): ClientAddr,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    state.limits.check_login(&form.name, addr).or_page(&ctx)?;
    let found = match state.store.user_credentials(form.name.trim()).await {
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
                error: Some(ctx.t("login-failed")),
            };
            return Ok((StatusCode::UNAUTHORIZED, render(&ctx, &page)).into_response());
        }
    };
    let mut response = Redirect::to(&next).into_response();
    start_session(&state, &ctx, &user.id, &mut response).await?;
    Ok(response)
}

/// Opens a browser session for the account and sets its cookie on the response.
pub async fn start_session(
    state: &AppState,
    ctx: &PageCtx,
    user_id: &str,
    response: &mut Response,
) -> Result<(), PageError> {
    let secret = auth::new_secret("");
    let expires = time::now() + chrono::Duration::days(SESSION_DAYS);
    state
        .store
        .create_session(user_id, &auth::secret_hash(&secret), expires)
        .await
        .or_page(ctx)?;
    let cookie = build_cookie(
        SESSION_COOKIE,
        secret,
        state.config.secure_cookies(),
        SESSION_DAYS,
    );
    set_cookie(response, cookie);
    Ok(())
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
            .store
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
