use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// A path template variable is malformed.
    ///
    /// ## What
    /// A key of `paths` has a `{` without its `}` (or the reverse), a `{` inside a variable, a
    /// variable that spans a `/` (`/a/{b/c}`), or an empty variable `{}`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (OperationPathTemplateNotValid): each `{variable}` must lie
    /// within one path segment, and a lone brace must be URL-encoded. The platform could not say
    /// which parameter fills which part of the URL.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/users/{id/orders": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Close each variable within its segment (`/users/{id}/orders`) and name it; write a literal
    /// brace as `%7B` or `%7D`.
    pub static RULE = Definition(check) {
        code: "CCF213",
        name: "path-template-invalid",
        severity: Error,
        microsoft: ["OperationPathTemplateNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        if let Some(problem) = problem(path) {
            out.emit(
                cx.src,
                pointer(["paths", path]),
                format!("path `{path}` {problem}"),
            );
        }
    }
}

/// What is wrong with the path's template, if anything.
fn problem(path: &str) -> Option<&'static str> {
    let mut open: Option<usize> = None;
    for (i, c) in path.char_indices() {
        match (c, open) {
            ('{', Some(_)) => return Some("has a `{` inside a template variable"),
            ('{', None) => open = Some(i),
            ('}', None) => return Some("has a `}` that closes no template variable"),
            ('}', Some(start)) if start + 1 == i => return Some("has an empty template variable `{}`"),
            ('}', Some(_)) => open = None,
            ('/', Some(_)) => return Some("has a template variable that spans more than one segment"),
            _ => {}
        }
    }
    open.map(|_| "has a `{` that is never closed")
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn malformed_templates_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a/{id/b": {}, "/b/{id}}": {}, "/c/{}": {}, "/d/{{id}}": {}, "/e/{id": {}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF213",
                    "/paths/~1a~1{id~1b",
                    "path `/a/{id/b` has a template variable that spans more than one segment"
                ),
                (
                    "CCF213",
                    "/paths/~1b~1{id}}",
                    "path `/b/{id}}` has a `}` that closes no template variable"
                ),
                (
                    "CCF213",
                    "/paths/~1c~1{}",
                    "path `/c/{}` has an empty template variable `{}`"
                ),
                (
                    "CCF213",
                    "/paths/~1d~1{{id}}",
                    "path `/d/{{id}}` has a `{` inside a template variable"
                ),
                (
                    "CCF213",
                    "/paths/~1e~1{id",
                    "path `/e/{id` has a `{` that is never closed"
                ),
            ]
        );
    }

    #[test]
    fn well_formed_templates_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a/{id}/b/{x}.{format}": {}, "/": {}}}"#,
        );
        assert!(found.is_empty());
    }
}
