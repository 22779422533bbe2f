//! Takes the schema off the `default` response and gives every operation a success response.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::prepend;
use crate::connector::PassOut;
use crate::connector::walk::{join, operation_pointer};

crate::declare_pass! {
    /// Pass: the `default` response loses its schema (moved to 200 when no 2xx exists); every
    /// operation gets a 2xx response.
    ///
    /// ## What
    /// A connector pass. When the `default` response has a schema and the operation has no 2xx
    /// response, the schema moves to a new `200` response; when a 2xx exists, the `default` schema
    /// is dropped with a diagnostic. An operation with no 2xx response at all gets `200: OK`.
    ///
    /// ## Why
    /// The `default` response must not have a schema, and each operation needs a success response,
    /// or the designer shows no outputs.
    ///
    /// ## Example
    /// `responses: {default: {schema: User}}` becomes `{200: {schema: User}, default: {...}}`.
    ///
    /// ## Fix
    /// Nothing to do; give the real success code by hand when it is not 200.
    pub static RESPONSES = Pass(run) {
        code: "CCF609",
        name: "fix-responses",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_operation(doc, |path, method, op, out| {
        let op_at = operation_pointer(path, method);
        let responses = op
            .entry("responses")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(responses) = responses.as_object_mut() else {
            return;
        };
        let at = join(&op_at, "responses");
        let has_2xx = responses.keys().any(|k| k.starts_with('2'));
        let default_schema = responses
            .field_mut("default")
            .and_then(Value::as_object_mut)
            .filter(|d| !d.has("$ref"))
            .and_then(|d| d.remove("schema"));
        if let Some(schema) = default_schema {
            if has_2xx {
                out.warn(
                    join(&join(&at, "default"), "schema"),
                    "the `default` response cannot have a schema; removed (the operation has a 2xx response that describes success)",
                );
            } else {
                let description = responses["default"]
                    .field("description")
                    .cloned()
                    .unwrap_or_else(|| json!("OK"));
                let mut ok = Map::new();
                ok.insert("description".into(), description);
                ok.insert("schema".into(), schema);
                prepend(responses, "200", Value::Object(ok));
                out.note(
                    join(&at, "200"),
                    "the `default` response's schema moved to a new `200` response (`default` cannot have a schema)",
                );
            }
            return;
        }
        if !has_2xx {
            prepend(responses, "200", json!({"description": "OK"}));
            out.note(
                join(&at, "200"),
                "added a `200` response: every operation needs a success response",
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schema_moves_and_success_is_added() {
        let found = crate::connector::passes::bad_good(
            &RESPONSES,
            json!({"paths": {"/u": {
                "get": {"responses": {"default": {"description": "Error", "schema": {"type": "object"}}}},
                "delete": {}
            }}}),
            json!({"paths": {"/u": {
                "get": {"responses": {
                    "200": {"description": "Error", "schema": {"type": "object"}},
                    "default": {"description": "Error"}
                }},
                "delete": {"responses": {"200": {"description": "OK"}}}
            }}}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].0, "/paths/~1u/delete/responses/200");
    }
}
