//! Readable, URL-safe slugs derived from thread titles written in any script.

/// Longest slug, in bytes (slugs are ASCII, so also in characters).
pub const MAX_LEN: usize = 80;

/// What a title with nothing transliterable (only emoji, only punctuation) is called.
const FALLBACK: &str = "thread";

/// "Kazakistan: la rivolta" → "kazakistan-la-rivolta", "Алматы" → "almaty", "Ça va?" → "ca-va".
pub fn slugify(title: &str) -> String {
    // deunicode spells emoji out by name ("🔥" → "fire"), which would put words in the URL
    // that the author never wrote; pictographs act as word separators instead.
    let without_pictographs: String = title
        .chars()
        .map(|c| if is_pictograph(c) { ' ' } else { c })
        .collect();
    let ascii = deunicode::deunicode_with_tofu(&without_pictographs, " ");
    let mut slug = String::with_capacity(ascii.len().min(MAX_LEN + 1));
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        // Past MAX_LEN + 1 nothing more can survive the cut, however long the title is.
        if slug.len() > MAX_LEN {
            break;
        }
    }
    let slug = truncate(&slug, MAX_LEN);
    if slug.is_empty() {
        FALLBACK.to_owned()
    } else {
        slug.to_owned()
    }
}

/// The n-th alternative when the base is taken: with_suffix("almaty", 2) == "almaty-2"
/// (still ≤ MAX_LEN, trimming the base if needed).
///
/// A base that is not already a valid slug is slugified first, so the result is always valid.
pub fn with_suffix(base: &str, n: u32) -> String {
    let owned;
    let base = if is_valid(base) {
        base
    } else {
        owned = slugify(base);
        owned.as_str()
    };
    let suffix = format!("-{n}");
    let base = truncate(base, MAX_LEN - suffix.len());
    format!("{base}{suffix}")
}

/// True when s is a valid slug (what slugify can produce): non-empty, ≤ MAX_LEN, only [a-z0-9-],
/// no leading/trailing/double '-'.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_LEN
        && s.bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Cuts an ASCII slug to at most `max` bytes, preferring to drop whole words.
fn truncate(slug: &str, max: usize) -> &str {
    let slug = slug.trim_end_matches('-');
    if slug.len() <= max {
        return slug;
    }
    let head = &slug[..max];
    let cut = if slug.as_bytes()[max] == b'-' {
        head
    } else {
        match head.rfind('-') {
            Some(boundary) => &head[..boundary],
            // A single word longer than `max`: no boundary to respect.
            None => head,
        }
    };
    cut.trim_end_matches('-')
}

