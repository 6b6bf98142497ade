//! The situation map: a thread's places as lettered markers on country outlines, coloured by
//! status, with a legend in words below.
//!
//! Projection: equirectangular with x scaled by the cosine of the frame's middle latitude. For
//! the regional frames a thread needs this keeps shapes close to true, costs one multiplication,
//! and keeps latitude lines straight and evenly spaced; the world view (no points) is plain
//! equirectangular. The frame is the points' bounding box with a margin, at least
//! `MIN_EXTENT` degrees either way, widened to a calm aspect ratio. Points on both sides of the
//! antimeridian are framed across it (the widest gap between longitudes is left out).

use std::fmt::Write as _;

use super::topo::{self, BBox};
use super::{escape, figure_id, fit_text, flow, num, open_svg, tenths_str, text_width};

/// One place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
    pub label: String,
    /// `#rrggbb`; anything else is drawn grey.
    pub colour: String,
    /// The status in words, shown in the marker's tooltip.
    pub status: String,
    /// A short letter drawn in the marker, e.g. the status's initial, so colour is not the only
    /// carrier of meaning.
    pub marker: char,
}

/// One status in the legend: its marker as drawn on the map, and its word.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub colour: String,
    pub label: String,
    pub marker: char,
}

mod labels;
mod outline;
#[cfg(test)]
mod tests;

use outline::{clip, ring_path};

const WIDTH: f64 = 420.0;
const MIN_EXTENT: f64 = 8.0;
const ASPECT: (f64, f64) = (0.55, 0.72);
const RADIUS: f64 = 12.0;
const LETTER_FONT: f64 = 14.0;
const LABEL_FONT: f64 = 16.0;
const LEGEND_ROW: f64 = 30.0;
const EDGE: f64 = 4.0;
const FALLBACK_COLOUR: &str = "#767676";

