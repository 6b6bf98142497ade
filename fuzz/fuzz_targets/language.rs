//! BCP 47 language tags: an accepted tag is normalized, short and case-insensitive.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::language(data)));
