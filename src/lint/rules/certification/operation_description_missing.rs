use super::shared::operations_without;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no `description`.
    ///
    /// ## What
    /// An operation has no `description` (or an empty one). Certification profile.
    ///
    /// ## Why
    /// The description tells users what the action does; certification asks every operation for
    /// one, written as full sentences.
    ///
    /// ## Example
    /// ```json
    /// "get": {"operationId": "ListUsers", "responses": {"200": {"description": "OK"}}}
    /// ```
    ///
    /// ## Fix
    /// Write one or two sentences on what the action does. This needs a person: `fix` does not
    /// invent it.
    pub static RULE = Definition(check) {
        code: "CCF482",
        name: "operation-description-missing",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let help = "write one or two sentences on what the action does";
    operations_without(cx, out, "description", "a description", help);
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
            [("CCF482", "/paths/~1u/get", "GET /u has no `description`; certification asks every operation for a description")]
        );
    }

    #[test]
    fn an_operation_with_it_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"description": "important"}}}}"#).is_empty());
    }
}
