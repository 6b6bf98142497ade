//! The count chart: one indicator over time, one line per independent source.
//!
//! Each source's line is a step line (a count stands until the source reports again) with its
//! own colour, dash pattern and marker shape, named in a legend below. A range is a vertical bar
//! between its bounds, the line passing through its middle; "at least N" is a marker at N with
//! an upward caret. The y axis starts at zero with 1-2-5 ticks; the x axis has a handful of time
//! ticks, aligned to round UTC times and written by the caller's formatter.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::{escape, figure_id, fit_text, flow, num, open_svg, text_width};
use crate::domain::board::Count;
use ticks::{x_ticks, y_ticks};

#[cfg(test)]
mod tests;
mod ticks;

/// How much a time label needs to say, given the tick spacing: the caller's formatter chooses
/// the words (and the reader's time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickDetail {
    /// Ticks less than a day apart within one UTC day: the time of day is enough.
    Time,
    /// Ticks less than a day apart over several days; also used in tooltips.
    DateTime,
    /// Ticks a day or more apart.
    Date,
}

/// A time formatter for axis labels and tooltips.
pub type TimeFormat = Box<dyn Fn(DateTime<Utc>, TickDetail) -> String + Send + Sync>;

pub struct Chart {
    pub title: String,
    pub series: Vec<Series>,
    /// Shown in place of the chart when no series has a point.
    pub no_data: String,
    pub format_time: TimeFormat,
}

/// One source's counts, in any order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The source's name.
    pub label: String,
    pub points: Vec<(DateTime<Utc>, Count)>,
}

const WIDTH: f64 = 420.0;
const TOP: f64 = 26.0;
const PLOT_HEIGHT: f64 = 190.0;
const RIGHT: f64 = 12.0;
const INSET: f64 = 12.0;
const TICK_FONT: f64 = 15.0;
const LEGEND_FONT: f64 = 16.0;
const LEGEND_ROW: f64 = 26.0;
const SWATCH: f64 = 34.0;
/// Light-scheme colours; `static/board.css` sets lighter ones for the dark scheme.
const COLOURS: [&str; 6] = [
    "#0b57a4", "#c2410c", "#1e7b45", "#7b3fa0", "#8a5300", "#0e7490",
];
const DASHES: [&str; 5] = ["", "9 4", "2 4", "12 4 2 4", "5 5"];