/// Emoji and other pictographic symbols, approximated by the blocks they live in.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}' // ©
            | '\u{00AE}' // ®
            | '\u{200D}' // zero-width joiner inside emoji sequences
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}' // ™
            | '\u{2139}'
            | '\u{2190}'..='\u{21FF}' // arrows
            | '\u{2300}'..='\u{23FF}' // miscellaneous technical (⌚, ⏰)
            | '\u{25A0}'..='\u{27BF}' // geometric shapes, miscellaneous symbols, dingbats
            | '\u{2900}'..='\u{297F}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{1F000}'..='\u{1FBFF}' // every emoji block, flags and skin tones included
            | '\u{E0000}'..='\u{E007F}' // tag characters in subdivision flags
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn documented_examples() {
        assert_eq!(slugify("Kazakistan: la rivolta"), "kazakistan-la-rivolta");
        assert_eq!(slugify("Алматы"), "almaty");
        assert_eq!(slugify("Ça va?"), "ca-va");
    }

    #[test]
    fn latin_diacritics_are_folded() {
        assert_eq!(
            slugify("Perché è così? Über Straße"),
            "perche-e-cosi-uber-strasse"
        );
    }

    #[test]
    fn greek_is_transliterated() {
        assert_eq!(slugify("Ελλάδα: εκλογές"), "ellada-ekloges");
    }

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(slugify("北京"), "bei-jing");
    }

    #[test]
    fn arabic_is_transliterated() {
        let slug = slugify("القاهرة");
        assert!(is_valid(&slug), "{slug}");
        assert_ne!(slug, "thread");
        assert!(slug.starts_with("lqhr"), "{slug}");
    }

    #[test]
    fn emoji_only_titles_fall_back() {
        assert_eq!(slugify("🔥🔥🔥"), "thread");
        assert_eq!(slugify("👍🏽 🇮🇹 ❤️ 👨‍👩‍👧"), "thread");
    }

    #[test]
    fn emoji_separate_words_without_adding_any() {
        assert_eq!(slugify("Almaty🔥live"), "almaty-live");
        assert_eq!(slugify("🚨 Breaking: floods"), "breaking-floods");
    }

    #[test]
    fn punctuation_only_and_empty_titles_fall_back() {
        assert_eq!(slugify(""), "thread");
        assert_eq!(slugify("?!… — ..."), "thread");
        assert_eq!(slugify("   "), "thread");
    }

    #[test]
    fn runs_of_separators_collapse_and_ends_are_trimmed() {
        assert_eq!(slugify("  --Hello,   World!!--  "), "hello-world");
        assert_eq!(slugify("a_b/c.d"), "a-b-c-d");
        assert_eq!(slugify("2024 — Year 1"), "2024-year-1");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let title = "word ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_LEN);
        assert!(is_valid(&slug));
        // 16 × "word" + 15 × "-" = 79; one more word would not fit.
        assert_eq!(slug.len(), 79);
        assert!(slug.split('-').all(|w| w == "word"));
    }

    #[test]
    fn long_titles_ending_exactly_at_max_keep_the_full_word() {
        let title = format!("{} next", "a".repeat(MAX_LEN));
        assert_eq!(slugify(&title), "a".repeat(MAX_LEN));
    }

    #[test]
    fn a_single_huge_word_is_cut_hard() {
        let slug = slugify(&"x".repeat(500));
        assert_eq!(slug, "x".repeat(MAX_LEN));
    }

    #[test]
    fn long_non_latin_titles_stay_within_the_limit() {
        let slug = slugify(&"Алматы ".repeat(50));
        assert!(is_valid(&slug));
        assert!(slug.starts_with("almaty-almaty"));
    }

    #[test]
    fn with_suffix_appends_the_number() {
        assert_eq!(with_suffix("almaty", 2), "almaty-2");
        assert_eq!(with_suffix("thread", 10), "thread-10");
    }

    #[test]
    fn with_suffix_trims_long_bases() {
        let base = "a".repeat(MAX_LEN);
        let slug = with_suffix(&base, 2);
        assert_eq!(slug.len(), MAX_LEN);
        assert!(slug.ends_with("a-2"));
        assert!(is_valid(&slug));

        let worded = slugify(&"word ".repeat(40));
        let slug = with_suffix(&worded, u32::MAX);
        assert!(is_valid(&slug), "{slug}");
        assert!(slug.ends_with("word-4294967295"), "{slug}");
    }

    #[test]
    fn with_suffix_slugifies_an_invalid_base() {
        assert_eq!(with_suffix("Алматы", 3), "almaty-3");
        assert_eq!(with_suffix("", 2), "thread-2");
    }

    #[test]
    fn is_valid_accepts_slugs_and_rejects_the_rest() {
        for ok in ["a", "almaty", "almaty-2", "2024", "a-b-c"] {
            assert!(is_valid(ok), "{ok}");
        }
        let too_long = "a".repeat(MAX_LEN + 1);
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a b",
            "à",
            "a_b",
            "a.b",
            too_long.as_str(),
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert!(is_valid(&"a".repeat(MAX_LEN)));
    }

    proptest! {
        #[test]
        fn slugify_is_valid_and_stable(title in any::<String>()) {
            let slug = slugify(&title);
            prop_assert!(!slug.is_empty());
            prop_assert!(is_valid(&slug), "{:?} -> {:?}", title, slug);
            prop_assert_eq!(slugify(&slug), slug.clone());
        }

        #[test]
        fn slugify_handles_long_wordy_titles(title in "[a-zA-Zà-ÿ0-9 ,.!?-]{0,300}") {
            let slug = slugify(&title);
            prop_assert!(is_valid(&slug), "{:?} -> {:?}", title, slug);
            prop_assert_eq!(slugify(&slug), slug.clone());
        }

        #[test]
        fn with_suffix_is_valid(title in any::<String>(), n in any::<u32>()) {
            let slug = with_suffix(&slugify(&title), n);
            prop_assert!(slug.len() <= MAX_LEN);
            prop_assert!(is_valid(&slug), "{:?}", slug);
            let suffix = format!("-{n}");
            prop_assert!(slug.ends_with(&suffix));
        }

        #[test]
        fn with_suffix_accepts_any_base(base in any::<String>(), n in any::<u32>()) {
            let slug = with_suffix(&base, n);
            prop_assert!(is_valid(&slug), "{:?}", slug);
        }
    }
}
