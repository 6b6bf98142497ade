//! Counts as people write them: exact, ranges, "at least".

use super::Count;

impl Count {
    /// The smallest and largest number the statement allows (`None`: no upper bound).
    pub fn bounds(self) -> (i64, Option<i64>) {
        match self {
            Count::Exact { n } => (n, Some(n)),
            Count::Range { low, high } => (low.min(high), Some(low.max(high))),
            Count::AtLeast { n } => (n, None),
        }
    }

    /// Reads a count as people write it: "8", "5-10" (or an en dash), "at least 8", "≥8",
    /// "8+". Negative numbers are refused.
    pub fn parse(text: &str) -> Option<Count> {
        let t = text.trim().to_lowercase();
        let number = |s: &str| {
            s.trim()
                .replace([',', '.', ' ', '\u{a0}'], "")
                .parse::<i64>()
                .ok()
        };
        let at_least = ["at least", "almeno", "не менее", "≥", ">="]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .or_else(|| t.strip_suffix('+'));
        let count = if let Some(rest) = at_least {
            Count::AtLeast { n: number(rest)? }
        } else if let Some((low, high)) = t.split_once(['-', '\u{2013}']) {
            let (low, high) = (number(low)?, number(high)?);
            if low > high {
                return None;
            }
            Count::Range { low, high }
        } else {
            Count::Exact { n: number(&t)? }
        };
        let (low, _) = count.bounds();
        (low >= 0).then_some(count)
    }

    /// Two statements agree when some number satisfies both.
    pub fn overlaps(self, other: Count) -> bool {
        let (a_low, a_high) = self.bounds();
        let (b_low, b_high) = other.bounds();
        a_high.is_none_or(|h| h >= b_low) && b_high.is_none_or(|h| h >= a_low)
    }
}
