use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An operation path contains `?` or `#`.
    ///
    /// ## What
    /// A key of `paths` contains a query part or a fragment, such as `/search?type=user` or
    /// `/page#top`.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (OperationPathMayNotContainQueryOrFragment). Swagger 2.0
    /// describes query values as `in: query` parameters, and two operations that differ only in a
    /// fixed query value cannot both be described this way.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/search?type=user": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Move the query into a parameter (`{"name": "type", "in": "query", ...}`, with `default`
    /// and `x-ms-visibility: internal` for a fixed value); a literal `?` or `#` in a segment is
    /// written `%3F` or `%23`.
    pub static RULE = Definition(check) {
        code: "CCF211",
        name: "path-query-or-fragment",
        severity: Error,
        microsoft: ["OperationPathMayNotContainQueryOrFragment"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in swagger::paths(cx.doc) {
        if let Some(c) = path.chars().find(|c| matches!(c, '?' | '#')) {
            let what = if c == '?' { "a query" } else { "a fragment" };
            out.emit(
                cx.src,
                pointer(["paths", path]),
                format!("path `{path}` contains `{c}` ({what})"),
            )
            .set_help("describe query values as `in: query` parameters");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_query_and_a_fragment_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/search?type=user": {}, "/page#top": {}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF211",
                    "/paths/~1search?type=user",
                    "path `/search?type=user` contains `?` (a query)"
                ),
                (
                    "CCF211",
                    "/paths/~1page#top",
                    "path `/page#top` contains `#` (a fragment)"
                ),
            ]
        );
    }

    #[test]
    fn an_encoded_question_mark_passes() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/what%3F": {}}}"#);
        assert!(found.is_empty());
    }
}
