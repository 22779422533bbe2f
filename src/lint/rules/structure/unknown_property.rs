use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// An object holds a key Swagger 2.0 does not allow there.
    ///
    /// ## What
    /// A key that the object does not define and that is not an `x-` extension: `description`
    /// in the `items` of a query parameter, `example` in a non-body parameter, `summary` in a
    /// response, `nullable` in a header. Schema objects have a rule of their own
    /// (`unsupported-schema-keyword`).
    ///
    /// ## Why
    /// The definition is checked against the Swagger 2.0 schema on import, which rejects keys an
    /// object does not allow (`AdditionalPropertyNotAllowed`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "ids", "in": "query", "type": "array",
    ///  "items": {"type": "string", "description": "An id."}}
    /// ```
    ///
    /// ## Fix
    /// Remove the key, move what it says to a place that allows it (the parameter's own
    /// `description`), or keep it as an extension by naming it `x-...`.
    pub static RULE = Definition(check) {
        code: "CCF110",
        name: "unknown-property",
        severity: Error,
        microsoft: ["AdditionalPropertyNotAllowed"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::UnknownKey, |_| {
        Some("remove it, or name it `x-...` to keep it as an extension".into())
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_key_the_items_of_a_query_parameter_do_not_allow_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [{"name": "ids", "in": "query", "type": "array",
                    "items": {"type": "string", "description": "An id."}}],
                "responses": {"200": {"description": "OK", "summary": "s"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF110",
                    "/paths/~1a/get/parameters/0/items/description",
                    "`description` is not allowed in the `items` of a non-body parameter or header: Swagger 2.0 allows only type, format, items, collectionFormat, default, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems, uniqueItems, enum, multipleOf there (and `x-` extensions)"
                ),
                (
                    "CCF110",
                    "/paths/~1a/get/responses/200/summary",
                    "`summary` is not allowed in a response: Swagger 2.0 allows only description, schema, headers, examples there (and `x-` extensions)"
                ),
            ]
        );
    }

    #[test]
    fn allowed_keys_and_extensions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [{"name": "ids", "in": "query", "type": "array", "x-ms-summary": "Ids",
                    "items": {"type": "string", "x-ms-summary": "Id"}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_key_in_the_wrong_case_is_named() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "basepath": "/v1", "paths": {}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF110",
                "/basepath",
                "`basepath` is not allowed in the document root: did you mean `basePath`?"
            )]
        );
    }
}
