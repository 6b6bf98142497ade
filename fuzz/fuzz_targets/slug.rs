//! Slugs: any title gives a valid, stable slug, with any suffix.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::slug(data)));
