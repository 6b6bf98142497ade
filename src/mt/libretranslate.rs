//! LibreTranslate: `POST /translate` with JSON, `GET /languages` for what it offers. A
//! server may ask for an API key, sent in the request body.

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

use super::{Cached, MtError, Translator};
use crate::domain::language::LanguageTag;

pub struct LibreTranslate {
    base: url::Url,
    api_key: Option<String>,
    client: reqwest::Client,
    languages: Cached<Vec<Language>>,
}

impl std::fmt::Debug for LibreTranslate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibreTranslate")
            .field("base", &self.base.as_str())
            .field("api_key", &self.api_key.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

/// One entry of `GET /languages`. Servers before 1.3 list no targets: every language
/// translates to every other.
#[derive(Debug, Clone, Deserialize)]
struct Language {
    code: String,
    #[serde(default)]
    targets: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct Request<'a> {
    q: &'a str,
    source: &'a str,
    target: &'a str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
struct Reply {
    #[serde(rename = "translatedText")]
    text: Option<String>,
    error: Option<String>,
}

impl LibreTranslate {
    /// An engine at `url` (its root, e.g. `http://127.0.0.1:5000`), with the API key the
    /// server asks for, if any; each request must finish within `timeout`.
    pub fn new(url: &str, api_key: Option<String>, timeout: Duration) -> Result<Self, String> {
        Ok(Self {
            base: super::engine_url(url)?,
            api_key: api_key.filter(|k| !k.is_empty()),
            client: super::http_client(timeout)?,
            languages: Cached::default(),
        })
    }

    fn endpoint(&self, name: &str) -> Result<url::Url, MtError> {
        self.base
            .join(name)
            .map_err(|e| MtError::Unavailable(format!("bad engine address: {e}")))
    }

    async fn languages(&self) -> Result<Arc<Vec<Language>>, MtError> {
        if let Some(languages) = self.languages.get() {
            return Ok(languages);
        }
        let response = self
            .client
            .get(self.endpoint("languages")?)
            .send()
            .await
            .map_err(|e| super::unreachable(&e))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| super::unreachable(&e))?;
        if !status.is_success() {
            return Err(MtError::Unavailable(error_text(status, &body)));
        }
        let languages: Vec<Language> = serde_json::from_slice(&body).map_err(|e| {
            MtError::Unavailable(format!("the language list is not LibreTranslate's: {e}"))
        })?;
        Ok(self.languages.put(languages))
    }
}

#[async_trait::async_trait]
impl Translator for LibreTranslate {
    fn engine(&self) -> &'static str {
        "LibreTranslate"
    }

    async fn translate(
        &self,
        text: &str,
        from: &LanguageTag,
        to: &LanguageTag,
    ) -> Result<String, MtError> {
        let unsupported = || MtError::Unsupported {
            from: from.to_string(),
            to: to.to_string(),
        };
        if from.primary() == to.primary() {
            return Ok(text.to_owned());
        }
        let languages = self.languages().await?;
        let (source, target) = codes_for(&languages, from, to).ok_or_else(unsupported)?;
        if text.trim().is_empty() {
            return Ok(text.to_owned());
        }
        let request = Request {
            q: text,
            source: &source,
            target: &target,
            format: "text",
            api_key: self.api_key.as_deref(),
        };
        let response = self
            .client
            .post(self.endpoint("translate")?)
            .json(&request)
            .send()
            .await
            .map_err(|e| super::unreachable(&e))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| super::unreachable(&e))?;
        if status.is_success() {
            let reply: Reply = serde_json::from_slice(&body)
                .map_err(|e| MtError::Failed(format!("unexpected answer: {e}")))?;
            return match reply {
                Reply {
                    text: Some(text), ..
                } => Ok(text),
                Reply { error, .. } => {
                    Err(MtError::Failed(error.unwrap_or_else(|| {
                        "no translated text in the answer".to_owned()
                    })))
                }
            };
        }
        let why = error_text(status, &body);
        Err(match status {
            // A refused key (403), a missing one (400 "… to get an API key"), a used-up quota
            // or a ban: nothing a reader can change, and it may pass.
            StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS => MtError::Unavailable(why),
            StatusCode::BAD_REQUEST if why.contains("API key") => MtError::Unavailable(why),
            s if s.is_server_error() => MtError::Unavailable(why),
            // "xx is not supported", "Italian (it) is not available as a target language
            // from …": the languages changed since they were listed.
            StatusCode::BAD_REQUEST
                if why.contains("not supported") || why.contains("not available as a target") =>
            {
                self.languages.clear();
                unsupported()
            }
            _ => MtError::Failed(why),
        })
    }

    async fn pairs(&self) -> Result<Vec<(String, String)>, MtError> {
        let languages = self.languages().await?;
        let mut pairs = Vec::new();
        for language in languages.iter() {
            for target in targets(&languages, language) {
                let (a, b) = (primary(&language.code), primary(target));
                if a != b {
                    pairs.push((a, b));
                }
            }
        }
        pairs.sort();
        pairs.dedup();
        Ok(pairs)
    }
}

