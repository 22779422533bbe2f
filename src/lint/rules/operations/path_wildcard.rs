use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An operation path contains the wildcard `*`.
    ///
    /// ## What
    /// A key of `paths` contains `*`, such as `/files/*` or `/v1/*/items`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (OperationPathContainsUnsupportedCharacters): an
    /// operation's path is a template of fixed segments and `{variables}`, not a pattern.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/files/*": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Use a path variable for the varying part (`/files/{path}`, with `x-ms-url-encoding` set
    /// as the API expects), or one operation per real path.
    pub static RULE = Definition(check) {
        code: "CCF212",
        name: "path-wildcard",
        severity: Error,
        microsoft: ["OperationPathContainsUnsupportedCharacters"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        if path.contains('*') {
            out.emit(
                cx.src,
                pointer(["paths", path]),
                format!("path `{path}` contains the wildcard `*`"),
            )
            .set_help("use a `{variable}` for the part that varies");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_wildcard_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/files/*": {}}}"#);
        assert_eq!(
            findings(&found),
            [(
                "CCF212",
                "/paths/~1files~1*",
                "path `/files/*` contains the wildcard `*`"
            )]
        );
    }

    #[test]
    fn a_template_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/files/{path}": {}}}"#,
        );
        assert!(found.is_empty());
    }
}
