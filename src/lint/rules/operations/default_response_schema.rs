use crate::value::Lookup;
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The `default` response has a schema.
    ///
    /// ## What
    /// An operation's `default` response carries a `schema`.
    ///
    /// ## Why
    /// Microsoft's validator (`DefaultResponseHasSchema`) and the certification requirements say
    /// the default response must not have a schema: schemas belong on the expected responses, and
    /// a default schema's outputs are ignored or mislead the designer. Accepted connectors still
    /// carry such schemas, so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// "default": { "description": "error", "schema": {"$ref": "#/definitions/Error"} }
    /// ```
    ///
    /// ## Fix
    /// Move the schema to the 2xx response it describes, or drop it (`ccforge fix` does this).
    pub static RULE = Definition(check) {
        code: "CCF207",
        name: "default-response-schema",
        severity: Warning,
        microsoft: ["DefaultResponseHasSchema", "C5 no default response with schema"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let has_schema = op
            .op
            .field("responses")
            .and_then(|r| r.field("default"))
            .and_then(|d| d.field("schema"))
            .is_some();
        if has_schema {
            out.emit(
                cx.src,
                pointer([
                    "paths",
                    op.path,
                    op.method,
                    "responses",
                    "default",
                    "schema",
                ]),
                format!("the `default` response of {} has a schema", op.label()),
            )
            .set_help("move the schema to the 2xx response it describes, or remove it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_default_schema_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {
                "default": {"description": "error", "schema": {"type": "object"}}
            }}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF207",
                "/paths/~1u/get/responses/default/schema",
                "the `default` response of GET /u has a schema"
            )]
        );
    }

    #[test]
    fn a_default_without_schema_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {
                "200": {"description": "OK", "schema": {"type": "object"}},
                "default": {"description": "error"}
            }}}}}"#,
        );
        assert!(found.is_empty());
    }
}
