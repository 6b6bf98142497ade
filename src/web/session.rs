//! Browser sessions, the CSRF token and the interface language: the context every page gets.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use subtle::ConstantTimeEq;

use crate::app::AppState;
use crate::auth;
use crate::domain::permissions::{self, Action, Ownership};
use crate::domain::role::Role;
use crate::domain::time;
use crate::domain::user::{Actor, User};
use crate::i18n::{self, I18n, Lang};

pub const SESSION_COOKIE: &str = "cronaca_session";
pub const CSRF_COOKIE: &str = "cronaca_csrf";
pub const LANG_COOKIE: &str = "cronaca_lang";
pub const SESSION_DAYS: i64 = 30;
/// How long a CSRF cookie lasts; logging in or out replaces it sooner.
pub const CSRF_DAYS: i64 = 365;

/// What every page knows about its request.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub i18n: I18n,
    pub user: Option<User>,
    /// The token forms echo back; it matches the CSRF cookie.
    pub csrf: String,
    /// The path of the page, for the language switcher and the return after logging in.
    pub path: String,
}

impl PageCtx {
    /// A guest in the default language, for requests that reached no page middleware.
    pub fn anonymous(path: &str) -> Self {
        Self {
            i18n: I18n::new(Lang::En),
            user: None,
            csrf: String::new(),
            path: path.to_owned(),
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.t(id)
    }

    pub fn actor(&self) -> Actor {
        self.user.clone().map_or(Actor::Guest, Actor::User)
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn can(&self, action: Action) -> bool {
        self.user.is_some() && permissions::allowed(self.role(), action, Ownership::Others)
    }

    pub fn can_edit(&self) -> bool {
        self.can(Action::PostUpdate)
    }

    pub fn can_translate(&self) -> bool {
        self.can(Action::Translate)
    }

    pub fn can_moderate(&self) -> bool {
        self.can(Action::ModerateComment)
    }

    pub fn is_admin(&self) -> bool {
        self.can(Action::ManageUsers)
    }

    pub fn languages(&self) -> [Lang; 3] {
        Lang::ALL
    }
}

/// The value of the request's first cookie called `name`, as sent (not percent-decoded).
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
}

fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|kv| kv.strip_prefix("lang="))
}

pub fn set_cookie(response: &mut Response, cookie: Cookie<'static>) {
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(SET_COOKIE, v);
    }
}

pub fn build_cookie(name: &'static str, value: String, secure: bool, days: i64) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::days(days))
        .build()
}

/// The interface language a request asks for (query, cookie, `Accept-Language`, else
/// `default`), and the one its query chose, if any.
fn language_of(headers: &HeaderMap, uri: &axum::http::Uri, default: Lang) -> (Lang, Option<Lang>) {
    let chosen = query_lang(uri.query()).and_then(Lang::from_tag);
    let lang = i18n::negotiate(
        chosen.map(Lang::code),
        cookie_value(headers, LANG_COOKIE),
        headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        default,
    );
    (lang, chosen)
}

/// A guest's context in the language the request asks for, made without looking its session
/// up: for answers given when the server is already too slow to do more.
pub fn guest_context(headers: &HeaderMap, uri: &axum::http::Uri, default: Lang) -> PageCtx {
    let (lang, _) = language_of(headers, uri, default);
    PageCtx {
        i18n: I18n::new(lang),
        user: None,
        csrf: String::new(),
        path: uri.path().to_owned(),
    }
}

/// The page context of a request, and what its cookies lacked: the language chosen in the
/// query (to remember) and whether the CSRF cookie is new (to set).
pub async fn build_context(
    state: &AppState,
    headers: &HeaderMap,
    uri: &axum::http::Uri,
) -> (PageCtx, Option<Lang>, bool) {
    let (lang, chosen) = language_of(headers, uri, state.config.default_language);
    let existing_csrf = cookie_value(headers, CSRF_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let new_csrf = existing_csrf.is_none();
    let csrf = existing_csrf.unwrap_or_else(|| auth::new_secret(""));
    let user = match cookie_value(headers, SESSION_COOKIE) {
        Some(secret) => state
            .store
            .user_by_session(&auth::secret_hash(secret), time::now())
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "session lookup failed");
                None
            }),
        None => None,
    };
    let ctx = PageCtx {
        i18n: I18n::new(lang),
        user,
        csrf,
        path: uri.path().to_owned(),
    };
    (ctx, chosen, new_csrf)
}

/// Gives every page its context, and sets the cookies that were missing or changed.
pub async fn page_context(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let (ctx, chosen, new_csrf) = build_context(&state, req.headers(), req.uri()).await;
    let csrf = ctx.csrf.clone();
    req.extensions_mut().insert(ctx);
    let mut response = next.run(req).await;
    let secure = state.config.secure_cookies();
    // A response that shared caches may keep must not carry anyone's token.
    let shared = response
        .headers()
        .get(axum::http::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("public"));
    if new_csrf && !shared {
        set_cookie(
            &mut response,
            build_cookie(CSRF_COOKIE, csrf, secure, CSRF_DAYS),
        );
    }
    if let Some(lang) = chosen.filter(|_| !shared) {
        set_cookie(
            &mut response,
            build_cookie(LANG_COOKIE, lang.code().to_owned(), secure, 365),
        );
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<PageCtx>()
            .cloned()
            .unwrap_or_else(|| PageCtx::anonymous(parts.uri.path())))
    }
}

/// Compares in time independent of where the strings differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name_in_every_cookie_header() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("xcronaca_lang=ru;  cronaca_lang=it ; broken; =v"),
        );
        headers.append(COOKIE, HeaderValue::from_static("cronaca_csrf=abc%20d"));
        assert_eq!(cookie_value(&headers, LANG_COOKIE), Some("it"));
        assert_eq!(cookie_value(&headers, CSRF_COOKIE), Some("abc%20d"));
        assert_eq!(cookie_value(&headers, SESSION_COOKIE), None);
        assert_eq!(cookie_value(&HeaderMap::new(), LANG_COOKIE), None);
    }

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(same_secret("a1b2", "a1b2"));
        assert!(!same_secret("a1b2", "a1b3"));
        assert!(!same_secret("a1b2", "a1b"));
        assert!(!same_secret("", "a"));
    }
}
