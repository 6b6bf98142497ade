//! The ticks of the chart's axes: round counts up the side, round times along the bottom.

use chrono::{DateTime, Utc};

use super::*;

/// A 1-2-5 step giving about four intervals, and the axis top (a multiple of the step).
pub(super) fn y_ticks(max: i64) -> (i64, i64) {
    let max = max.max(1);
    let mut magnitude: i64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if max <= step.saturating_mul(5) {
                let intervals = max / step + i64::from(max % step != 0);
                return (step, intervals.saturating_mul(step));
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => return (max, max),
        }
    }
}

/// Tick times and their labels: the finest round step whose labels fit side by side.
pub(super) fn x_ticks(
    plot: &Plot,
    format_time: &dyn Fn(DateTime<Utc>, TickDetail) -> String,
) -> Vec<(DateTime<Utc>, String)> {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    let (t0, t1) = (plot.t0, plot.t1);
    let same_day = t0.date_naive() == t1.date_naive();
    let width = plot.right - plot.left;
    if t0 == t1 {
        return vec![(t0, format_time(t0, TickDetail::DateTime))];
    }
    let steps = [
        MINUTE,
        5 * MINUTE,
        15 * MINUTE,
        30 * MINUTE,
        HOUR,
        3 * HOUR,
        6 * HOUR,
        12 * HOUR,
        DAY,
        2 * DAY,
        7 * DAY,
        14 * DAY,
        28 * DAY,
        91 * DAY,
        364 * DAY,
    ];
    for step in steps {
        let detail = match (step >= DAY, same_day) {
            (true, _) => TickDetail::Date,
            (false, true) => TickDetail::Time,
            (false, false) => TickDetail::DateTime,
        };
        let first = t0.timestamp().div_euclid(step) * step + step;
        let first = if t0.timestamp() % step == 0 {
            t0.timestamp()
        } else {
            first
        };
        let ticks: Vec<DateTime<Utc>> = (0..)
            .map(|k| first + k * step)
            .take_while(|s| *s <= t1.timestamp())
            .take(8)
            .filter_map(|s| DateTime::from_timestamp(s, 0))
            .collect();
        if ticks.len() > 6 {
            continue;
        }
        let labelled: Vec<(DateTime<Utc>, String)> = ticks
            .into_iter()
            .map(|t| (t, format_time(t, detail)))
            .collect();
        let needed: f64 = labelled
            .iter()
            .map(|(_, l)| text_width(l, TICK_FONT) + 14.0)
            .sum();
        if needed <= width && labelled.len() >= 2 {
            return labelled;
        }
        if labelled.len() < 2 {
            break;
        }
    }
    // A span too short or too long for round steps: label its ends.
    let detail = if same_day {
        TickDetail::Time
    } else {
        TickDetail::DateTime
    };
    vec![(t0, format_time(t0, detail)), (t1, format_time(t1, detail))]
}
