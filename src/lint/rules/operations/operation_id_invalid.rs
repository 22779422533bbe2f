use crate::lint::{Definition, Emitter};
use crate::swagger::naming::pascal;

crate::declare_rule! {
    /// An operationId has characters other than letters and digits.
    ///
    /// ## What
    /// The `operationId` contains characters other than ASCII letters and digits (`-`, `_`, `.`,
    /// `/`, spaces).
    ///
    /// ## Why
    /// The platform sanitises the id to letters and digits, so what flows reference differs from
    /// what you wrote, and certification requires PascalCase.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "get-user_by.id"
    /// ```
    ///
    /// ## Fix
    /// Use PascalCase: `GetUserById`. Renaming an id breaks existing flows, so do it before
    /// publishing.
    pub static RULE = Definition(check) {
        code: "CCF205",
        name: "operation-id-invalid",
        severity: Warning,
        microsoft: ["OperationIdSanitized"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        if !id.is_empty() && !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            let suggestion = pascal(id);
            out.emit(
                cx.src,
                op.pointer_to("operationId"),
                format!("operationId `{id}` has characters other than letters and digits"),
            )
            .set_help(format!("use `{suggestion}`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn other_characters_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"operationId": "get-user_by.id"}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF205",
                "/paths/~1u/get/operationId",
                "operationId `get-user_by.id` has characters other than letters and digits"
            )]
        );
        assert_eq!(found[0].help.as_deref(), Some("use `GetUserById`"));
    }

    #[test]
    fn pascal_case_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"operationId": "GetUserById"}}}}"#,
        );
        assert!(found.is_empty());
    }
}
