//! `TestApp`: the real router on a fresh SQLite database, with helpers to act as each role.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod apertium;
pub mod board;
pub mod engine;
pub mod sse;
pub mod superseded;
pub mod translation;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use cronaca::app::AppState;
use cronaca::auth;
use cronaca::config::Config;
use cronaca::domain::role::Role;
use cronaca::domain::user::Actor;
use cronaca::store::sqlite::SqliteStore;
use cronaca::store::{NewUserRecord, Store};
use cronaca::web::build_router;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub struct TestApp {
    pub state: AppState,
    pub store: Arc<dyn Store>,
    pub dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Reply {
    /// Asserts the one error shape and returns its code.
    pub fn error_code(&self) -> &str {
        assert!(
            self.json["error"]["message"].is_string(),
            "no error message in {}",
            self.text
        );
        self.json["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {}", self.text))
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_config(Config::default()).await
    }

    pub async fn with_config(config: Config) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SqliteStore::open_dir(dir.path()).await.unwrap());
        let store: Arc<dyn Store> = store;
        let state = AppState::new(store.clone(), config);
        Self { state, store, dir }
    }

    pub fn router(&self) -> Router {
        build_router(self.state.clone())
    }

    /// Creates an account with this role and returns a bearer token for it.
    pub async fn token(&self, name: &str, role: Role) -> String {
        let record = NewUserRecord {
            name: name.into(),
            display_name: format!("{name} (display)"),
            role,
            password_hash: None,
        };
        self.store
            .create_user(&Actor::System, record)
            .await
            .unwrap();
        let token = auth::new_secret(auth::API_TOKEN_PREFIX);
        self.store
            .create_token(&Actor::System, name, "test", &auth::secret_hash(&token))
            .await
            .unwrap();
        token
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
            text,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string()))
                .unwrap(),
            None => req.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, None).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::PATCH, path, token, Some(body)).await
    }

    /// Creates a thread as `token` and returns it.
    pub async fn thread(&self, token: &str, body: Value) -> Value {
        let reply = self.post("/api/v1/threads", Some(token), body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json
    }

    pub async fn simple_thread(&self, token: &str, title: &str) -> Value {
        self.thread(
            token,
            json!({"title": title, "lead": "Lead", "language": "en"}),
        )
        .await
    }

    pub async fn update(&self, token: &str, thread_id: &str, body: &str) -> Value {
        let reply = self
            .post(
                &format!("/api/v1/threads/{thread_id}/updates"),
                Some(token),
                json!({"body": body}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json
    }

    /// Row counts of every content table, to show a refused request changed nothing.
    pub async fn counts(&self) -> Vec<(String, i64)> {
        let path = self.dir.path().join(cronaca::store::sqlite::DATABASE_FILE);
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", path.display()))
            .await
            .unwrap();
        let mut out = Vec::new();
        for table in [
            "users",
            "api_tokens",
            "threads",
            "updates",
            "update_revisions",
            "comments",
            "comment_flags",
            "events",
            "audit_log",
            "sources",
            "places",
            "reports",
            "report_places",
            "report_revisions",
            "indicators",
            "claims",
            "translations",
            "translation_revisions",
            "thread_translators",
            "thread_revisions",
        ] {
            let n: i64 =
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            out.push((table.to_owned(), n));
        }
        pool.close().await;
        out
    }

    /// Serves the app on a real listener at 127.0.0.1, for streaming tests.
    pub async fn serve(&self) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = self.router();
        let shutdown = self.state.shutdown.clone();
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await
            .unwrap();
        });
        addr
    }
}

/// A browser-like client for the HTML pages: keeps cookies, sends forms with the CSRF token.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: Default::default(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, reply: &Reply) {
        for v in reply.headers.get_all(header::SET_COOKIE) {
            let text = v.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            if let Some((k, v)) = pair.split_once('=') {
                if text.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let req = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        let reply = self.app.send(req).await;
        self.keep_cookies(&reply);
        reply
    }

    /// The CSRF token the pages put in their forms (the value of the CSRF cookie).
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key("cronaca_csrf") {
            self.get("/").await;
        }
        self.cookies["cronaca_csrf"].clone()
    }

    /// Posts a form as a browser would, with the CSRF token added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let reply = self.app.send(req).await;
        self.keep_cookies(&reply);
        reply
    }
}

pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// An account with a password, logged in through the login form.
    pub async fn browser_as(&self, name: &str, role: Role) -> Browser<'_> {
        let record = NewUserRecord {
            name: name.into(),
            display_name: format!("{name} (display)"),
            role,
            password_hash: Some(auth::hash_password(PASSWORD).unwrap()),
        };
        self.store
            .create_user(&Actor::System, record)
            .await
            .unwrap();
        let mut browser = Browser::new(self);
        let reply = browser
            .post_form(
                "/login",
                &[("name", name), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "login failed: {}",
            reply.text
        );
        browser
    }
}
