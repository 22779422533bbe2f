//! Lint of one definition, as `convert` and `fix` lint what they wrote: every rule runs on any
//! document and every finding is placed inside its text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::lint::run(data));
