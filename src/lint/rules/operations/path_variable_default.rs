use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// A path template variable sets a default with `=`.
    ///
    /// ## What
    /// A `{variable}` of a path contains `=`, as in `/items/{top=10}` (a URI-template style
    /// default value).
    ///
    /// ## Why
    /// Microsoft's validator rejects it (OperationPathVariablesContainDefaults): a path variable
    /// is only a name, and its parameter must match it exactly.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/items/{top=10}": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Keep only the name in the path (`/items/{top}`) and put the default on the parameter
    /// (`"default": 10`).
    pub static RULE = Definition(check) {
        code: "CCF214",
        name: "path-variable-default",
        severity: Error,
        microsoft: ["OperationPathVariablesContainDefaults"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        for var in swagger::template_variables(path) {
            if let Some((name, _)) = var.split_once('=') {
                out.emit(
                    cx.src,
                    pointer(["paths", path]),
                    format!("path `{path}` sets a default in template variable `{{{var}}}`"),
                )
                .set_help(format!(
                    "write `{{{}}}` and give the parameter a `default`",
                    name.trim()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_default_in_a_variable_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/items/{top=10}": {}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF214",
                "/paths/~1items~1{top=10}",
                "path `/items/{top=10}` sets a default in template variable `{top=10}`"
            )]
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("write `{top}` and give the parameter a `default`")
        );
    }

    #[test]
    fn a_plain_variable_passes() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/items/{top}": {}}}"#);
        assert!(found.is_empty());
    }
}
