//! A file found in the shared sync folder, with the fixed fuzzing key: any bytes, no panic.
//! Random bytes almost never verify, so the same bytes are also decoded as the payload of a
//! file that did (what a teammate's damaged or hostile Flocon could seal with the team key).
#![no_main]

use flocon_core::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fuzzing::sync_file(data);
    let _ = fuzzing::sync_payload(fuzzing::segment_header(), data);
});
