//! Timestamps: always UTC, microsecond precision, one text form in storage.

use chrono::{DateTime, SecondsFormat, Timelike, Utc};

pub type Timestamp = DateTime<Utc>;

/// Now, cut to microseconds so a value survives a round trip through storage unchanged.
pub fn now() -> Timestamp {
    let t = Utc::now();
    let micros = t.nanosecond() / 1_000 * 1_000;
    t.with_nanosecond(micros).unwrap_or(t)
}

/// The storage form: fixed width, so text order is time order.
pub fn to_db(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The form of `<time datetime>` and feeds: whole seconds, UTC.
pub fn iso(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn from_db(s: &str) -> Result<Timestamp, chrono::ParseError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_form_round_trips_and_sorts_as_time() {
        let a = now();
        let b = a + chrono::Duration::microseconds(1);
        assert_eq!(from_db(&to_db(&a)).unwrap(), a);
        assert!(to_db(&a) < to_db(&b));
        assert!(to_db(&a).ends_with('Z'));
    }
}
