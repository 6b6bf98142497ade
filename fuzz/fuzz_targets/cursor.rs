//! Page cursors: any text is decoded or refused on `after`, and cursors round-trip.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::cursor(data)));
