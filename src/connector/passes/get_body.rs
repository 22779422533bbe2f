//! Turns a GET's body into query parameters, or removes it.

use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

use crate::connector::PassOut;
use crate::connector::walk::{operation_keys, operation_mut, operation_pointer, resolve_ref};

crate::declare_pass! {
    /// Pass: a GET's body becomes query parameters when it is a flat object, else it is removed.
    ///
    /// ## What
    /// A connector pass. A `body` or `formData` parameter on a GET operation is replaced by query
    /// parameters when its schema is a flat object (one query parameter per property, keeping type,
    /// format, enum, description and required), and removed otherwise, with a warning.
    ///
    /// ## Why
    /// The platform rejects a GET with a body
    /// (`BodyOrFormDataParameterInFetchOperationNotAllowed`).
    ///
    /// ## Example
    /// `GET /search` with body `{query: string, limit: integer}` gets query parameters `query` and
    /// `limit`.
    ///
    /// ## Fix
    /// If the API really needs a body, make the operation a POST.
    pub static GET_BODY = Pass(run) {
        code: "CCF603",
        name: "fix-get-body",
        microsoft: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
    }
}

/// Whether a schema is an object whose properties are all primitives (or arrays of them), so it
/// can become query parameters.
fn flat_properties<'a>(doc: &'a Value, schema: &'a Value) -> Option<&'a Map<String, Value>> {
    let schema = resolve_ref(doc, schema);
    let props = schema.field("properties")?.as_object()?;
    let primitive = |v: &Value| {
        matches!(
            v.field("type").and_then(Value::as_str),
            Some("string" | "integer" | "number" | "boolean")
        )
    };
    props
        .values()
        .map(|v| resolve_ref(doc, v))
        .all(|v| {
            primitive(v)
                || (v.field("type").and_then(Value::as_str) == Some("array")
                    && v.field("items")
                        .is_some_and(|i| primitive(resolve_ref(doc, i))))
        })
        .then_some(props)
}

