use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A path parameter is not `required: true`.
    ///
    /// ## What
    /// An `in: path` parameter lacks `"required": true`.
    ///
    /// ## Why
    /// Swagger 2.0 requires it and the importer rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "path", "type": "string"}
    /// ```
    ///
    /// ## Fix
    /// Add `"required": true`.
    pub static RULE = Definition(check) {
        code: "CCF303",
        name: "path-parameter-not-required",
        severity: Error,
        microsoft: ["PathParameterMustBeRequired"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.location() != Some("path") {
            continue;
        }
        match p.value.field("required") {
            Some(Value::Bool(true)) => {}
            Some(_) => {
                out.emit(
                    cx.src,
                    p.member_pointer("required"),
                    format!(
                        "path parameter `{}` must be `required: true`",
                        p.name().unwrap_or("?")
                    ),
                );
            }
            None => {
                out.emit(
                    cx.src,
                    p.pointer(),
                    format!(
                        "path parameter `{}` lacks `required: true`",
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help("add \"required\": true");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_missing_or_false_required_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/{a}/{b}": {"get": {"parameters": [
                {"name": "a", "in": "path", "type": "string"},
                {"name": "b", "in": "path", "required": false, "type": "string"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF303",
                    "/paths/~1{a}~1{b}/get/parameters/0",
                    "path parameter `a` lacks `required: true`"
                ),
                (
                    "CCF303",
                    "/paths/~1{a}~1{b}/get/parameters/1/required",
                    "path parameter `b` must be `required: true`"
                ),
            ]
        );
    }

    #[test]
    fn a_shared_parameter_is_reported_once_where_it_is_defined() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/a/{id}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}},
                "/b/{id}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}}},
                "parameters": {"Id": {"name": "id", "in": "path", "type": "string"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF303",
                "/parameters/Id",
                "path parameter `id` lacks `required: true`"
            )]
        );
    }

    #[test]
    fn required_path_parameters_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/{a}": {"get": {"parameters": [
                {"name": "a", "in": "path", "required": true, "type": "string"},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
