use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::source::Source;

crate::declare_rule! {
    /// A response declares the same header twice, in different letter case.
    ///
    /// ## What
    /// Two keys of a response's `headers` are equal ignoring case (`X-Total` and `x-total`), in an
    /// operation's responses or in the root `responses`.
    ///
    /// ## Why
    /// HTTP header names are case-insensitive, so both describe one header; Microsoft's validator
    /// rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// "headers": {"X-Rate-Limit": {"type": "integer"}, "x-rate-limit": {"type": "integer"}}
    /// ```
    ///
    /// ## Fix
    /// Keep one of them.
    pub static RULE = Definition(check) {
        code: "CCF228",
        name: "response-headers-not-unique",
        severity: Error,
        microsoft: ["ResponseHeadersAreNotUnique"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if let Some(shared) = cx.doc.field("responses").and_then(Value::as_object) {
        for (name, r) in shared {
            headers(cx.src, out, r, || vec!["responses", name]);
        }
    }
    for op in cx.operations {
        let Some(responses) = op.op.field("responses").and_then(Value::as_object) else {
            continue;
        };
        for (code, r) in responses {
            headers(cx.src, out, r, || {
                vec!["paths", op.path, op.method, "responses", code]
            });
        }
    }
}

fn headers<'a>(
    src: &Source,
    out: &mut Emitter,
    response: &'a Value,
    at: impl Fn() -> Vec<&'a str>,
) {
    let Some(h) = response.field("headers").and_then(Value::as_object) else {
        return;
    };
    if h.len() < 2 || !has_case_duplicate(h) {
        return;
    }
    let mut seen: HashMap<String, &str> = HashMap::new();
    for name in h.keys() {
        match seen.get(&name.to_ascii_lowercase()) {
            Some(first) => {
                let mut tokens = at();
                tokens.extend(["headers", name.as_str()]);
                out.emit(
                    src,
                    pointer(tokens),
                    format!("response header `{name}` repeats `{first}` (header names ignore case)"),
                )
                .set_help("keep one of the two headers");
            }
            None => {
                seen.insert(name.to_ascii_lowercase(), name);
            }
        }
    }
}

/// A cheap test before allocating: any two names equal ignoring case. Header lists are short.
fn has_case_duplicate(h: &Map<String, Value>) -> bool {
    let names: Vec<&String> = h.keys().collect();
    names.iter().enumerate().any(|(i, a)| {
        names[i + 1..]
            .iter()
            .any(|b| a.eq_ignore_ascii_case(b))
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_header_in_two_cases_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"responses": {"200": {"description": "OK",
                "headers": {"X-Total": {"type": "integer"}, "x-total": {"type": "integer"}}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF228",
                "/paths/~1u/get/responses/200/headers/x-total",
                "response header `x-total` repeats `X-Total` (header names ignore case)"
            )]
        );
    }

    #[test]
    fn distinct_headers_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "responses": {"R": {"description": "r", "headers": {"A": {}, "B": {}}}},
                "paths": {"/u": {"get": {"responses": {"200": {"description": "OK",
                "headers": {"X-Total": {"type": "integer"}, "X-Next": {"type": "string"}}}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
