use std::collections::HashSet;

use serde_json::{Map, Value};

use super::shared::{definition, each_root_schema};
use crate::diagnostic::escape_token;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A request body requires a property that is read-only.
    ///
    /// ## What
    /// A schema used in a body parameter (directly or through `$ref`s) lists a property in
    /// `required` that is marked `readOnly: true`.
    ///
    /// ## Why
    /// A read-only property is one the server sets and the client never sends, so it cannot also
    /// be a required input; Microsoft's validator rejects the pair
    /// (`RequiredReadOnlyPropertyNotAllowedAsInput`). It happens when one definition serves both
    /// as the response (where `id` is required) and as the request body.
    ///
    /// ## Example
    /// ```json
    /// "Item": {"type": "object", "required": ["id"],
    ///          "properties": {"id": {"type": "string", "readOnly": true}}}
    /// ```
    /// with `{"in": "body", "name": "item", "schema": {"$ref": "#/definitions/Item"}}`.
    ///
    /// ## Fix
    /// Give the request its own definition without the read-only property, or drop the property
    /// from `required`.
    pub static RULE = Definition(check) {
        code: "CCF149",
        name: "required-read-only-input",
        severity: Error,
        microsoft: ["RequiredReadOnlyPropertyNotAllowedAsInput"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut report = |at: &str, name: &str| {
        out.emit(
            cx.src,
            format!("{at}/properties/{}/readOnly", escape_token(name)),
            format!("property `{name}` is read-only and required in a request body"),
        );
    };
    each_root_schema(cx.doc, &mut |schema, at, request| {
        if request {
            walk(cx.doc, schema, at.to_string(), &mut seen, &mut report);
        }
    });
}

/// Reports the read-only required properties of `schema` and of every schema below it, each
/// definition once. The walk keeps its own stack: a chain of definitions, each a property of the
/// one before, is as deep as the file is long.
fn walk<'a>(
    doc: &'a Value,
    schema: &'a Value,
    at: String,
    seen: &mut HashSet<&'a str>,
    report: &mut dyn FnMut(&str, &str),
) {
    let mut todo: Vec<(&'a Value, String)> = vec![(schema, at)];
    while let Some((schema, at)) = todo.pop() {
        let Some(map) = schema.as_object() else {
            continue;
        };
        if let Some((name, target)) = definition(doc, map) {
            if seen.insert(name) {
                todo.push((target, format!("/definitions/{}", escape_token(name))));
            }
            continue;
        }
        required_read_only(map, &at, report);
        let mut below: Vec<(&'a Value, String)> = Vec::new();
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                below.push((p, format!("{at}/properties/{}", escape_token(name))));
            }
        }
        for (key, sub) in map {
            match key.as_str() {
                "items" | "additionalProperties" | "not" => below.push((sub, format!("{at}/{key}"))),
                "allOf" | "anyOf" | "oneOf" => {
                    for (i, s) in sub.as_array().into_iter().flatten().enumerate() {
                        below.push((s, format!("{at}/{key}/{i}")));
                    }
                }
                _ => {}
            }
        }
        todo.extend(below.into_iter().rev());
    }
}

fn required_read_only(map: &Map<String, Value>, at: &str, report: &mut dyn FnMut(&str, &str)) {
    let (Some(required), Some(props)) = (
        map.get("required").and_then(Value::as_array),
        map.get("properties").and_then(Value::as_object),
    ) else {
        return;
    };
    for name in required.iter().filter_map(Value::as_str) {
        if props
            .get(name)
            .and_then(|p| p.get("readOnly"))
            .and_then(Value::as_bool)
            == Some(true)
        {
            report(at, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_required_read_only_body_property_is_reported_once() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/a": {"post": {"parameters": [{"in": "body", "name": "b", "schema": {"$ref": "#/definitions/Item"}}]},
                       "put": {"parameters": [{"in": "body", "name": "b", "schema": {"type": "array",
                           "items": {"$ref": "#/definitions/Item"}}}]}}},
                "definitions": {"Item": {"type": "object", "required": ["id"],
                    "properties": {"id": {"type": "string", "readOnly": true}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF149",
                "/definitions/Item/properties/id/readOnly",
                "property `id` is read-only and required in a request body"
            )]
        );
    }

    #[test]
    fn a_response_only_schema_passes() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
                "schema": {"$ref": "#/definitions/Item"}}}}}},
                "definitions": {"Item": {"type": "object", "required": ["id"],
                    "properties": {"id": {"type": "string", "readOnly": true}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
