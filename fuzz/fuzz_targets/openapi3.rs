//! The OpenAPI 3 importer: any definition converts or fails with diagnostics, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ccforge_fuzz::openapi3::run(data));
