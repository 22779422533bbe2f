use super::shared::requirements;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A security requirement's value is not a list.
    ///
    /// ## What
    /// A `security` requirement maps a scheme to something other than an array: `null`, a
    /// string, an object.
    ///
    /// ## Why
    /// Swagger 2.0 requires a list of scopes (empty for non-OAuth schemes), and Microsoft's
    /// validator rejects anything else (`SecurityRequirementMustHaveValue`).
    ///
    /// ## Example
    /// ```json
    /// "security": [{"api_key": null}]
    /// ```
    ///
    /// ## Fix
    /// Write `[]`, or the list of OAuth scopes.
    pub static RULE = Definition(check) {
        code: "CCF511",
        name: "security-requirement-not-array",
        severity: Error,
        microsoft: ["SecurityRequirementMustHaveValue"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for req in requirements(cx) {
        if req.value.is_array() {
            continue;
        }
        out.emit(
            cx.src,
            req.pointer(),
            format!(
                "security requirement `{}` must be a list of scopes, not `{}`",
                req.name, req.value
            ),
        )
        .set_help("write `[]` when no OAuth scopes are needed");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_non_list_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"security": [{"api_key": null}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF511",
                "/paths/~1a/get/security/0/api_key",
                "security requirement `api_key` must be a list of scopes, not `null`"
            )]
        );
    }

    #[test]
    fn a_list_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "security": [{"api_key": []}]}"#,
        );
        assert!(found.is_empty());
    }
}
