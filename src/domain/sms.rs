//! What a text costs as an SMS: the GSM 03.38 alphabet, the segments a message takes in it or
//! in UCS-2, and a text written with GSM-7 characters only (dashes and quotes made plain,
//! other scripts transliterated).
//!
//! A message that uses only the GSM-7 alphabet costs 160 characters in one segment, 153 in each
//! segment of a longer one, and the extension-table characters (`[ ] { } ~ \ | ^ €` and the
//! form feed) two each. One character outside it makes the whole message UCS-2: 70 in one
//! segment, 67 in each of several (a character beyond the Basic Multilingual Plane takes two).

/// The GSM 03.38 default alphabet, one character each.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                     ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: each costs an escape and itself.
const EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// How a message is encoded on the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    /// The name used in the `SMS-Encoding` header and the documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
}

/// What a message costs: its encoding, its length in that encoding's units, its segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub encoding: Encoding,
    /// Septets in GSM-7 (extension characters count two), 16-bit units in UCS-2.
    pub units: usize,
    pub segments: usize,
}

/// Whether `c` is in the GSM-7 default alphabet or its extension table.
pub fn is_gsm(c: char) -> bool {
    BASIC.contains(c) || EXTENSION.contains(c)
}

/// The cost of `text` as one SMS message (0 segments when empty).
pub fn cost(text: &str) -> Cost {
    let (encoding, units) = if text.chars().all(is_gsm) {
        let units = text
            .chars()
            .map(|c| if EXTENSION.contains(c) { 2 } else { 1 })
            .sum();
        (Encoding::Gsm7, units)
    } else {
        (Encoding::Ucs2, text.encode_utf16().count())
    };
    let (single, part) = match encoding {
        Encoding::Gsm7 => (160, 153),
        Encoding::Ucs2 => (70, 67),
    };
    let segments = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    Cost {
        encoding,
        units,
        segments,
    }
}

/// The most units a message of `segments` segments holds in `encoding`.
pub fn capacity(encoding: Encoding, segments: usize) -> usize {
    match (encoding, segments) {
        (_, 0) => 0,
        (Encoding::Gsm7, 1) => 160,
        (Encoding::Ucs2, 1) => 70,
        (Encoding::Gsm7, n) => 153 * n,
        (Encoding::Ucs2, n) => 67 * n,
    }
}

/// `text` in GSM-7 characters only: typographic dashes, quotes, ellipses and spaces become
/// their plain forms, letters of other scripts are transliterated ("Алматы" → "Almaty"), and
/// what has no spelling at all becomes "?".
pub fn to_gsm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_gsm(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '`' | '´' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '«' | '»' => out.push('"'),
            '…' => out.push_str("..."),
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            '\t' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            // Bidirectional and zero-width marks have no place in an SMS.
            '\u{200b}'..='\u{200f}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => {}
            c => match deunicode::deunicode_char(c) {
                Some(ascii) if !ascii.is_empty() => {
                    out.extend(ascii.chars().map(|a| if is_gsm(a) { a } else { '?' }));
                }
                _ => out.push('?'),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_latin_text_is_gsm_seven() {
        let one = "a".repeat(160);
        assert_eq!(
            cost(&one),
            Cost {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(cost(&"a".repeat(161)).segments, 2);
        assert_eq!(cost(&"a".repeat(306)).segments, 2);
        assert_eq!(cost(&"a".repeat(307)).segments, 3);
        assert_eq!(cost("").segments, 0);
        assert_eq!(cost("città è già là, €5").encoding, Encoding::Gsm7);
    }

    #[test]
    fn extension_characters_count_two() {
        let text = format!("{}[", "a".repeat(158));
        assert_eq!(cost(&text).units, 160);
        assert_eq!(cost(&text).segments, 1);
        assert_eq!(cost(&format!("{}€", "a".repeat(159))).segments, 2);
        assert_eq!(cost("{}~\\|^").units, 12);
    }

    #[test]
    fn one_character_outside_the_alphabet_makes_it_ucs2() {
        let dash = format!("{} — b", "a".repeat(60));
        let c = cost(&dash);
        assert_eq!(c.encoding, Encoding::Ucs2);
        assert_eq!(c.units, 64);
        assert_eq!(c.segments, 1);
        assert_eq!(cost(&"ж".repeat(70)).segments, 1);
        assert_eq!(cost(&"ж".repeat(71)).segments, 2);
        assert_eq!(cost(&"ж".repeat(134)).segments, 2);
        assert_eq!(cost(&"ж".repeat(135)).segments, 3);
        // Beyond the BMP a character is a surrogate pair.
        assert_eq!(cost("😀").units, 2);
        assert_eq!(cost("ç").encoding, Encoding::Ucs2);
    }

    #[test]
    fn capacity_matches_the_segment_sizes() {
        assert_eq!(capacity(Encoding::Gsm7, 1), 160);
        assert_eq!(capacity(Encoding::Gsm7, 3), 459);
        assert_eq!(capacity(Encoding::Ucs2, 1), 70);
        assert_eq!(capacity(Encoding::Ucs2, 3), 201);
        for n in 1..=5 {
            for enc in [Encoding::Gsm7, Encoding::Ucs2] {
                let unit = if enc == Encoding::Gsm7 { "a" } else { "ж" };
                let full = unit.repeat(capacity(enc, n));
                assert_eq!(cost(&full).segments, n);
                assert_eq!(cost(&format!("{full}{unit}")).segments, n + 1);
            }
        }
    }

    #[test]
    fn gsm_text_has_only_gsm_characters() {
        assert_eq!(
            to_gsm("Unrest — “Almaty” ≥ 300… 5–10"),
            "Unrest - \"Almaty\" >= 300... 5-10"
        );
        assert_eq!(to_gsm("Беспорядки в Алматы"), "Besporiadki v Almaty");
        assert_eq!(to_gsm("città, perché"), "città, perché");
        assert_eq!(to_gsm("ça, Ångström, Øre"), "ca, Ångström, Øre");
        assert_eq!(to_gsm("a\u{2069}b\u{a0}c"), "ab c");
        for sample in ["Ещё 1 показатель", "Ελλάδα", "東京", "🙂", "Ł ś ż"]
        {
            let gsm = to_gsm(sample);
            assert_eq!(cost(&gsm).encoding, Encoding::Gsm7, "{sample} → {gsm}");
            assert!(!gsm.is_empty());
        }
    }
}
