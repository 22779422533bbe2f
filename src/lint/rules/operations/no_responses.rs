use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no responses.
    ///
    /// ## What
    /// An operation has no `responses`, or an empty one.
    ///
    /// ## Why
    /// Swagger 2.0 requires at least one response and Microsoft's validator reports the
    /// operation as invalid. 12 accepted connectors still have such operations, so the import
    /// does not enforce it and this is a warning; the action then has no outputs at all.
    ///
    /// ## Example
    /// ```json
    /// "post": {"operationId": "SendMessage", "responses": {}}
    /// ```
    ///
    /// ## Fix
    /// Describe at least the success response: `"responses": {"200": {"description": "OK"}}`
    /// (`ccforge fix` adds one).
    pub static RULE = Definition(check) {
        code: "CCF225",
        name: "no-responses",
        severity: Warning,
        microsoft: ["OperationMustHaveResponse"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let (at, what) = match op.op.field("responses") {
            None => (op.pointer(), "has no `responses`"),
            Some(Value::Object(r)) if r.keys().all(|k| k.starts_with("x-")) => {
                (op.pointer_to("responses"), "has an empty `responses`")
            }
            Some(_) => continue,
        };
        out.emit(cx.src, at, format!("{} {what}", op.label()))
            .set_help("describe the success response, e.g. `\"200\": {\"description\": \"OK\"}`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn missing_and_empty_responses_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {
                "get": {"operationId": "A"},
                "post": {"responses": {}}
            }}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF225", "/paths/~1u/get", "GET /u has no `responses`"),
                ("CCF225", "/paths/~1u/post/responses", "POST /u has an empty `responses`"),
            ]
        );
    }

    #[test]
    fn a_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"default": {"description": "x"}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
