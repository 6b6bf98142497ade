//! Acceptance: the gazetteer finds a place by any of its names, and the map draws it where it
//! is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cronaca::gazetteer;
use cronaca::render::map::{MapPoint, map_svg};

fn point(name: &str, query: &str) -> MapPoint {
    let place = gazetteer::lookup(query, 1).remove(0);
    assert_eq!(place.name, name, "{query}");
    MapPoint {
        lat: place.lat,
        lon: place.lon,
        label: name.to_owned(),
        colour: "#1f77b4".into(),
        status: "government".into(),
        marker: 'G',
    }
}

/// The centre of the marker drawn for `label`: the circle in the same group as its text.
fn marker(svg: &str, label: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let group = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("g")
                && n.children().any(|c| c.has_tag_name("circle"))
                && n.descendants().any(|t| t.text() == Some(label))
        })
        .unwrap_or_else(|| panic!("no marker for {label}"));
    let circle = group.children().find(|c| c.has_tag_name("circle")).unwrap();
    (
        circle.attribute("cx").unwrap().parse().unwrap(),
        circle.attribute("cy").unwrap().parse().unwrap(),
    )
}

#[test]
fn cities_found_by_any_name_are_drawn_where_they_are() {
    for query in ["Nur-Sultan", "Nursultan", "Astana", "Нур-Султан"] {
        assert_eq!(gazetteer::lookup(query, 1)[0].name, "Astana", "{query}");
    }
    for query in ["Almaty", "Алматы", "Alma-Ata"] {
        assert_eq!(gazetteer::lookup(query, 1)[0].name, "Almaty", "{query}");
    }
    let points = [
        point("Astana", "Нур-Султан"),
        point("Almaty", "Alma-Ata"),
        point("Aktobe", "Aktobe"),
    ];
    let svg = map_svg(&points, "Kazakhstan", &[]);
    let astana = marker(&svg, "Astana");
    let almaty = marker(&svg, "Almaty");
    let aktobe = marker(&svg, "Aktobe");
    assert!(
        almaty.0 > astana.0 && almaty.1 > astana.1,
        "Almaty lies south-east of Astana"
    );
    assert!(aktobe.0 < astana.0, "Aktobe lies west of Astana");
    assert!(svg.contains("Kazakhstan"), "drawn on the country's outline");
}
