//! A stand-in for a LibreTranslate server, speaking its documented API (`POST /translate`,
//! `GET /languages`), for tests that need an engine whatever is installed. It "translates" by
//! tagging the text with the target language; a text containing `OVERFLOW` comes back far
//! longer than any draft may be, and one containing `SILENT` comes back empty.

use std::net::SocketAddr;

use axum::routing::{get, post};
use axum::{Json, Router};
use cronaca::config::{Config, MtEngineConfig};
use serde_json::{Value, json};

/// What the stand-in answers a text that asks to overflow.
pub const OVERFLOWING: usize = 25_000;

async fn languages() -> Json<Value> {
    Json(json!([
        {"code": "en", "name": "English", "targets": ["es", "it"]},
        {"code": "es", "name": "Spanish", "targets": ["en"]},
        {"code": "it", "name": "Italian", "targets": ["en"]}
    ]))
}

async fn translate(Json(body): Json<Value>) -> Json<Value> {
    let q = body["q"].as_str().unwrap_or_default();
    let target = body["target"].as_str().unwrap_or_default();
    let text = if q.contains("OVERFLOW") {
        "x".repeat(OVERFLOWING)
    } else if q.contains("SILENT") {
        String::new()
    } else {
        format!("[{target}] {q}")
    };
    Json(json!({ "translatedText": text }))
}

/// Starts the stand-in on a free port; it runs until the test ends.
pub async fn start() -> SocketAddr {
    let app = Router::new()
        .route("/languages", get(languages))
        .route("/translate", post(translate));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A site whose engine is the stand-in at `addr`.
pub fn config(addr: SocketAddr) -> Config {
    Config {
        machine_translation: Some(MtEngineConfig::LibreTranslate {
            url: format!("http://{addr}"),
            api_key: None,
        }),
        machine_translation_timeout: std::time::Duration::from_secs(5),
        logins_per_minute: 1000,
        member_writes_per_minute: 1000,
        guest_writes_per_minute: 1000,
        ..Config::default()
    }
}
