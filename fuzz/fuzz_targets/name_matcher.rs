#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| caselint_fuzz::name_matcher(data));
