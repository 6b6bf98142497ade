//! Fuzz targets for Cronaca's hostile-input parsers; the properties live in `checks`.

pub mod checks;

/// Aborts the fuzz run with the broken property's explanation.
pub fn hold(checked: checks::Checked) {
    if let Err(why) = checked {
        panic!("{why}");
    }
}
