//! The board's figures: a chart of each count over time (one line per independent source) and
//! the map of places by status, built from the situation for `crate::render`, each with the rows
//! of its text alternative.

use chrono::{DateTime, Datelike, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::board::Value;
use crate::domain::situation::{EntryView, PlaceView, Situation};
use crate::i18n::I18n;
use crate::render::{Chart, LegendItem, MapPoint, Series, TickDetail, chart_svg, map_svg};

/// Grey for a place no report gives a status: the same as the renderer's fallback.
const NO_STATUS_COLOUR: &str = "#767676";

/// A chart and the same figures as table rows, oldest first.
#[derive(Debug, Clone, Default)]
pub struct ChartView {
    pub svg: String,
    pub rows: Vec<ChartRow>,
}

#[derive(Debug, Clone, Default)]
pub struct ChartRow {
    pub at_iso: String,
    pub at_text: String,
    pub source: String,
    pub value: String,
}

/// A short time for axis labels and tooltips, in UTC like the rest of the page's server text.
pub fn tick_text(i18n: &I18n, t: DateTime<Utc>, detail: TickDetail) -> String {
    let time = format!("{:02}:{:02}", t.hour(), t.minute());
    let day = FluentValue::from(i64::from(t.day()));
    let month = FluentValue::from(i18n.t(&format!("board-month-{}", t.month())));
    match detail {
        TickDetail::Time => time,
        TickDetail::DateTime => i18n.with_args(
            "board-tick-datetime",
            [
                ("day", day),
                ("month", month),
                ("time", FluentValue::from(time)),
            ],
        ),
        TickDetail::Date => i18n.with_args("board-tick-date", [("day", day), ("month", month)]),
    }
}

/// The chart of one count entry: `title` names the indicator (and place).
pub fn chart(i18n: &I18n, entry: &EntryView, title: &str) -> ChartView {
    let mut series = Vec::new();
    let mut rows = Vec::new();
    for s in &entry.history {
        let points = s
            .points
            .iter()
            .filter_map(|p| match &p.value {
                Value::Count { count } => Some((p.as_of, *count)),
                _ => None,
            })
            .collect();
        series.push(Series {
            label: s.source.name.clone(),
            points,
        });
        for p in &s.points {
            rows.push((
                p.as_of,
                ChartRow {
                    at_iso: crate::domain::time::iso(&p.as_of),
                    at_text: i18n.datetime(&p.as_of),
                    source: s.source.name.clone(),
                    value: p.text.clone(),
                },
            ));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.source.cmp(&b.1.source)));
    let words = *i18n;
    let svg = chart_svg(&Chart {
        title: i18n.ts("board-chart-title", "indicator", title),
        series,
        no_data: i18n.t("board-no-data"),
        format_time: Box::new(move |t, detail| tick_text(&words, t, detail)),
    });
    ChartView {
        svg,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }
}

/// One letter per status, so the map does not rely on colour: the label's first letter not
/// yet taken, else a digit.
fn markers(labels: &[String]) -> Vec<char> {
    let mut taken: Vec<char> = Vec::new();
    for label in labels {
        let letter = label
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .find(|c| !taken.contains(c))
            .or_else(|| ('1'..='9').find(|c| !taken.contains(c)))
            .unwrap_or('·');
        taken.push(letter);
    }
    taken
}

/// The map's legend item for each status shown, then for "no report": label, colour, letter.
pub fn legend(i18n: &I18n, situation: &Situation) -> Vec<LegendItem> {
    let mut shown: Vec<(String, String)> = Vec::new();
    let mut missing = false;
    for place in &situation.places {
        match &place.status {
            Some(s) => {
                if !shown.iter().any(|(l, _)| l == &s.label) {
                    shown.push((s.label.clone(), s.colour.clone()));
                }
            }
            None => missing = true,
        }
    }
    // In the indicator's order of statuses, which is how the editors think of them.
    let order = |label: &str| {
        situation
            .places
            .iter()
            .filter_map(|p| p.status.as_ref())
            .find(|s| s.label == label)
            .and_then(|s| {
                situation
                    .indicators
                    .iter()
                    .find(|i| i.key == s.indicator)
                    .and_then(|i| i.statuses.iter().position(|o| o.value == s.value))
            })
            .unwrap_or(usize::MAX)
    };
    shown.sort_by_key(|(label, _)| order(label));
    if missing {
        shown.push((i18n.t("board-no-status"), NO_STATUS_COLOUR.to_owned()));
    }
    let letters = markers(&shown.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>());
    shown
        .into_iter()
        .zip(letters)
        .map(|((label, colour), marker)| LegendItem {
            colour,
            label,
            marker,
        })
        .collect()
}

/// The status word of a place, as the map and the table say it.
pub fn place_status(i18n: &I18n, place: &PlaceView) -> (String, String) {
    match &place.status {
        Some(s) => (s.label.clone(), s.colour.clone()),
        None => (i18n.t("board-no-status"), NO_STATUS_COLOUR.to_owned()),
    }
}

/// The map of the thread's places; `None` when reports name no place.
pub fn map(i18n: &I18n, situation: &Situation) -> Option<String> {
    if situation.places.is_empty() {
        return None;
    }
    let legend = legend(i18n, situation);
    let points: Vec<MapPoint> = situation
        .places
        .iter()
        .map(|p| {
            let (status, colour) = place_status(i18n, p);
            let marker = legend
                .iter()
                .find(|l| l.label == status)
                .map_or('·', |l| l.marker);
            MapPoint {
                lat: p.lat,
                lon: p.lon,
                label: p.name.clone(),
                colour,
                status,
                marker,
            }
        })
        .collect();
    let indicator = situation
        .places
        .iter()
        .filter_map(|p| p.status.as_ref())
        .find_map(|s| situation.indicators.iter().find(|i| i.key == s.indicator));
    let title = match indicator {
        Some(i) => i18n.ts("board-map-title", "indicator", &i.label),
        None => i18n.t("board-map-title-plain"),
    };
    Some(map_svg(&points, &title, &legend))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn markers_are_distinct_letters() {
        let labels = ["government", "governo", "protesters", "??"].map(String::from);
        assert_eq!(markers(&labels), vec!['G', 'O', 'P', '1']);
    }

    #[test]
    fn ticks_are_short_and_localized() {
        let t = crate::domain::time::from_db("2022-01-05T09:30:00Z").unwrap();
        let en = I18n::new(Lang::En);
        assert_eq!(tick_text(&en, t, TickDetail::Time), "09:30");
        assert_eq!(tick_text(&en, t, TickDetail::Date), "5 Jan");
        assert_eq!(tick_text(&en, t, TickDetail::DateTime), "5 Jan 09:30");
        let ru = I18n::new(Lang::Ru);
        assert_eq!(tick_text(&ru, t, TickDetail::Date), "5 янв.");
    }
}
