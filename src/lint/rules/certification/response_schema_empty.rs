use crate::value::Lookup;
use serde_json::Value;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A success response's schema is empty, or a GET's 200 response has none.
    ///
    /// ## What
    /// A 2xx response (written in the operation) has a schema that says nothing: `{}` or an
    /// `object` without `properties`, `additionalProperties`, `allOf` or a `$ref`, and without
    /// `x-ms-dynamic-schema` or `x-ms-dynamic-properties` (whose shape comes at run time); or the
    /// `200` response of a GET has no schema at all. Certification profile.
    ///
    /// ## Why
    /// Reviewers send back connectors whose responses have empty schemas ("C5: empty response
    /// schemas
    /// not allowed"): the designer can offer nothing of the result to later steps.
    ///
    /// ## Example
    /// ```json
    /// "200": {"description": "OK", "schema": {"type": "object"}}
    /// ```
    ///
    /// ## Fix
    /// Describe the response's properties (an example response converted with `ccforge convert`
    /// gives
    /// a start). This needs a person: `fix` does not invent it.
    pub static RULE = Definition(check) {
        code: "CCF489",
        name: "response-schema-empty",
        severity: Warning,
        profile: Certification,
    }
}

/// Whether a schema says nothing about the value.
fn is_empty_schema(s: &serde_json::Map<String, Value>) -> bool {
    let says = [
        "$ref",
        "properties",
        "additionalProperties",
        "allOf",
        "items",
        "enum",
        "x-ms-dynamic-schema",
        "x-ms-dynamic-properties",
    ];
    !says.iter().any(|k| s.contains_key(*k))
        && s.field("type").and_then(Value::as_str).is_none_or(|t| t == "object")
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(responses) = op.op.field("responses").and_then(Value::as_object) else {
            continue;
        };
        for (status, response) in responses {
            if !(status.len() == 3 && status.starts_with('2')) {
                continue;
            }
            let Some(response) = response.as_object().filter(|r| !r.has("$ref")) else {
                continue;
            };
            let at = || crate::diagnostic::join_pointer(&op.pointer_to("responses"), status);
            match response.field("schema").and_then(Value::as_object) {
                Some(schema) if is_empty_schema(schema) => {
                    out.emit(cx.src, crate::diagnostic::join_pointer(&at(), "schema"), format!("the {status} response of {} has an empty schema", op.label()))
                        .set_help("describe the response's properties");
                }
                None if status == "200" && op.method == "get" && !response.has("schema") => {
                    out.emit(cx.src, at(), format!("the 200 response of {} has no schema", op.label()))
                        .set_help("describe what the operation returns");
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn empty_schemas_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {
            "get": {"responses": {"200": {"description": "OK"}}},
            "post": {"responses": {"201": {"description": "OK", "schema": {"type": "object"}}}}}}}"#);
        assert_eq!(
            findings(&found),
            [
                ("CCF489", "/paths/~1u/get/responses/200", "the 200 response of GET /u has no schema"),
                ("CCF489", "/paths/~1u/post/responses/201/schema", "the 201 response of POST /u has an empty schema"),
            ]
        );
    }

    #[test]
    fn described_and_dynamic_schemas_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {
            "get": {"responses": {"200": {"description": "OK", "schema": {"type": "object", "x-ms-dynamic-schema": {"operationId": "S"}}}}},
            "delete": {"responses": {"204": {"description": "Deleted"}}},
            "post": {"responses": {"200": {"description": "OK", "schema": {"type": "string"}}}}}}}"#).is_empty());
    }
}
