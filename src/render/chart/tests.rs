//! The chart, checked.

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
    assert!(svg.contains(r#"stroke-dasharray="9 4""#) && svg.contains(r#"stroke-dasharray="2 4""#));
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