/// The server's codes for a pair it offers: the exact tag when it lists one ("pt-BR"), else
/// the language ("pt").
fn codes_for(
    languages: &[Language],
    from: &LanguageTag,
    to: &LanguageTag,
) -> Option<(String, String)> {
    let source = pick(from, languages.iter().map(|l| &l.code).collect())?;
    let language = languages.iter().find(|l| l.code == source)?;
    let target = pick(to, targets(languages, language).collect())?;
    Some((source, target))
}

/// The code among `codes` that names `tag` best.
fn pick(tag: &LanguageTag, codes: Vec<&String>) -> Option<String> {
    codes
        .iter()
        .find(|c| c.eq_ignore_ascii_case(tag.as_str()))
        .or_else(|| codes.iter().find(|c| c.eq_ignore_ascii_case(tag.primary())))
        .or_else(|| codes.iter().find(|c| primary(c) == tag.primary()))
        .map(|c| (*c).clone())
}

fn targets<'a>(
    languages: &'a [Language],
    language: &'a Language,
) -> Box<dyn Iterator<Item = &'a String> + 'a> {
    match &language.targets {
        Some(targets) => Box::new(targets.iter()),
        None => Box::new(
            languages
                .iter()
                .map(|l| &l.code)
                .filter(move |c| **c != language.code),
        ),
    }
}

/// The primary subtag of a LibreTranslate code, lower case: "zh-Hans" → "zh".
fn primary(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase()
}

/// The `error` of LibreTranslate's JSON error, or the HTTP status.
fn error_text(status: StatusCode, body: &[u8]) -> String {
    serde_json::from_slice::<Reply>(body)
        .ok()
        .and_then(|r| r.error)
        .unwrap_or_else(|| format!("HTTP {status}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    fn languages() -> Vec<Language> {
        serde_json::from_str(
            r#"[
                {"code": "en", "name": "English", "targets": ["es", "it", "pt-BR", "zh-Hans"]},
                {"code": "es", "name": "Spanish", "targets": ["en"]},
                {"code": "pt-BR", "name": "Portuguese (Brazil)", "targets": ["en"]},
                {"code": "zh-Hans", "name": "Chinese", "targets": ["en"]}
            ]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn codes(from: &str, to: &str) -> Option<(String, String)> {
        codes_for(&languages(), &tag(from), &tag(to))
    }

    #[test]
    fn tags_find_the_servers_codes() {
        let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(codes("en", "es"), pair("en", "es"));
        assert_eq!(codes("en-GB", "es-419"), pair("en", "es"));
        assert_eq!(codes("en", "pt"), pair("en", "pt-BR"));
        assert_eq!(codes("en", "zh-Hans"), pair("en", "zh-Hans"));
        assert_eq!(codes("zh", "en"), pair("zh-Hans", "en"));
        assert_eq!(codes("es", "it"), None);
        assert_eq!(codes("ja", "en"), None);
    }

    #[test]
    fn servers_without_targets_translate_between_all_their_languages() {
        let languages: Vec<Language> = serde_json::from_str(
            r#"[{"code": "en", "name": "English"}, {"code": "it", "name": "Italian"}]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            codes_for(&languages, &tag("it"), &tag("en")),
            Some(("it".to_owned(), "en".to_owned()))
        );
    }

    #[test]
    fn the_api_key_is_not_shown() {
        let engine = LibreTranslate::new(
            "http://127.0.0.1:5000",
            Some("secret".to_owned()),
            Duration::from_secs(1),
        );
        let shown = format!("{engine:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
