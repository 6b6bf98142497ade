//! The shapes the validating functions accept, written as JSON Schema for the OpenAPI document,
//! next to the rules they describe so the two change together.
//!
//! Each function here mirrors one check: `validation::id`, `source::country`,
//! `source::web_address`, `place::Place::is_gazetteer_id`, the claim values of
//! `indicator::Indicator::check_claim`. The server trims surrounding whitespace before it
//! checks; the schemas describe the canonical form.

use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};

/// A ULID in Crockford's base 32, either case: the form of every identifier.
pub const ID_PATTERN: &str = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$";
/// A gazetteer city (`gn:` and its GeoNames id) or a custom place's ULID.
pub const PLACE_ID_PATTERN: &str = "^(gn:[0-9]+|[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26})$";
/// ISO 3166-1 alpha-2 in either case; the empty string means none.
pub const COUNTRY_PATTERN: &str = "^([A-Za-z]{2})?$";
/// An absolute http(s) address; the empty string means none.
pub const WEB_ADDRESS_PATTERN: &str = "^([Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+\\S*)?$";

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn nullable_string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null]))
}

/// An identifier (`validation::id`).
pub fn id() -> Schema {
    string()
        .pattern(Some(ID_PATTERN))
        .description(Some("A ULID"))
        .build()
        .into()
}

/// An identifier, or `null` for none.
pub fn optional_id() -> Schema {
    nullable_string()
        .pattern(Some(ID_PATTERN))
        .description(Some("A ULID"))
        .build()
        .into()
}

/// The source a report only repeats: a ULID, or empty or `null` for none.
pub fn cited_id() -> Schema {
    nullable_string()
        .pattern(Some("^([0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26})?$"))
        .description(Some(
            "The id of the source this report only repeats; empty for none.",
        ))
        .build()
        .into()
}

/// A place a report or claim names (`report::place_id`).
pub fn place_id() -> Schema {
    string()
        .pattern(Some(PLACE_ID_PATTERN))
        .description(Some(
            "`gn:<GeoNames id>` from `/api/v1/places`, or a custom place's id.",
        ))
        .build()
        .into()
}

/// The places a report names (`NewReport::validate`): listed once each, at most 20.
pub fn place_ids() -> Schema {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(RefOr::T(place_id()))
        .max_items(Some(super::report::MAX_PLACES))
        .description(Some(
            "Place ids: `gn:<GeoNames id>` from `/api/v1/places`, or a custom place's id; at \
             most 20 different ones.",
        ))
        .build()
        .into()
}

/// What a moderator may set (`NewVerification::validate`); the other badges follow from the
/// claims.
pub fn verification_choice() -> Schema {
    string()
        .enum_values(Some(["unverified", "confirmed", "false", "retracted"]))
        .description(Some(
            "`unverified`, `confirmed`, `false` or `retracted`; `corroborated` and `disputed` \
             follow from the claims.",
        ))
        .build()
        .into()
}

/// A place a claim names, or `null` for a thread-wide indicator.
pub fn optional_place_id() -> Schema {
    nullable_string()
        .pattern(Some(PLACE_ID_PATTERN))
        .description(Some(
            "`gn:<GeoNames id>` or a custom place's id; required by a per-place indicator, \
             refused by a thread-wide one.",
        ))
        .build()
        .into()
}

/// A two-letter country code, empty or `null` for none (`source::country`).
pub fn country() -> Schema {
    nullable_string()
        .pattern(Some(COUNTRY_PATTERN))
        .description(Some("ISO 3166-1 alpha-2, e.g. KZ; empty for none."))
        .build()
        .into()
}

/// An http(s) address, empty or `null` for none (`source::web_address`).
pub fn web_address() -> Schema {
    nullable_string()
        .pattern(Some(WEB_ADDRESS_PATTERN))
        .max_length(Some(super::source::MAX_URL))
        .description(Some("A full http:// or https:// address; empty for none."))
        .build()
        .into()
}

