//! Removes empty `required` lists and gives arrays without `items` an `items`.

use serde_json::{Value, json};

use super::location;
use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: removes empty `required` lists; gives arrays without `items` an `items`.
    ///
    /// ## What
    /// A connector pass. `required: []` is removed from schemas; an array schema without `items`
    /// gets `items: {}` (a parameter array gets `items: {type: string}`), with a warning.
    ///
    /// ## Why
    /// Microsoft's validator rejects both.
    ///
    /// ## Example
    /// `{type: array}` becomes `{type: array, items: {}}`.
    ///
    /// ## Fix
    /// Describe the items' real type by hand.
    pub static SCHEMAS = Pass(run) {
        code: "CCF610",
        name: "fix-schemas",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_schema(doc, |s, at, out| {
        if s.get("required")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            s.remove("required");
            out.note(&at.key("required"), "removed an empty `required` list");
        }
        if s.get("type").and_then(Value::as_str) == Some("array") && !s.contains_key("items") {
            s.insert("items".into(), json!({}));
            out.warn(
                at,
                "an array schema had no `items`; added `items: {}` (describe the items' type)",
            );
        }
    });
    out.each_parameter(doc, |p, at, out| {
        if location(p) != "body"
            && p.get("type").and_then(Value::as_str) == Some("array")
            && !p.contains_key("items")
        {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            out.warn(
                at,
                format!("array parameter `{name}` had no `items`; added `items: {{type: string}}`"),
            );
            p.insert("items".into(), json!({"type": "string"}));
        }
    });
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
}
