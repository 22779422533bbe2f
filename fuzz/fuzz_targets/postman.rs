//! The Postman importer: any collection converts or fails with diagnostics, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::postman::run(data));
