//! The reader's own comments that wait for a moderator, remembered by their browser only.
//!
//! A comment row keeps nothing that ties it to a guest, so the browser that wrote it carries
//! the list: a short-lived, HttpOnly, SameSite cookie holding the ids of its pending comments
//! and an expiry, signed with a key the server draws at start. Nobody can add someone else's
//! comment to the list, and the list says nothing about anyone but its holder. A restart (or
//! another node) does not know the key: the list is then ignored, and the comments appear
//! as soon as a moderator approves them, as they always do.

use std::sync::OnceLock;

use axum::http::HeaderMap;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::web::session::{cookie_value, set_cookie};

pub const PENDING_COOKIE: &str = "cronaca_pending";
/// How many of their own waiting comments a browser remembers; the oldest go first.
pub const MAX_PENDING: usize = 10;
/// How long the list lasts after the last comment was added to it.
pub const PENDING_HOURS: i64 = 24;
/// The longest id kept (ULIDs have 26 characters).
const MAX_ID: usize = 40;

/// The list's signature: a keyed hash of the expiry and the ids.
fn signature(key: &[u8], expires: i64, ids: &[String]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(expires.to_string().as_bytes());
    for id in ids {
        mac.update(b".");
        mac.update(id.as_bytes());
    }
    hex::encode(&mac.finalize().into_bytes()[..16])
}

fn well_formed(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The cookie's value: `expires.id1.id2…-signature`, characters a cookie takes as they are.
pub fn encode(key: &[u8], expires: i64, ids: &[String]) -> String {
    let mut out = expires.to_string();
    for id in ids {
        out.push('.');
        out.push_str(id);
    }
    out.push('-');
    out.push_str(&signature(key, expires, ids));
    out
}

/// The ids of a value this key signed and that has not expired at `now` (Unix seconds);
/// nothing for anything else.
pub fn decode(key: &[u8], value: &str, now: i64) -> Vec<String> {
    let Some((list, sig)) = value.rsplit_once('-') else {
        return Vec::new();
    };
    let mut parts = list.split('.');
    let Some(expires) = parts.next().and_then(|e| e.parse::<i64>().ok()) else {
        return Vec::new();
    };
    let ids: Vec<String> = parts.map(str::to_owned).collect();
    if expires <= now || ids.len() > MAX_PENDING || !ids.iter().all(|i| well_formed(i)) {
        return Vec::new();
    }
    if !crate::web::session::same_secret(sig, &signature(key, expires, &ids)) {
        return Vec::new();
    }
    ids
}

/// The list with `id` added first, the oldest dropped past [`MAX_PENDING`].
pub fn with(mut ids: Vec<String>, id: &str) -> Vec<String> {
    ids.retain(|i| i != id);
    ids.insert(0, id.to_owned());
    ids.truncate(MAX_PENDING);
    ids
}

/// The key of this process, drawn once.
fn key() -> &'static [u8; 32] {
    static KEY: OnceLock<[u8; 32]> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        key
    })
}

/// The ids of the waiting comments this browser wrote, as its cookie lists them.
pub fn own_pending(headers: &HeaderMap) -> Vec<String> {
    cookie_value(headers, PENDING_COOKIE)
        .map(|v| decode(key(), v, crate::domain::time::now().timestamp()))
        .unwrap_or_default()
}

/// Adds a comment to the browser's list, which lasts [`PENDING_HOURS`] from now.
pub fn remember(response: &mut Response, headers: &HeaderMap, id: &str, secure: bool) {
    let ids = with(own_pending(headers), id);
    let expires = crate::domain::time::now().timestamp() + PENDING_HOURS * 3600;
    let cookie = Cookie::build((PENDING_COOKIE, encode(key(), expires, &ids)))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::hours(PENDING_HOURS))
        .build();
    set_cookie(response, cookie);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_signed_list_reads_back_until_it_expires() {
        let key = [7u8; 32];
        let list = ids(&["01HZX0A", "01HZX0B"]);
        let value = encode(&key, 1_000, &list);
        assert_eq!(decode(&key, &value, 999), list);
        assert!(decode(&key, &value, 1_000).is_empty(), "expired");
        assert!(decode(&[8u8; 32], &value, 999).is_empty(), "another key");
    }

    #[test]
    fn a_changed_list_or_a_forged_one_is_ignored() {
        let key = [7u8; 32];
        let value = encode(&key, 1_000, &ids(&["01HZX0A"]));
        let (list, sig) = value.rsplit_once('-').unwrap();
        assert!(decode(&key, &format!("{list}.01HZX0C-{sig}"), 1).is_empty());
        assert!(decode(&key, &value.replace("1000", "9000"), 1).is_empty());
        assert!(decode(&key, "garbage", 1).is_empty());
        assert!(decode(&key, "", 1).is_empty());
        let odd = encode(&key, 1_000, &ids(&["a;b"]));
        assert!(decode(&key, &odd, 1).is_empty(), "only plain ids");
    }

    #[test]
    fn the_newest_comes_first_and_the_list_stays_short() {
        let mut list = Vec::new();
        for i in 0..(MAX_PENDING + 3) {
            list = with(list, &format!("ID{i}"));
        }
        assert_eq!(list.len(), MAX_PENDING);
        assert_eq!(list[0], format!("ID{}", MAX_PENDING + 2));
        let again = with(list.clone(), "ID5");
        assert_eq!(again[0], "ID5");
        assert_eq!(again.len(), MAX_PENDING);
        assert_eq!(again.iter().filter(|i| *i == "ID5").count(), 1);
    }
}
