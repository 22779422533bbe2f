use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// Two paths differ only in letter case.
    ///
    /// ## What
    /// Two keys of `paths` are equal when letter case is ignored, such as `/Users` and `/users`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (PathRedefined): paths must be unique when compared
    /// case-insensitively, so the platform treats the two as one path defined twice.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/users": { "get": {...} }, "/Users": { "post": {...} } }
    /// ```
    ///
    /// ## Fix
    /// Merge the operations under one spelling of the path.
    pub static RULE = Definition(check) {
        code: "CCF215",
        name: "path-redefined",
        severity: Error,
        microsoft: ["PathRedefined"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut first: HashMap<Cow<str>, &str> = HashMap::new();
    for path in swagger::paths(cx.doc) {
        let key = folded(path);
        match first.get(&key) {
            Some(other) => {
                out.emit(
                    cx.src,
                    pointer(["paths", path]),
                    format!("path `{path}` is also defined as `{other}`, which differs only in letter case"),
                )
                .set_help(format!("merge its operations into `{other}`"));
            }
            None => {
                first.insert(key, path);
            }
        }
    }
}

/// The path with letter case folded (borrowed when it has no capital letter).
pub(crate) fn folded(path: &str) -> Cow<'_, str> {
    if path.chars().any(char::is_uppercase) {
        Cow::Owned(path.to_lowercase())
    } else {
        Cow::Borrowed(path)
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn paths_equal_but_for_case_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users": {}, "/Users": {}, "/USERS": {}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF215",
                    "/paths/~1Users",
                    "path `/Users` is also defined as `/users`, which differs only in letter case"
                ),
                (
                    "CCF215",
                    "/paths/~1USERS",
                    "path `/USERS` is also defined as `/users`, which differs only in letter case"
                ),
            ]
        );
    }

    #[test]
    fn distinct_paths_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users": {}, "/users/{id}": {}, "/user": {}}}"#,
        );
        assert!(found.is_empty());
    }
}
