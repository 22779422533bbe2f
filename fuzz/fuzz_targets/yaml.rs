//! The YAML reader: any text parses or fails; what parses is placed inside the text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::yaml::run(data));
