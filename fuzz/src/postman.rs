//! The Postman importer: any collection converts or fails with diagnostics, never a panic.

use ccforge::import::{self, ImportOptions};
use ccforge::source;

pub fn run(data: &[u8]) {
    let Ok(mut src) = source::load_bytes("collection.json", data) else {
        return;
    };
    // Only what detection calls a collection: the others are the other targets' business.
    if !ccforge::detect::detect(&src.value, &src.name).is_ok_and(|f| f.is_postman()) {
        // A bare collection body under `info.schema` is what the fuzzer rarely writes itself.
        let Some(obj) = src.value.as_object_mut() else {
            return;
        };
        obj.insert(
            "info".into(),
            serde_json::json!({"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}),
        );
    }
    import_and_check(&mut src);
}

fn import_and_check(src: &mut source::Source) {
    match import::import(src, &ImportOptions::default()) {
        Ok(imported) => {
            let text = ccforge::emit::to_json(&imported.doc);
            assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
            let mut diags = imported.diagnostics;
            src.resolve(&mut diags);
            super::check_diagnostics(src, &diags);
        }
        Err(mut diags) => {
            assert!(!diags.is_empty(), "a failed import says why");
            src.resolve(&mut diags);
            super::check_diagnostics(src, &diags);
        }
    }
}
