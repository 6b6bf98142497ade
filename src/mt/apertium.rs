//! Apertium APy: rule-based translation, offline, one engine process per language pair.
//!
//! APy names languages with ISO 639-3 codes, sometimes with a variant (`eng_US`). A pair it
//! lacks may still be reachable in two steps through a third language (en → es → it), which
//! is how Apertium itself chains pairs.

use std::time::Duration;

use serde::Deserialize;

use super::{Cached, MtError, Translator, codes, markup};
use crate::domain::language::LanguageTag;

#[derive(Debug)]
pub struct Apertium {
    base: url::Url,
    client: reqwest::Client,
    /// `listPairs`, as APy's own codes.
    pairs: Cached<Vec<(String, String)>>,
}

/// APy's envelope: `{"responseData": …, "responseStatus": 200}`, or on error
/// `{"status": "error", "code": 400, "message": "Bad Request", "explanation": "…"}`.
#[derive(Debug, Deserialize)]
struct Reply<T> {
    #[serde(rename = "responseData")]
    data: Option<T>,
    #[serde(rename = "responseStatus")]
    status: Option<u16>,
    message: Option<String>,
    explanation: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Pair {
    #[serde(rename = "sourceLanguage")]
    source: String,
    #[serde(rename = "targetLanguage")]
    target: String,
}

#[derive(Debug, Deserialize)]
struct Translated {
    #[serde(rename = "translatedText")]
    text: String,
}

/// What APy says when asked for a pair it does not have.
const NOT_INSTALLED: &str = "That pair is not installed";

impl Apertium {
    /// An engine at `url` (APy's root, e.g. `http://127.0.0.1:2737`); each request must finish
    /// within `timeout`.
    pub fn new(url: &str, timeout: Duration) -> Result<Self, String> {
        Ok(Self {
            base: super::engine_url(url)?,
            client: super::http_client(timeout)?,
            pairs: Cached::default(),
        })
    }

    fn endpoint(&self, name: &str) -> Result<url::Url, MtError> {
        self.base
            .join(name)
            .map_err(|e| MtError::Unavailable(format!("bad engine address: {e}")))
    }

    /// The pairs APy offers, from the cache when it is fresh.
    async fn raw_pairs(&self) -> Result<std::sync::Arc<Vec<(String, String)>>, MtError> {
        if let Some(pairs) = self.pairs.get() {
            return Ok(pairs);
        }
        let response = self
            .client
            .get(self.endpoint("listPairs")?)
            .send()
            .await
            .map_err(|e| super::unreachable(&e))?;
        // An engine that cannot list its pairs cannot be used at all.
        let pairs: Vec<Pair> = answer(response).await.map_err(|e| match e {
            MtError::Failed(why) => MtError::Unavailable(why),
            e => e,
        })?;
        let mut pairs: Vec<(String, String)> =
            pairs.into_iter().map(|p| (p.source, p.target)).collect();
        pairs.sort();
        pairs.dedup();
        Ok(self.pairs.put(pairs))
    }

    /// One request to `/translate` for one of APy's pairs.
    async fn step(&self, text: &str, from: &str, to: &str) -> Result<String, MtError> {
        let langpair = format!("{from}|{to}");
        // A form body rather than a query string: long texts stay out of URLs and logs.
        let form = [
            ("langpair", langpair.as_str()),
            ("q", text),
            ("markUnknown", "no"),
        ];
        let response = self
            .client
            .post(self.endpoint("translate")?)
            .form(&form)
            .send()
            .await
            .map_err(|e| super::unreachable(&e))?;
        match answer::<Translated>(response).await {
            Ok(t) => Ok(t.text),
            Err(MtError::Failed(why)) if why.contains(NOT_INSTALLED) => {
                // The engine lost a pair since the list was fetched.
                self.pairs.clear();
                Err(MtError::Unsupported {
                    from: from.to_owned(),
                    to: to.to_owned(),
                })
            }
            Err(e) => Err(e),
        }
    }
}

#[async_trait::async_trait]
impl Translator for Apertium {
    fn engine(&self) -> &'static str {
        "Apertium"
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
        let pairs = self.raw_pairs().await?;
        let steps = route(&pairs, from, to).ok_or_else(unsupported)?;
        if text.trim().is_empty() {
            return Ok(text.to_owned());
        }
        let protected = markup::protect(text);
        let mut current = protected.text;
        for (a, b) in steps.windows(2).map(|w| (&w[0], &w[1])) {
            current = match self.step(&current, a, b).await {
                Err(MtError::Unsupported { .. }) => return Err(unsupported()),
                other => other?,
            };
        }
        Ok(markup::restore(&current, &protected.kept))
    }

    async fn pairs(&self) -> Result<Vec<(String, String)>, MtError> {
        let raw = self.raw_pairs().await?;
        let mut pairs: Vec<(String, String)> = raw
            .iter()
            .filter_map(|(a, b)| Some((codes::from_iso639_3(a)?, codes::from_iso639_3(b)?)))
            .filter(|(a, b)| a != b)
            .collect();
        pairs.sort();
        pairs.dedup();
        Ok(pairs)
    }
}

