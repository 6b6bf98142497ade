//! Sources: who says what. One registry shared by all threads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::language::LanguageTag;
use super::thread::language;
use super::validation::{ValidationError, optional_text, required_text};

pub const MAX_NAME: usize = 200;
pub const MAX_NOTES: usize = 5_000;
pub const MAX_URL: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Official,
    StateMedia,
    IndependentMedia,
    Agency,
    Ngo,
    /// An international organization: a UN agency, the Red Cross, an alliance.
    InternationalOrg,
    /// Media not named one by one ("media report that …").
    Media,
    /// Several sources quoted together ("Russian media", "local channels").
    Aggregated,
    SocialChannel,
    Eyewitness,
    Anonymous,
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 12] = [
        SourceKind::Official,
        SourceKind::StateMedia,
        SourceKind::IndependentMedia,
        SourceKind::Agency,
        SourceKind::Ngo,
        SourceKind::InternationalOrg,
        SourceKind::Media,
        SourceKind::Aggregated,
        SourceKind::SocialChannel,
        SourceKind::Eyewitness,
        SourceKind::Anonymous,
        SourceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Official => "official",
            SourceKind::StateMedia => "state_media",
            SourceKind::IndependentMedia => "independent_media",
            SourceKind::Agency => "agency",
            SourceKind::Ngo => "ngo",
            SourceKind::InternationalOrg => "international_org",
            SourceKind::Media => "media",
            SourceKind::Aggregated => "aggregated",
            SourceKind::SocialChannel => "social_channel",
            SourceKind::Eyewitness => "eyewitness",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A source in the registry shared by all threads.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// Who stands behind it, e.g. "Government of Kazakhstan"; may be empty.
    pub affiliation: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub language: Option<LanguageTag>,
    pub homepage: Option<String>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a report shows of its source.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SourceRef {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    pub affiliation: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    /// Needs a letter or digit; a name already in the registry (ignoring case, accents, script
    /// and punctuation) is a conflict.
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: SourceKind,
    /// Who stands behind it, e.g. "Government of Kazakhstan".
    #[schema(max_length = 200)]
    pub affiliation: Option<String>,
    #[schema(schema_with = super::schema::country)]
    pub country: Option<String>,
    #[schema(schema_with = super::schema::language_or_empty)]
    pub language: Option<String>,
    #[schema(schema_with = super::schema::web_address)]
    pub homepage: Option<String>,
    #[schema(max_length = 5000)]
    pub notes: Option<String>,
}

/// A validated source, new or changed. Only [`NewSource::validate`] (and
/// [`SourcePatch::apply`] through it) builds one.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDraft {
    name: String,
    match_key: String,
    kind: SourceKind,
    affiliation: String,
    country: Option<String>,
    language: Option<LanguageTag>,
    homepage: Option<String>,
    notes: String,
}

impl SourceDraft {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The form of the name two sources may not share.
    pub fn match_key(&self) -> &str {
        &self.match_key
    }

    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    pub fn affiliation(&self) -> &str {
        &self.affiliation
    }

    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    pub fn language(&self) -> Option<&LanguageTag> {
        self.language.as_ref()
    }

    pub fn homepage(&self) -> Option<&str> {
        self.homepage.as_deref()
    }

    pub fn notes(&self) -> &str {
        &self.notes
    }
}

impl NewSource {
    pub fn validate(&self) -> Result<SourceDraft, ValidationError> {
        let name = required_text("name", &self.name, MAX_NAME)?;
        let match_key = match_key(&name);
        if match_key.is_empty() {
            return Err(ValidationError::new(
                "name",
                "needs at least one letter or digit",
            ));
        }
        Ok(SourceDraft {
            match_key,
            name,
            kind: self.kind,
            affiliation: optional_text(
                "affiliation",
                self.affiliation.as_deref().unwrap_or(""),
                MAX_NAME,
            )?,
            country: self
                .country
                .as_deref()
                .map(|c| country("country", c))
                .transpose()?
                .flatten(),
            language: self
                .language
                .as_deref()
                .filter(|l| !l.trim().is_empty())
                .map(|l| language("language", l.trim()))
                .transpose()?,
            homepage: self
                .homepage
                .as_deref()
                .map(|h| web_address("homepage", h))
                .transpose()?
                .flatten(),
            notes: optional_text("notes", self.notes.as_deref().unwrap_or(""), MAX_NOTES)?,
        })
    }
}

