//! Machine translation through an engine the operator runs: Apertium APy or LibreTranslate.
//!
//! Both speak HTTP; the site never bundles models. `from_config` builds the one engine
//! configured, if any, and the rest of the site sees only `Translator`.

mod apertium;
mod codes;
mod libretranslate;
mod markup;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use apertium::Apertium;
pub use libretranslate::LibreTranslate;

use crate::config::{Config, MtEngineConfig};
use crate::domain::language::LanguageTag;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MtError {
    /// The engine did not answer: connection refused, timeout, 5xx. Shown to the reader as
    /// "the engine is not available now".
    #[error("the translation engine is not available: {0}")]
    Unavailable(String),
    /// The engine does not offer this language pair.
    #[error("the translation engine does not translate {from} to {to}")]
    Unsupported { from: String, to: String },
    /// The engine answered with an error for this text.
    #[error("the translation engine could not translate the text: {0}")]
    Failed(String),
}

#[async_trait::async_trait]
pub trait Translator: Send + Sync + std::fmt::Debug {
    /// The engine's name as shown to readers: "Apertium" or "LibreTranslate".
    fn engine(&self) -> &'static str;

    /// Translates Markdown or plain text between two languages.
    async fn translate(
        &self,
        text: &str,
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<String, MtError>;

    /// The language pairs the engine offers, as BCP 47 primary subtags (`("en", "es")`),
    /// sorted and without repeats.
    async fn pairs(&self) -> Result<Vec<(String, String)>, MtError>;
}

/// The engine the configuration names, or `None` when machine translation is off.
pub fn from_config(config: &Config) -> Result<Option<Arc<dyn Translator>>, String> {
    let timeout = config.machine_translation_timeout;
    Ok(match &config.machine_translation {
        None => None,
        Some(MtEngineConfig::Apertium { url }) => Some(Arc::new(Apertium::new(url, timeout)?)),
        Some(MtEngineConfig::LibreTranslate { url, api_key }) => Some(Arc::new(
            LibreTranslate::new(url, api_key.clone(), timeout)?,
        )),
    })
}

/// Checks an engine's address: http or https, with a host, and no query or fragment. The
/// returned URL ends with `/`, so endpoint names join below its path.
pub fn engine_url(s: &str) -> Result<url::Url, String> {
    let mut url = url::Url::parse(s.trim()).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{s:?} is not an http or https address"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{s:?} has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("{s:?} must not have a query or a fragment"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// An HTTP client for one engine: the whole request, answer included, must finish within
/// `timeout`, and connecting within a few seconds of it.
fn http_client(timeout: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(3)))
        .user_agent(concat!("cronaca/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

/// A request that got no usable answer: the engine is down, slow or unreachable.
fn unreachable(e: &reqwest::Error) -> MtError {
    let what = if e.is_timeout() {
        "no answer in time"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "the request failed"
    };
    MtError::Unavailable(format!("{what}: {}", error_chain(e)))
}

/// An error with its causes, which is where reqwest says what actually went wrong.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// How long a list of pairs is trusted before the engine is asked again: engines gain
/// languages when their operator installs them, which is rare.
const PAIRS_TTL: Duration = Duration::from_secs(300);

/// A value fetched from the engine, kept for `PAIRS_TTL`.
#[derive(Debug, Default)]
struct Cached<T> {
    slot: Mutex<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    fn get(&self) -> Option<Arc<T>> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.as_ref()
            .filter(|(at, _)| at.elapsed() < PAIRS_TTL)
            .map(|(_, value)| value.clone())
    }

    fn put(&self, value: T) -> Arc<T> {
        let value = Arc::new(value);
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), value.clone()));
        value
    }

    fn clear(&self) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_urls_are_http_with_a_host() {
        assert_eq!(
            engine_url("http://127.0.0.1:2737").map(String::from),
            Ok("http://127.0.0.1:2737/".to_owned())
        );
        assert_eq!(
            engine_url("https://mt.example.org/apy").map(String::from),
            Ok("https://mt.example.org/apy/".to_owned())
        );
        assert_eq!(
            engine_url(" http://mt:5000/ ").map(String::from),
            Ok("http://mt:5000/".to_owned())
        );
        for bad in [
            "",
            "mt:5000",
            "ftp://mt.example.org",
            "file:///tmp/x",
            "http://mt.example.org/?key=1",
            "http://mt.example.org/#x",
            "127.0.0.1:2737",
        ] {
            assert!(engine_url(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn no_engine_is_configured_by_default() {
        assert!(matches!(from_config(&Config::default()), Ok(None)));
    }

    #[test]
    fn the_configured_engine_is_built() {
        let config = Config {
            machine_translation: Some(MtEngineConfig::Apertium {
                url: "http://127.0.0.1:2737".to_owned(),
            }),
            ..Config::default()
        };
        let engine = from_config(&config).ok().flatten().map(|t| t.engine());
        assert_eq!(engine, Some("Apertium"));
        let config = Config {
            machine_translation: Some(MtEngineConfig::LibreTranslate {
                url: "http://127.0.0.1:5000".to_owned(),
                api_key: Some("k".to_owned()),
            }),
            ..Config::default()
        };
        let engine = from_config(&config).ok().flatten().map(|t| t.engine());
        assert_eq!(engine, Some("LibreTranslate"));
        let config = Config {
            machine_translation: Some(MtEngineConfig::Apertium {
                url: "gopher://x".to_owned(),
            }),
            ..Config::default()
        };
        assert!(from_config(&config).is_err());
    }
}
