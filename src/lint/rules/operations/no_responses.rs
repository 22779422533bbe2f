use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation's `responses` is empty.
    ///
    /// ## What
    /// An operation has a `responses` with no response in it (extensions only, or nothing). An
    /// operation with no `responses` at all is not valid Swagger 2.0: `required-property-missing`
    /// reports it, as an error, and this rule does not repeat it.
    ///
    /// ## Why
    /// Swagger 2.0 requires at least one response and Microsoft's validator reports the
    /// operation as invalid. 11 accepted connectors still have operations with an empty
    /// `responses`, so the import does not enforce it and this is a warning; the action then
    /// has no outputs at all.
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
        // A missing `responses` is a structural error (`required-property-missing`).
        let Some(Value::Object(r)) = op.op.field("responses") else {
            continue;
        };
        if !r.keys().all(|k| k.starts_with("x-")) {
            continue;
        }
        let at = op.pointer_to("responses");
        out.emit(cx.src, at, format!("{} has an empty `responses`", op.label()))
            .set_help("describe the success response, e.g. `\"200\": {\"description\": \"OK\"}`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn empty_responses_are_reported_and_missing_ones_left_to_the_structural_rule() {
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
