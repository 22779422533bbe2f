//! Diff of two documents (the input split at its first NUL byte; without one, the document
//! against itself, which must show no change): any pair compares, and every change is placed
//! inside its side's text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::diff::run(data));
