//! Machine translation with LibreTranslate, against a stand-in that speaks its documented API:
//! `POST /translate` (JSON, with `api_key` when the server has keys) and `GET /languages`,
//! errors as `{"error": "…"}`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cronaca::config::{Config, MtEngineConfig};
use cronaca::domain::language::LanguageTag;
use cronaca::mt::{LibreTranslate, MtError, Translator};
use serde_json::{Value, json};

const KEY: &str = "b8d6c1c3-0a6e-4b8f-9d43-5e1f0c7a2d11";

#[derive(Clone, Default)]
struct StandIn {
    /// The key the server asks for, if it asks for one.
    key: Option<&'static str>,
    /// Every request body `/translate` received.
    seen: Arc<Mutex<Vec<Value>>>,
}

async fn languages() -> Json<Value> {
    Json(json!([
        {"code": "en", "name": "English", "targets": ["es", "it", "ru"]},
        {"code": "es", "name": "Spanish", "targets": ["en"]},
        {"code": "it", "name": "Italian", "targets": ["en"]},
        {"code": "ru", "name": "Russian", "targets": ["en"]}
    ]))
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

async fn translate(State(stand_in): State<StandIn>, Json(body): Json<Value>) -> Response {
    stand_in.seen.lock().unwrap().push(body.clone());
    let given_key = body["api_key"].as_str();
    if let Some(key) = stand_in.key {
        match given_key {
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Please contact the server operator to get an API key",
                );
            }
            Some(k) if k != key => return error(StatusCode::FORBIDDEN, "Invalid API key"),
            Some(_) => {}
        }
    }
    let (Some(q), Some(source), Some(target)) = (
        body["q"].as_str(),
        body["source"].as_str(),
        body["target"].as_str(),
    ) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Invalid request: missing q parameter",
        );
    };
    if body["format"] != "text" {
        return error(StatusCode::BAD_REQUEST, "html format is not supported");
    }
    match q {
        "too long" => error(
            StatusCode::BAD_REQUEST,
            "Invalid request: request (8) exceeds text limit (5)",
        ),
        "crash" => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Cannot translate text: out of memory",
        ),
        "slow down" => error(StatusCode::TOO_MANY_REQUESTS, "Slowdown: 10 per 1 minute"),
        "The bridge is closed" if (source, target) == ("en", "es") => {
            Json(json!({ "translatedText": "El puente está cerrado" })).into_response()
        }
        _ if source == "en" || target == "en" => {
            Json(json!({ "translatedText": format!("[{source}→{target}] {q}") })).into_response()
        }
        _ => error(
            StatusCode::BAD_REQUEST,
            &format!(
                "Italian ({target}) is not available as a target language from Spanish ({source})"
            ),
        ),
    }
}

