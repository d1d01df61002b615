//! Any bytes as a case file: loading and validating never panic, hang or grow without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = iro::validate::check_one_file(data, iro::validate::FileKind::Case);
});