/// Reads APy's answer: the data of a 200, or the error it describes.
async fn answer<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> Result<T, MtError> {
    let status = response.status();
    let body = response.bytes().await.map_err(|e| super::unreachable(&e))?;
    let reply: Option<Reply<T>> = serde_json::from_slice(&body).ok();
    let why = |reply: &Option<Reply<T>>| {
        reply
            .as_ref()
            .and_then(|r| r.explanation.clone().or_else(|| r.message.clone()))
            .unwrap_or_else(|| format!("HTTP {status}"))
    };
    if status.is_server_error() {
        return Err(MtError::Unavailable(why(&reply)));
    }
    if !status.is_success() {
        return Err(MtError::Failed(why(&reply)));
    }
    match reply {
        Some(Reply {
            data: Some(data),
            status: None | Some(200),
            ..
        }) => Ok(data),
        Some(Reply {
            status: Some(code), ..
        }) if code >= 500 => Err(MtError::Unavailable(why(&reply))),
        Some(_) => Err(MtError::Failed(why(&reply))),
        None => Err(MtError::Failed(
            "the engine's answer is not APy's JSON".to_owned(),
        )),
    }
}

/// The codes to pass through, first to last: two for a direct pair, three through a pivot.
fn route(pairs: &[(String, String)], from: &LanguageTag, to: &LanguageTag) -> Option<Vec<String>> {
    let sources = candidates(pairs.iter().map(|(a, _)| a), from);
    let targets = candidates(pairs.iter().map(|(_, b)| b), to);
    let has = |a: &str, b: &str| pairs.iter().any(|(x, y)| x == a && y == b);
    for source in &sources {
        for target in &targets {
            if has(source, target) {
                return Some(vec![source.clone(), target.clone()]);
            }
        }
    }
    let language = |code: &str| codes::from_iso639_3(code);
    for source in &sources {
        for target in &targets {
            let pivot = pairs.iter().find(|(a, b)| {
                a == source
                    && language(b) != language(source)
                    && language(b) != language(target)
                    && has(b, target)
            });
            if let Some((_, pivot)) = pivot {
                return Some(vec![source.clone(), pivot.clone(), target.clone()]);
            }
        }
    }
    None
}

/// APy's codes for a language, best first: the variant for the tag's region (`eng_US` for
/// en-US), then the plain code, then other variants.
fn candidates<'a>(codes_seen: impl Iterator<Item = &'a String>, tag: &LanguageTag) -> Vec<String> {
    let Some(base) = codes::to_iso639_3(tag.primary()) else {
        return Vec::new();
    };
    let variant = region(tag).map(|r| format!("{base}_{r}"));
    let mut found: Vec<String> = codes_seen
        .filter(|c| **c == base || c.strip_prefix(&base).is_some_and(|v| v.starts_with('_')))
        .cloned()
        .collect();
    found.sort();
    found.dedup();
    found.sort_by_key(|c| {
        if Some(c) == variant.as_ref() {
            0
        } else if *c == base {
            1
        } else {
            2
        }
    });
    found
}

/// The region subtag of a tag: "US" in "en-US", "419" in "es-419", none in "sr-Latn".
fn region(tag: &LanguageTag) -> Option<&str> {
    tag.as_str().split('-').skip(1).find(|s| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
            || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        LanguageTag::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The pairs of Debian's apertium-eng-spa and apertium-spa-ita.
    fn debian_pairs() -> Vec<(String, String)> {
        [
            ("eng", "spa"),
            ("ita", "spa"),
            ("spa", "eng"),
            ("spa", "eng_US"),
            ("spa", "ita"),
        ]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
    }

    fn routed(from: &str, to: &str) -> Option<Vec<String>> {
        route(&debian_pairs(), &tag(from), &tag(to))
    }

    #[test]
    fn direct_pairs_go_in_one_step() {
        assert_eq!(routed("en", "es").unwrap(), ["eng", "spa"]);
        assert_eq!(routed("es-MX", "it").unwrap(), ["spa", "ita"]);
    }

    #[test]
    fn a_region_picks_its_variant() {
        assert_eq!(routed("es", "en").unwrap(), ["spa", "eng"]);
        assert_eq!(routed("es", "en-US").unwrap(), ["spa", "eng_US"]);
        assert_eq!(routed("es", "en-GB").unwrap(), ["spa", "eng"]);
    }

    #[test]
    fn missing_pairs_go_through_a_pivot() {
        assert_eq!(routed("en", "it").unwrap(), ["eng", "spa", "ita"]);
        assert_eq!(routed("it", "en").unwrap(), ["ita", "spa", "eng"]);
    }

    #[test]
    fn unreachable_pairs_have_no_route() {
        assert_eq!(routed("en", "ja"), None);
        assert_eq!(routed("ru", "en"), None);
        assert_eq!(routed("xx", "en"), None);
    }
}
