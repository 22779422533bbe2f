use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no operationId.
    ///
    /// ## What
    /// An operation lacks `operationId`, or it is empty.
    ///
    /// ## Why
    /// Flows and apps call an action by its operationId; Microsoft's validator requires one
    /// (OperationIdRequired).
    ///
    /// ## Example
    /// ```json
    /// "get": { "summary": "List users", "responses": {...} }
    /// ```
    ///
    /// ## Fix
    /// Add a unique PascalCase `operationId` such as `ListUsers` (`ccforge fix` derives one).
    pub static RULE = Definition(check) {
        code: "CCF203",
        name: "operation-id-missing",
        severity: Error,
        microsoft: ["OperationIdRequired"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        match op.op.field("operationId") {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => {
                out.emit(
                    cx.src,
                    op.pointer_to("operationId"),
                    format!("{} has an empty or non-string operationId", op.label()),
                );
            }
            None => {
                out.emit(
                    cx.src,
                    op.pointer(),
                    format!("{} has no operationId", op.label()),
                )
                .set_help("add a unique PascalCase operationId; `ccforge fix` derives one");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn missing_and_empty_ids_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users": {
                "get": {"responses": {}},
                "post": {"operationId": " ", "responses": {}}
            }}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF203", "/paths/~1users/get", "GET /users has no operationId"),
                (
                    "CCF203",
                    "/paths/~1users/post/operationId",
                    "POST /users has an empty or non-string operationId"
                ),
            ]
        );
    }

    #[test]
    fn an_id_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users": {"get": {"operationId": "ListUsers"}}}}"#,
        );
        assert!(found.is_empty());
    }
}
