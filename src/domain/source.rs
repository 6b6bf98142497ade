//! Sources: who says what. One registry shared by all threads.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Official,
    StateMedia,
    IndependentMedia,
    Agency,
    Ngo,
    SocialChannel,
    Eyewitness,
    Anonymous,
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 9] = [
        SourceKind::Official,
        SourceKind::StateMedia,
        SourceKind::IndependentMedia,
        SourceKind::Agency,
        SourceKind::Ngo,
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

    #[test]
    fn kinds_round_trip() {
        for k in SourceKind::ALL {
            assert_eq!(SourceKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(SourceKind::parse("blog"), None);
    }
}
