//! A city's name for readers of one language, and the names a search for a city stands for.
//!
//! The gazetteer's alternate names carry no language, only their letters. A Russian reader
//! gets the city's name in Russian Cyrillic: among the alternate names written only in letters
//! of the Russian alphabet (Ukrainian, Belarusian, Kazakh or Serbian names use letters it has
//! not), best the one that spells the main name ("Алматы" for Almaty), then one without a
//! Bulgarian hard sign, then one with letters only Russian has, then one with letters Serbian
//! lacks, then the closest to the main name. Readers of languages in Latin script keep the
//! main name: nothing tells an Italian exonym from another language's.

use super::{city, names};

/// The name of the gazetteer city `id` (`gn:<id>`) in the script of `language` (a BCP 47
/// tag), when it differs from the main name and the gazetteer has one.
pub fn name_in(id: &str, language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    if !primary.eq_ignore_ascii_case("ru") {
        return None;
    }
    let city = city(id)?;
    let main_key = names::key(city.name);
    city.alternates()
        .enumerate()
        .filter(|(_, name)| is_russian(name))
        .map(|(ordinal, name)| {
            let key = names::key(name);
            let lower = name.to_lowercase();
            let rank = (
                key == main_key,
                !bulgarian_hard_sign(&lower),
                lower.chars().any(|c| RUSSIAN_MARKS.contains(c)),
                lower.chars().any(|c| NOT_SERBIAN.contains(c)),
                std::cmp::Reverse(strsim::levenshtein(
                    &String::from_utf8_lossy(&key),
                    &String::from_utf8_lossy(&main_key),
                )),
                std::cmp::Reverse(ordinal),
            );
            (rank, name)
        })
        .max()
        .map(|(_, name)| name)
}

/// The other name of the gazetteer city `id` that `text` calls it by, as the text writes it,
/// when it uses one (a former name: "Nur-Sultan" for Astana): a capitalized run of whole words
/// spelling an alternate name of four letters or more that is not a spelling of the main name.
pub fn alias_in<'t>(id: &str, text: &'t str) -> Option<&'t str> {
    let city = city(id)?;
    // Each word's key, whether it is capitalized, and where it is.
    let mut words: Vec<(Vec<u8>, bool, usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let word = &text[from..at];
                let capital = word.chars().next().is_some_and(char::is_uppercase);
                words.push((names::key(word), capital, from, at));
                start = None;
            }
            _ => {}
        }
    }
    let main_key = names::key(city.name);
    city.alternates()
        .filter(|name| names::key(name) != main_key)
        .filter_map(|name| {
            let parts: Vec<Vec<u8>> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(names::key)
                .collect();
            let letters: usize = parts.iter().map(Vec::len).sum();
            if parts.is_empty() || letters < 4 {
                return None;
            }
            let run = words.windows(parts.len()).find(|run| {
                run.first().is_some_and(|w| w.1) && run.iter().zip(&parts).all(|(w, p)| &w.0 == p)
            })?;
            let (from, to) = (run.first()?.2, run.last()?.3);
            Some((letters, text.get(from..to)?))
        })
        .max_by_key(|&(letters, _)| letters)
        .map(|(_, used)| used)
}

/// A city a whole search query names (by its main or any alternate name, in any script): its
/// id and the spellings a text may use for it — the main name, its spellings in other
/// scripts, and the name typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    pub id: String,
    pub spellings: Vec<String>,
}

/// The most populous city whose name the whole of `query` is.
pub fn naming(query: &str) -> Option<Naming> {
    let key = names::key(query.trim());
    if key.is_empty() {
        return None;
    }
    let place = super::lookup(query, 1).into_iter().next()?;
    let matched = place.matched.as_deref().unwrap_or(&place.name);
    if names::key(matched) != key && names::key(&place.name) != key {
        return None;
    }
    let city = city(&place.id)?;
    let main_key = names::key(city.name);
    let mut spellings = vec![city.name.to_owned()];
    for name in city.alternates().filter(|n| names::key(n) == main_key) {
        push_once(&mut spellings, name);
    }
    push_once(&mut spellings, query.trim());
    Some(Naming {
        id: place.id,
        spellings,
    })
}

fn push_once(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
    }
}

