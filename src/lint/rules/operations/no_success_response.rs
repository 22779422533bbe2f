use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no 2xx response.
    ///
    /// ## What
    /// An operation's `responses` has no status code from 200 to 299 (or no responses at all).
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
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let responses = op.op.get("responses").and_then(Value::as_object);
        let has_2xx = responses.is_some_and(|r| {
            r.keys()
                .any(|k| k.len() == 3 && k.starts_with('2') || k.eq_ignore_ascii_case("2xx"))
        });
        if !has_2xx {
            let at = if responses.is_some() {
                op.pointer_to("responses")
            } else {
                op.pointer()
            };
            out.emit(cx.src, at, format!("{} has no 2xx response", op.label()))
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
    fn a_2xx_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"201": {}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
