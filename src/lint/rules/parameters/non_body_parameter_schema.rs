use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A query, header, path or formData parameter has a `schema`.
    ///
    /// ## What
    /// A parameter that is not `in: body` defines `schema`.
    ///
    /// ## Why
    /// In Swagger 2.0 only a body parameter has a `schema`; the others describe their value with
    /// `type`, `format` and `items`. Microsoft's validator rejects the definition
    /// (`NonBodyParameterSchemaNotValid`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "q", "in": "query", "schema": {"type": "string"}}
    /// ```
    ///
    /// ## Fix
    /// Replace `schema` with `type` (and `format`, `items`, `enum` as needed) on the parameter.
    pub static RULE = Definition(check) {
        code: "CCF313",
        name: "non-body-parameter-schema",
        severity: Error,
        microsoft: ["NonBodyParameterSchemaNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        let Some(location) = p.location() else {
            continue;
        };
        if location != "body" && p.value.has("schema") {
            out.emit(
                cx.src,
                p.member_pointer("schema"),
                format!(
                    "{location} parameter `{}` has a `schema`; only body parameters do",
                    p.name().unwrap_or("?")
                ),
            )
            .set_help("describe the value with \"type\" (and \"format\", \"items\") instead");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_query_parameter_with_schema_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"}}
            ], "get": {}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF313",
                "/paths/~1a/parameters/0/schema",
                "query parameter `q` has a `schema`; only body parameters do"
            )]
        );
    }

    #[test]
    fn typed_parameters_and_a_body_schema_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "q", "in": "query", "type": "string"},
                {"name": "payload", "in": "body", "schema": {"type": "object"}}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
