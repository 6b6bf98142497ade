//! Translator's notes: rendered translations stay inert and notes cannot be forged.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::notes(data)));
