use super::fixtures::{crowded, example};
use super::shorten::shorten;
use super::*;
use crate::domain::indicator::IndicatorKind;
use crate::domain::situation::{BoardInputs, situation};
use crate::domain::sms::{Encoding, cost};
use crate::i18n::{I18n, Lang};

fn with(lang: Lang, charset: Charset, segments: usize) -> (I18n, Options) {
    (I18n::new(lang), Options { charset, segments })
}

fn default_digest(title: &str, inputs: &BoardInputs, url: Option<&str>, lang: Lang) -> Digest {
    let s = situation(inputs, lang.code());
    digest(title, &s, url, &I18n::new(lang), Options::default())
}

const URL: &str = "https://live.example/t/unrest";

#[test]
fn the_example_digest_names_the_sources_of_every_figure() {
    let d = default_digest("Unrest in Kazakhstan", &example(), Some(URL), Lang::En);
    assert_eq!(
        d.text,
        "Unrest in Kazakhstan - as of 5 January 2022, 12:00 UTC\n\
         Police dead: 12 (Free Radio; disputed: Steppe Agency, Ministry of Internal Affairs \
         say 8)\n\
         Injured: 317 (Steppe Agency, Ministry of Internal Affairs)\n\
         Control: government Astana (Ministry of Internal Affairs), Shymkent (Steppe Agency); \
         protesters Aktobe (Eyewitness channel), Almaty (Eyewitness channel; disputed: Ministry \
         of Internal Affairs says government)\n\
         https://live.example/t/unrest"
    );
    // No dash or ellipsis of the digest's own makes a Latin-script digest UCS-2.
    assert_eq!(d.cost.encoding, Encoding::Gsm7);
    assert_eq!(d.cost, cost(&d.text));
    assert_eq!(d.cost.segments, 3);
}

#[test]
fn the_digest_speaks_italian_and_russian_and_names_its_sources() {
    for (lang, words) in [
        (Lang::It, ["aggiornato al", "contestato", "dicono 8"]),
        (Lang::Ru, ["на 5", "оспаривается", "сообщают 8"]),
    ] {
        let (i18n, options) = with(lang, Charset::Unicode, 10);
        let s = situation(&example(), lang.code());
        let d = digest("Disordini", &s, Some(URL), &i18n, options);
        for w in words
            .iter()
            .chain(&["Free Radio", "Steppe Agency", "Eyewitness channel"])
        {
            assert!(d.text.contains(w), "{lang:?}: {w} in {}", d.text);
        }
        assert!(
            d.text.ends_with("\nhttps://live.example/t/unrest"),
            "{}",
            d.text
        );
    }
    let it = situation(&example(), "it");
    let text = digest("D", &it, None, &I18n::new(Lang::It), Options::default()).text;
    assert!(text.contains("protesters-it Aktobe"), "{text}");
}

#[test]
fn disputes_outlast_every_other_figure_in_every_language() {
    let disputed = ["disputed", "contestato", "оспаривается"];
    let gsm_disputed = ["disputed", "contestato", "osparivaetsia"];
    let more = ["more", "altri", "ещё"];
    for lang in Lang::ALL {
        for (charset, segments) in [(Charset::Gsm, 2), (Charset::Unicode, 3)] {
            let (i18n, options) = with(lang, charset, segments);
            let s = situation(&example(), lang.code());
            let d = digest("Unrest in Kazakhstan", &s, Some(URL), &i18n, options);
            assert!(d.cost.segments <= segments, "{lang:?}: {d:?}");
            let word = match charset {
                Charset::Gsm => gsm_disputed[lang as usize],
                Charset::Unicode => disputed[lang as usize],
            };
            assert!(d.text.contains(word), "{lang:?} {charset:?}: {}", d.text);
            let dead = d
                .text
                .lines()
                .find(|l| l.contains(": 12 ("))
                .unwrap_or_else(|| panic!("{lang:?}: the disputed figure is kept: {}", d.text));
            assert!(
                dead.contains(" 8)") && dead.contains("Free Radio"),
                "{dead}"
            );
            // What went first is a figure nobody disputes.
            if !d.text.contains("317") {
                assert!(
                    d.text.contains(more[lang as usize]) || d.text.contains("+"),
                    "{}",
                    d.text
                );
            }
            assert!(d.text.ends_with(URL), "{}", d.text);
        }
    }
}

