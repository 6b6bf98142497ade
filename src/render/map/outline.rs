//! Country outlines cut to the frame and written as SVG paths.

use super::*;

/// Sutherland–Hodgman clipping of a ring to a rectangle (x0, y0, x1, y1). Edges it adds run
/// along the rectangle, which lies outside the visible area.
pub(super) fn clip(
    ring: Vec<(f64, f64)>,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
) -> Vec<(f64, f64)> {
    type Inside = fn((f64, f64), f64) -> bool;
    // Each edge: which side is inside, and where a segment crosses it.
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, x0, true),
        (|p, v| p.0 <= v, x1, true),
        (|p, v| p.1 >= v, y0, false),
        (|p, v| p.1 <= v, y1, false),
    ];
    let mut points = ring;
    for (inside, v, vertical) in edges {
        let Some(&last) = points.last() else {
            break;
        };
        let mut out = Vec::with_capacity(points.len() + 4);
        let mut prev = last;
        for &p in &points {
            let crossing = || {
                let t = if vertical {
                    (v - prev.0) / (p.0 - prev.0)
                } else {
                    (v - prev.1) / (p.1 - prev.1)
                };
                (prev.0 + t * (p.0 - prev.0), prev.1 + t * (p.1 - prev.1))
            };
            match (inside(p, v), inside(prev, v)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(crossing());
                    out.push(p);
                }
                (false, true) => out.push(crossing()),
                (false, false) => {}
            }
            prev = p;
        }
        points = out;
    }
    points
}

/// Appends one closed subpath in tenths, relative moves after the first point.
pub(super) fn ring_path(d: &mut String, ring: &[(f64, f64)]) {
    // Points closer than this (in tenths) to the last one kept add bytes, not shape.
    const MIN_STEP: i64 = 12;
    let mut tenths: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for (i, &(x, y)) in ring.iter().enumerate() {
        let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        let close = tenths
            .last()
            .is_some_and(|q| (p.0 - q.0).abs().max((p.1 - q.1).abs()) < MIN_STEP);
        if !close || (i + 1 == ring.len() && tenths.last() != Some(&p)) {
            tenths.push(p);
        }
    }
    while tenths.len() > 1 && tenths.first() == tenths.last() {
        tenths.pop();
    }
    let Some(&(mut px, mut py)) = tenths.first() else {
        return;
    };
    if tenths.len() < 3 {
        return;
    }
    let _ = write!(d, "M{} {}l", tenths_str(px), tenths_str(py));
    for (i, &(x, y)) in tenths.iter().enumerate().skip(1) {
        for (n, value) in [x - px, y - py].into_iter().enumerate() {
            let s = tenths_str(value);
            if (i > 1 || n > 0) && !s.starts_with('-') {
                d.push(' ');
            }
            d.push_str(&s);
        }
        (px, py) = (x, y);
    }
    d.push('z');
}
