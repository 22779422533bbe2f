use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

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
    // The structure check finds them, as `convert` and `fix` refuse to write them.
    for f in cx.structure() {
        if f.kind == Kind::PathTemplate {
            out.emit(cx.src, f.pointer.clone(), f.message.clone());
        }
    }
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
