//! Identifiers: ULIDs, monotonic within this process so that id order is creation order even
//! for items made in the same millisecond.

use std::sync::{Mutex, PoisonError};

static GENERATOR: Mutex<Option<ulid::Generator>> = Mutex::new(None);

pub fn new_id() -> String {
    let mut guard = GENERATOR.lock().unwrap_or_else(PoisonError::into_inner);
    let generator = guard.get_or_insert_with(ulid::Generator::new);
    // Overflow needs 2^80 ids in one millisecond; a fresh random ULID is then still unique.
    generator
        .generate()
        .unwrap_or_else(|_| ulid::Ulid::new())
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_ordered_by_creation() {
        let ids: Vec<String> = (0..1000).map(|_| super::new_id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(ulid::Ulid::from_string(&ids[0]).is_ok());
    }
}
