//! Language codes: BCP 47 primary subtags (ISO 639-1 where a language has one) and the
//! ISO 639-3 codes Apertium names its languages with.

/// ISO 639-1 → ISO 639-3 for the languages Apertium has pairs for, and a few more.
const TABLE: &[(&str, &str)] = &[
    ("af", "afr"),
    ("an", "arg"),
    ("ar", "ara"),
    ("be", "bel"),
    ("bg", "bul"),
    ("br", "bre"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("cy", "cym"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("eo", "epo"),
    ("es", "spa"),
    ("et", "est"),
    ("eu", "eus"),
    ("fa", "fas"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("ga", "gle"),
    ("gl", "glg"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "hye"),
    ("id", "ind"),
    ("is", "isl"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("ka", "kat"),
    ("kk", "kaz"),
    ("ko", "kor"),
    ("ky", "kir"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("ms", "msa"),
    ("mt", "mlt"),
    ("nb", "nob"),
    ("nl", "nld"),
    ("nn", "nno"),
    ("oc", "oci"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("sc", "srd"),
    ("se", "sme"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("sq", "sqi"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("tr", "tur"),
    ("tt", "tat"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("zh", "zho"),
];

/// Older (bibliographic) ISO 639-2 codes some language data still uses.
const ALIASES: &[(&str, &str)] = &[
    ("alb", "sq"),
    ("arm", "hy"),
    ("chi", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("ice", "is"),
    ("mac", "mk"),
    ("may", "ms"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("wel", "cy"),
];

/// The ISO 639-3 code for a BCP 47 primary subtag: "en" → "eng". A three-letter subtag is
/// already ISO 639-3 ("ast"); anything else unknown has none.
pub fn to_iso639_3(primary: &str) -> Option<String> {
    let primary = primary.to_ascii_lowercase();
    if let Some((_, three)) = TABLE.iter().find(|(two, _)| *two == primary) {
        return Some((*three).to_owned());
    }
    (primary.len() == 3 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// The BCP 47 primary subtag for an Apertium language code: "eng" → "en", and "eng_US" → "en"
/// (a variant after `_` is not part of the language). Codes without a two-letter form stay as
/// they are ("ast"); codes that cannot be a language subtag give `None`.
pub fn from_iso639_3(code: &str) -> Option<String> {
    let base = code.split('_').next().unwrap_or(code).to_ascii_lowercase();
    if let Some((two, _)) = TABLE.iter().find(|(_, three)| *three == base) {
        return Some((*two).to_owned());
    }
    if let Some((_, two)) = ALIASES.iter().find(|(old, _)| *old == base) {
        return Some((*two).to_owned());
    }
    let letters = base.bytes().all(|b| b.is_ascii_lowercase());
    (letters && (2..=3).contains(&base.len())).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_the_site_needs_map_both_ways() {
        for (two, three) in [
            ("en", "eng"),
            ("es", "spa"),
            ("it", "ita"),
            ("ru", "rus"),
            ("fr", "fra"),
            ("de", "deu"),
            ("pt", "por"),
            ("ca", "cat"),
            ("uk", "ukr"),
            ("pl", "pol"),
            ("nl", "nld"),
            ("ar", "ara"),
            ("kk", "kaz"),
            ("gl", "glg"),
            ("eu", "eus"),
            ("oc", "oci"),
            ("ro", "ron"),
        ] {
            assert_eq!(to_iso639_3(two).as_deref(), Some(three));
            assert_eq!(from_iso639_3(three).as_deref(), Some(two));
        }
    }

    #[test]
    fn variants_and_old_codes_name_their_language() {
        assert_eq!(from_iso639_3("eng_US").as_deref(), Some("en"));
        assert_eq!(from_iso639_3("por_BR").as_deref(), Some("pt"));
        assert_eq!(from_iso639_3("fre").as_deref(), Some("fr"));
        assert_eq!(from_iso639_3("SPA").as_deref(), Some("es"));
    }

    #[test]
    fn three_letter_codes_without_a_short_form_stay() {
        assert_eq!(to_iso639_3("ast").as_deref(), Some("ast"));
        assert_eq!(from_iso639_3("ast").as_deref(), Some("ast"));
        assert_eq!(from_iso639_3("hbs").as_deref(), Some("hbs"));
    }

    #[test]
    fn unknown_codes_have_no_mapping() {
        assert_eq!(to_iso639_3("xx"), None);
        assert_eq!(to_iso639_3("e"), None);
        assert_eq!(from_iso639_3("a1b"), None);
        assert_eq!(from_iso639_3(""), None);
    }
}
