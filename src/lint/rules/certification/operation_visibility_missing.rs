use super::shared::operations_without;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has no `x-ms-visibility`.
    ///
    /// ## What
    /// An operation has no `x-ms-visibility` (or an empty one). Certification profile.
    ///
    /// ## Why
    /// Certification asks every operation to say how prominently the designer shows it
    /// (`important`, `advanced` or `internal`). Most accepted connectors leave it out on some
    /// operations (512 of the 619 certified ones), so it is information, not a warning.
    ///
    /// ## Example
    /// ```json
    /// "get": {"operationId": "ListUsers", "responses": {"200": {"description": "OK"}}}
    /// ```
    ///
    /// ## Fix
    /// Choose `x-ms-visibility: important` for the main actions, `advanced` for the rest and
    /// `internal` for helpers. This is a decision, so `fix` leaves it to a person.
    pub static RULE = Definition(check) {
        code: "CCF483",
        name: "operation-visibility-missing",
        severity: Info,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let help = "add x-ms-visibility: important, advanced or internal";
    operations_without(cx, out, "x-ms-visibility", "a visibility", help);
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
            [("CCF483", "/paths/~1u/get", "GET /u has no `x-ms-visibility`; certification asks every operation for a visibility")]
        );
    }

    #[test]
    fn an_operation_with_it_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"x-ms-visibility": "important"}}}}"#).is_empty());
    }
}
