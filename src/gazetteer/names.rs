//! Name keys: the form in which names and queries are compared.
//!
//! The loops walk bytes by index on purpose: this runs over some 240,000 names at first use,
//! and iterator chains compiled without optimization (debug builds) would take a second.

/// The form names are compared in: transliterated to ASCII, lowercase, letters and digits
/// only, so "Nur-Sultan", "Nursultan", "nur sultan" and "Нур-Султан" are all `nursultan`.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    if s.is_ascii() {
        push_ascii_key(s.as_bytes(), &mut out);
    } else {
        push_ascii_key(deunicode::deunicode_with_tofu(s, "").as_bytes(), &mut out);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the key a name (or a query) is indexed under. Names in alphabets whose
/// transliteration is faithful (Latin, Greek, Cyrillic, Armenian, Georgian) are folded, so
/// each of these spellings finds the others; names in other scripts keep their own letters,
/// lowercased, because their ASCII renderings ("巴黎" → "bali") would collide with unrelated
/// Latin names.
pub(super) fn push_key(name: &str, out: &mut Vec<u8>) {
    let bytes = name.as_bytes();
    let (mut i, mut ascii) = (0, true);
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        ascii = false;
        let (c, len) = decode(bytes, i);
        if c.is_alphabetic() && !transliterable(c) {
            push_native_key(name.to_lowercase().as_bytes(), out);
            return;
        }
        i += len;
    }
    if ascii {
        push_ascii_key(bytes, out);
    } else {
        push_ascii_key(deunicode::deunicode_with_tofu(name, "").as_bytes(), out);
    }
}

pub(super) fn key(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    push_key(name, &mut out);
    out
}

/// Roughly the script of a text: the 128-character block of its first letter.
pub(super) fn script_block(text: &str) -> Option<u32> {
    text.chars()
        .find(|c| c.is_alphabetic())
        .map(|c| u32::from(c) >> 7)
}

fn transliterable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{058F}'          // Latin, IPA, modifiers, Greek, Cyrillic, Armenian
        | '\u{10A0}'..='\u{10FF}'     // Georgian
        | '\u{1C80}'..='\u{1CBF}'     // Cyrillic Extended-C, Georgian Extended
        | '\u{1D00}'..='\u{1FFF}'     // phonetic extensions, Latin Extended Additional, Greek Extended
        | '\u{2C60}'..='\u{2C7F}'     // Latin Extended-C
        | '\u{2DE0}'..='\u{2DFF}'     // Cyrillic Extended-A
        | '\u{A640}'..='\u{A69F}'     // Cyrillic Extended-B
        | '\u{A720}'..='\u{A7FF}'     // Latin Extended-D
        | '\u{AB30}'..='\u{AB6F}') // Latin Extended-E
}

/// Appends the ASCII letters (lowercased) and digits of `src`.
fn push_ascii_key(src: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + src.len(), 0);
    let dst = &mut out[start..];
    let (mut i, mut w) = (0, 0);
    while i < src.len() {
        let b = src[i].to_ascii_lowercase();
        if b.is_ascii_alphanumeric() {
            dst[w] = b;
            w += 1;
        }
        i += 1;
    }
    out.truncate(start + w);
}

/// Appends the letters and digits of `src` (already lowercase), in any script.
fn push_native_key(src: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + src.len(), 0);
    let dst = &mut out[start..];
    let (mut i, mut w) = (0, 0);
    while i < src.len() {
        let (c, len) = decode(src, i);
        if c.is_alphanumeric() {
            dst[w..w + len].copy_from_slice(&src[i..i + len]);
            w += len;
        }
        i += len;
    }
    out.truncate(start + w);
}

/// The character starting at `bytes[i]` and its length; `bytes` comes from a `str`.
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let lead = u32::from(bytes[i]);
    let (len, mut code) = match lead {
        0..=0x7F => return (char::from(bytes[i]), 1),
        0xC0..=0xDF => (2, lead & 0x1F),
        0xE0..=0xEF => (3, lead & 0x0F),
        _ => (4, lead & 0x07),
    };
    let mut k = 1;
    while k < len && i + k < bytes.len() {
        code = (code << 6) | (u32::from(bytes[i + k]) & 0x3F);
        k += 1;
    }
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_punctuation_and_script() {
        assert_eq!(fold("Nur-Sultan"), "nursultan");
        assert_eq!(fold("nur sultan"), "nursultan");
        assert_eq!(fold("Нур-Султан"), "nursultan");
        assert_eq!(fold("São Paulo"), "saopaulo");
    }

    #[test]
    fn names_in_other_scripts_keep_their_letters() {
        assert_eq!(key("Алма-Ата"), b"almaata");
        assert_eq!(key("Αλμάτι"), b"almati");
        assert_eq!(key("ალმათი"), fold("ალმათი").into_bytes());
        assert_eq!(key("アルマ・アタ"), "アルマアタ".as_bytes());
        assert_eq!(key("נור סולטן"), "נורסולטן".as_bytes());
        assert_eq!(key("Ἀθῆναι 2"), b"athenai2");
    }

    #[test]
    fn decode_reads_every_length() {
        let text = "aé€𝄞";
        let mut i = 0;
        let mut chars = Vec::new();
        while i < text.len() {
            let (c, len) = decode(text.as_bytes(), i);
            chars.push(c);
            i += len;
        }
        assert_eq!(chars, text.chars().collect::<Vec<_>>());
    }
}
