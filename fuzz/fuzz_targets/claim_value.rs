//! Claim values: counts read as people write them, and any JSON value against any indicator.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::claim_value(data)));
