use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An operation path does not start with `/`.
    ///
    /// ## What
    /// A key of `paths` (other than an `x-` extension) does not begin with a slash, such as
    /// `users/{id}` or an empty key.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (OperationPathMustStartWithSlash): the path is appended to
    /// the `basePath` to build the request URL.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "users/{id}": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Start the path with `/`: `/users/{id}`.
    pub static RULE = Definition(check) {
        code: "CCF210",
        name: "path-no-leading-slash",
        severity: Error,
        microsoft: ["OperationPathMustStartWithSlash"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        if !path.starts_with('/') {
            out.emit(
                cx.src,
                pointer(["paths", path]),
                format!("path `{path}` does not start with `/`"),
            )
            .set_help(format!("write `/{path}`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_path_without_its_slash_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"users": {}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF210", "/paths/users", "path `users` does not start with `/`")]
        );
        assert_eq!(found[0].help.as_deref(), Some("write `/users`"));
    }

    #[test]
    fn slashed_paths_and_extensions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users": {}, "x-note": {}}}"#,
        );
        assert!(found.is_empty());
    }
}
