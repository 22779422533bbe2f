use crate::value::Lookup;
use serde_json::Value;

use super::shared::is_success_code;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no 2xx response.
    ///
    /// ## What
    /// An operation's `responses` has no status code from 200 to 299. An OpenAPI 3 range key such
    /// as `2XX` does not count: Swagger 2.0 has no ranges (`response-code-invalid` reports the
    /// key). An operation with no responses at all is `no-responses`' finding, not this one's.
    ///
    /// ## Why
    /// The designer takes an action's outputs from its success response; with only `default` the
    /// action has no outputs, and Microsoft's validator asks for a 2xx response.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "default": { "description": "OK", "schema": {...} } }
    /// ```
    ///
    /// ## Fix
    /// Describe the success response under its real code, e.g. `"200"`.
    pub static RULE = Definition(check) {
        code: "CCF206",
        name: "no-success-response",
        severity: Warning,
        microsoft: ["OperationShouldHaveSuccessfulResponse"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(responses) = op.op.field("responses").and_then(Value::as_object) else {
            continue;
        };
        if responses.keys().all(|k| k.starts_with("x-")) {
            continue;
        }
        if !responses.keys().any(|k| is_success_code(k)) {
            out.emit(
                cx.src,
                op.pointer_to("responses"),
                format!("{} has no 2xx response", op.label()),
            )
            .set_help("describe the success response under its status code, e.g. \"200\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn only_a_default_response_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"default": {}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF206", "/paths/~1u/get/responses", "GET /u has no 2xx response")]
        );
    }

    #[test]
    fn a_range_key_is_not_a_success_response() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"2XX": {}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF206", "/paths/~1u/get/responses", "GET /u has no 2xx response")]
        );
    }

    #[test]
    fn no_responses_at_all_is_left_to_no_responses() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {}, "put": {"responses": {}}}}}"#,
        );
        assert!(found.is_empty());
    }

    #[test]
    fn a_2xx_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"201": {}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
