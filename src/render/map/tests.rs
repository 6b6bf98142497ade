//! The map, checked.

use super::*;

fn point(label: &str, lat: f64, lon: f64, status: &str, colour: &str) -> MapPoint {
    MapPoint {
        lat,
        lon,
        label: label.to_owned(),
        colour: colour.to_owned(),
        status: status.to_owned(),
        marker: status.chars().next().unwrap_or(' ').to_ascii_uppercase(),
    }
}

pub(crate) fn kazakhstan() -> Vec<MapPoint> {
    vec![
        point("Almaty", 43.24, 76.89, "protesters", "#b3261e"),
        point("Astana", 51.17, 71.45, "government", "#0b57a4"),
        point("Aktau", 43.65, 51.16, "contested", "#e8a400"),
        point("Shymkent", 42.32, 69.59, "government", "#0b57a4"),
        point("Oskemen", 49.95, 82.61, "contested", "#e8a400"),
        point("Taldykorgan", 45.02, 78.37, "protesters", "#b3261e"),
    ]
}

pub(crate) fn legend() -> Vec<LegendItem> {
    [
        ("government", "#0b57a4"),
        ("protesters", "#b3261e"),
        ("contested", "#e8a400"),
    ]
    .into_iter()
    .map(|(label, colour)| LegendItem {
        colour: colour.to_owned(),
        label: label.to_owned(),
        marker: label.chars().next().unwrap_or(' ').to_ascii_uppercase(),
    })
    .collect()
}

fn view_box(doc: &roxmltree::Document) -> (f64, f64) {
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap_or_default()
        .split(' ')
        .filter_map(|v| v.parse().ok())
        .collect();
    (vb[2], vb[3])
}

fn check_well_formed(svg: &str) -> roxmltree::Document<'_> {
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    assert!(!svg.contains("style="));
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(err) => panic!("{err}: {svg}"),
    };
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let id = root.attribute("aria-labelledby").unwrap_or_default();
    let title = root.first_element_child();
    assert_eq!(title.map(|t| t.tag_name().name()), Some("title"));
    assert_eq!(title.and_then(|t| t.attribute("id")), Some(id));
    doc
}

#[test]
fn kazakhstan_map_shows_its_outline_and_every_point_inside() {
    let svg = map_svg(&kazakhstan(), "Control of cities", &legend());
    assert!(svg.len() < 40 * 1024, "{} bytes", svg.len());
    let doc = check_well_formed(&svg);
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.first_element_child().and_then(|t| t.text()))
        .collect();
    for country in ["Kazakhstan", "Uzbekistan", "Russia", "China", "Kyrgyzstan"] {
        assert!(
            titles.contains(&country),
            "{country} missing from {titles:?}"
        );
    }
    assert!(!titles.contains(&"Brazil"));
    let (w, h) = view_box(&doc);
    let circles: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|n| {
            Some((
                n.attribute("cx")?.parse().ok()?,
                n.attribute("cy")?.parse().ok()?,
            ))
        })
        .collect();
    assert_eq!(circles.len(), 6 + 3);
    for (x, y) in circles {
        assert!(
            (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
            "{x},{y} outside {w}x{h}"
        );
    }
    for word in [
        "Almaty",
        "Taldykorgan",
        "government",
        "protesters",
        "contested",
    ] {
        assert!(svg.contains(word), "{word}");
    }
}

#[test]
fn user_text_is_escaped() {
    let mut hostile = point("<script>&\"", 10.0, 10.0, "<b>", "red;x");
    hostile.marker = '<';
    let item = LegendItem {
        colour: "\"/><script>".to_owned(),
        label: "<script>&\"".to_owned(),
        marker: '&',
    };
    let svg = map_svg(&[hostile], "</title><script>", &[item]);
    check_well_formed(&svg);
    assert!(!svg.contains("<script>") && !svg.contains("<b>"));
    assert!(svg.contains("&lt;script&gt;&amp;&quot;"));
    assert!(svg.contains(FALLBACK_COLOUR));
}

#[test]
fn no_points_shows_the_world() {
    let svg = map_svg(&[], "Nothing yet", &[]);
    let doc = check_well_formed(&svg);
    let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
    assert!(paths > 150, "{paths}");
}

#[test]
fn one_point_shows_its_surroundings() {
    let svg = map_svg(
        &[point("Almaty", 43.24, 76.89, "calm", "#1e6b34")],
        "One",
        &[],
    );
    let doc = check_well_formed(&svg);
    let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
    assert!(paths >= 2, "{paths}");
}

#[test]
fn points_across_the_antimeridian_are_framed_together() {
    let points = [
        point("Suva", -18.1, 178.4, "calm", "#1e6b34"),
        point("Apia", -13.8, -171.8, "calm", "#1e6b34"),
    ];
    let frame = Frame::around(&points);
    assert!(frame.east - frame.west < 40.0, "{frame:?}");
    let svg = map_svg(&points, "Pacific", &[]);
    let doc = check_well_formed(&svg);
    assert!(svg.contains("<title>Fiji</title>"));
    let (w, _) = view_box(&doc);
    for (x, _) in points.iter().map(|p| frame.project(p.lon, p.lat, w, 100.0)) {
        assert!((0.0..=w).contains(&x), "{x}");
    }
}

#[test]
fn odd_coordinates_do_not_break_the_map() {
    let points = [
        point("Pole", 90.0, 0.0, "x", "#000000"),
        point("Nowhere", f64::NAN, f64::INFINITY, "x", "#ffffff"),
        point("Far east", 10.0, 540.0, "x", "#ffffff"),
    ];
    check_well_formed(&map_svg(&points, "Odd", &legend()));
}

#[test]
fn labels_near_the_right_edge_go_left() {
    let points = [
        point("West", 45.0, 50.0, "a", "#0b57a4"),
        point("A rather long eastern name", 45.0, 80.0, "a", "#0b57a4"),
    ];
    let svg = map_svg(&points, "Edge", &[]);
    assert!(
        svg.contains(r#"text-anchor="end">A rather long eastern name"#),
        "{svg}"
    );
}

#[test]
fn clipping_keeps_what_is_inside() {
    let square = vec![(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
    let clipped = clip(square, (0.0, 0.0, 100.0, 100.0));
    assert_eq!(clipped.len(), 4);
    assert!(
        clipped
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y))
    );
}
