//! Markdown → safe HTML: no input yields a script, an event handler or a dangerous link.
#![no_main]

use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::markup(data)));