async fn serve(stand_in: StandIn) -> SocketAddr {
    let app = Router::new()
        .route("/languages", get(languages))
        .route("/translate", post(translate))
        .with_state(stand_in);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn tag(s: &str) -> LanguageTag {
    LanguageTag::parse(s).unwrap()
}

fn engine(addr: SocketAddr, key: Option<&str>) -> LibreTranslate {
    LibreTranslate::new(
        &format!("http://{addr}"),
        key.map(str::to_owned),
        Duration::from_secs(5),
    )
    .unwrap()
}

#[tokio::test]
async fn text_is_translated() {
    let stand_in = StandIn::default();
    let addr = serve(stand_in.clone()).await;
    let engine = engine(addr, None);
    assert_eq!(engine.engine(), "LibreTranslate");
    let spanish = engine
        .translate("The bridge is closed", &tag("en"), &tag("es"))
        .await;
    assert_eq!(spanish.as_deref(), Ok("El puente está cerrado"));
    let english = engine
        .translate("Il ponte è chiuso", &tag("it-CH"), &tag("en-GB"))
        .await;
    assert_eq!(english.as_deref(), Ok("[it→en] Il ponte è chiuso"));
    let seen = stand_in.seen.lock().unwrap();
    assert_eq!(
        seen[0],
        json!({"q": "The bridge is closed", "source": "en", "target": "es", "format": "text"})
    );
}

#[tokio::test]
async fn the_api_key_is_sent() {
    let stand_in = StandIn {
        key: Some(KEY),
        ..StandIn::default()
    };
    let addr = serve(stand_in.clone()).await;
    let translated = engine(addr, Some(KEY))
        .translate("The bridge is closed", &tag("en"), &tag("es"))
        .await;
    assert_eq!(translated.as_deref(), Ok("El puente está cerrado"));
    assert_eq!(stand_in.seen.lock().unwrap()[0]["api_key"], KEY);

    // A wrong or missing key is the operator's to fix: the engine is not available.
    for key in [Some("wrong"), None] {
        let refused = engine(addr, key)
            .translate("The bridge is closed", &tag("en"), &tag("es"))
            .await;
        assert!(
            matches!(&refused, Err(MtError::Unavailable(why)) if why.contains("API key")),
            "{refused:?}"
        );
    }
}

#[tokio::test]
async fn errors_map_to_their_kind() {
    let addr = serve(StandIn::default()).await;
    let engine = engine(addr, None);
    let (en, es) = (tag("en"), tag("es"));
    assert_eq!(
        engine.translate("too long", &en, &es).await,
        Err(MtError::Failed(
            "Invalid request: request (8) exceeds text limit (5)".to_owned()
        ))
    );
    assert_eq!(
        engine.translate("crash", &en, &es).await,
        Err(MtError::Unavailable(
            "Cannot translate text: out of memory".to_owned()
        ))
    );
    assert!(matches!(
        engine.translate("slow down", &en, &es).await,
        Err(MtError::Unavailable(_))
    ));
}

#[tokio::test]
async fn languages_become_pairs() {
    let addr = serve(StandIn::default()).await;
    let engine = engine(addr, None);
    let pairs = engine.pairs().await.unwrap();
    let expected: Vec<(String, String)> = [
        ("en", "es"),
        ("en", "it"),
        ("en", "ru"),
        ("es", "en"),
        ("it", "en"),
        ("ru", "en"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(pairs, expected);
    // Pairs the list lacks are refused before any translation is asked for.
    assert_eq!(
        engine.translate("El puente", &tag("es"), &tag("it")).await,
        Err(MtError::Unsupported {
            from: "es".to_owned(),
            to: "it".to_owned()
        })
    );
    assert_eq!(
        engine.translate("橋", &tag("ja"), &tag("en")).await,
        Err(MtError::Unsupported {
            from: "ja".to_owned(),
            to: "en".to_owned()
        })
    );
}

#[tokio::test]
async fn the_configured_engine_is_libretranslate() {
    let stand_in = StandIn {
        key: Some(KEY),
        ..StandIn::default()
    };
    let addr = serve(stand_in).await;
    let config = Config {
        machine_translation: Some(MtEngineConfig::LibreTranslate {
            url: format!("http://{addr}/"),
            api_key: Some(KEY.to_owned()),
        }),
        ..Config::default()
    };
    let translator = cronaca::mt::from_config(&config).unwrap().unwrap();
    assert_eq!(translator.engine(), "LibreTranslate");
    let russian = translator.translate("Hello", &tag("en"), &tag("ru")).await;
    assert_eq!(russian.as_deref(), Ok("[en→ru] Hello"));
}

#[tokio::test]
async fn a_stopped_or_silent_engine_is_unavailable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let refused = engine(SocketAddr::from(([127, 0, 0, 1], port)), None)
        .translate("The bridge is closed", &tag("en"), &tag("es"))
        .await;
    assert!(
        matches!(refused, Err(MtError::Unavailable(_))),
        "{refused:?}"
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let silent =
        LibreTranslate::new(&format!("http://{addr}"), None, Duration::from_secs(1)).unwrap();
    let started = std::time::Instant::now();
    let refused = silent.pairs().await;
    assert!(
        matches!(refused, Err(MtError::Unavailable(_))),
        "{refused:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    holder.abort();
}
