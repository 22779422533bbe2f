use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::lint::{Definition, Emitter};
use crate::swagger::Operation;

crate::declare_rule! {
    /// A dynamic extension calls an operation without a parameter that operation requires.
    ///
    /// ## What
    /// An `x-ms-dynamic-values`, `x-ms-dynamic-schema`, `x-ms-dynamic-list` or
    /// `x-ms-dynamic-properties` extension (on a parameter or in a schema) names an `operationId`,
    /// and that operation has a required parameter, outside the body and without a `default`,
    /// that the extension's `parameters` does not supply.
    ///
    /// ## Why
    /// The designer calls the named operation to fill a dropdown or a schema; without a required
    /// input the call cannot be made, and Microsoft's validator reports
    /// `OperationMissingRequiredProperty` ("the target operation requires parameter ..."). The
    /// rule reads the name conservatively: body parameters (whose properties may be supplied one
    /// by one) and parameters with a default (which the platform fills) are not required of the
    /// caller, and `x-ms-dynamic-tree` is not checked. None of the over 5,000 dynamic calls in
    /// the accepted connectors misses such a parameter.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": {"operationId": "ListChannels", "value-path": "id"}
    /// ```
    /// where `ListChannels` has a required `teamId` path parameter.
    ///
    /// ## Fix
    /// Supply the parameter: `"parameters": {"teamId": {"parameter": "teamId"}}` (from another
    /// input) or `{"teamId": "fixed value"}`.
    pub static RULE = Definition(check) {
        code: "CCF233",
        name: "dynamic-required-parameter",
        severity: Error,
        microsoft: ["OperationMissingRequiredProperty"],
    }
}

const EXTENSIONS: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
];

fn check(cx: &Definition, out: &mut Emitter) {
    // Most definitions have no dynamic extension at all: a scan of the text spares the walk.
    if !cx.src.mentions("x-ms-dynamic-") {
        return;
    }
    let mut targets: Option<HashMap<&str, &Operation>> = None;
    let mut visit = |holder: &Map<String, Value>, at: &dyn Fn(&str) -> String| {
        // One pass over the keys: a lookup per extension would hash each name.
        for (ext, call) in holder {
            let Some(ext) = EXTENSIONS.iter().find(|e| **e == ext.as_str()) else {
                continue;
            };
            let Some(call) = call.as_object() else {
                continue;
            };
            let Some(id) = call.field("operationId").and_then(Value::as_str) else {
                continue;
            };
            let targets = targets.get_or_insert_with(|| {
                cx.operations
                    .iter()
                    .filter_map(|op| op.operation_id().map(|id| (id, op)))
                    .collect()
            });
            let Some(target) = targets.get(id) else { continue };
            let given = call.field("parameters").and_then(Value::as_object);
            for p in &target.params {
                let required = p.value.field("required").and_then(Value::as_bool) == Some(true);
                if !required || p.location() == Some("body") || p.value.has("default") {
                    continue;
                }
                let Some(name) = p.name() else { continue };
                if given.is_some_and(|g| g.contains_key(name)) {
                    continue;
                }
                let pointer = if given.is_some() {
                    format!("{}/parameters", at(ext))
                } else {
                    at(ext)
                };
                out.emit(
                    cx.src,
                    pointer,
                    format!("`{ext}` calls `{id}`, which requires parameter `{name}`, but does not supply it"),
                )
                .set_help(format!(
                    "add `\"{name}\": {{\"parameter\": \"...\"}}` (or a fixed value) to the extension's `parameters`"
                ));
            }
        }
    };

    // Parameters: shared, on path items, on operations (references are visited where defined).
    if let Some(shared) = cx.doc.field("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            if let Some(p) = p.as_object() {
                visit(p, &|ext| crate::diagnostic::pointer(["parameters", key, ext]));
            }
        }
    }
    if let Some(paths) = cx.doc.field("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else { continue };
            for (member, value) in item {
                let list = if member == "parameters" {
                    value.as_array()
                } else if crate::swagger::METHODS.contains(&member.as_str()) {
                    value.field("parameters").and_then(Value::as_array)
                } else {
                    None
                };
                for (i, p) in list.into_iter().flatten().enumerate() {
                    let Some(p) = p.as_object() else { continue };
                    visit(p, &|ext| {
                        let index = i.to_string();
                        if member == "parameters" {
                            crate::diagnostic::pointer(["paths", path, "parameters", &index, ext])
                        } else {
                            crate::diagnostic::pointer([
                                "paths", path, member, "parameters", &index, ext,
                            ])
                        }
                    });
                }
            }
        }
    }
    // Schemas: definitions, body parameters, responses.
    let index = cx.index();
    for s in &index.schemas {
        if s.value.keys().any(|k| k.starts_with("x-ms-dynamic-")) {
            visit(s.value, &|ext| index.pointer_to(s.id, ext));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    const TARGET: &str = r#""/teams/{teamId}/channels": {"get": {"operationId": "ListChannels",
        "parameters": [
            {"name": "teamId", "in": "path", "required": true, "type": "string"},
            {"name": "top", "in": "query", "required": true, "type": "integer", "default": 10},
            {"name": "filter", "in": "query", "type": "string"}
        ]}}"#;

    #[test]
    fn a_missing_required_parameter_is_reported() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{{TARGET},
                "/post": {{"post": {{"operationId": "Post", "parameters": [
                    {{"name": "channel", "in": "query", "type": "string",
                      "x-ms-dynamic-values": {{"operationId": "ListChannels", "value-path": "id"}}}},
                    {{"name": "body", "in": "body", "schema": {{"type": "object", "properties": {{
                      "c": {{"type": "string", "x-ms-dynamic-values": {{"operationId": "ListChannels",
                        "parameters": {{"filter": "x"}}}}}}}}}}}}
                ]}}}}}}}}"#
            ),
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF233",
                    "/paths/~1post/post/parameters/0/x-ms-dynamic-values",
                    "`x-ms-dynamic-values` calls `ListChannels`, which requires parameter `teamId`, but does not supply it"
                ),
                (
                    "CCF233",
                    "/paths/~1post/post/parameters/1/schema/properties/c/x-ms-dynamic-values/parameters",
                    "`x-ms-dynamic-values` calls `ListChannels`, which requires parameter `teamId`, but does not supply it"
                ),
            ]
        );
    }

    #[test]
    fn supplied_parameters_pass() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{{TARGET},
                "/post": {{"post": {{"operationId": "Post", "parameters": [
                    {{"name": "team", "in": "query", "type": "string"}},
                    {{"name": "channel", "in": "query", "type": "string",
                      "x-ms-dynamic-values": {{"operationId": "ListChannels",
                        "parameters": {{"teamId": {{"parameter": "team"}}}}}}}},
                    {{"name": "other", "in": "query", "type": "string",
                      "x-ms-dynamic-values": {{"operationId": "Unknown"}}}}
                ]}}}}}}}}"#
            ),
        );
        assert!(found.is_empty());
    }
}
