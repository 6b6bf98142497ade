//! Places a report speaks of: a city from the gazetteer (`gn:<GeoNames id>`), or a custom place
//! an editor added with its coordinates (an airport, a border crossing).

use serde::{Deserialize, Serialize};

use super::source::country;
use super::validation::{ValidationError, required_text};

pub const MAX_NAME: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = StoredPlace)]
pub struct Place {
    /// `gn:<GeoNames id>` for a gazetteer city, a ULID for a custom place.
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub custom: bool,
}

/// What a report or claim shows of a place.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlaceRef {
    pub id: String,
    pub name: String,
}

impl Place {
    pub fn reference(&self) -> PlaceRef {
        PlaceRef {
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }

    /// The name readers of `language` know it by: the gazetteer's name in their script where it
    /// has one ("Алматы" on Russian pages), else the stored name.
    pub fn name_in(&self, language: &str) -> String {
        local_name(&self.id, &self.name, language)
    }

    pub fn is_gazetteer_id(id: &str) -> bool {
        id.strip_prefix("gn:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl PlaceRef {
    /// The same place, named as readers of `language` know it (see [`Place::name_in`]).
    pub fn in_language(&self, language: &str) -> PlaceRef {
        PlaceRef {
            id: self.id.clone(),
            name: local_name(&self.id, &self.name, language),
        }
    }
}

/// The places of a text, named as readers of `language` know them, each with the other name
/// the text calls it by beside it: "Astana (Nur-Sultan)" for a report that says Nur-Sultan.
pub fn as_told(places: &[PlaceRef], language: &str, text: &str) -> Vec<PlaceRef> {
    places
        .iter()
        .map(|p| {
            let mut local = p.in_language(language);
            if let Some(alias) = crate::gazetteer::alias_in(&p.id, text) {
                local.name = format!("{} ({alias})", local.name);
            }
            local
        })
        .collect()
}

fn local_name(id: &str, stored: &str, language: &str) -> String {
    crate::gazetteer::name_in(id, language).map_or_else(|| stored.to_owned(), str::to_owned)
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlace {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(schema_with = super::schema::country)]
    pub country: Option<String>,
    /// Kept to five decimals.
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lon: f64,
}

/// A validated custom place; only [`NewPlace::validate`] builds one.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceDraft {
    name: String,
    country: Option<String>,
    lat: f64,
    lon: f64,
}

impl PlaceDraft {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Kept to five decimals.
    pub fn lat(&self) -> f64 {
        self.lat
    }

    pub fn lon(&self) -> f64 {
        self.lon
    }
}

impl NewPlace {
    pub fn validate(&self) -> Result<PlaceDraft, ValidationError> {
        if !(self.lat.is_finite() && (-90.0..=90.0).contains(&self.lat)) {
            return Err(ValidationError::new("lat", "must be between -90 and 90"));
        }
        if !(self.lon.is_finite() && (-180.0..=180.0).contains(&self.lon)) {
            return Err(ValidationError::new("lon", "must be between -180 and 180"));
        }
        Ok(PlaceDraft {
            name: required_text("name", &self.name, MAX_NAME)?,
            country: self
                .country
                .as_deref()
                .map(|c| country("country", c))
                .transpose()?
                .flatten(),
            lat: (self.lat * 1e5).round() / 1e5,
            lon: (self.lon * 1e5).round() / 1e5,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_named_in_the_readers_script_with_the_name_the_text_used() {
        let astana = PlaceRef {
            id: "gn:1526273".into(),
            name: "Astana".into(),
        };
        let custom = PlaceRef {
            id: "01JCUSTOM".into(),
            name: "Khorgos crossing".into(),
        };
        let names = |lang: &str, text: &str| -> Vec<String> {
            as_told(&[astana.clone(), custom.clone()], lang, text)
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            names("en", "Crowds in Nur-Sultan"),
            ["Astana (Nur-Sultan)", "Khorgos crossing"]
        );
        assert_eq!(
            names("ru", "Crowds in Astana"),
            ["Астана", "Khorgos crossing"]
        );
        assert_eq!(
            names("ru", "Толпы: Нур-Султан"),
            ["Астана (Нур-Султан)", "Khorgos crossing"]
        );
        assert_eq!(
            names("it", "Folla ad Astana"),
            ["Astana", "Khorgos crossing"]
        );
    }

    #[test]
    fn coordinates_are_checked() {
        let p = |lat, lon| NewPlace {
            name: "Almaty International Airport".into(),
            country: Some("kz".into()),
            lat,
            lon,
        };
        let ok = p(43.352_123_4, 77.040_5).validate().unwrap();
        assert_eq!((ok.lat(), ok.lon()), (43.35212, 77.0405));
        assert_eq!(ok.country(), Some("KZ"));
        assert_eq!(p(91.0, 0.0).validate().unwrap_err().field, "lat");
        assert_eq!(p(0.0, -180.5).validate().unwrap_err().field, "lon");
        assert_eq!(p(f64::NAN, 0.0).validate().unwrap_err().field, "lat");
    }

    #[test]
    fn gazetteer_ids_are_recognized() {
        assert!(Place::is_gazetteer_id("gn:1526384"));
        assert!(!Place::is_gazetteer_id("gn:"));
        assert!(!Place::is_gazetteer_id("gn:12a"));
        assert!(!Place::is_gazetteer_id("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
    }
}
