use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An operation path ends in `/`.
    ///
    /// ## What
    /// A path other than `/` ends with a slash, such as `/users/`.
    ///
    /// ## Why
    /// Most APIs do not expect the trailing slash and answer 404 or a redirect that drops the body;
    /// converters often add it by accident. Whether the platform keeps it at run time is not
    /// documented, so a connector that relies on it is fragile.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/users/": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Remove the trailing slash, unless the API really requires it; then suppress this finding
    /// with `x-ccforge-ignore` and the reason.
    pub static RULE = Definition(check) {
        code: "CCF201",
        name: "path-trailing-slash",
        severity: Warning,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        if path.len() > 1 && path.ends_with('/') {
            out.emit(
                cx.src,
                pointer(["paths", path]),
                format!("path `{path}` ends in `/`"),
            )
            .set_help(format!(
                "write `{}` unless the API needs the slash",
                path.trim_end_matches('/')
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_trailing_slash_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/users/": {}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF201", "/paths/~1users~1", "path `/users/` ends in `/`")]
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("write `/users` unless the API needs the slash")
        );
    }

    #[test]
    fn the_root_and_bare_paths_pass() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/": {}, "/users": {}}}"#);
        assert!(found.is_empty());
    }
}