fn query_from_property(
    doc: &Value,
    name: &str,
    schema: &Value,
    required: bool,
) -> Map<String, Value> {
    let schema = resolve_ref(doc, schema);
    let mut q = Map::new();
    q.insert("name".into(), json!(name));
    q.insert("in".into(), json!("query"));
    q.insert("required".into(), json!(required));
    for key in [
        "type",
        "format",
        "enum",
        "default",
        "description",
        "x-ms-summary",
        "x-ms-visibility",
        "minimum",
        "maximum",
        "maxLength",
        "minLength",
        "pattern",
    ] {
        if let Some(v) = schema.get(key) {
            q.insert(key.into(), v.clone());
        }
    }
    if let Some(items) = schema.field("items") {
        let items = resolve_ref(doc, items);
        let mut i = Map::new();
        for key in ["type", "format", "enum"] {
            if let Some(v) = items.get(key) {
                i.insert(key.into(), v.clone());
            }
        }
        q.insert("items".into(), Value::Object(i));
        q.insert("collectionFormat".into(), json!("csv"));
    }
    q
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        if method != "get" {
            continue;
        }
        let Some(list) = doc["paths"][&path][&method]
            .field("parameters")
            .and_then(Value::as_array)
        else {
            continue;
        };
        // Most GETs have neither: nothing to copy or look at.
        if !list.iter().any(|p| {
            matches!(
                resolve_ref(doc, p).field("in").and_then(Value::as_str),
                Some("body" | "formData")
            )
        }) {
            continue;
        }
        let op_at = operation_pointer(&path, &method);
        let mut new_list: Vec<Value> = Vec::with_capacity(list.len());
        let mut changed = false;
        let existing: HashSet<String> = list
            .iter()
            .map(|p| resolve_ref(doc, p))
            .filter(|p| p.field("in").and_then(Value::as_str) == Some("query"))
            .filter_map(|p| p.field("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        for (i, raw) in list.iter().enumerate() {
            let p = resolve_ref(doc, raw);
            let at = format!("{op_at}/parameters/{i}");
            let name = p.field("name").and_then(Value::as_str).unwrap_or("body");
            match p.field("in").and_then(Value::as_str) {
                Some("body") => {
                    changed = true;
                    let schema = p.field("schema").map(|s| resolve_ref(doc, s));
                    let dynamic = schema.and_then(|s| {
                        ["x-ms-dynamic-schema", "x-ms-dynamic-properties"]
                            .into_iter()
                            .find(|k| s.has(k))
                    });
                    let props = schema
                        .and_then(|s| flat_properties(doc, s))
                        .filter(|props| !props.is_empty() && dynamic.is_none());
                    let Some(props) = props else {
                        let why = match dynamic {
                            Some(key) => format!(
                                "its fields are loaded while the flow is designed (`{key}`), so \
                                 they cannot become query parameters"
                            ),
                            None if schema.and_then(|s| flat_properties(doc, s)).is_some() => {
                                "its schema has no properties to become query parameters".into()
                            }
                            None => "its schema is not a flat object, so it cannot become \
                                     query parameters"
                                .into(),
                        };
                        out.warn(&at, format!("a GET cannot have a body; body parameter `{name}` removed: {why}"));
                        continue;
                    };
                    let schema = schema.unwrap_or(&Value::Null);
                    let required: HashSet<&str> = schema
                        .field("required")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    let mut moved = Vec::new();
                    for (prop, s) in props {
                        if existing.contains(prop) {
                            out.warn(&at, format!("GET body property `{prop}` dropped: a query parameter of that name already exists"));
                            continue;
                        }
                        new_list.push(Value::Object(query_from_property(
                            doc,
                            prop,
                            s,
                            required.contains(prop.as_str()),
                        )));
                        moved.push(format!("`{prop}`"));
                    }
                    if !moved.is_empty() {
                        out.note(&at, format!("a GET cannot have a body; body parameter `{name}` became query parameters {}", moved.join(", ")));
                    }
                }
                Some("formData") => {
                    changed = true;
                    if p.field("type").and_then(Value::as_str) == Some("file")
                        || existing.contains(name)
                    {
                        out.warn(
                            &at,
                            format!(
                                "a GET cannot have form data; formData parameter `{name}` removed"
                            ),
                        );
                    } else {
                        let mut q = p.as_object().cloned().unwrap_or_default();
                        q.insert("in".into(), json!("query"));
                        if q.field("collectionFormat").and_then(Value::as_str) == Some("multi") {
                            q.insert("collectionFormat".into(), json!("csv"));
                        }
                        new_list.push(Value::Object(q));
                        out.note(&at, format!("a GET cannot have form data; formData parameter `{name}` became a query parameter"));
                    }
                }
                _ => new_list.push(raw.clone()),
            }
        }
        if changed {
            let op = operation_mut(doc, &path, &method).expect("listed operation");
            if new_list.is_empty() {
                op.remove("parameters");
            } else {
                op.insert("parameters".into(), Value::Array(new_list));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_body_becomes_query_parameters() {
        let found = crate::connector::passes::bad_good(
            &GET_BODY,
            json!({"paths": {"/search": {"get": {"parameters": [{
                "name": "filter",
                "in": "body",
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}}
                }
            }]}}}}),
            json!({"paths": {"/search": {"get": {"parameters": [
                {"name": "query", "in": "query", "required": true, "type": "string"},
                {"name": "limit", "in": "query", "required": false, "type": "integer"}
            ]}}}}),
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("became query parameters `query`, `limit`"), "{found:?}");
    }

    #[test]
    fn a_nested_body_is_removed() {
        let found = crate::connector::passes::bad_good(
            &GET_BODY,
            json!({"paths": {"/search": {"get": {"parameters": [{
                "name": "filter",
                "in": "body",
                "schema": {"type": "object", "properties": {"range": {"type": "object"}}}
            }]}}}}),
            json!({"paths": {"/search": {"get": {}}}}),
        );
        assert!(found[0].1.contains("removed"), "{found:?}");
    }

    #[test]
    fn a_body_with_no_properties_or_a_dynamic_schema_is_removed_with_the_reason() {
        for (schema, why) in [
            (json!({"type": "object", "properties": {}}), "its schema has no properties"),
            (
                json!({"type": "object", "properties": {"a": {"type": "string"}},
                       "x-ms-dynamic-schema": {"operationId": "Schema", "value-path": "Schema"}}),
                "its fields are loaded while the flow is designed (`x-ms-dynamic-schema`)",
            ),
        ] {
            let found = crate::connector::passes::bad_good(
                &GET_BODY,
                json!({"paths": {"/b": {"get": {"parameters": [
                    {"name": "build", "in": "body", "schema": schema}]}}}}),
                json!({"paths": {"/b": {"get": {}}}}),
            );
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].1.starts_with(&format!(
                    "a GET cannot have a body; body parameter `build` removed: {why}"
                )),
                "{found:?}"
            );
        }
    }
}
