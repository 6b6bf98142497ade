//! Where each place's name goes on the map: beside its marker on whichever side has room, else
//! a line or more above or below with a leader to the marker; never over another name, another
//! marker or the map's edge. A name that finds no room is cut short, and failing that left out
//! (it stays in the marker's tooltip and in the places table under the map).

use std::fmt::Write as _;

use super::{EDGE, LABEL_FONT, RADIUS};
use crate::render::{escape, fit_text, num, text_width};

/// A box on the map, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn grown(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    fn within(&self, width: f64, height: f64) -> bool {
        self.x0 >= EDGE && self.x1 <= width - EDGE && self.y0 >= 2.0 && self.y1 <= height - 2.0
    }
}

/// A placed name: its text (perhaps cut short), where it is anchored, its box and, when it sits
/// away from its marker, the leader line's two ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    /// The anchor's x: the text's start, or its end when `end`.
    pub x: f64,
    pub baseline: f64,
    pub end: bool,
    pub rect: Rect,
    pub leader: Option<(f64, f64, f64, f64)>,
}

impl Label {
    /// The name as SVG text.
    pub fn write_name(&self, out: &mut String) {
        let anchor = if self.end {
            r#" text-anchor="end""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<text class="map-label" x="{}" y="{}" font-size="{}" fill="currentColor"{anchor}>{}</text>"#,
            num(self.x),
            num(self.baseline),
            num(LABEL_FONT),
            escape(&self.text)
        );
    }

    /// The line from the marker to a name set apart from it, drawn beneath the marker.
    pub fn write_leader(&self, out: &mut String) {
        if let Some((x1, y1, x2, y2)) = self.leader {
            let _ = write!(
                out,
                r#"<line class="map-leader" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1" stroke-opacity="0.7"/>"#,
                num(x1),
                num(y1),
                num(x2),
                num(y2)
            );
        }
    }
}

/// The height of a line of name, and the gap kept between a name and anything else.
const LINE: f64 = LABEL_FONT * 1.2;
const GAP: f64 = 2.0;
/// How many lines above or below its marker a name may move.
const MAX_LINES: i32 = 5;

/// One name per marker (`markers[i]` is the centre of the marker named `texts[i]`), placed in
/// order: an earlier name keeps the better spot.
pub fn place(
    markers: &[(f64, f64)],
    texts: &[&str],
    width: f64,
    height: f64,
) -> Vec<Option<Label>> {
    let marker_boxes: Vec<Rect> = markers
        .iter()
        .map(|&(x, y)| Rect {
            x0: x - RADIUS,
            y0: y - RADIUS,
            x1: x + RADIUS,
            y1: y + RADIUS,
        })
        .collect();
    let mut taken: Vec<Rect> = Vec::new();
    markers
        .iter()
        .zip(texts)
        .map(|(&(x, y), text)| {
            let free = |r: &Rect| {
                r.within(width, height)
                    && !taken.iter().any(|t| t.intersects(&r.grown(GAP)))
                    && !marker_boxes.iter().any(|m| m.intersects(&r.grown(GAP)))
            };
            let full = text.to_string();
            let room = (width - EDGE - (x + RADIUS + 5.0)).max(x - RADIUS - 5.0 - EDGE);
            let short = fit_text(text, LABEL_FONT, room.max(LABEL_FONT * 2.0));
            let label = [full, short]
                .into_iter()
                .find_map(|t| candidates(x, y, &t).into_iter().find(|l| free(&l.rect)));
            if let Some(l) = &label {
                taken.push(l.rect);
            }
            label
        })
        .collect()
}

