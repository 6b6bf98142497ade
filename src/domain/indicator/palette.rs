//! The colours a status value may take in the forms: each one stands out from the page in the
//! light and in the dark scheme (WCAG 2 non-text contrast, 3:1), so a swatch is never lost.

/// A palette colour: its `#rrggbb` and the Fluent id of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    pub hex: &'static str,
    pub name: &'static str,
}

/// In the order new rows take them: the first values of a status are often "lost / partly /
/// held", so red, amber and green come first.
pub const PALETTE: [Swatch; 8] = [
    Swatch {
        hex: "#d93b30",
        name: "palette-red",
    },
    Swatch {
        hex: "#b36b00",
        name: "palette-amber",
    },
    Swatch {
        hex: "#1b7f3b",
        name: "palette-green",
    },
    Swatch {
        hex: "#3a86d4",
        name: "palette-blue",
    },
    Swatch {
        hex: "#8f6bd0",
        name: "palette-purple",
    },
    Swatch {
        hex: "#c25e9e",
        name: "palette-pink",
    },
    Swatch {
        hex: "#1a8f8c",
        name: "palette-teal",
    },
    Swatch {
        hex: "#7a7a7a",
        name: "palette-grey",
    },
];

/// The page backgrounds a swatch sits on: `--bg` and `--soft` of the light and dark schemes
/// (`static/app.css`).
pub const BACKGROUNDS: [&str; 4] = ["#ffffff", "#f3f3f1", "#141414", "#202020"];

/// WCAG 2's minimum contrast for graphical objects and interface parts (SC 1.4.11).
pub const MIN_CONTRAST: f64 = 3.0;

/// The swatch of a colour, compared without case.
pub fn swatch(hex: &str) -> Option<Swatch> {
    let hex = hex.trim();
    PALETTE
        .into_iter()
        .find(|s| s.hex.eq_ignore_ascii_case(hex))
}

/// The colour a new row takes by default: the palette in order, round again after the last.
pub fn default_colour(row: usize) -> &'static str {
    PALETTE[row % PALETTE.len()].hex
}

fn channel(byte: u8) -> f64 {
    let c = f64::from(byte) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance of `#rrggbb`; `None` when it is not one.
pub fn luminance(hex: &str) -> Option<f64> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    let (r, g, b) = (byte(0)?, byte(2)?, byte(4)?);
    Some(0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b))
}

/// WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Whether a colour stands out from every background of both schemes.
pub fn readable_on_both_schemes(hex: &str) -> bool {
    BACKGROUNDS
        .iter()
        .all(|bg| contrast(hex, bg).is_some_and(|c| c >= MIN_CONTRAST))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_the_wcag_formula() {
        let black_white = contrast("#000000", "#ffffff").unwrap();
        assert!((black_white - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777").unwrap() - 1.0).abs() < 1e-9);
        // Known value: #767676 on white is the lightest grey passing 4.5:1.
        let grey = contrast("#767676", "#ffffff").unwrap();
        assert!((4.5..4.6).contains(&grey), "{grey}");
        assert_eq!(contrast("#fff", "#000000"), None);
        assert_eq!(contrast("#gggggg", "#000000"), None);
        assert_eq!(contrast("#AbCdEf", "#abcdef"), Some(1.0));
    }

    #[test]
    fn every_palette_colour_passes_on_light_and_dark() {
        for s in PALETTE {
            for bg in BACKGROUNDS {
                let c = contrast(s.hex, bg).unwrap();
                assert!(c >= MIN_CONTRAST, "{} on {bg}: {c:.2}", s.hex);
            }
        }
        let mut hexes: Vec<&str> = PALETTE.iter().map(|s| s.hex).collect();
        hexes.dedup();
        assert_eq!(hexes.len(), PALETTE.len(), "no colour twice");
    }

    #[test]
    fn colours_that_vanish_in_one_scheme_are_refused() {
        // A dark red reads on white but not on the dark scheme; yellow the other way round.
        assert!(!readable_on_both_schemes("#b4232a"));
        assert!(!readable_on_both_schemes("#ffd400"));
        assert!(readable_on_both_schemes("#d93b30"));
        assert_eq!(swatch("#D93B30").map(|s| s.name), Some("palette-red"));
        assert_eq!(swatch("#123456"), None);
        assert_eq!(default_colour(0), "#d93b30");
        assert_eq!(default_colour(PALETTE.len() + 2), PALETTE[2].hex);
    }
}
