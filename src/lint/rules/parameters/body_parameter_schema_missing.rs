use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A body parameter has no `schema`.
    ///
    /// ## What
    /// An `in: body` parameter does not define `schema`.
    ///
    /// ## Why
    /// Swagger 2.0 requires a body parameter to describe its payload with `schema`, and Microsoft's
    /// validator rejects the definition without one (`BodyParameterSchemaRequired`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "body", "in": "body", "required": true}
    /// ```
    ///
    /// ## Fix
    /// Add a `schema`, e.g. `"schema": {"type": "object", "properties": {...}}` or a `$ref` to a
    /// definition.
    pub static RULE = Definition(check) {
        code: "CCF311",
        name: "body-parameter-schema-missing",
        severity: Error,
        microsoft: ["BodyParameterSchemaRequired"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.location() == Some("body") && !p.value.has("schema") {
            out.emit(
                cx.src,
                p.pointer(),
                format!(
                    "body parameter `{}` has no `schema`",
                    p.name().unwrap_or("?")
                ),
            )
            .set_help("add a \"schema\" describing the payload");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_body_without_schema_is_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"$ref": "#/parameters/B"}]}, "put": {"parameters": [{"$ref": "#/parameters/B"}]}}},
                "parameters": {"B": {"name": "payload", "in": "body", "type": "object"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF311",
                "/parameters/B",
                "body parameter `payload` has no `schema`"
            )]
        );
    }

    #[test]
    fn a_body_with_schema_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "payload", "in": "body", "schema": {"type": "object"}},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
