//! Where a form may send the reader afterwards: only a path of this site.
//!
//! A `next=` value comes from the address bar or a form, so anyone can craft it. Browsers are
//! lenient with a `Location` header: they drop tabs and newlines, read `\` as `/`, and a path
//! that starts with two slashes names another host. Percent-escapes are decoded by some proxies
//! and servers on the way, so the decoded forms must be harmless too. A value that is not
//! plainly a same-site path becomes `/`.

/// The longest return path kept; longer ones fall back to `/` (no site path is this long).
pub const MAX_LEN: usize = 2048;

/// How many rounds of percent-decoding are looked through (`%2525…` nests one per round).
const DECODE_ROUNDS: usize = 4;

/// `next` itself when it is a same-site path, otherwise `/`.
///
/// Accepted: a string of visible ASCII (no control characters, whitespace or non-ASCII, so it
/// is always a valid header value) that starts with a single `/`, holds no backslash, and whose
/// percent-decoded forms also start with a single `/` and hold no backslash, control character
/// or whitespace.
pub fn local_path(next: &str) -> &str {
    if is_local_path(next) { next } else { "/" }
}

fn is_local_path(next: &str) -> bool {
    if next.len() > MAX_LEN || !next.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let mut current = next.to_owned();
    for _ in 0..DECODE_ROUNDS {
        if !plain_path(&current) {
            return false;
        }
        let decoded = percent_decode(&current);
        if decoded == current {
            return true;
        }
        current = decoded;
    }
    // Still changing after every round: deliberately nested escapes, not a link of ours.
    false
}

/// Starts with one slash (not two, not a slash and a backslash) and holds nothing a browser
/// would drop or reinterpret.
fn plain_path(path: &str) -> bool {
    let mut chars = path.chars();
    if chars.next() != Some('/') {
        return false;
    }
    if matches!(chars.next(), Some('/' | '\\')) {
        return false;
    }
    !path
        .chars()
        .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// Decodes `%XX` escapes; bytes that are not UTF-8 become U+FFFD, which is neither a slash nor
/// a control character, so nothing hides behind them.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or_default();
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept() {
        for path in [
            "/",
            "/t/x",
            "/t/x/edit?lang=it#c-1",
            "/sources/new?next=%2Ft%2Fx",
            "/search?q=caf%C3%A9",
            "/t/a-b_c.d~e",
        ] {
            assert_eq!(local_path(path), path);
        }
    }

    #[test]
    fn anything_else_goes_home() {
        for next in [
            "",
            "t/x",
            "//evil.example",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/t\\x",
            "https://evil.example",
            "javascript:alert(1)",
            " /t/x",
            "/t/x ",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "/t/x\r\nSet-Cookie: a=b",
            "/t\0x",
            "/t\u{7f}x",
            "/t/\u{a0}",
            "/t/é",
            "/%09/evil.example/",
            "/%0A/evil.example/",
            "/%0D%0ALocation:%20//evil.example",
            "/%00",
            "/%7F",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%252F%252Fevil.example",
            "/%25252F/evil.example",
            "/%2525252F/evil.example",
            "/%C2%A0/evil.example",
            "/%E2%80%A8",
            "/x%20y",
        ] {
            assert_eq!(local_path(next), "/", "{next:?}");
        }
    }

    #[test]
    fn overlong_paths_go_home() {
        let long = format!("/{}", "a".repeat(MAX_LEN));
        assert_eq!(local_path(&long), "/");
        let fits = format!("/{}", "a".repeat(MAX_LEN - 1));
        assert_eq!(local_path(&fits), fits);
    }

    #[test]
    fn decoding_reads_escapes_and_leaves_the_rest() {
        assert_eq!(percent_decode("/a%2Fb%zz%4"), "/a/b%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Pieces that make the tricky cases likely: slashes of both kinds, escapes of them,
        /// of control characters and of `%` itself, schemes, hosts and dot segments.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("/".to_owned()),
                Just("\\".to_owned()),
                Just("%".to_owned()),
                Just("%2F".to_owned()),
                Just("%2f".to_owned()),
                Just("%5C".to_owned()),
                Just("%25".to_owned()),
                Just("%09".to_owned()),
                Just("%0A".to_owned()),
                Just("%0D".to_owned()),
                Just("%00".to_owned()),
                Just("%7F".to_owned()),
                Just("%20".to_owned()),
                Just("%C2%A0".to_owned()),
                Just("evil.example".to_owned()),
                Just("https:".to_owned()),
                Just("javascript:".to_owned()),
                Just("@".to_owned()),
                Just(".".to_owned()),
                Just("..".to_owned()),
                Just("?".to_owned()),
                Just("#".to_owned()),
                Just("\t".to_owned()),
                Just("\n".to_owned()),
                Just(" ".to_owned()),
                "[a-z0-9]{1,3}",
                any::<char>().prop_map(String::from),
            ]
        }

        fn next_value() -> impl Strategy<Value = String> {
            prop::collection::vec(piece(), 0..8).prop_map(|p| p.concat())
        }

        /// Where a browser on a page of this site goes when told `Location: path`.
        fn resolve(path: &str) -> Option<url::Url> {
            let base = url::Url::parse("https://site.example/t/x").ok()?;
            base.join(path).ok()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn only_same_site_paths_come_out(next in next_value()) {
                let out = local_path(&next);
                prop_assert!(out == next || out == "/");
                prop_assert!(axum::http::HeaderValue::from_str(out).is_ok());
                prop_assert!(out.starts_with('/') && !out.starts_with("//"));
                // The path as sent, and every decoding of it a proxy might make, stays here.
                let mut form = out.to_owned();
                for _ in 0..DECODE_ROUNDS + 1 {
                    let target = resolve(&form);
                    prop_assert!(target.is_some(), "{form:?} does not resolve");
                    let target = target.unwrap_or_else(|| unreachable!());
                    prop_assert_eq!(target.host_str(), Some("site.example"), "{:?}", form);
                    prop_assert_eq!(target.scheme(), "https");
                    form = percent_decode(&form);
                }
            }

            #[test]
            fn a_kept_path_is_kept_whole(path in "/[a-z0-9/_.~-]{0,40}") {
                prop_assume!(!path.starts_with("//"));
                prop_assert_eq!(local_path(&path), path.as_str());
            }
        }
    }
}
