//! A validated, case-normalized BCP 47 language tag for content and thread languages.

use std::fmt;
use std::str::FromStr;

/// Longest tag accepted; RFC 5646 §4.4.1 asks implementations to support at least 35
/// characters, and nothing a person writes by hand needs more.
const MAX_LEN: usize = 35;

/// Grandfathered tags that do not follow the normal subtag grammar (RFC 5646 §2.2.8). The
/// registry closed this list for good, so a fixed copy cannot go stale. The `i-*` ones are not
/// listed because their one-letter primary subtag is already rejected.
const IRREGULAR: &[&str] = &["en-GB-oed", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE"];

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a valid BCP 47 language tag")]
pub struct InvalidLanguage(pub String);

impl LanguageTag {
    /// Accepts well-formed RFC 5646 tags whose primary language subtag is 2–3 letters, and
    /// normalizes their case ("EN-us" → "en-US", "zh-hant-tw" → "zh-Hant-TW").
    pub fn parse(s: &str) -> Result<Self, InvalidLanguage> {
        let invalid = || InvalidLanguage(s.to_owned());
        if s.is_empty() || s.len() > MAX_LEN {
            return Err(invalid());
        }
        let tag = oxilangtag::LanguageTag::parse_and_normalize(s).map_err(|_| invalid())?;
        let tag = tag.into_inner();
        // Private-use-only tags ("x-foo") and most grandfathered ones fail here; the split is
        // done by hand because oxilangtag reports a grandfathered tag's primary subtag as the
        // whole tag.
        let primary = tag.split('-').next().unwrap_or_default();
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        if !primary_ok || IRREGULAR.contains(&tag.as_str()) {
            return Err(invalid());
        }
        Ok(Self(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag ("it" for "it-CH").
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = InvalidLanguage;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<LanguageTag> for String {
    fn from(tag: LanguageTag) -> Self {
        tag.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LanguageTag {
    type Err = InvalidLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// The tags `LanguageTag::parse` accepts, as a regular expression: RFC 5646's well-formed
/// `langtag` with a primary language subtag of 2–3 letters (extlangs, script, region, variants,
/// extensions, private use), in any case. The length limit is separate (`maxLength`).
pub const PATTERN: &str = concat!(
    "^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}",
    "(-[A-Za-z]{4})?",
    "(-([A-Za-z]{2}|[0-9]{3}))?",
    "(-([A-Za-z][A-Za-z0-9]{4,7}|[0-9][A-Za-z0-9]{3,7}))*",
    "(-[0-9A-WYZa-wyz](-[A-Za-z0-9]{2,8})+)*",
    "(-[Xx](-[A-Za-z0-9]{1,8})+)?$",
);

impl LanguageTag {
    /// The JSON Schema of a tag, for places that cannot refer to the `LanguageTag` component
    /// (the keys of a map of labels).
    pub fn schema_object() -> utoipa::openapi::schema::Object {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(PATTERN))
            .max_length(Some(MAX_LEN))
            .description(Some(
                "A BCP 47 language tag (RFC 5646) whose language subtag has 2 or 3 letters, \
                 e.g. `it`, `en-GB`, `sr-Latn`; the server normalizes its case.",
            ))
            .examples(["it"])
            .build()
    }
}

impl utoipa::PartialSchema for LanguageTag {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        Self::schema_object().into()
    }
}

impl utoipa::ToSchema for LanguageTag {}

impl AsRef<str> for LanguageTag {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> String {
        match LanguageTag::parse(s) {
            Ok(tag) => tag.as_str().to_owned(),
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    #[test]
    fn simple_tags_are_accepted_as_is() {
        for tag in [
            "it",
            "en",
            "kk",
            "ru",
            "ast",
            "it-CH",
            "es-419",
            "de-CH-1996",
        ] {
            assert_eq!(parsed(tag), tag);
        }
    }

    #[test]
    fn case_is_normalized() {
        assert_eq!(parsed("EN-us"), "en-US");
        assert_eq!(parsed("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(parsed("sr-latn"), "sr-Latn");
        assert_eq!(parsed("SR-LATN-rs"), "sr-Latn-RS");
        assert_eq!(parsed("IT"), "it");
        assert_eq!(parsed("de-CH-1901"), "de-CH-1901");
        assert_eq!(parsed("sl-ROZAJ"), "sl-rozaj");
    }

    #[test]
    fn extensions_extlangs_and_private_use_suffixes_are_accepted() {
        assert_eq!(parsed("zh-YUE-hk"), "zh-yue-HK");
        assert_eq!(parsed("en-US-u-CA-gregory"), "en-US-u-ca-gregory");
        assert_eq!(parsed("en-x-Newsroom"), "en-x-newsroom");
    }

    #[test]
    fn regular_grandfathered_tags_are_accepted() {
        assert_eq!(parsed("zh-min-nan"), "zh-min-nan");
        assert_eq!(parsed("ART-lojban"), "art-lojban");
    }

    #[test]
    fn malformed_tags_are_rejected() {
        for bad in [
            "",
            " ",
            "en ",
            " en",
            "xx-!!",
            "e",
            "english",
            "en-",
            "-en",
            "en--US",
            "en_US",
            "12",
            "en-US-",
            "en-a",
            "en-u",
            "en-x",
            "en-toolongsubtag",
            "en-a-b-c",
            "ру",
        ] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn overlong_tags_are_rejected() {
        let long = "en-US-u-ca-gregory-nu-latn-x-abcdefg";
        assert_eq!(long.len(), 36);
        assert!(LanguageTag::parse(long).is_err());
        assert!(LanguageTag::parse(&long[..35]).is_ok());
    }

    #[test]
    fn private_use_only_tags_are_rejected() {
        for bad in ["x-foo", "X-FOO-bar", "x-a"] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn irregular_grandfathered_tags_are_rejected() {
        for bad in [
            "i-klingon",
            "I-DEFAULT",
            "en-GB-oed",
            "EN-gb-OED",
            "sgn-BE-FR",
            "sgn-CH-DE",
        ] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn long_primary_subtags_are_rejected() {
        for bad in ["abcd", "abcde-US", "qaaa"] {
            assert!(
                LanguageTag::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn primary_is_the_language_subtag() {
        assert_eq!(
            LanguageTag::parse("it-CH").map(|t| t.primary().to_owned()),
            Ok("it".into())
        );
        assert_eq!(
            LanguageTag::parse("ZH-hant").map(|t| t.primary().to_owned()),
            Ok("zh".into())
        );
        assert_eq!(
            LanguageTag::parse("ast").map(|t| t.primary().to_owned()),
            Ok("ast".into())
        );
        assert_eq!(
            LanguageTag::parse("zh-min-nan").map(|t| t.primary().to_owned()),
            Ok("zh".into())
        );
    }

    #[test]
    fn error_names_the_rejected_input() {
        let err = LanguageTag::parse("xx-!!").err();
        assert_eq!(err, Some(InvalidLanguage("xx-!!".to_owned())));
        assert_eq!(
            err.map(|e| e.to_string()).unwrap_or_default(),
            "\"xx-!!\" is not a valid BCP 47 language tag"
        );
    }

    #[test]
    fn conversions_agree_with_parse() {
        assert_eq!(
            "en-us".parse::<LanguageTag>().map(|t| t.to_string()),
            Ok("en-US".into())
        );
        assert_eq!(
            LanguageTag::try_from("EN-us".to_owned()).map(String::from),
            Ok("en-US".to_owned())
        );
        assert!(LanguageTag::try_from("x-foo".to_owned()).is_err());
        assert!("".parse::<LanguageTag>().is_err());
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let tag: Result<LanguageTag, _> = serde_json::from_str("\"zh-hant-tw\"");
        let tag = tag.map_err(|e| e.to_string());
        assert_eq!(tag.as_ref().map(LanguageTag::as_str), Ok("zh-Hant-TW"));
        let json = tag.and_then(|t| serde_json::to_string(&t).map_err(|e| e.to_string()));
        assert_eq!(json, Ok("\"zh-Hant-TW\"".to_owned()));

        let bad: Result<LanguageTag, _> = serde_json::from_str("\"x-foo\"");
        let msg = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("is not a valid BCP 47 language tag"), "{msg}");
    }
}
