//! Format detection: any document is one format or an unknown with a pointer into it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::detect::run(data));