/// The map as an inline `<svg>`.
pub fn map_svg(points: &[MapPoint], title: &str, legend: &[LegendItem]) -> String {
    let frame = Frame::around(points);
    let height = (WIDTH * frame.aspect()).round();
    let legend_widths: Vec<f64> = legend
        .iter()
        .map(|item| 2.0 * RADIUS + 6.0 + text_width(&item.label, LABEL_FONT).min(WIDTH - 40.0))
        .collect();
    let legend_places = flow(&legend_widths, WIDTH - 2.0 * EDGE, 18.0);
    let legend_rows = legend_places.last().map_or(0, |&(_, row)| row + 1);
    let total = height + legend_rows as f64 * LEGEND_ROW + if legend_rows > 0 { 8.0 } else { 0.0 };

    let mut id_parts = vec![title.to_owned()];
    id_parts.extend(
        points
            .iter()
            .map(|p| format!("{}|{}|{}|{}", p.label, p.lat, p.lon, p.status)),
    );
    let id_parts: Vec<&str> = id_parts.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(16 * 1024);
    open_svg(
        &mut out,
        "board-map",
        &figure_id("board-map", &id_parts),
        WIDTH,
        total,
        title,
    );

    // The nested <svg> clips the outlines to the map area, above the legend.
    let _ = write!(
        out,
        r##"<svg x="0" y="0" width="{w}" height="{h}"><rect class="map-sea" width="{w}" height="{h}" fill="#e4ebf1"/><g class="map-land" fill="#f8f7f3" stroke="#9a9a9a" stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd">"##,
        w = num(WIDTH),
        h = num(height),
    );
    for country in topo::countries() {
        let d = frame.country_path(country, WIDTH, height);
        if !d.is_empty() {
            let _ = write!(
                out,
                r#"<path d="{d}"><title>{}</title></path>"#,
                escape(&country.name)
            );
        }
    }
    let _ = write!(
        out,
        r#"</g><rect class="map-frame" x="0.5" y="0.5" width="{}" height="{}" fill="none" stroke="currentColor" stroke-opacity="0.3"/></svg>"#,
        num(WIDTH - 1.0),
        num(height - 1.0),
    );

    let centres: Vec<(f64, f64)> = points
        .iter()
        .map(|point| {
            let (x, y) = frame.project(point.lon, point.lat, WIDTH, height);
            (
                x.clamp(RADIUS + 2.0, WIDTH - RADIUS - 2.0),
                y.clamp(RADIUS + 2.0, height - RADIUS - 2.0),
            )
        })
        .collect();
    let names: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    let placed = labels::place(&centres, &names, WIDTH, height);
    for ((point, &(x, y)), name) in points.iter().zip(&centres).zip(&placed) {
        let _ = write!(
            out,
            r#"<g class="map-point"><title>{}: {}</title>"#,
            escape(&point.label),
            escape(&point.status)
        );
        if let Some(l) = name {
            l.write_leader(&mut out);
        }
        marker(&mut out, x, y, &point.colour, point.marker);
        if let Some(l) = name {
            l.write_name(&mut out);
        }
        out.push_str("</g>");
    }

    if !legend.is_empty() {
        out.push_str(r#"<g class="map-legend">"#);
        for (item, &(dx, row)) in legend.iter().zip(&legend_places) {
            let x = EDGE + dx + RADIUS;
            let y = height + 8.0 + row as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
            marker(&mut out, x, y, &item.colour, item.marker);
            let text = fit_text(&item.label, LABEL_FONT, WIDTH - 40.0);
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" fill="currentColor">{}</text>"#,
                num(x + RADIUS + 6.0),
                num(y + 0.35 * LABEL_FONT),
                num(LABEL_FONT),
                escape(&text)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// A filled circle with a letter in the contrasting ink.
fn marker(out: &mut String, x: f64, y: f64, colour: &str, letter: char) {
    let colour = valid_colour(colour).unwrap_or_else(|| FALLBACK_COLOUR.to_owned());
    let ink = if luminance(&colour) > 0.179 {
        "#000"
    } else {
        "#fff"
    };
    let _ = write!(
        out,
        r##"<circle class="map-marker" cx="{}" cy="{}" r="{}" fill="{colour}" stroke="#fff" stroke-width="2"/>"##,
        num(x),
        num(y),
        num(RADIUS)
    );
    if !letter.is_whitespace() && !letter.is_control() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" font-weight="700" text-anchor="middle" fill="{ink}">{}</text>"#,
            num(x),
            num(y + 0.36 * LETTER_FONT),
            num(LETTER_FONT),
            escape(&letter.to_string())
        );
    }
}

/// `#rrggbb` in lower case, or nothing.
fn valid_colour(colour: &str) -> Option<String> {
    let hex = colour.trim().strip_prefix('#')?;
    (hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit())).then(|| {
        let mut s = String::from("#");
        s.push_str(&hex.to_ascii_lowercase());
        s
    })
}

/// WCAG relative luminance of a valid `#rrggbb`.
fn luminance(colour: &str) -> f64 {
    let channel = |i: usize| {
        let v = colour
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// The area shown, in degrees; `east` may pass 180 when the frame crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl Frame {
    const WORLD: Frame = Frame {
        west: -180.0,
        east: 180.0,
        south: -58.0,
        north: 84.0,
    };

    fn around(points: &[MapPoint]) -> Frame {
        let located: Vec<(f64, f64)> = points
            .iter()
            .filter(|p| p.lon.is_finite() && p.lat.is_finite())
            .map(|p| (wrap(p.lon), p.lat.clamp(-85.0, 85.0)))
            .collect();
        if located.is_empty() {
            return Frame::WORLD.fitted();
        }
        let (west, east) = lon_span(located.iter().map(|&(lon, _)| lon).collect());
        let south = located.iter().map(|&(_, lat)| lat).fold(90.0, f64::min);
        let north = located.iter().map(|&(_, lat)| lat).fold(-90.0, f64::max);
        let (west, east) = padded(west, east, 360.0);
        let (south, north) = padded(south, north, 170.0);
        let (south, north) = shift_into(south, north, -85.0, 85.0);
        Frame {
            west,
            east,
            south,
            north,
        }
        .fitted()
    }

    /// Widened in one direction so the aspect ratio stays within `ASPECT`.
    fn fitted(self) -> Frame {
        let mut f = self;
        let (low, high) = ASPECT;
        if f.aspect() > high {
            let lon = (f.north - f.south) / (high * f.kx());
            let mid = (f.west + f.east) / 2.0;
            (f.west, f.east) = (mid - lon / 2.0, mid + lon / 2.0);
        } else if f.aspect() < low {
            let lat = (low * (f.east - f.west) * f.kx()).min(170.0);
            let mid = (f.south + f.north) / 2.0;
            (f.south, f.north) = shift_into(mid - lat / 2.0, mid + lat / 2.0, -85.0, 85.0);
        }
        if f.east - f.west > 360.0 {
            let mid = (f.west + f.east) / 2.0;
            (f.west, f.east) = (mid - 180.0, mid + 180.0);
        }
        f
    }

    fn kx(&self) -> f64 {
        ((self.south + self.north) / 2.0)
            .to_radians()
            .cos()
            .max(0.2)
    }

    /// Height over width of the projected frame.
    fn aspect(&self) -> f64 {
        let ratio = (self.north - self.south) / ((self.east - self.west) * self.kx());
        if ratio.is_finite() { ratio } else { 0.5 }
    }

    /// A longitude moved by whole turns so that it falls within (or nearest to) the frame.
    fn unwrap_lon(&self, lon: f64) -> f64 {
        let mid = (self.west + self.east) / 2.0;
        lon + ((mid - lon) / 360.0).round() * 360.0
    }

    fn project(&self, lon: f64, lat: f64, width: f64, height: f64) -> (f64, f64) {
        let lon = self.unwrap_lon(wrap(lon));
        (
            (lon - self.west) / (self.east - self.west) * width,
            (self.north - lat) / (self.north - self.south) * height,
        )
    }

    /// The `d` of a country's polygons that reach into the frame, clipped just outside it.
    fn country_path(&self, country: &topo::Country, width: f64, height: f64) -> String {
        let mut d = String::new();
        for polygon in &country.polygons {
            for shift in [-360.0, 0.0, 360.0] {
                let shifted = BBox {
                    min_lon: polygon.bbox.min_lon + shift,
                    max_lon: polygon.bbox.max_lon + shift,
                    ..polygon.bbox
                };
                if !shifted.intersects(&self.bbox()) {
                    continue;
                }
                for ring in &polygon.rings {
                    let projected: Vec<(f64, f64)> = ring
                        .iter()
                        .map(|&(lon, lat)| {
                            let x = (lon + shift - self.west) / (self.east - self.west) * width;
                            let y = (self.north - lat) / (self.north - self.south) * height;
                            (x, y)
                        })
                        .collect();
                    let clipped = clip(projected, (-6.0, -6.0, width + 6.0, height + 6.0));
                    ring_path(&mut d, &clipped);
                }
            }
        }
        d
    }

    fn bbox(&self) -> BBox {
        BBox {
            min_lon: self.west,
            min_lat: self.south,
            max_lon: self.east,
            max_lat: self.north,
        }
    }
}

/// A longitude in [-180, 180).
fn wrap(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// The narrowest west–east span holding every longitude: the widest gap between neighbours
/// (counting the one across the antimeridian) is what the frame leaves out.
fn lon_span(mut lons: Vec<f64>) -> (f64, f64) {
    lons.sort_by(f64::total_cmp);
    let (Some(&first), Some(&last)) = (lons.first(), lons.last()) else {
        return (-180.0, 180.0);
    };
    let mut best = (first, last, first + 360.0 - last);
    for pair in lons.windows(2) {
        if let [a, b] = *pair
            && b - a > best.2
        {
            best = (b, a + 360.0, b - a);
        }
    }
    (best.0, best.1)
}

/// The span grown to at least `MIN_EXTENT` and by a margin on either side, at most `max`.
fn padded(low: f64, high: f64, max: f64) -> (f64, f64) {
    let mid = (low + high) / 2.0;
    let extent = ((high - low).max(MIN_EXTENT) * 1.3 + 1.0).min(max);
    (mid - extent / 2.0, mid + extent / 2.0)
}

/// The span moved, not shrunk, to lie within [min, max] when it fits.
fn shift_into(low: f64, high: f64, min: f64, max: f64) -> (f64, f64) {
    if high - low >= max - min {
        (min, max)
    } else if low < min {
        (min, min + high - low)
    } else if high > max {
        (max - (high - low), max)
    } else {
        (low, high)
    }
}