/// The chart as an inline `<svg>`; a small "no data" figure when there is nothing to draw.
pub fn chart_svg(chart: &Chart) -> String {
    let series: Vec<&Series> = chart
        .series
        .iter()
        .filter(|s| !s.points.is_empty())
        .collect();
    let times = series.iter().flat_map(|s| s.points.iter().map(|(t, _)| *t));
    let (Some(t0), Some(t1)) = (times.clone().min(), times.max()) else {
        return no_data(chart);
    };

    let top_value = series
        .iter()
        .flat_map(|s| &s.points)
        .map(|(_, c)| {
            let (low, high) = c.bounds();
            high.unwrap_or(low).max(low)
        })
        .max()
        .unwrap_or(0);
    let (step, top) = y_ticks(top_value);
    let y_labels: Vec<i64> = (0..=top / step).map(|i| i * step).collect();
    let left = y_labels
        .iter()
        .map(|v| text_width(&v.to_string(), TICK_FONT))
        .fold(0.0, f64::max)
        + 12.0;
    let plot = Plot {
        left,
        right: WIDTH - RIGHT,
        t0,
        t1,
        top: top as f64,
    };

    let legend_widths: Vec<f64> = series
        .iter()
        .map(|s| SWATCH + 6.0 + text_width(&s.label, LEGEND_FONT).min(WIDTH - SWATCH - 20.0))
        .collect();
    let legend_places = flow(&legend_widths, WIDTH - 8.0, 18.0);
    let legend_rows = legend_places.last().map_or(0, |&(_, row)| row + 1);
    let legend_top = TOP + PLOT_HEIGHT + 34.0;
    let height = legend_top + legend_rows as f64 * LEGEND_ROW + 4.0;

    let mut id_parts = vec![chart.title.clone()];
    for s in &series {
        id_parts.push(s.label.clone());
        id_parts.extend(s.points.iter().map(|(t, c)| format!("{t}{c:?}")));
    }
    let id_parts: Vec<&str> = id_parts.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(8 * 1024);
    open_svg(
        &mut out,
        "board-chart",
        &figure_id("board-chart", &id_parts),
        WIDTH,
        height,
        &chart.title,
    );

    out.push_str(r#"<g class="chart-axis" fill="currentColor">"#);
    for v in &y_labels {
        let y = plot.y(*v as f64);
        let opacity = if *v == 0 { "0.6" } else { "0.15" };
        let _ = write!(
            out,
            r#"<path d="M{} {y}H{}" stroke="currentColor" stroke-opacity="{opacity}"/><text x="{}" y="{}" font-size="{}" text-anchor="end">{v}</text>"#,
            num(plot.left),
            num(plot.right),
            num(plot.left - 8.0),
            num(plot.y(*v as f64) + 0.35 * TICK_FONT),
            num(TICK_FONT),
            y = num(y),
        );
    }
    for (t, label) in x_ticks(&plot, &*chart.format_time) {
        let x = plot.x(t);
        let half = text_width(&label, TICK_FONT) / 2.0;
        let (tx, anchor) = if x + half > WIDTH - 2.0 {
            (WIDTH - 2.0, "end")
        } else if x - half < 2.0 {
            (2.0, "start")
        } else {
            (x, "middle")
        };
        let base = TOP + PLOT_HEIGHT;
        let _ = write!(
            out,
            r#"<path d="M{x} {}V{}" stroke="currentColor" stroke-opacity="0.6"/><text x="{}" y="{}" font-size="{}" text-anchor="{anchor}">{}</text>"#,
            num(base),
            num(base + 5.0),
            num(tx),
            num(base + 6.0 + TICK_FONT),
            num(TICK_FONT),
            escape(&label),
            x = num(x),
        );
    }
    out.push_str("</g>");

    for (i, s) in series.iter().enumerate() {
        draw_series(&mut out, &plot, i, s, &*chart.format_time);
    }

    out.push_str(r#"<g class="chart-legend">"#);
    for (i, (s, &(dx, row))) in series.iter().zip(&legend_places).enumerate() {
        let (x, y) = (
            4.0 + dx,
            legend_top + row as f64 * LEGEND_ROW + LEGEND_ROW / 2.0,
        );
        let _ = write!(
            out,
            r#"<g class="series s{}" color="{}"><path d="M{} {y}h{}" {}/>{}</g><text x="{}" y="{}" font-size="{}" fill="currentColor">{}</text>"#,
            i % COLOURS.len(),
            COLOURS[i % COLOURS.len()],
            num(x),
            num(SWATCH),
            line_attributes(i),
            shape(i, x + SWATCH / 2.0, y),
            num(x + SWATCH + 6.0),
            num(y + 0.35 * LEGEND_FONT),
            num(LEGEND_FONT),
            escape(&fit_text(&s.label, LEGEND_FONT, WIDTH - SWATCH - 20.0)),
            y = num(y),
        );
    }
    out.push_str("</g></svg>");
    out
}

/// Time and value to user units.
struct Plot {
    left: f64,
    right: f64,
    t0: DateTime<Utc>,
    t1: DateTime<Utc>,
    top: f64,
}

impl Plot {
    fn x(&self, t: DateTime<Utc>) -> f64 {
        let span = (self.t1 - self.t0).num_milliseconds() as f64;
        let (from, to) = (self.left + INSET, self.right - INSET);
        if span <= 0.0 {
            return (from + to) / 2.0;
        }
        from + (t - self.t0).num_milliseconds() as f64 / span * (to - from)
    }

    fn y(&self, v: f64) -> f64 {
        let top = self.top.max(1.0);
        TOP + PLOT_HEIGHT - v.clamp(0.0, top) / top * PLOT_HEIGHT
    }
}

fn draw_series(
    out: &mut String,
    plot: &Plot,
    i: usize,
    series: &Series,
    format_time: &dyn Fn(DateTime<Utc>, TickDetail) -> String,
) {
    let mut points = series.points.clone();
    points.sort_by_key(|(t, _)| *t);
    let _ = write!(
        out,
        r#"<g class="series s{}" color="{}">"#,
        i % COLOURS.len(),
        COLOURS[i % COLOURS.len()]
    );
    if points.len() > 1 {
        let mut d = String::new();
        for (n, (t, count)) in points.iter().enumerate() {
            let (x, y) = (num(plot.x(*t)), num(plot.y(middle(*count))));
            if n == 0 {
                let _ = write!(d, "M{x} {y}");
            } else {
                let _ = write!(d, "H{x}V{y}");
            }
        }
        let _ = write!(out, r#"<path d="{d}" {}/>"#, line_attributes(i));
    }
    for (t, count) in &points {
        let x = plot.x(*t);
        let (low, high) = count.bounds();
        let (value, mark) = match high {
            None => (format!("≥ {low}"), Some(caret(x, plot.y(low as f64)))),
            Some(high) if high != low => (
                format!("{low}–{high}"),
                Some(range_bar(x, plot.y(low as f64), plot.y(high as f64))),
            ),
            Some(_) => (low.to_string(), None),
        };
        let _ = write!(
            out,
            r#"<g><title>{}: {}, {}</title>"#,
            escape(&series.label),
            escape(&value),
            escape(&format_time(*t, TickDetail::DateTime))
        );
        if let Some(mark) = mark {
            out.push_str(&mark);
        }
        out.push_str(&shape(i, x, plot.y(middle(*count))));
        out.push_str("</g>");
    }
    out.push_str("</g>");
}

/// Where the line passes: the count, the middle of a range, or the floor of "at least".
fn middle(count: Count) -> f64 {
    match count.bounds() {
        (low, Some(high)) => (low as f64 + high as f64) / 2.0,
        (low, None) => low as f64,
    }
}

fn line_attributes(i: usize) -> String {
    let dash = DASHES[i % DASHES.len()];
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    format!(r#"fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"{dash}"#)
}

/// The series' marker: circle, square, diamond, triangle, inverted triangle, hexagon.
fn shape(i: usize, x: f64, y: f64) -> String {
    let attrs = r##"class="chart-marker" fill="currentColor" stroke="#fff" stroke-width="1.5""##;
    let path = |d: String| format!(r#"<path {attrs} d="{d}"/>"#);
    let p = |dx: f64, dy: f64| format!("{} {}", num(x + dx), num(y + dy));
    match i % 6 {
        0 => format!(r#"<circle {attrs} cx="{}" cy="{}" r="5"/>"#, num(x), num(y)),
        1 => path(format!("M{}h9v9h-9z", p(-4.5, -4.5))),
        2 => path(format!(
            "M{}L{}L{}L{}z",
            p(0.0, -6.5),
            p(6.5, 0.0),
            p(0.0, 6.5),
            p(-6.5, 0.0)
        )),
        3 => path(format!(
            "M{}L{}L{}z",
            p(0.0, -6.5),
            p(6.0, 4.5),
            p(-6.0, 4.5)
        )),
        4 => path(format!(
            "M{}L{}L{}z",
            p(0.0, 6.5),
            p(6.0, -4.5),
            p(-6.0, -4.5)
        )),
        _ => path(format!(
            "M{}L{}L{}L{}L{}L{}z",
            p(-5.5, 0.0),
            p(-2.75, -5.0),
            p(2.75, -5.0),
            p(5.5, 0.0),
            p(2.75, 5.0),
            p(-2.75, 5.0)
        )),
    }
}

/// "At least": an arrow pointing up from the marker.
fn caret(x: f64, y: f64) -> String {
    format!(
        r#"<path d="M{} {}V{}M{} {}L{} {}L{} {}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>"#,
        num(x),
        num(y - 6.0),
        num(y - 21.0),
        num(x - 5.0),
        num(y - 16.0),
        num(x),
        num(y - 21.0),
        num(x + 5.0),
        num(y - 16.0)
    )
}

/// A range: a vertical bar with caps at both bounds.
fn range_bar(x: f64, y_low: f64, y_high: f64) -> String {
    format!(
        r#"<path d="M{l} {y0}H{r}M{x} {y0}V{y1}M{l} {y1}H{r}" fill="none" stroke="currentColor" stroke-width="2"/>"#,
        l = num(x - 6.0),
        r = num(x + 6.0),
        x = num(x),
        y0 = num(y_low),
        y1 = num(y_high),
    )
}

fn no_data(chart: &Chart) -> String {
    let mut out = String::new();
    open_svg(
        &mut out,
        "board-chart board-empty",
        &figure_id("board-chart", &[&chart.title, &chart.no_data]),
        WIDTH,
        64.0,
        &chart.title,
    );
    let _ = write!(
        out,
        r#"<rect x="1" y="1" width="{}" height="62" rx="4" fill="none" stroke="currentColor" stroke-opacity="0.3" stroke-dasharray="4 4"/><text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="currentColor">{}</text></svg>"#,
        num(WIDTH - 2.0),
        num(WIDTH / 2.0),
        num(32.0 + 0.35 * LEGEND_FONT),
        num(LEGEND_FONT),
        escape(&fit_text(&chart.no_data, LEGEND_FONT, WIDTH - 20.0))
    );
    out
}