/// Letters of the Russian alphabet no Latin-script name has.
const RUSSIAN: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
/// Letters only Russian (of the alphabets whose other letters it shares) uses.
const RUSSIAN_MARKS: &str = "ёыэ";
/// Letters Russian has and Serbian and Macedonian Cyrillic have not.
const NOT_SERBIAN: &str = "йщьюя";

/// A hard sign used as a vowel ("Москъва"), as Bulgarian does; in Russian it comes only
/// before е, ё, ю or я.
fn bulgarian_hard_sign(lower: &str) -> bool {
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ъ' && !chars.peek().is_some_and(|n| "еёюя".contains(*n)) {
            return true;
        }
    }
    false
}

fn is_russian(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        if c.is_alphabetic() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            if !RUSSIAN.contains(lower) {
                return false;
            }
            letters += 1;
        } else if !matches!(c, ' ' | '-' | '\'' | '’' | '.') {
            return false;
        }
    }
    letters > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn russian(name: &str) -> Option<&'static str> {
        let place = super::super::lookup(name, 1).into_iter().next()?;
        name_in(&place.id, "ru")
    }

    #[test]
    fn russian_readers_get_russian_names() {
        assert_eq!(russian("Almaty"), Some("Алматы"));
        assert_eq!(russian("Astana"), Some("Астана"));
        assert_eq!(russian("Pavlodar"), Some("Павлодар"));
        assert_eq!(russian("Munich"), Some("Мюнхен"));
        assert_eq!(russian("Milan"), Some("Милан"));
        assert_eq!(russian("Moscow"), Some("Москва"));
        assert_eq!(name_in("gn:1526384", "ru-RU"), Some("Алматы"));
    }

    #[test]
    fn readers_in_latin_script_keep_the_main_name() {
        assert_eq!(name_in("gn:1526384", "en"), None);
        assert_eq!(name_in("gn:1526384", "it"), None);
        assert_eq!(name_in("gn:0", "ru"), None);
        assert_eq!(name_in("a custom place", "ru"), None);
    }

    #[test]
    fn names_of_other_cyrillic_alphabets_are_not_russian() {
        assert!(is_russian("Алма-Ата"));
        assert!(!is_russian("Нұр-Сұлтан"), "Kazakh");
        assert!(!is_russian("Вірний"), "Ukrainian");
        assert!(!is_russian("Шангај"), "Serbian");
        assert!(!is_russian("Almaty"));
        assert!(!is_russian("-"));
    }

    #[test]
    fn a_former_name_the_text_uses_is_its_alias() {
        let astana = "gn:1526273";
        assert_eq!(
            alias_in(astana, "Rally in Nur-Sultan today"),
            Some("Nur-Sultan")
        );
        assert_eq!(
            alias_in(astana, "Митинг в Нур-Султане"),
            None,
            "an inflected form"
        );
        assert_eq!(alias_in(astana, "Митинг: Нур-Султан"), Some("Нур-Султан"));
        assert_eq!(alias_in(astana, "Rally in Astana"), None, "the main name");
        assert_eq!(
            alias_in(astana, "Rally in Астана"),
            None,
            "its spelling in Cyrillic"
        );
        assert_eq!(
            alias_in(astana, "the nur-sultan rally"),
            None,
            "not as a name"
        );
        assert_eq!(
            alias_in("gn:1526384", "Protest in Alma-Ata"),
            Some("Alma-Ata")
        );
        assert_eq!(alias_in("gn:0", "Nur-Sultan"), None);
    }

    #[test]
    fn a_query_naming_a_city_stands_for_its_spellings() {
        let astana = naming("Nur-Sultan").expect("Nur-Sultan is Astana");
        assert_eq!(astana.id, "gn:1526273");
        assert!(astana.spellings.contains(&"Astana".to_owned()));
        assert!(astana.spellings.contains(&"Астана".to_owned()));
        assert!(astana.spellings.contains(&"Nur-Sultan".to_owned()));
        let almaty = naming(" Алматы ").expect("Алматы");
        assert_eq!(almaty.id, "gn:1526384");
        assert_eq!(almaty.spellings.first().map(String::as_str), Some("Almaty"));
        assert!(almaty.spellings.contains(&"Алматы".to_owned()));
    }

    #[test]
    fn a_query_that_only_begins_a_name_names_no_city() {
        assert_eq!(naming("Almaty airport"), None);
        assert_eq!(naming("zzqxv"), None);
        assert_eq!(naming(""), None);
    }
}