#[test]
fn gsm_digests_use_gsm_characters_only() {
    let (i18n, options) = with(Lang::Ru, Charset::Gsm, 3);
    let s = situation(&example(), "ru");
    let d = digest("Беспорядки в Казахстане", &s, Some(URL), &i18n, options);
    assert_eq!(d.cost.encoding, Encoding::Gsm7, "{}", d.text);
    assert!(d.text.chars().all(crate::domain::sms::is_gsm), "{}", d.text);
    assert!(
        d.text.starts_with("Besporiadki v Kazakhstane - na 5"),
        "{}",
        d.text
    );
    // The same digest as written costs UCS-2 segments.
    let (i18n, options) = with(Lang::Ru, Charset::Unicode, 3);
    let d = digest("Беспорядки в Казахстане", &s, Some(URL), &i18n, options);
    assert_eq!(d.cost.encoding, Encoding::Ucs2);
    assert!(d.cost.segments <= 3);
    let it = situation(&example(), "it");
    let d = default_digest("Città in rivolta", &example(), None, Lang::It);
    assert_eq!(d.cost.encoding, Encoding::Gsm7, "{}", d.text);
    assert!(!it.indicators.is_empty());
}

#[test]
fn without_an_address_the_digest_has_no_link() {
    let d = default_digest("Unrest", &example(), None, Lang::En);
    assert!(
        !d.text.contains("/t/") && !d.text.contains("http"),
        "{}",
        d.text
    );
    assert!(
        d.text
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Control:"))
    );
    let long = format!("https://live.example/t/{}", "a".repeat(300));
    let d = default_digest("Unrest", &example(), Some(&long), Lang::En);
    assert!(
        !d.text.contains("https://"),
        "an address too long is left out"
    );
}

#[test]
fn a_crowded_board_fits_every_budget_in_every_language() {
    let inputs = crowded();
    let long_title = "A very long title about the events unfolding across the whole country \
                      and its neighbours, with many words that nobody reads in an SMS";
    let url = "https://live.example.org/t/a-very-long-title-about-the-events-unfolding";
    for lang in Lang::ALL {
        let s = situation(&inputs, lang.code());
        for charset in [Charset::Unicode, Charset::Gsm] {
            for segments in 1..=MAX_SEGMENTS {
                let (i18n, options) = with(lang, charset, segments);
                let d = digest(long_title, &s, Some(url), &i18n, options);
                assert_eq!(d.cost, cost(&d.text));
                assert!(d.cost.segments <= segments, "{lang:?} {segments}: {d:?}");
                assert!(d.text.ends_with(url), "the address is kept: {}", d.text);
            }
        }
        // Cyrillic costs UCS-2: five segments hold a figure in every language.
        let (i18n, options) = with(lang, Charset::Unicode, 5);
        let d = digest(long_title, &s, Some(url), &i18n, options);
        assert!(
            d.text.contains("1000000") || d.text.contains("1004000"),
            "{}",
            d.text
        );
        let more = ["more", "altri", "ещё"][lang as usize];
        assert!(
            d.text.contains(more),
            "{lang:?}: says that some were left out: {}",
            d.text
        );
    }
}

#[test]
fn a_single_huge_line_is_cut_with_dots() {
    let mut inputs = crowded();
    inputs
        .indicators
        .retain(|i| i.kind == IndicatorKind::Status);
    inputs.indicators.truncate(1);
    let d = default_digest(
        &"Title ".repeat(200),
        &inputs,
        Some("https://x.example/t/x"),
        Lang::En,
    );
    assert!(d.cost.segments <= DEFAULT_SEGMENTS, "{d:?}");
    assert!(d.text.contains("..."), "{}", d.text);
    assert!(d.text.ends_with("\nhttps://x.example/t/x"));
}

#[test]
fn an_empty_board_says_so() {
    let empty = BoardInputs::default();
    let d = default_digest("Quiet", &empty, Some("https://x.example/t/quiet"), Lang::En);
    assert_eq!(d.text, "Quiet - no figures yet\nhttps://x.example/t/quiet");
    assert_eq!(
        default_digest("Quiet", &empty, None, Lang::En).text,
        "Quiet - no figures yet"
    );
}

#[test]
fn shorten_cuts_at_words_and_counts_characters() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(shorten("Беспорядки в Казахстане", 14), "Беспорядки...");
    assert_eq!(shorten(&"ж".repeat(600), 479).chars().count(), 479);
    assert_eq!(shorten("abc", 0), "");
}

#[test]
fn source_names_are_shortened_by_words() {
    use super::shorten::short_name;
    assert_eq!(short_name("Free Radio", 12), "Free Radio");
    assert_eq!(
        short_name("Ministry of Internal Affairs", 16),
        "Ministry of Int."
    );
    assert_eq!(
        short_name("Valdorian Interior Ministry", 16),
        "Valdorian Inter."
    );
    assert_eq!(short_name("Reuters, London bureau", 12), "Reuters");
    assert_eq!(
        short_name("Министерство внутренних дел", 16),
        "Министерство вн."
    );
    assert_eq!(short_name("Supercalifragilistic", 8), "Superca.");
    assert_eq!(short_name("Ministry of Internal Affairs", 12), "Ministry");
    for max in 3..40 {
        assert!(
            short_name("Ministry of Internal Affairs of the Republic", max)
                .chars()
                .count()
                <= max
        );
    }
}
