use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// An object lacks a key Swagger 2.0 requires in it.
    ///
    /// ## What
    /// A required key is missing: `info` or `paths` at the root, `title` or `version` in
    /// `info`, `name` or `in` in a parameter, `type` in a non-body parameter, its `items` or a
    /// header, `schema` in a body parameter, `description` in a response, `responses` in an
    /// operation, `type` in a security scheme and the keys its type needs.
    ///
    /// ## Why
    /// The import checks the definition against the Swagger 2.0 schema and rejects a missing
    /// required key (`RequiredPropertyMissing`).
    ///
    /// ## Example
    /// ```json
    /// "responses": {"200": {"schema": {"type": "object"}}}
    /// ```
    ///
    /// ## Fix
    /// Add the key the message names (`"description": "OK"`). `ccforge fix` gives a response
    /// without a description `Response`, and an operation without responses a `200` one.
    pub static RULE = Definition(check) {
        code: "CCF116",
        name: "required-property-missing",
        severity: Error,
        microsoft: ["RequiredPropertyMissing"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::Missing, |f| {
        let key = f.missing.as_deref()?;
        // What the `fix-responses` pass writes when the key is missing.
        let fixed = match (f.object, key) {
            ("response", "description") => "; `ccforge fix` writes `Response` there",
            ("operation", "responses") => "; `ccforge fix` adds a `200` response",
            _ => "",
        };
        Some(format!("add `{key}`{fixed}"))
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_response_without_description_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T"}, "paths": {"/a": {"get": {
                "responses": {"200": {"schema": {"type": "object"}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF116",
                    "/info",
                    "The `info` object has no `version`: Swagger 2.0 requires it there"
                ),
                (
                    "CCF116",
                    "/paths/~1a/get/responses/200",
                    "A response has no `description`: Swagger 2.0 requires it there"
                ),
            ]
        );
    }

    #[test]
    fn the_help_says_what_fix_writes_where_it_writes_something() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T"}, "paths": {"/a": {
                "get": {"responses": {"200": {"schema": {"type": "object"}}}},
                "post": {}}}}"#,
        );
        let helps: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|d| (d.pointer().unwrap_or_default(), d.help.as_deref()))
            .collect();
        assert_eq!(
            helps,
            [
                ("/info", Some("add `version`")),
                (
                    "/paths/~1a/get/responses/200",
                    Some("add `description`; `ccforge fix` writes `Response` there")
                ),
                (
                    "/paths/~1a/post",
                    Some("add `responses`; `ccforge fix` adds a `200` response")
                ),
            ]
        );
    }

    #[test]
    fn complete_objects_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "responses": {"200": {"description": "OK", "schema": {"type": "object"}}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