/// Fields to change in a source; absent ones stay.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourcePatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<SourceKind>,
    #[schema(max_length = 200)]
    pub affiliation: Option<String>,
    /// Empty removes it.
    #[schema(schema_with = super::schema::country)]
    pub country: Option<String>,
    /// Empty removes it.
    #[schema(schema_with = super::schema::language_or_empty)]
    pub language: Option<String>,
    /// Empty removes it.
    #[schema(schema_with = super::schema::web_address)]
    pub homepage: Option<String>,
    #[schema(max_length = 5000)]
    pub notes: Option<String>,
}

impl SourcePatch {
    /// The source after the patch, validated as a whole.
    pub fn apply(&self, source: &Source) -> Result<SourceDraft, ValidationError> {
        let keep = |new: &Option<String>, old: Option<&str>| {
            new.clone().or_else(|| old.map(str::to_owned))
        };
        NewSource {
            name: self.name.clone().unwrap_or_else(|| source.name.clone()),
            kind: self.kind.unwrap_or(source.kind),
            affiliation: keep(&self.affiliation, Some(&source.affiliation)),
            country: keep(&self.country, source.country.as_deref()),
            language: keep(&self.language, source.language.as_ref().map(|l| l.as_str())),
            homepage: keep(&self.homepage, source.homepage.as_deref()),
            notes: keep(&self.notes, Some(&source.notes)),
        }
        .validate()
    }
}

/// An ISO 3166-1 alpha-2 code ("kz" → "KZ"); empty means none.
pub fn country(field: &str, value: &str) -> Result<Option<String>, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(Some(v.to_ascii_uppercase()))
    } else {
        Err(ValidationError::new(
            field,
            "must be a two-letter country code (ISO 3166-1), e.g. KZ",
        ))
    }
}

/// An absolute http(s) address; empty means none.
pub fn web_address(field: &str, value: &str) -> Result<Option<String>, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > MAX_URL {
        return Err(ValidationError::new(
            field,
            format!("is longer than {MAX_URL} characters"),
        ));
    }
    match url::Url::parse(v) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(Some(u.to_string()))
        }
        _ => Err(ValidationError::new(
            field,
            "must be a full http:// or https:// address",
        )),
    }
}

/// The form a name is compared in, so one source is not entered twice: case, accents, script
/// and punctuation set aside ("Ministero dell'Interno" = "ministero dell interno",
/// "Хабар" = "Khabar").
pub fn match_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_case_accents_or_punctuation() {
        assert_eq!(
            match_key("Ministero dell'Interno"),
            match_key("ministero  dell interno")
        );
        assert_eq!(match_key("Agence France-Presse"), "agence france presse");
        assert_eq!(match_key("Ça Va"), match_key("ca va"));
        assert_eq!(match_key("Хабар"), match_key("Khabar"));
        assert_ne!(match_key("Reuters"), match_key("Reuter"));
    }

    fn new(name: &str) -> NewSource {
        NewSource {
            name: name.into(),
            kind: SourceKind::Official,
            affiliation: Some(" Government of Kazakhstan ".into()),
            country: Some("kz".into()),
            language: Some("ru".into()),
            homepage: Some("https://gov.example/".into()),
            notes: None,
        }
    }

    #[test]
    fn a_source_is_validated_and_normalized() {
        let d = new("  Ministero dell'Interno ").validate().unwrap();
        assert_eq!(d.name(), "Ministero dell'Interno");
        assert_eq!(d.match_key(), "ministero dell interno");
        assert_eq!(d.affiliation(), "Government of Kazakhstan");
        assert_eq!(d.country(), Some("KZ"));
        assert_eq!(d.homepage(), Some("https://gov.example/"));
        let mut bad = new("X");
        bad.homepage = Some("javascript:alert(1)".into());
        assert_eq!(bad.validate().unwrap_err().field, "homepage");
        let mut bad = new("X");
        bad.country = Some("Kazakhstan".into());
        assert_eq!(bad.validate().unwrap_err().field, "country");
        assert_eq!(new(" -- ").validate().unwrap_err().field, "name");
        let mut none = new("X");
        none.homepage = Some(" ".into());
        none.country = Some(String::new());
        let d = none.validate().unwrap();
        assert_eq!((d.homepage(), d.country()), (None, None));
    }

    #[test]
    fn kinds_round_trip() {
        for k in SourceKind::ALL {
            assert_eq!(SourceKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(SourceKind::parse("blog"), None);
    }
}
