//! What a search that names a place stands for, for the search page and the API alike: a
//! gazetteer city by any of its names, in any script, and the editors' own places of that name.

use crate::domain::search::{MAX_SPELLINGS, SearchQuery};
use crate::gazetteer::{self, fold};
use crate::store::{StoreReads, StoreResult};

/// `search` with the places the whole of `typed` names: their reports are found, and texts
/// that spell the city otherwise ("Алматы" for "Almaty", "Astana" for "Nur-Sultan").
pub async fn naming_places(
    store: &dyn StoreReads,
    search: SearchQuery,
    typed: &str,
) -> StoreResult<SearchQuery> {
    let key = fold(typed);
    if key.is_empty() {
        return Ok(search);
    }
    let (mut ids, mut spellings) = (Vec::new(), Vec::new());
    if let Some(city) = gazetteer::naming(typed) {
        ids.push(city.id);
        spellings = city.spellings;
    }
    let custom = store
        .search_custom_places(typed, MAX_SPELLINGS as u32)
        .await?;
    ids.extend(
        custom
            .into_iter()
            .filter(|p| fold(&p.name) == key)
            .map(|p| p.id),
    );
    if ids.is_empty() {
        return Ok(search);
    }
    Ok(search.naming(ids, &spellings))
}
