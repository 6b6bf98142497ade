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

/// A 1-2-5 step giving about four intervals, and the axis top (a multiple of the step).
fn y_ticks(max: i64) -> (i64, i64) {
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
fn x_ticks(
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn chart(series: Vec<Series>) -> Chart {
        Chart {
            title: "Police deaths".to_owned(),
            series,
            no_data: "No counts yet".to_owned(),
            format_time: Box::new(|t, detail| match detail {
                TickDetail::Time => t.format("%H:%M").to_string(),
                TickDetail::DateTime => t.format("%-d %b %H:%M").to_string(),
                TickDetail::Date => t.format("%-d %b").to_string(),
            }),
        }
    }

    pub(crate) fn sample() -> Chart {
        chart(vec![
            Series {
                label: "Ministry of Interior".to_owned(),
                points: vec![
                    (at(5, 8), Count::Exact { n: 3 }),
                    (at(5, 20), Count::Exact { n: 8 }),
                    (at(6, 9), Count::Range { low: 10, high: 14 }),
                    (at(7, 10), Count::Exact { n: 16 }),
                ],
            },
            Series {
                label: "Human rights monitor".to_owned(),
                points: vec![
                    (at(5, 14), Count::AtLeast { n: 6 }),
                    (at(6, 18), Count::Range { low: 12, high: 20 }),
                    (at(7, 16), Count::AtLeast { n: 21 }),
                ],
            },
            Series {
                label: "Local hospital".to_owned(),
                points: vec![(at(6, 2), Count::Exact { n: 9 })],
            },
        ])
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(!svg.contains("style="));
        let doc = match roxmltree::Document::parse(svg) {
            Ok(doc) => doc,
            Err(err) => panic!("{err}: {svg}"),
        };
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let title = root.first_element_child();
        assert_eq!(title.map(|t| t.tag_name().name()), Some("title"));
        assert_eq!(
            title.and_then(|t| t.attribute("id")),
            root.attribute("aria-labelledby")
        );
        doc
    }

    #[test]
    fn ranges_and_at_least_points_are_drawn() {
        let svg = chart_svg(&sample());
        let doc = parse(&svg);
        assert!(svg.contains("Ministry of Interior") && svg.contains("Local hospital"));
        assert!(svg.contains("10–14") && svg.contains("≥ 21"));
        let tooltips = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .count();
        assert_eq!(tooltips, 1 + 8);
        // Three lines, each with its own dash pattern (the first solid).
        assert!(
            svg.contains(r#"stroke-dasharray="9 4""#) && svg.contains(r#"stroke-dasharray="2 4""#)
        );
        assert!(svg.len() < 16 * 1024, "{} bytes", svg.len());
    }

    #[test]
    fn y_axis_starts_at_zero_with_round_steps() {
        assert_eq!(y_ticks(0), (1, 1));
        assert_eq!(y_ticks(3), (1, 3));
        assert_eq!(y_ticks(21), (5, 25));
        assert_eq!(y_ticks(87), (20, 100));
        assert_eq!(y_ticks(1234), (500, 1500));
        assert_eq!(y_ticks(i64::MAX).1, i64::MAX);
    }

    #[test]
    fn time_ticks_are_round_and_fit() {
        let svg = chart_svg(&sample());
        assert!(svg.contains(">6 Mar<") && svg.contains(">7 Mar<"), "{svg}");
        let hours = chart(vec![Series {
            label: "A".to_owned(),
            points: vec![
                (at(5, 8), Count::Exact { n: 1 }),
                (at(5, 15), Count::Exact { n: 2 }),
            ],
        }]);
        let svg = chart_svg(&hours);
        assert!(svg.contains(">09:00<") && svg.contains(">15:00<"), "{svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let mut c = chart(vec![Series {
            label: "<script>&\"".to_owned(),
            points: vec![(at(5, 8), Count::Exact { n: 1 })],
        }]);
        c.title = "</title><script>".to_owned();
        let svg = chart_svg(&c);
        parse(&svg);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;&quot;"));
    }

    #[test]
    fn one_point_and_identical_times_render() {
        let one = chart(vec![Series {
            label: "Only".to_owned(),
            points: vec![(at(5, 8), Count::AtLeast { n: 0 })],
        }]);
        parse(&chart_svg(&one));
        let same = chart(vec![
            Series {
                label: "A".to_owned(),
                points: vec![
                    (at(5, 8), Count::Exact { n: 4 }),
                    (at(5, 8), Count::Exact { n: 5 }),
                ],
            },
            Series {
                label: "B".to_owned(),
                points: vec![(at(5, 8), Count::Range { low: 2, high: 7 })],
            },
        ]);
        parse(&chart_svg(&same));
    }

    #[test]
    fn many_series_and_huge_counts_stay_valid() {
        let series = (0..9)
            .map(|i| Series {
                label: format!("Source {i}"),
                points: vec![
                    (at(1, 0), Count::Exact { n: i }),
                    (at(28, 0), Count::AtLeast { n: i64::MAX - i }),
                ],
            })
            .collect();
        parse(&chart_svg(&chart(series)));
    }

    #[test]
    fn no_series_says_so() {
        let empty = chart(vec![Series {
            label: "Nobody".to_owned(),
            points: vec![],
        }]);
        let svg = chart_svg(&empty);
        parse(&svg);
        assert!(svg.contains("No counts yet"));
        parse(&chart_svg(&chart(vec![])));
    }
}
