//! Machine translation with a real Apertium APy: Debian's English–Spanish and Spanish–Italian
//! pairs. Also what a stopped or silent engine gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::apertium;
use cronaca::domain::language::LanguageTag;
use cronaca::mt::{Apertium, MtError, Translator};

fn tag(s: &str) -> LanguageTag {
    LanguageTag::parse(s).unwrap()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_owned(), b.to_owned())
}

const TIMEOUT: Duration = Duration::from_secs(20);

#[tokio::test]
async fn english_is_translated_to_spanish() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let engine = Apertium::new(server.url(), TIMEOUT).unwrap();
    assert_eq!(engine.engine(), "Apertium");
    let pairs = engine.pairs().await.unwrap();
    assert!(pairs.contains(&pair("en", "es")), "{pairs:?}");
    assert!(pairs.contains(&pair("es", "en")), "{pairs:?}");

    let text = "The bridge is closed";
    let started = Instant::now();
    let spanish = engine
        .translate(text, &tag("en"), &tag("es"))
        .await
        .unwrap();
    let first = started.elapsed();
    assert_ne!(spanish, text);
    assert!(spanish.contains("puente"), "{spanish}");

    let started = Instant::now();
    let again = engine
        .translate(
            "The river is rising near the old bridge.",
            &tag("en-GB"),
            &tag("es-ES"),
        )
        .await
        .unwrap();
    let second = started.elapsed();
    assert!(again.contains("puente"), "{again}");
    println!("en→es: first {first:?} (starts the pair), then {second:?}");

    // Spanish back to American English takes APy's eng_US variant.
    let english = engine
        .translate("El puente está cerrado.", &tag("es"), &tag("en-US"))
        .await
        .unwrap();
    assert!(english.to_lowercase().contains("bridge"), "{english}");
}

#[tokio::test]
async fn markdown_survives_translation() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let engine = Apertium::new(server.url(), TIMEOUT).unwrap();
    let text = "The **bridge** is *closed*: see [the map](https://example.org/the_bridge_map) \
                and `road closed`.\n\n- first item\n- second item\n";
    let spanish = engine
        .translate(text, &tag("en"), &tag("es"))
        .await
        .unwrap();
    assert!(spanish.contains("**puente**"), "{spanish}");
    assert!(spanish.contains("*cerrado*"), "{spanish}");
    assert!(
        spanish.contains("](https://example.org/the_bridge_map)"),
        "{spanish}"
    );
    assert!(spanish.contains("`road closed`"), "{spanish}");
    assert!(spanish.contains("\n\n- "), "{spanish}");
    // Text that looks like HTML is text.
    let spanish = engine
        .translate(
            "Prices rose by < 5% & fell by > 2%.",
            &tag("en"),
            &tag("es"),
        )
        .await
        .unwrap();
    assert!(spanish.contains("< 5% & "), "{spanish}");
    assert!(spanish.contains("> 2%"), "{spanish}");
}

#[tokio::test]
async fn english_reaches_italian_through_spanish() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let engine = Apertium::new(server.url(), TIMEOUT).unwrap();
    let pairs = engine.pairs().await.unwrap();
    if !pairs.contains(&pair("es", "it")) {
        apertium::skip("the Spanish–Italian pair (apertium-spa-ita) is not installed");
        return;
    }
    // Debian has no English–Italian pair: the engine goes eng → spa → ita.
    assert!(!pairs.contains(&pair("en", "it")), "{pairs:?}");
    let started = Instant::now();
    let italian = engine
        .translate("The bridge is closed", &tag("en"), &tag("it"))
        .await
        .unwrap();
    println!("en→es→it: {:?}", started.elapsed());
    assert!(italian.contains("ponte"), "{italian}");
    assert!(italian.contains("chiuso"), "{italian}");
    let english = engine
        .translate("Il ponte è chiuso", &tag("it"), &tag("en"))
        .await
        .unwrap();
    assert!(english.to_lowercase().contains("bridge"), "{english}");
}

#[tokio::test]
async fn pairs_the_engine_lacks_are_unsupported() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let engine = Apertium::new(server.url(), TIMEOUT).unwrap();
    for (from, to) in [("en", "ja"), ("ru", "en"), ("en", "kk")] {
        let refused = engine.translate("The bridge", &tag(from), &tag(to)).await;
        assert_eq!(
            refused,
            Err(MtError::Unsupported {
                from: from.to_owned(),
                to: to.to_owned()
            })
        );
    }
}

#[tokio::test]
async fn a_stopped_engine_is_unavailable_at_once() {
    let Some(server) = apertium::start().await else {
        return;
    };
    let url = server.url().to_owned();
    let engine = Apertium::new(&url, TIMEOUT).unwrap();
    // The pairs are cached from here on: the translation itself finds the engine gone.
    engine.pairs().await.unwrap();
    server.stop().await;
    for engine in [engine, Apertium::new(&url, TIMEOUT).unwrap()] {
        let started = Instant::now();
        let refused = engine
            .translate("The bridge is closed", &tag("en"), &tag("es"))
            .await;
        assert!(
            matches!(refused, Err(MtError::Unavailable(_))),
            "{refused:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

#[tokio::test]
async fn nothing_listening_is_unavailable_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let engine = Apertium::new(&format!("http://127.0.0.1:{port}"), TIMEOUT).unwrap();
    let started = Instant::now();
    let refused = engine.pairs().await;
    assert!(
        matches!(&refused, Err(MtError::Unavailable(why)) if why.contains("cannot connect")),
        "{refused:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_engine_that_never_answers_times_out() {
    // Accepts connections and reads nothing: the request waits for an answer that never comes.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let engine = Apertium::new(&url, Duration::from_secs(1)).unwrap();
    let started = Instant::now();
    let refused = engine
        .translate("The bridge is closed", &tag("en"), &tag("es"))
        .await;
    let waited = started.elapsed();
    assert!(
        matches!(&refused, Err(MtError::Unavailable(why)) if why.contains("no answer in time")),
        "{refused:?}"
    );
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(4),
        "{waited:?}"
    );
    holder.abort();
}

#[tokio::test]
async fn something_else_at_the_address_is_unavailable() {
    // A web server that is not APy: its 404 means the engine is not there.
    let app = axum::Router::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let engine = Apertium::new(&url, TIMEOUT).unwrap();
    let refused = engine
        .translate("The bridge is closed", &tag("en"), &tag("es"))
        .await;
    assert!(
        matches!(refused, Err(MtError::Unavailable(_))),
        "{refused:?}"
    );
    server.abort();
}
