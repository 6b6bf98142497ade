//! Which language a text is written in, when that is clear.
//!
//! Only the languages below are compiled in (each brings its statistical models into the
//! binary); a text in another language gets no answer or, rarely, the closest of them, so
//! callers treat the result as a suggestion.

use std::sync::LazyLock;

use lingua::Language::{English, French, German, Italian, Portuguese, Russian, Spanish, Ukrainian};
use lingua::{LanguageDetector, LanguageDetectorBuilder};

use crate::domain::language::LanguageTag;

/// Fewer letters than this say too little about their language.
const MIN_LETTERS: usize = 12;
/// Only the start of a long text is read: it decides as well as the whole, for less work.
const MAX_CHARS: usize = 2000;
/// The likeliest language must have at least this confidence…
const MIN_CONFIDENCE: f64 = 0.5;
/// …and be this far ahead of the next one.
const MIN_LEAD: f64 = 0.2;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[
        English, French, German, Italian, Portuguese, Russian, Spanish, Ukrainian,
    ])
    .build()
});

/// The language of `text` when it is long enough and the detector is confident; `None`
/// otherwise.
pub fn detect(text: &str) -> Option<LanguageTag> {
    let text: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let values = DETECTOR.compute_language_confidence_values(text);
    let (language, confidence) = values.first()?;
    let runner_up = values.get(1).map_or(0.0, |(_, c)| *c);
    if *confidence < MIN_CONFIDENCE || confidence - runner_up < MIN_LEAD {
        return None;
    }
    LanguageTag::parse(&language.iso_code_639_1().to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(text: &str) -> Option<String> {
        detect(text).map(|tag| tag.as_str().to_owned())
    }

    #[test]
    fn clear_sentences_are_detected() {
        for (text, language) in [
            (
                "The bridge over the river is closed until further notice.",
                "en",
            ),
            (
                "Il ponte sul fiume resterà chiuso fino a nuovo avviso.",
                "it",
            ),
            ("Мост через реку закрыт до дальнейшего уведомления.", "ru"),
            (
                "El puente sobre el río está cerrado hasta nuevo aviso.",
                "es",
            ),
            (
                "Le pont sur la rivière est fermé jusqu'à nouvel ordre.",
                "fr",
            ),
            (
                "Die Brücke über den Fluss ist bis auf Weiteres gesperrt.",
                "de",
            ),
            (
                "Міст через річку закритий до подальшого повідомлення.",
                "uk",
            ),
        ] {
            assert_eq!(detected(text).as_deref(), Some(language), "{text}");
        }
    }

    #[test]
    fn short_or_letterless_texts_are_not_guessed() {
        for text in [
            "",
            "ok",
            "Ok, thanks",
            "12345 67890 12:30",
            "https://x.org",
            "!!! ???",
        ] {
            assert_eq!(detected(text), None, "{text:?}");
        }
    }

    #[test]
    fn long_texts_are_read_from_their_start() {
        let text = "The bridge over the river is closed until further notice. ".repeat(200);
        assert_eq!(detected(&text).as_deref(), Some("en"));
    }
}
