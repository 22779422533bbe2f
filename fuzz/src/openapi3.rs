//! The OpenAPI 3 importer: any definition converts or fails with diagnostics, never a panic.

use ccforge::import::{self, ImportOptions};
use ccforge::source;

pub fn run(data: &[u8]) {
    if super::names_special_files(data) {
        return;
    }
    let Ok(mut src) = source::load_bytes("openapi.yaml", data) else {
        return;
    };
    if !ccforge::detect::detect(&src.value, &src.name).is_ok_and(|f| f.is_openapi3()) {
        let Some(obj) = src.value.as_object_mut() else {
            return;
        };
        if obj.contains_key("swagger") || obj.contains_key("collection") {
            return;
        }
        obj.insert("openapi".into(), "3.0.3".into());
    }
    match import::import(&mut src, &ImportOptions::default()) {
        Ok(imported) => {
            let text = ccforge::emit::to_json(&imported.doc);
            assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
            let mut diags = imported.diagnostics;
            src.resolve(&mut diags);
            super::check_diagnostics(&src, &diags);
        }
        Err(mut diags) => {
            assert!(!diags.is_empty(), "a failed import says why");
            src.resolve(&mut diags);
            super::check_diagnostics(&src, &diags);
        }
    }
}
