//! The lenient JSON reader: any text parses or fails with an error inside the text; what parses
//! is placed inside the text; valid JSON reads back the same after serializing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::json::run(data));
