//! Cursor pagination: a page costs its own size, never the size of what precedes it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use super::ValidationError;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows: the extra row only tells that more exist.
    pub fn from_rows(mut rows: Vec<T>, limit: u32, cursor_of: impl Fn(&T) -> String) -> Self {
        let limit = limit as usize;
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(cursor_of)
        } else {
            None
        };
        Page { items: rows, next }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// Validates a requested page size.
pub fn limit(requested: Option<u32>) -> Result<u32, ValidationError> {
    match requested {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ValidationError::new(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        )),
    }
}

/// An opaque cursor made of several key parts (e.g. a time and an id).
pub fn encode_cursor(parts: &[&str]) -> String {
    URL_SAFE_NO_PAD.encode(parts.join("\n"))
}

pub fn decode_cursor(cursor: &str, parts: usize) -> Result<Vec<String>, ValidationError> {
    let bad = || ValidationError::new("after", "is not a cursor returned by this server");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let out: Vec<String> = text.split('\n').map(str::to_owned).collect();
    if out.len() == parts {
        Ok(out)
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_row_becomes_next_cursor() {
        let page = Page::from_rows(vec![1, 2, 3], 2, |n| n.to_string());
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next.as_deref(), Some("2"));
        let last = Page::from_rows(vec![1, 2], 2, |n| n.to_string());
        assert_eq!(last.next, None);
    }

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = encode_cursor(&["2026-01-01T00:00:00.000000Z", "01J"]);
        assert_eq!(
            decode_cursor(&c, 2).unwrap(),
            vec!["2026-01-01T00:00:00.000000Z", "01J"]
        );
        assert!(decode_cursor("!!", 2).is_err());
        assert!(decode_cursor(&c, 3).is_err());
    }

    #[test]
    fn limit_is_bounded() {
        assert_eq!(limit(None), Ok(DEFAULT_LIMIT));
        assert_eq!(limit(Some(200)), Ok(200));
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(201)).is_err());
    }
}
