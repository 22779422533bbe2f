use serde_json::Value;
use std::collections::HashSet;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter is named `connectionId`, which the platform reserves.
    ///
    /// ## What
    /// A parameter is named `connectionId`.
    ///
    /// ## Why
    /// The platform adds its own `connectionId` to every call and rejects definitions that declare
    /// one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "connectionId", "in": "path", ...}
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter.
    pub static RULE = Definition(check) {
        code: "CCF307",
        name: "connection-id-parameter",
        severity: Error,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut seen = HashSet::new();
    for op in cx.operations {
        for p in op.params.iter() {
            if p.name() == Some("connectionId") && seen.insert(p.pointer()) {
                out.emit(
                    cx.src,
                    p.member_pointer("name"),
                    "a parameter may not be named `connectionId`; the platform reserves it",
                );
            }
        }
    }
    // Shared parameters nobody references are still part of the definition.
    if let Some(shared) = cx.doc.get("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            let ptr = pointer(["parameters", key]);
            if p.get("name").and_then(Value::as_str) == Some("connectionId")
                && seen.insert(ptr.clone())
            {
                out.emit(
                    cx.src,
                    format!("{ptr}/name"),
                    "a parameter may not be named `connectionId`; the platform reserves it",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn used_and_unused_shared_parameters_are_reported_once() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/conn"}]}}},
                "parameters": {
                    "conn": {"name": "connectionId", "in": "query", "type": "string"},
                    "spare": {"name": "connectionId", "in": "header", "type": "string"}
                }}"##,
        );
        let message = "a parameter may not be named `connectionId`; the platform reserves it";
        assert_eq!(
            findings(&found),
            [
                ("CCF307", "/parameters/conn/name", message),
                ("CCF307", "/parameters/spare/name", message),
            ]
        );
    }

    #[test]
    fn other_names_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "connection", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
