use crate::value::Lookup;
use super::shared::{is_success_code, responses};
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// More than one success response of an operation has a schema.
    ///
    /// ## What
    /// Two or more of an operation's 2xx responses (such as `200` and `201`) carry a `schema`
    /// (`#/responses/...` references followed).
    ///
    /// ## Why
    /// The designer builds an action's outputs from one response schema only; Microsoft's
    /// validator warns that the others are ignored, so outputs described there never appear.
    /// Microsoft's wording says "more than one response with a schema"; this rule reads it as
    /// success responses, because the `default` response is its own rule
    /// (`default-response-schema`) and error responses (4xx, 5xx) with a schema are common in
    /// accepted connectors and do not compete for the outputs.
    ///
    /// ## Example
    /// ```json
    /// "200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}},
    /// "201": {"description": "Created", "schema": {"$ref": "#/definitions/Item"}}
    /// ```
    ///
    /// ## Fix
    /// Keep the schema on the response the API returns in the normal case, and drop it from the
    /// others (or describe them without a schema).
    pub static RULE = Definition(check) {
        code: "CCF224",
        name: "many-response-schemas",
        severity: Warning,
        microsoft: ["OperationHasManyResponsesWithSchema"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let mut first: Option<&str> = None;
        for (code, r) in responses(cx.doc, op) {
            if !is_success_code(code) || !r.has("schema") {
                continue;
            }
            match first {
                None => first = Some(code),
                Some(first) => {
                    out.emit(
                        cx.src,
                        pointer(["paths", op.path, op.method, "responses", code]),
                        format!(
                            "the `{code}` response of {} has a schema, as `{first}` does; the designer uses only one",
                            op.label()
                        ),
                    )
                    .set_help("keep the schema on one success response");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn two_success_schemas_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "responses": {"Created": {"description": "c", "schema": {"type": "object"}}},
                "paths": {"/u": {"post": {"responses": {
                    "200": {"description": "OK", "schema": {"type": "object"}},
                    "201": {"$ref": "#/responses/Created"},
                    "400": {"description": "bad", "schema": {"type": "object"}}
                }}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF224",
                "/paths/~1u/post/responses/201",
                "the `201` response of POST /u has a schema, as `200` does; the designer uses only one"
            )]
        );
    }

    #[test]
    fn one_success_schema_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"post": {"responses": {
                "200": {"description": "OK", "schema": {"type": "object"}},
                "202": {"description": "Accepted"},
                "default": {"description": "error", "schema": {"type": "object"}}
            }}}}}"#,
        );
        assert!(found.is_empty());
    }
}