/// A language tag, or empty or `null` to leave it to the server.
pub fn language_or_empty() -> Schema {
    OneOfBuilder::new()
        .item(RefOr::Ref(Ref::from_schema_name("LanguageTag")))
        .item(string().max_length(Some(0)).build())
        .item(ObjectBuilder::new().schema_type(Type::Null).build())
        .description(Some("A BCP 47 language tag; empty or `null` for none."))
        .build()
        .into()
}

/// A claim's value as `Indicator::check_claim` takes it: a string for every kind, or a number
/// for a count.
pub fn claim_value() -> Schema {
    OneOfBuilder::new()
        .item(
            string()
                .min_length(Some(1))
                .max_length(Some(super::indicator::MAX_TEXT_VALUE))
                .description(Some(
                    "A count (\"8\", \"5-10\", \"at least 8\"), one of a status indicator's \
                     values, or a text",
                ))
                .build(),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
                .maximum(Some(i64::MAX))
                .description(Some("A count, for a count indicator"))
                .build(),
        )
        .description(Some(
            "A count (\"8\", \"5-10\", \"at least 8\", or a number), a status value, or a text.",
        ))
        .build()
        .into()
}

/// The patterns of the document agree with the functions that check: every string a pattern
/// admits is accepted, and every string accepted matches the pattern.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::{self, LanguageTag};
    use crate::domain::place::Place;
    use crate::domain::validation;
    use proptest::prelude::*;

    fn regex(pattern: &str) -> regex::Regex {
        regex::Regex::new(pattern).unwrap()
    }

    /// The pattern without its anchors, for proptest to generate from.
    fn body(pattern: &str) -> &str {
        pattern.trim_start_matches('^').trim_end_matches('$')
    }

    #[test]
    fn language_tag_pattern_matches_the_parser_on_known_tags() {
        let re = regex(language::PATTERN);
        for tag in [
            "it",
            "en-GB",
            "sr-Latn",
            "zh-Hant-TW",
            "es-419",
            "de-CH-1996",
            "sl-rozaj",
            "zh-yue-HK",
            "en-US-u-ca-gregory",
            "en-x-newsroom",
            "zh-min-nan",
            "art-lojban",
        ] {
            assert!(re.is_match(tag), "{tag}");
            assert!(LanguageTag::parse(tag).is_ok(), "{tag}");
        }
        for bad in [
            "",
            "e",
            "x-foo",
            "i-klingon",
            "en-GB-oed",
            "sgn-BE-FR",
            "english",
            "en_GB",
            "en-",
            "en--GB",
            "en-a",
            "en-x",
            "123",
        ] {
            assert!(!re.is_match(bad), "{bad}");
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_tag_the_pattern_admits_parses(
            tag in proptest::string::string_regex(body(language::PATTERN)).unwrap()
        ) {
            // The length limit is the schema's `maxLength`.
            prop_assert_eq!(LanguageTag::parse(&tag).is_ok(), tag.len() <= 35, "{}", tag);
        }

        #[test]
        fn every_tag_that_parses_matches_the_pattern(
            tag in "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}"
        ) {
            let re = regex(language::PATTERN);
            prop_assert_eq!(LanguageTag::parse(&tag).is_ok(), tag.len() <= 35 && re.is_match(&tag), "{}", tag);
        }

        #[test]
        fn the_id_pattern_is_what_validation_accepts(id in "[0-9A-Za-z]{25,27}") {
            prop_assert_eq!(validation::id("id", &id).is_ok(), regex(ID_PATTERN).is_match(&id), "{}", id);
        }

        #[test]
        fn the_place_pattern_is_what_reports_accept(id in "(gn:[0-9]{0,9}|gn:[0-9a]{1,3}|[0-9A-Z]{26})") {
            let accepted = Place::is_gazetteer_id(&id) || validation::id("places", &id).is_ok();
            prop_assert_eq!(accepted, regex(PLACE_ID_PATTERN).is_match(&id), "{}", id);
        }

        #[test]
        fn the_country_pattern_is_what_sources_accept(code in "[A-Za-z0-9]{0,3}") {
            let accepted = crate::domain::source::country("country", &code).is_ok();
            prop_assert_eq!(accepted, regex(COUNTRY_PATTERN).is_match(&code), "{}", code);
        }
    }
}
