use super::shared::parameters_without;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter shown to users has no `x-ms-summary`.
    ///
    /// ## What
    /// A parameter that is not in the body and not `x-ms-visibility: internal` has no
    /// `x-ms-summary` (or an
    /// empty one). Each parameter is reported once, where it is defined. Certification profile.
    ///
    /// ## Why
    /// `x-ms-summary` is the label the designer shows; without it users see the raw name.
    /// Certification asks every parameter for one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "top", "in": "query", "type": "integer"}
    /// ```
    ///
    /// ## Fix
    /// Write a short label in title case (`ccforge fix` makes one from the name).
    pub static RULE = Definition(check) {
        code: "CCF484",
        name: "parameter-summary-missing",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let help = "write a short label in title case; `ccforge fix` makes one from the name";
    parameters_without(cx, out, "x-ms-summary", help);
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_parameter_without_it_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"parameters": [
            {"name": "top", "in": "query", "type": "integer"},
            {"name": "key", "in": "header", "type": "string", "x-ms-visibility": "internal"},
            {"name": "body", "in": "body", "schema": {}}]}}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF484", "/paths/~1u/get/parameters/0", "parameter `top` has no `x-ms-summary`")]
        );
    }

    #[test]
    fn a_parameter_with_it_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"parameters": [{"name": "top", "in": "query", "type": "integer", "x-ms-summary": "Top."}]}}}}"#).is_empty());
    }
}
