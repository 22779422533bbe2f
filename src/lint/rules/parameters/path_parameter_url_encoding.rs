use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A path parameter lacks `x-ms-url-encoding` (or a query parameter has one).
    ///
    /// ## What
    /// An `in: path` parameter has no `x-ms-url-encoding`, or its value is not `single` or
    /// `double`; or a query parameter carries `x-ms-url-encoding`.
    ///
    /// ## Why
    /// Microsoft's validator asks for it on path parameters: without it a value containing `/` or
    /// `%` may be encoded twice or not at all. Query parameters must not carry it.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "path", "required": true, "type": "string"}
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-url-encoding": "single"` (`ccforge fix` does).
    pub static RULE = Definition(check) {
        code: "CCF304",
        name: "path-parameter-url-encoding",
        severity: Warning,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        for p in op.params.iter() {
            let encoding = p.value.get("x-ms-url-encoding");
            match p.location() {
                Some("path") => match encoding.and_then(Value::as_str) {
                    Some("single" | "double") => {}
                    Some(other) => {
                        out.emit(
                            cx.src,
                            p.member_pointer("x-ms-url-encoding"),
                            format!("`x-ms-url-encoding` is \"{other}\"; it must be \"single\" or \"double\""),
                        );
                    }
                    None => {
                        out.emit(
                            cx.src,
                            p.pointer(),
                            format!(
                                "path parameter `{}` lacks `x-ms-url-encoding`",
                                p.name().unwrap_or("?")
                            ),
                        )
                        .set_help("add \"x-ms-url-encoding\": \"single\"");
                    }
                },
                Some("query") if encoding.is_some() => {
                    out.emit(
                        cx.src,
                        p.member_pointer("x-ms-url-encoding"),
                        format!(
                            "query parameter `{}` must not carry `x-ms-url-encoding`",
                            p.name().unwrap_or("?")
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_path_parameter_without_and_a_query_parameter_with_it_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "q", "in": "query", "type": "string", "x-ms-url-encoding": "single"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF304",
                    "/paths/~1{id}/get/parameters/0",
                    "path parameter `id` lacks `x-ms-url-encoding`"
                ),
                (
                    "CCF304",
                    "/paths/~1{id}/get/parameters/1/x-ms-url-encoding",
                    "query parameter `q` must not carry `x-ms-url-encoding`"
                ),
            ]
        );
    }

    #[test]
    fn single_and_double_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/{a}/{b}": {"get": {"parameters": [
                {"name": "a", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"},
                {"name": "b", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "double"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
