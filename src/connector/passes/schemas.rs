//! Mends what the validator rejects in schemas and parameters: empty or repeated `required`
//! lists, arrays without `items`, defaults that are `null` or not of the declared type, and
//! empty `enum` lists.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::location;
use crate::connector::PassOut;
use crate::swagger::schemas::{converted, fits_type, json_type, member};

crate::declare_pass! {
    /// Pass: mends schemas and parameters the validator rejects: empty or repeated `required`
    /// names, arrays without `items`, `null` or mistyped defaults, empty `enum` lists.
    ///
    /// ## What
    /// A connector pass. In schemas, a `required: []` is removed and a name listed twice in
    /// `required` is kept once. An array schema without `items` gets `items: {}` (a parameter
    /// array gets `items: {type: string}`), with a warning. In schemas, non-body parameters and
    /// their `items`:
    /// - `default: null` is removed (Swagger 2.0 has no null value; `x-nullable` says a field may
    ///   be null);
    /// - a default of another JSON type than the declared `type` is written as a value of that
    ///   type when it converts (`"false"` for a `boolean` becomes `false`, `"10"` for an
    ///   `integer` becomes `10`), and removed with a warning when it does not;
    /// - an empty `enum`, which would allow no value, is removed with a warning.
    ///
    /// ## Why
    /// Microsoft's validator rejects all of these (`DefaultValueMustMatchType` among them), and
    /// so do other Swagger 2.0 validators; OpenAPI 3 definitions carry them often (a nullable
    /// field whose default is `null`, a boolean default written as a string).
    ///
    /// ## Example
    /// `{type: array}` becomes `{type: array, items: {}}`; `{type: boolean, default: "false"}`
    /// becomes `{type: boolean, default: false}`.
    ///
    /// ## Fix
    /// Describe the items' real type by hand; give a removed default again as a value of the
    /// field's type, when it has one.
    pub static SCHEMAS = Pass(run) {
        code: "CCF610",
        name: "fix-schemas",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_schema(doc, |s, at, out| {
        if let Some(Value::Array(names)) = s.field_mut("required") {
            if names.is_empty() {
                s.shift_remove("required");
                out.note(&at.key("required"), "removed an empty `required` list");
            } else {
                let before = names.len();
                let mut seen = std::collections::HashSet::new();
                names.retain(|n| seen.insert(n.clone()));
                if names.len() < before {
                    out.note(
                        &at.key("required"),
                        format!(
                            "removed {} repeated name(s) from `required`",
                            before - names.len()
                        ),
                    );
                }
            }
        }
        if s.field("type").and_then(Value::as_str) == Some("array") && !s.has("items") {
            s.insert("items".into(), json!({}));
            out.warn(
                at,
                "an array schema had no `items`; added `items: {}` (describe the items' type)",
            );
        }
        mend_values(s, &|k| String::from(&at.key(k)), out);
    });
    out.each_parameter(doc, |p, at, out| {
        if location(p) == "body" {
            return;
        }
        if p.field("type").and_then(Value::as_str) == Some("array") && !p.has("items") {
            let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
            out.warn(
                at,
                format!("array parameter `{name}` had no `items`; added `items: {{type: string}}`"),
            );
            p.insert("items".into(), json!({"type": "string"}));
        }
        mend_values(p, &|k| String::from(&at.key(k)), out);
        // The items of an array parameter, and theirs.
        let mut items = p.field_mut("items").and_then(Value::as_object_mut);
        let mut depth = 1;
        while let Some(it) = items {
            let member = |k: &str| {
                let mut pointer = String::from(at);
                pointer.push_str(&"/items".repeat(depth));
                pointer.push('/');
                pointer.push_str(k);
                pointer
            };
            mend_values(it, &member, out);
            items = it.field_mut("items").and_then(Value::as_object_mut);
            depth += 1;
        }
    });
}

/// Mends the `default` and `enum` of a schema, parameter or `items`; `at` gives the pointer of
/// one of its members.
fn mend_values(m: &mut Map<String, Value>, at: &dyn Fn(&str) -> String, out: &mut PassOut) {
    // Most of a large definition's schemas have neither: looked for by comparing their few keys.
    let empty_enum = member(m, "enum")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty);
    if member(m, "default").is_none() && !empty_enum {
        return;
    }
    let ty = m.field("type").and_then(Value::as_str).map(str::to_string);
    match (m.field("default"), ty.as_deref()) {
        (Some(Value::Null), _) => {
            m.shift_remove("default");
            out.note(
                at("default"),
                "removed `default: null`: Swagger 2.0 has no null value (`x-nullable` says the \
                 field may be null)",
            );
        }
        (Some(d), Some(ty)) if fits_type(d, ty) == Some(false) => {
            let was = json_type(d);
            if let Some(value) = converted(d, ty) {
                let shown = value.to_string();
                m.insert("default".into(), value);
                out.note(
                    at("default"),
                    format!("wrote the `{was}` default as the `{ty}` {shown}"),
                );
            } else {
                m.shift_remove("default");
                out.warn(
                    at("default"),
                    format!(
                        "removed the `{was}` default, which is no value of the declared type \
                         `{ty}`"
                    ),
                );
            }
        }
        _ => {}
    }
    if empty_enum {
        m.shift_remove("enum");
        out.warn(
            at("enum"),
            "removed an empty `enum`, which would allow no value (list the allowed values)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_required_goes_and_arrays_get_items() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [{"name": "ids", "in": "query", "type": "array"}]}}},
                "definitions": {"A": {"type": "object", "required": []}, "L": {"type": "array"}}
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}}
                ]}}},
                "definitions": {"A": {"type": "object"}, "L": {"type": "array", "items": {}}}
            }),
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn null_and_mistyped_defaults_empty_enums_and_repeated_required_names_are_mended() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "top", "in": "query", "type": "integer", "default": "20 - most"},
                    {"name": "on", "in": "query", "type": "boolean", "default": "false"},
                    {"name": "ids", "in": "query", "type": "array", "items": {
                        "type": "array", "items": {"type": "integer", "default": "7", "enum": []}}},
                    {"name": "fine", "in": "query", "type": "string", "default": "a", "enum": ["a"]}
                ]}}},
                "definitions": {"A": {"type": "object", "required": ["id", "name", "id"],
                    "properties": {
                        "port": {"type": "integer", "x-nullable": true, "default": null},
                        "ratio": {"type": "number", "default": "0.5"},
                        "label": {"type": "string", "default": 5},
                        "kind": {"type": "string", "enum": []}}}}
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "top", "in": "query", "type": "integer"},
                    {"name": "on", "in": "query", "type": "boolean", "default": false},
                    {"name": "ids", "in": "query", "type": "array", "items": {
                        "type": "array", "items": {"type": "integer", "default": 7}}},
                    {"name": "fine", "in": "query", "type": "string", "default": "a", "enum": ["a"]}
                ]}}},
                "definitions": {"A": {"type": "object", "required": ["id", "name"],
                    "properties": {
                        "port": {"type": "integer", "x-nullable": true},
                        "ratio": {"type": "number", "default": 0.5},
                        "label": {"type": "string", "default": "5"},
                        "kind": {"type": "string"}}}}
            }),
        );
        // What is removed leaves the other keys in their order (the written diff stays small).
        let mut doc = json!({"definitions": {"A": {"type": "string", "default": null,
            "description": "d", "example": "e"}}});
        crate::connector::passes::run_pass(&SCHEMAS, &mut doc);
        let keys: Vec<&String> = doc["definitions"]["A"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["type", "description", "example"]);
        let at: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/definitions/A/required",
                "/definitions/A/properties/port/default",
                "/definitions/A/properties/ratio/default",
                "/definitions/A/properties/label/default",
                "/definitions/A/properties/kind/enum",
                "/paths/~1s/get/parameters/0/default",
                "/paths/~1s/get/parameters/1/default",
                "/paths/~1s/get/parameters/2/items/items/default",
                "/paths/~1s/get/parameters/2/items/items/enum",
            ]
        );
        assert_eq!(
            found[6].1,
            "wrote the `string` default as the `boolean` false"
        );
        assert_eq!(
            found[5].1,
            "removed the `string` default, which is no value of the declared type `integer`"
        );
    }
}
