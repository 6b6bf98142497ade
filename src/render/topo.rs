//! Country outlines for the map: the compiled-in Natural Earth 1:110m TopoJSON
//! (`assets/world/countries-110m.json`), decoded once into rings of (longitude, latitude).
//!
//! TopoJSON stores shared borders once as *arcs*, quantized to integers and delta-encoded; a
//! polygon lists arc indexes, where `!i` (bitwise not) means arc `i` reversed. Decoding turns
//! each arc into absolute coordinates, then stitches each ring from its arcs.

use std::sync::LazyLock;

use serde::Deserialize;

static SOURCE: &str = include_str!("../../assets/world/countries-110m.json");

static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| match parse(SOURCE) {
    Ok(countries) => countries,
    Err(err) => {
        // The asset is compiled in and covered by a test: this is a build mistake, not input.
        tracing::error!(error = %err, "the compiled-in world map does not decode");
        Vec::new()
    }
});

/// Every country of the compiled-in map, decoded on first use.
pub fn countries() -> &'static [Country] {
    &COUNTRIES
}

/// A longitude/latitude rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    const EMPTY: BBox = BBox {
        min_lon: f64::INFINITY,
        min_lat: f64::INFINITY,
        max_lon: f64::NEG_INFINITY,
        max_lat: f64::NEG_INFINITY,
    };

    fn extend(&mut self, (lon, lat): (f64, f64)) {
        self.min_lon = self.min_lon.min(lon);
        self.min_lat = self.min_lat.min(lat);
        self.max_lon = self.max_lon.max(lon);
        self.max_lat = self.max_lat.max(lat);
    }

    fn union(&mut self, other: &BBox) {
        self.extend((other.min_lon, other.min_lat));
        self.extend((other.max_lon, other.max_lat));
    }

    pub fn intersects(&self, other: &BBox) -> bool {
        self.min_lon <= other.max_lon
            && other.min_lon <= self.max_lon
            && self.min_lat <= other.max_lat
            && other.min_lat <= self.max_lat
    }
}

/// One polygon: its outer ring first, then its holes; each ring closed (last point = first).
#[derive(Debug, Clone)]
pub struct Polygon {
    pub rings: Vec<Vec<(f64, f64)>>,
    pub bbox: BBox,
}

#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 numeric code as Natural Earth gives it ("398" for Kazakhstan); a few disputed
    /// territories have none.
    pub id: Option<String>,
    pub name: String,
    pub polygons: Vec<Polygon>,
    pub bbox: BBox,
}

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<[f64; 2]>>,
    transform: Option<Transform>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
        id: Option<String>,
        #[serde(default)]
        properties: Properties,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        id: Option<String>,
        #[serde(default)]
        properties: Properties,
    },
    #[serde(other)]
    Other,
}

fn parse(text: &str) -> Result<Vec<Country>, serde_json::Error> {
    let topology: Topology = serde_json::from_str(text)?;
    let arcs = decode_arcs(&topology.arcs, topology.transform.as_ref());
    let mut countries = Vec::new();
    for geometry in topology.objects.countries.geometries {
        let (polygons, id, properties) = match geometry {
            Geometry::Polygon {
                arcs,
                id,
                properties,
            } => (vec![arcs], id, properties),
            Geometry::MultiPolygon {
                arcs,
                id,
                properties,
            } => (arcs, id, properties),
            Geometry::Other => continue,
        };
        let polygons: Vec<Polygon> = polygons
            .iter()
            .map(|rings| polygon(rings, &arcs))
            .filter(|p| !p.rings.is_empty())
            .collect();
        let mut bbox = BBox::EMPTY;
        for p in &polygons {
            bbox.union(&p.bbox);
        }
        countries.push(Country {
            id,
            name: properties.name,
            polygons,
            bbox,
        });
    }
    Ok(countries)
}

/// Absolute coordinates of every arc: undo the delta encoding, then the quantization.
fn decode_arcs(arcs: &[Vec<[f64; 2]>], transform: Option<&Transform>) -> Vec<Vec<(f64, f64)>> {
    arcs.iter()
        .map(|arc| match transform {
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|[dx, dy]| {
                        x += dx;
                        y += dy;
                        (
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        )
                    })
                    .collect()
            }
            None => arc.iter().map(|[x, y]| (*x, *y)).collect(),
        })
        .collect()
}

