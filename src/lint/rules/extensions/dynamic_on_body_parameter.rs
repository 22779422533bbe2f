use crate::diagnostic::escape_token;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A dynamic extension sits on a body parameter instead of on its schema.
    ///
    /// ## What
    /// A parameter with `"in": "body"` carries `x-ms-dynamic-values`, `x-ms-dynamic-list`,
    /// `x-ms-dynamic-schema`, `x-ms-dynamic-properties` or `x-ms-dynamic-tree` itself, next to
    /// its `schema`.
    ///
    /// ## Why
    /// A body parameter's value is its schema: the designer reads dynamic extensions from the
    /// schema (or from one of its properties), and Microsoft's validator reports
    /// `DynamicExtensionDefinitionNotAllowedInParameter` for one written on the parameter.
    /// Microsoft's editor schema still lists `x-ms-dynamic-values` and `-list` among a body
    /// parameter's keys, but no accepted connector puts any dynamic extension there, so the rule
    /// reports all five.
    ///
    /// ## Example
    /// ```json
    /// {"name": "body", "in": "body", "schema": {"type": "object"},
    ///  "x-ms-dynamic-schema": {"operationId": "GetSchema", "value-path": "schema"}}
    /// ```
    ///
    /// ## Fix
    /// Move the extension into the parameter's `schema` (or onto the property it fills).
    pub static RULE = Definition(check) {
        code: "CCF281",
        name: "dynamic-extension-on-body-parameter",
        severity: Error,
        microsoft: ["DynamicExtensionDefinitionNotAllowedInParameter"],
    }
}

const DYNAMIC: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-tree",
];

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-dynamic-") {
        return;
    }
    for p in cx.parameters() {
        if p.location() != Some("body") {
            continue;
        }
        for key in DYNAMIC {
            if p.value.contains_key(*key) {
                out.emit(
                    cx.src,
                    format!("{}/{}", p.pointer(), escape_token(key)),
                    format!("`{key}` is on the body parameter; it belongs in the parameter's `schema`"),
                )
                .set_help("move it into `schema` (or onto the property it fills)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_dynamic_extension_on_a_body_parameter_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"operationId": "A",
                "parameters": [{"name": "body", "in": "body", "schema": {"type": "object"},
                    "x-ms-dynamic-schema": {"operationId": "S", "value-path": "schema"}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF281", "/paths/~1a/post/parameters/0/x-ms-dynamic-schema", "`x-ms-dynamic-schema` is on the body parameter; it belongs in the parameter's `schema`")]
        );
    }

    #[test]
    fn dynamic_extensions_in_the_schema_or_on_other_parameters_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"operationId": "A",
                "parameters": [{"name": "body", "in": "body", "schema": {"type": "object",
                    "x-ms-dynamic-schema": {"operationId": "S", "value-path": "schema"}}},
                  {"name": "q", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "A"}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
