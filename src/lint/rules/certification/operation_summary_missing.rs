use super::shared::operations_without;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no `summary`.
    ///
    /// ## What
    /// An operation has no `summary` (or an empty one). Certification profile.
    ///
    /// ## Why
    /// The summary is the action's name in the designer; certification asks every operation for
    /// one.
    ///
    /// ## Example
    /// ```json
    /// "get": {"operationId": "ListUsers", "responses": {"200": {"description": "OK"}}}
    /// ```
    ///
    /// ## Fix
    /// Write a short name for the action (`ccforge fix` makes one from the operationId).
    pub static RULE = Definition(check) {
        code: "CCF481",
        name: "operation-summary-missing",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let help = "write a short name for the action; `ccforge fix` makes one from the operationId";
    operations_without(cx, out, "summary", "a summary", help);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_operation_without_it_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"operationId": "ListUsers"}}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF481", "/paths/~1u/get", "GET /u has no `summary`; certification asks every operation for a summary")]
        );
    }

    #[test]
    fn an_operation_with_it_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"summary": "important"}}}}"#).is_empty());
    }
}