fn polygon(rings: &[Vec<i64>], arcs: &[Vec<(f64, f64)>]) -> Polygon {
    let mut reference = None;
    let rings: Vec<Vec<(f64, f64)>> = rings
        .iter()
        .map(|ring| stitch(ring, arcs))
        .filter(|ring| ring.len() >= 4)
        .map(|ring| continuous(ring, &mut reference))
        .collect();
    let mut bbox = BBox::EMPTY;
    // The outer ring bounds its holes.
    for &point in rings.first().map(Vec::as_slice).unwrap_or_default() {
        bbox.extend(point);
    }
    Polygon { rings, bbox }
}

/// A ring whose longitudes never jump by more than half a turn, so a polygon crossing the
/// antimeridian (Fiji, Chukotka) becomes one shape reaching past ±180 instead of a band across
/// the whole map; its first point lies within half a turn of `reference` (the outer ring's), so
/// holes stay with their polygon. A ring that goes around a pole (Antarctica) is closed along
/// that pole.
fn continuous(ring: Vec<(f64, f64)>, reference: &mut Option<f64>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(ring.len() + 2);
    for (lon, lat) in ring {
        let near = out.last().map_or(*reference.get_or_insert(lon), |p| p.0);
        out.push((lon + ((near - lon) / 360.0).round() * 360.0, lat));
    }
    if let (Some(&(first_lon, first_lat)), Some(&(last_lon, _))) = (out.first(), out.last())
        && (last_lon - first_lon).abs() > 180.0
    {
        let pole = if first_lat < 0.0 { -90.0 } else { 90.0 };
        out.pop();
        out.extend([(last_lon, pole), (first_lon, pole), (first_lon, first_lat)]);
    }
    out
}

/// One ring from its arcs; consecutive arcs share an end point, kept once.
fn stitch(indexes: &[i64], arcs: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut ring: Vec<(f64, f64)> = Vec::new();
    for &index in indexes {
        let (reversed, i) = if index < 0 {
            (true, !index)
        } else {
            (false, index)
        };
        let Some(arc) = usize::try_from(i).ok().and_then(|i| arcs.get(i)) else {
            continue;
        };
        let skip = usize::from(!ring.is_empty());
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    ring
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_decodes_with_every_country() {
        let countries = countries();
        assert!(
            (170..=180).contains(&countries.len()),
            "{}",
            countries.len()
        );
        assert!(countries.iter().all(|c| !c.polygons.is_empty()));
        assert!(countries.iter().all(|c| !c.name.is_empty()));
    }

    #[test]
    fn kazakhstan_is_where_it_belongs() {
        let kz = countries()
            .iter()
            .find(|c| c.name == "Kazakhstan")
            .map(|c| c.bbox);
        let Some(b) = kz else {
            panic!("Kazakhstan missing")
        };
        assert!((45.0..48.0).contains(&b.min_lon), "{b:?}");
        assert!((86.0..88.5).contains(&b.max_lon), "{b:?}");
        assert!((39.5..41.5).contains(&b.min_lat), "{b:?}");
        assert!((54.5..56.5).contains(&b.max_lat), "{b:?}");
    }

    #[test]
    fn rings_are_closed() {
        for country in countries() {
            for ring in country.polygons.iter().flat_map(|p| &p.rings) {
                let (first, last) = (ring[0], ring[ring.len() - 1]);
                assert!(
                    (first.0 - last.0).abs() < 1e-9 && (first.1 - last.1).abs() < 1e-9,
                    "{} has an open ring",
                    country.name
                );
            }
        }
    }

    #[test]
    fn polygons_across_the_antimeridian_stay_whole() {
        let fiji = countries().iter().find(|c| c.name == "Fiji");
        let Some(fiji) = fiji else {
            panic!("Fiji missing")
        };
        for p in &fiji.polygons {
            assert!(p.bbox.max_lon - p.bbox.min_lon < 5.0, "{:?}", p.bbox);
        }
        let antarctica = countries().iter().find(|c| c.name == "Antarctica");
        let Some(antarctica) = antarctica else {
            panic!("Antarctica missing")
        };
        assert!(antarctica.bbox.min_lat <= -90.0);
    }

    #[test]
    fn reversed_arcs_are_stitched_backwards() {
        let arcs = vec![
            vec![(0.0, 0.0), (1.0, 0.0)],
            vec![(0.0, 0.0), (1.0, 1.0), (1.0, 0.0)],
        ];
        let ring = stitch(&[0, !1], &arcs);
        assert_eq!(ring, vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]);
    }
}
