//! The order of a thread's timeline, and the time each item is placed by in it.

use chrono::{DateTime, Utc};

use crate::domain::report::Report;

/// The order of the thread's timeline (`?order=`): by when items reached us, newest or oldest
/// first, or by when their source stated them, newest first. The time an item is ordered by is
/// the one its header shows; the others follow in smaller type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineOrder {
    #[default]
    Newest,
    Oldest,
    Stated,
}

impl TimelineOrder {
    /// `None` for a value that names no order.
    pub fn parse(value: Option<&str>) -> Option<Self> {
        match value.unwrap_or("newest") {
            "newest" | "" => Some(Self::Newest),
            "oldest" => Some(Self::Oldest),
            "stated" => Some(Self::Stated),
            _ => None,
        }
    }

    /// The value of `?order=` (empty for the default) and of the page's `data-order`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Stated => "stated",
        }
    }

    pub fn oldest_first(self) -> bool {
        self == Self::Oldest
    }

    pub fn by_stated(self) -> bool {
        self == Self::Stated
    }

    /// The time a report is placed by in this order.
    pub fn report_time(self, r: &Report) -> DateTime<Utc> {
        if self.by_stated() {
            r.stated_at
        } else {
            r.received_at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TimelineOrder;

    #[test]
    fn an_order_is_named_by_its_value_and_nothing_else() {
        for o in [
            TimelineOrder::Newest,
            TimelineOrder::Oldest,
            TimelineOrder::Stated,
        ] {
            assert_eq!(TimelineOrder::parse(Some(o.as_str())), Some(o));
        }
        assert_eq!(TimelineOrder::parse(None), Some(TimelineOrder::Newest));
        assert_eq!(TimelineOrder::parse(Some("")), Some(TimelineOrder::Newest));
        for bad in ["Stated", "received", "oldest ", "1"] {
            assert_eq!(TimelineOrder::parse(Some(bad)), None, "{bad}");
        }
        assert!(TimelineOrder::Stated.by_stated() && !TimelineOrder::Stated.oldest_first());
    }
}
