use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// A value is not one of those Swagger 2.0 allows for its key.
    ///
    /// ## What
    /// A key with a fixed set of values holds another: a parameter's `in` (`query`, `header`,
    /// `path`, `formData`, `body`), a type (`string`, `number`, `integer`, `boolean`, `array`,
    /// `object`, `file`), a `collectionFormat`, an `apiKey` scheme's `in`, an OAuth `flow`.
    /// Values are compared exactly: `Query` is not `query`.
    ///
    /// ## Why
    /// The import rejects values outside these sets (`JsonValueNotInEnum`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "q", "in": "Query", "type": "text"}
    /// ```
    ///
    /// ## Fix
    /// Use one of the values the message lists.
    pub static RULE = Definition(check) {
        code: "CCF115",
        name: "value-not-allowed",
        severity: Error,
        microsoft: ["JsonValueNotInEnum"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::NotInEnum, |_| None);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_location_and_a_type_outside_their_sets_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "Query", "type": "string"},
                               {"name": "r", "in": "query", "type": "text"}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF115",
                    "/paths/~1a/get/parameters/0/in",
                    "`in` is `Query`; allowed: query, header, path, formData, body"
                ),
                (
                    "CCF115",
                    "/paths/~1a/get/parameters/1/type",
                    "`type` is `text`; allowed: string, number, integer, boolean, array, file"
                ),
            ]
        );
    }

    #[test]
    fn allowed_values_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "type": "string"}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