/// The spots a name may take, best first: right, left, centred above, centred below, then a
/// line further up or down at a time, right before left.
fn candidates(x: f64, y: f64, text: &str) -> Vec<Label> {
    let w = text_width(text, LABEL_FONT);
    let beside = |cy: f64, right: bool| {
        let (x0, x1) = if right {
            (x + RADIUS + 5.0, x + RADIUS + 5.0 + w)
        } else {
            (x - RADIUS - 5.0 - w, x - RADIUS - 5.0)
        };
        let leader = ((cy - y).abs() > RADIUS).then(|| {
            let (mx, lx) = if right {
                (x + RADIUS * 0.7, x0 - 1.0)
            } else {
                (x - RADIUS * 0.7, x1 + 1.0)
            };
            let my = y + (cy - y).signum() * RADIUS * 0.7;
            (mx, my, lx, cy)
        });
        Label {
            text: text.to_owned(),
            x: if right { x0 } else { x1 },
            baseline: cy + 0.35 * LABEL_FONT,
            end: !right,
            rect: Rect {
                x0,
                y0: cy - LINE / 2.0,
                x1,
                y1: cy + LINE / 2.0,
            },
            leader,
        }
    };
    let stacked = |cy: f64| Label {
        text: text.to_owned(),
        x: x - w / 2.0,
        baseline: cy + 0.35 * LABEL_FONT,
        end: false,
        rect: Rect {
            x0: x - w / 2.0,
            y0: cy - LINE / 2.0,
            x1: x + w / 2.0,
            y1: cy + LINE / 2.0,
        },
        leader: None,
    };
    let mut out = vec![beside(y, true), beside(y, false)];
    let off = RADIUS + GAP + LINE / 2.0 + 1.0;
    out.push(stacked(y - off));
    out.push(stacked(y + off));
    for n in 1..=MAX_LINES {
        for dy in [-f64::from(n), f64::from(n)] {
            out.push(beside(y + dy * LINE, true));
            out.push(beside(y + dy * LINE, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlaps(markers: &[(f64, f64)], labels: &[Option<Label>]) {
        let placed: Vec<&Label> = labels.iter().flatten().collect();
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{a:?} and {b:?} overlap");
            }
            for &(x, y) in markers {
                let m = Rect {
                    x0: x - RADIUS,
                    y0: y - RADIUS,
                    x1: x + RADIUS,
                    y1: y + RADIUS,
                };
                assert!(!a.rect.intersects(&m), "{a:?} covers the marker at {x},{y}");
            }
        }
    }

    #[test]
    fn a_lone_name_goes_on_the_right() {
        let labels = place(&[(100.0, 100.0)], &["Almaty"], 420.0, 300.0);
        let l = labels[0].as_ref().unwrap();
        assert!(!l.end && l.x > 100.0 && l.leader.is_none());
        assert!((l.rect.y0 + l.rect.y1) / 2.0 == 100.0);
    }

    #[test]
    fn names_of_close_places_move_apart() {
        // Four towns a few pixels apart, as an island's towns are on a regional map.
        let markers = [
            (140.0, 120.0),
            (150.0, 112.0),
            (162.0, 118.0),
            (145.0, 131.0),
        ];
        let texts = ["Port Aster", "Velmora", "Velmora Airport", "Saltmarsh"];
        let labels = place(&markers, &texts, 420.0, 300.0);
        assert!(labels.iter().all(Option::is_some), "{labels:?}");
        no_overlaps(&markers, &labels);
    }

    /// The demo's island: four towns within a degree or two, drawn by the real map.
    #[test]
    fn the_demo_islands_towns_are_named_without_overlaps() {
        let town = |label: &str, lat: f64, lon: f64| super::super::MapPoint {
            lat,
            lon,
            label: label.to_owned(),
            colour: "#0b57a4".to_owned(),
            status: "cut".to_owned(),
            marker: 'C',
        };
        let points = [
            town("Port Aster", -35.2, -18.4),
            town("Velmora", -33.9, -16.6),
            town("Velmora Airport", -34.15, -16.2),
            town("Saltmarsh", -36.1, -17.2),
        ];
        let svg = super::super::map_svg(&points, "Valdoria", &[]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        let boxes: Vec<Rect> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("map-label"))
            .map(|n| {
                let w = text_width(n.text().unwrap(), LABEL_FONT);
                let x = num(n, "x");
                let x0 = if n.attribute("text-anchor") == Some("end") {
                    x - w
                } else {
                    x
                };
                let mid = num(n, "y") - 0.35 * LABEL_FONT;
                Rect {
                    x0,
                    y0: mid - LINE / 2.0,
                    x1: x0 + w,
                    y1: mid + LINE / 2.0,
                }
            })
            .collect();
        assert_eq!(boxes.len(), 4, "every town named: {svg}");
        let markers: Vec<Rect> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("map-marker"))
            .map(|n| {
                let (x, y) = (num(n, "cx"), num(n, "cy"));
                Rect {
                    x0: x - RADIUS,
                    y0: y - RADIUS,
                    x1: x + RADIUS,
                    y1: y + RADIUS,
                }
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.intersects(b), "{a:?} and {b:?} overlap");
            }
            for m in &markers {
                assert!(!a.intersects(m), "{a:?} covers the marker {m:?}");
            }
        }
    }

    #[test]
    fn a_crowd_leaves_out_what_has_no_room_rather_than_overlap() {
        let markers: Vec<(f64, f64)> = (0..40)
            .map(|i| (200.0 + f64::from(i % 5), 60.0 + f64::from(i / 5)))
            .collect();
        let names: Vec<String> = (0..40).map(|i| format!("Town number {i}")).collect();
        let texts: Vec<&str> = names.iter().map(String::as_str).collect();
        let labels = place(&markers, &texts, 420.0, 200.0);
        no_overlaps(&markers, &labels);
        assert!(labels.iter().any(Option::is_none) && labels.iter().any(Option::is_some));
    }
}
