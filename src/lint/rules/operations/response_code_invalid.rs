use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A response key is neither `default` nor an HTTP status code.
    ///
    /// ## What
    /// A key of an operation's `responses` is not `default`, not a three-digit status code from
    /// 100 to 599, and not an `x-` extension: `2XX`, `OK`, `200 OK`, `20`.
    ///
    /// ## Why
    /// Swagger 2.0 has no status-code ranges (OpenAPI 3's `2XX` is not Swagger 2.0), and
    /// Microsoft's validator rejects any other key.
    ///
    /// ## Example
    /// ```json
    /// "responses": {"2XX": {"description": "OK"}}
    /// ```
    ///
    /// ## Fix
    /// Use the real status code, e.g. `"200"`, or `"default"`.
    pub static RULE = Definition(check) {
        code: "CCF226",
        name: "response-code-invalid",
        severity: Error,
        microsoft: ["ResponseMustBeDefaultOrHttpStatusCode"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(responses) = op.op.field("responses").and_then(Value::as_object) else {
            continue;
        };
        for key in responses.keys() {
            if key == "default" || key.starts_with("x-") || is_status_code(key) {
                continue;
            }
            out.emit(
                cx.src,
                pointer(["paths", op.path, op.method, "responses", key]),
                format!(
                    "response `{key}` of {} is neither `default` nor an HTTP status code",
                    op.label()
                ),
            )
            .set_help("use a status code such as \"200\", or \"default\"");
        }
    }
}

/// A three-digit code from 100 to 599.
fn is_status_code(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn ranges_and_words_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {
                "2XX": {"description": "OK"}, "600": {"description": "?"}
            }}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF226",
                    "/paths/~1u/get/responses/2XX",
                    "response `2XX` of GET /u is neither `default` nor an HTTP status code"
                ),
                (
                    "CCF226",
                    "/paths/~1u/get/responses/600",
                    "response `600` of GET /u is neither `default` nor an HTTP status code"
                ),
            ]
        );
    }

    #[test]
    fn codes_default_and_extensions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {
                "100": {}, "204": {}, "599": {}, "default": {}, "x-note": {}
            }}}}}"#,
        );
        assert!(found.is_empty());
    }
}
