use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A path parameter lacks `x-ms-url-encoding`.
    ///
    /// ## What
    /// An `in: path` parameter has no `x-ms-url-encoding`, or its value is not `single` or
    /// `double`.
    ///
    /// ## Why
    /// Microsoft's validator asks for it on path parameters: without it a value containing `/` or
    /// `%` may be encoded twice or not at all. (A non-path parameter carrying it is
    /// `query-parameter-url-encoding`.)
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
        microsoft: ["PathParameterMissingEncoding"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.location() != Some("path") {
            continue;
        }
        match p.value.field("x-ms-url-encoding").map(|v| (v, v.as_str())) {
            Some((_, Some("single" | "double"))) => {}
            Some((value, _)) => {
                out.emit(
                    cx.src,
                    p.member_pointer("x-ms-url-encoding"),
                    format!("`x-ms-url-encoding` is {value}; it must be \"single\" or \"double\""),
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_missing_or_unknown_encoding_is_reported_once_per_definition() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/{id}": {"get": {"parameters": [
                    {"name": "id", "in": "path", "required": true, "type": "string"}
                ]}},
                "/x/{k}": {
                    "get": {"parameters": [{"$ref": "#/parameters/K"}]},
                    "put": {"parameters": [{"$ref": "#/parameters/K"}]}
                }},
                "parameters": {"K": {"name": "k", "in": "path", "required": true,
                                     "type": "string", "x-ms-url-encoding": "triple"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF304",
                    "/parameters/K/x-ms-url-encoding",
                    "`x-ms-url-encoding` is \"triple\"; it must be \"single\" or \"double\""
                ),
                (
                    "CCF304",
                    "/paths/~1{id}/get/parameters/0",
                    "path parameter `id` lacks `x-ms-url-encoding`"
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
                {"name": "b", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "double"},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
