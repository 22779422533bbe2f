use std::collections::HashSet;

use serde_json::{Map, Value};

use super::shared::{Ptr, definition, each_root_schema};
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
    let mut report = |at: &Ptr, name: &str| {
        out.emit(
            cx.src,
            at.key("properties").key(name).key("readOnly").to_string(),
            format!("property `{name}` is read-only and required in a request body"),
        );
    };
    let definitions = Ptr::Root;
    let definitions = definitions.key("definitions");
    each_root_schema(cx, &mut |schema, at, request| {
        if request {
            walk_map(cx.doc, schema.value, at, &definitions, &mut seen, &mut report);
        }
    });
}

fn walk<'a>(
    doc: &'a Value,
    schema: &'a Value,
    at: &Ptr,
    definitions: &Ptr,
    seen: &mut HashSet<&'a str>,
    report: &mut dyn FnMut(&Ptr, &str),
) {
    if let Some(map) = schema.as_object() {
        walk_map(doc, map, at, definitions, seen, report);
    }
}

fn walk_map<'a>(
    doc: &'a Value,
    map: &'a Map<String, Value>,
    at: &Ptr,
    definitions: &Ptr,
    seen: &mut HashSet<&'a str>,
    report: &mut dyn FnMut(&Ptr, &str),
) {
    if let Some((name, target)) = definition(doc, map) {
        if seen.insert(name) {
            walk(doc, target, &definitions.key(name), definitions, seen, report);
        }
        return;
    }
    required_read_only(map, at, report);
    if let Some(props) = map.get("properties").and_then(Value::as_object) {
        let p_at = at.key("properties");
        for (name, p) in props {
            walk(doc, p, &p_at.key(name), definitions, seen, report);
        }
    }
    for (key, sub) in map {
        match key.as_str() {
            "items" | "additionalProperties" | "not" => {
                walk(doc, sub, &at.key(key), definitions, seen, report)
            }
            "allOf" | "anyOf" | "oneOf" => {
                let l_at = at.key(key);
                for (i, s) in sub.as_array().into_iter().flatten().enumerate() {
                    walk(doc, s, &l_at.index(i), definitions, seen, report);
                }
            }
            _ => {}
        }
    }
}

fn required_read_only(map: &Map<String, Value>, at: &Ptr, report: &mut dyn FnMut(&Ptr, &str)) {
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
