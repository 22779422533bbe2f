use super::shared::parameters_without;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter shown to users has no `description`.
    ///
    /// ## What
    /// A parameter that is not in the body and not `x-ms-visibility: internal` has no `description`
    /// (or an
    /// empty one). Each parameter is reported once, where it is defined. Certification profile.
    ///
    /// ## Why
    /// The description is the hint the designer shows under the field; certification asks every
    /// parameter for one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "top", "in": "query", "type": "integer"}
    /// ```
    ///
    /// ## Fix
    /// Write a sentence on what the value means and what it looks like. This needs a person: `fix`
    /// does not invent it.
    pub static RULE = Definition(check) {
        code: "CCF485",
        name: "parameter-description-missing",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    parameters_without(cx, out, "description", "write a sentence on what the value means");
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
            [("CCF485", "/paths/~1u/get/parameters/0", "parameter `top` has no `description`")]
        );
    }

    #[test]
    fn a_parameter_with_it_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"parameters": [{"name": "top", "in": "query", "type": "integer", "description": "Top."}]}}}}"#).is_empty());
    }
}
