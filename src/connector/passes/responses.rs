//! Takes the schema off the `default` response, gives every operation a success response and
//! every response a description.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::prepend;
use crate::connector::PassOut;
use crate::connector::walk::{join, operation_pointer};

crate::declare_pass! {
    /// Pass: the `default` response loses its schema (moved to 200 when no 2xx exists); every
    /// operation gets a 2xx response, and every response a description.
    ///
    /// ## What
    /// A connector pass. When the `default` response has a schema and the operation has no 2xx
    /// response, the schema moves to a new `200` response; when a 2xx exists, the `default` schema
    /// is dropped with a diagnostic. An operation with no 2xx response at all (or no `responses`)
    /// gets `200: OK`. A response without a `description`, an operation's or a shared one, gets
    /// `Response`.
    ///
    /// ## Why
    /// The `default` response must not have a schema, and each operation needs a success response,
    /// or the designer shows no outputs. Swagger 2.0 requires a response's `description`:
    /// without one, Microsoft's validator rejects the definition, and `fix` and `convert` would
    /// refuse to write it.
    ///
    /// ## Example
    /// `responses: {default: {schema: User}}` becomes `{200: {schema: User}, default: {...}}`;
    /// `responses: {404: {schema: Error}}` becomes `{200: {description: OK}, 404: {description:
    /// Response, schema: Error}}`.
    ///
    /// ## Fix
    /// Nothing to do; give the real success code by hand when it is not 200, and a real
    /// description where `Response` was written.
    pub static RESPONSES = Pass(run) {
        code: "CCF609",
        name: "fix-responses",
    }
}

/// What a response without a `description` is given.
const RESPONSE_DESCRIPTION: &str = "Response";

/// Which responses [`describe_responses`] gives a description.
#[derive(Clone, Copy)]
pub(super) enum Lacking {
    /// Those whose `description` is written as `null`.
    Null,
    /// Those with no `description` member.
    Missing,
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    if let Some(responses) = doc.field_mut("responses").and_then(Value::as_object_mut) {
        describe(responses, "/responses", out, Lacking::Missing);
    }
    out.each_operation(doc, |path, method, op, out| {
        let responses = op
            .entry("responses")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(responses) = responses.as_object_mut() else {
            return;
        };
        let at = join(&operation_pointer(path, method), "responses");
        succeed(responses, &at, out);
        describe(responses, &at, out, Lacking::Missing);
    });
}

/// Gives the operation whose `responses` are at `at` a success response, the `default` one's
/// schema when it has one.
fn succeed(responses: &mut Map<String, Value>, at: &str, out: &mut PassOut) {
    let has_2xx = responses.keys().any(|k| k.starts_with('2'));
    let default_schema = responses
        .field_mut("default")
        .and_then(Value::as_object_mut)
        .filter(|d| !d.has("$ref"))
        .and_then(|d| d.remove("schema"));
    if let Some(schema) = default_schema {
        if has_2xx {
            out.warn(
                join(&join(at, "default"), "schema"),
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
                join(at, "200"),
                "the `default` response's schema moved to a new `200` response (`default` cannot have a schema)",
            );
        }
        return;
    }
    if !has_2xx {
        prepend(responses, "200", json!({"description": "OK"}));
        out.note(
            join(at, "200"),
            "added a `200` response: every operation needs a success response",
        );
    }
}

/// Gives the shared responses and each operation's responses `lacking` a description the one
/// Swagger 2.0 requires of them.
pub(super) fn describe_responses(doc: &mut Value, out: &mut PassOut, lacking: Lacking) {
    if let Some(responses) = doc.field_mut("responses").and_then(Value::as_object_mut) {
        describe(responses, "/responses", out, lacking);
    }
    out.each_operation(doc, |path, method, op, out| {
        if let Some(responses) = op.field_mut("responses").and_then(Value::as_object_mut) {
            let at = join(&operation_pointer(path, method), "responses");
            describe(responses, &at, out, lacking);
        }
    });
}

/// [`describe_responses`] for one `responses` map at `at`. A reference is described where it
/// leads.
fn describe(responses: &mut Map<String, Value>, at: &str, out: &mut PassOut, lacking: Lacking) {
    for (code, response) in responses.iter_mut() {
        let Some(response) = response.as_object_mut().filter(|r| !r.has("$ref")) else {
            continue;
        };
        let described = RESPONSE_DESCRIPTION.to_string().into();
        match lacking {
            Lacking::Null => {
                if let Some(d) = response.field_mut("description")
                    && d.is_null()
                {
                    *d = described;
                    out.note(
                        join(&join(at, code), "description"),
                        format!(
                            "the response's `description` is written with no value (null), and \
                             Swagger 2.0 requires one; written as `{RESPONSE_DESCRIPTION}`"
                        ),
                    );
                }
            }
            Lacking::Missing => {
                if !response.has("description") {
                    prepend(response, "description", described);
                    out.note(
                        join(at, code),
                        format!(
                            "the response has no `description`, which Swagger 2.0 requires; \
                             written as `{RESPONSE_DESCRIPTION}`"
                        ),
                    );
                }
            }
        }
    }
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

    #[test]
    fn a_response_without_a_description_is_given_one() {
        let found = crate::connector::passes::bad_good(
            &RESPONSES,
            json!({
                "paths": {"/u": {"get": {"responses": {
                    "200": {"schema": {"type": "object"}},
                    "404": {"$ref": "#/responses/NotFound"},
                    "default": {"description": "Error"}
                }}}},
                "responses": {"NotFound": {"schema": {"type": "string"}}}
            }),
            json!({
                "paths": {"/u": {"get": {"responses": {
                    "200": {"description": "Response", "schema": {"type": "object"}},
                    "404": {"$ref": "#/responses/NotFound"},
                    "default": {"description": "Error"}
                }}}},
                "responses": {"NotFound": {"description": "Response", "schema": {"type": "string"}}}
            }),
        );
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            places,
            ["/responses/NotFound", "/paths/~1u/get/responses/200"]
        );
        assert!(found[0].1.contains("written as `Response`"), "{found:?}");
    }

    #[test]
    fn an_operation_without_responses_is_given_a_success_response() {
        crate::connector::passes::bad_good(
            &RESPONSES,
            json!({"paths": {"/u": {"get": {"summary": "Get"}}}}),
            json!({"paths": {"/u": {"get": {"summary": "Get", "responses": {
                "200": {"description": "OK"}
            }}}}}),
        );
    }
}
