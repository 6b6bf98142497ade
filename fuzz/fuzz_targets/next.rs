//! `next=` after login and forms: only a path on this site is ever redirected to.
#![no_main]

use cronaca::domain::redirect::local_path;
use cronaca_fuzz::{checks::entry, hold};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| hold(entry::next(data, local_path)));
