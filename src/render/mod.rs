//! Server-rendered SVG for the situation board: a chart of counts over time and a map of places
//! by status. Pure functions from data to an `<svg>` string meant to sit inline in an HTML page.
//!
//! Every figure is self-describing (`role="img"`, a `<title>` named by `aria-labelledby`), scales
//! with its container (`viewBox`, `width="100%"`), carries meaning in words and shapes as well as
//! colour, and uses presentation attributes and classes only: no `style` attribute, so a strict
//! Content-Security-Policy holds. Colours default to `currentColor` or to fixed values that
//! `static/board.css` refines for the dark scheme. The page provides the textual alternative
//! (a table or list) next to the figure.

pub mod chart;
pub mod map;
pub mod topo;

pub use chart::{Chart, Series, TickDetail, TimeFormat, chart_svg};
pub use map::{LegendItem, MapPoint, map_svg};

use std::fmt::Write as _;

/// Escapes text for XML character data and attribute values, and drops the characters XML 1.0
/// does not allow at all (most C0 controls), which would otherwise make the document invalid.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal and no trailing `.0`; never `NaN` or `inf`.
fn num(v: f64) -> String {
    let tenths = if v.is_finite() {
        (v * 10.0).round().clamp(-1e12, 1e12) as i64
    } else {
        0
    };
    tenths_str(tenths)
}

/// A number of tenths written as a decimal: 12 → "1.2", -3 → "-0.3", 30 → "3".
fn tenths_str(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, frac) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// A rough advance width of `text` in user units: the figure cannot measure fonts, so labels
/// are placed from an estimate that errs on the wide side for the system sans-serif.
fn text_width(text: &str, font_size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7AF}' => 1.0,
            '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' => 1.0,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.3,
            'm' | 'w' | 'M' | 'W' | 'Ш' | 'Щ' | 'Ж' | 'ш' | 'щ' | 'ж' | 'м' => 0.85,
            c if c.is_uppercase() || c.is_ascii_digit() => 0.66,
            _ => 0.56,
        })
        .sum();
    ems * font_size
}

/// `text` cut with an ellipsis so that it fits in `max_width`.
fn fit_text(text: &str, font_size: f64, max_width: f64) -> String {
    if text_width(text, font_size) <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, font_size) + 0.6 * font_size > max_width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// An element id derived from the figure's content, so the same figure always renders the same
/// bytes and two different figures on one page do not share an id.
fn figure_id(prefix: &str, parts: &[&str]) -> String {
    // FNV-1a: stable across builds and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{prefix}-{:08x}", hash & 0xffff_ffff)
}

/// The opening `<svg>` tag and its `<title>`, shared by every figure.
fn open_svg(out: &mut String, class: &str, id: &str, width: f64, height: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="board-svg {class}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif"><title id="{id}">{title}</title>"#,
        w = num(width),
        h = num(height),
        title = escape(title),
    );
}

/// Places items of the given widths left to right, wrapping to a new row when one would pass
/// `max_width`: each item's x offset and row number.
fn flow(widths: &[f64], max_width: f64, gap: f64) -> Vec<(f64, usize)> {
    let mut placed = Vec::with_capacity(widths.len());
    let (mut x, mut row) = (0.0, 0);
    for &w in widths {
        if x > 0.0 && x + w > max_width {
            x = 0.0;
            row += 1;
        }
        placed.push((x, row));
        x += w + gap;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_and_controls_harmless() {
        assert_eq!(
            escape("<script>&\"'\u{0}x"),
            "&lt;script&gt;&amp;&quot;&#39;x"
        );
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.24), "1.2");
        assert_eq!(num(-0.26), "-0.3");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
    }

    #[test]
    fn long_text_is_cut_to_fit() {
        let cut = fit_text("Ministry of Internal Affairs of the Republic", 15.0, 120.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 15.0) <= 120.0 + 15.0);
    }

    #[test]
    fn flow_wraps_rows() {
        let placed = flow(&[100.0, 100.0, 100.0], 250.0, 10.0);
        assert_eq!(placed, vec![(0.0, 0), (110.0, 0), (0.0, 1)]);
    }
}
