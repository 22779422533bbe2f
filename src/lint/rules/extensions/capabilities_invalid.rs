use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-capabilities` does not have the shape the platform reads.
    ///
    /// ## What
    /// On the root, `x-ms-capabilities` is an object with `testConnection` and `file-picker` only.
    /// `testConnection` is an object with a string `operationId` and, optionally, `parameters`
    /// of fixed values (not `{"parameter": ...}` references: there is no operation to take them
    /// from). `file-picker` is an object whose `open` (required) and `browse` (optional) are
    /// objects with a string `operationId`. On an operation, `x-ms-capabilities` is an object
    /// with only `chunkTransfer`, a boolean.
    ///
    /// ## Why
    /// These are the capabilities Microsoft's schema describes; anything else is ignored, so a
    /// connection is never tested or a file picker shows nothing. The `value-*` keys of
    /// `file-picker` are not checked (accepted connectors also use `value-path`), and
    /// `testConnection` is accepted in a custom connector (one accepted custom connector has
    /// it), although the catalogue says only certified connectors may use it.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-capabilities": {"testConnection": {"operation": "GetMe"}}
    /// ```
    ///
    /// ## Fix
    /// Name the operation in `operationId`: `{"testConnection": {"operationId": "GetMe"}}`.
    pub static RULE = Definition(check) {
        code: "CCF285",
        name: "capabilities-invalid",
        severity: Error,
        microsoft: ["S: x-ms-capabilities shape; testConnection unsupported for custom"],
    }
}

const KEY: &str = "x-ms-capabilities";

fn check(cx: &Definition, out: &mut Emitter) {
    // Lookups in the root and each operation: cheaper than searching the text.
    if let Some(caps) = cx.doc.field(KEY) {
        root(cx, out, caps);
    }
    for op in cx.operations {
        let Some(caps) = op.op.field(KEY) else {
            continue;
        };
        let at = op.pointer_to(KEY);
        let Some(caps) = caps.as_object() else {
            out.emit(cx.src, at, "an operation's `x-ms-capabilities` must be an object such as `{\"chunkTransfer\": true}`");
            continue;
        };
        for (key, value) in caps {
            if key != "chunkTransfer" {
                out.emit(cx.src, format!("{at}/{}", crate::diagnostic::escape_token(key)), format!("`{key}` is not a capability of an operation; the only one is `chunkTransfer`"));
            } else if !value.is_boolean() {
                out.emit(cx.src, format!("{at}/chunkTransfer"), format!("`chunkTransfer` is `{value}`; it must be `true` or `false`"));
            }
        }
    }
}

fn root(cx: &Definition, out: &mut Emitter, caps: &Value) {
    let at = format!("/{KEY}");
    let Some(caps) = caps.as_object() else {
        out.emit(cx.src, at, "`x-ms-capabilities` must be an object with `testConnection` or `file-picker`");
        return;
    };
    for (key, value) in caps {
        let here = format!("{at}/{}", crate::diagnostic::escape_token(key));
        match key.as_str() {
            "testConnection" => {
                let Some(call) = called(cx, out, &here, key, value) else {
                    continue;
                };
                if let Some(params) = call.field("parameters") {
                    let Some(params) = params.as_object() else {
                        out.emit(cx.src, format!("{here}/parameters"), "`parameters` must be an object of fixed values");
                        continue;
                    };
                    for (name, v) in params {
                        if v.field("parameter").is_some() {
                            out.emit(cx.src, format!("{here}/parameters/{}", crate::diagnostic::escape_token(name)), format!("`testConnection` passes `{name}` from a parameter, but a connection test has no operation to take it from"))
                                .set_help("pass a fixed value");
                        }
                    }
                }
            }
            "file-picker" => {
                let Some(picker) = value.as_object() else {
                    out.emit(cx.src, here, "`file-picker` must be an object with `open` and `browse` calls");
                    continue;
                };
                if !picker.has("open") {
                    out.emit(cx.src, here.clone(), "`file-picker` has no `open` call")
                        .set_help("add `\"open\": {\"operationId\": \"...\"}`: the operation that lists the first level");
                }
                for call in ["open", "browse"] {
                    if let Some(v) = picker.get(call) {
                        called(cx, out, &format!("{here}/{call}"), call, v);
                    }
                }
            }
            _ => {
                out.emit(cx.src, here, format!("`{key}` is not a capability of a connector; allowed: testConnection, file-picker"));
            }
        }
    }
}

/// The call object at `at`, reported when it is not an object with a string `operationId`.
fn called<'a>(cx: &Definition, out: &mut Emitter, at: &str, what: &str, value: &'a Value) -> Option<&'a Map<String, Value>> {
    let Some(call) = value.as_object() else {
        out.emit(cx.src, at, format!("`{what}` must be an object with an `operationId`"));
        return None;
    };
    match call.field("operationId") {
        Some(Value::String(s)) if !s.is_empty() => {}
        Some(other) => {
            out.emit(cx.src, format!("{at}/operationId"), format!("`operationId` is `{other}`; it must be a non-empty string"));
        }
        None => {
            out.emit(cx.src, at, format!("`{what}` has no `operationId`"))
                .set_help("name the operation to call");
        }
    }
    Some(call)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn misshapen_capabilities_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "x-ms-capabilities": {"testConnection": {"operation": "A",
                    "parameters": {"id": {"parameter": "id"}}},
                "file-picker": {"browse": {"operationId": 3}}, "chunkTransfer": true},
                "paths": {"/a": {"get": {"operationId": "A", "x-ms-capabilities": {"chunkTransfer": "yes"},
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF285", "/x-ms-capabilities/testConnection", "`testConnection` has no `operationId`"),
                ("CCF285", "/x-ms-capabilities/testConnection/parameters/id", "`testConnection` passes `id` from a parameter, but a connection test has no operation to take it from"),
                ("CCF285", "/x-ms-capabilities/file-picker", "`file-picker` has no `open` call"),
                ("CCF285", "/x-ms-capabilities/file-picker/browse/operationId", "`operationId` is `3`; it must be a non-empty string"),
                ("CCF285", "/x-ms-capabilities/chunkTransfer", "`chunkTransfer` is not a capability of a connector; allowed: testConnection, file-picker"),
                ("CCF285", "/paths/~1a/get/x-ms-capabilities/chunkTransfer", "`chunkTransfer` is `\"yes\"`; it must be `true` or `false`"),
            ]
        );
    }

    #[test]
    fn documented_capabilities_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "x-ms-capabilities": {"testConnection": {"operationId": "A", "parameters": {}},
                "file-picker": {"open": {"operationId": "A"}, "browse": {"operationId": "A",
                    "parameters": {"path": {"value-property": "path"}}}, "value-title": "name", "value-path": "path"}},
                "paths": {"/a": {"get": {"operationId": "A", "x-ms-capabilities": {"chunkTransfer": true},
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
