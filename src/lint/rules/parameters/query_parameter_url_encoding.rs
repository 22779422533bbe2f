use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter outside the path carries `x-ms-url-encoding`.
    ///
    /// ## What
    /// A query, header, formData or body parameter has `x-ms-url-encoding`.
    ///
    /// ## Why
    /// The extension only controls how a path segment is encoded. Microsoft's validator reports it
    /// on query parameters (`QueryParameterEncodingNotSupported`: query values are always encoded
    /// once), and it means nothing elsewhere. Accepted connectors carry it on query and header
    /// parameters, so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// {"name": "q", "in": "query", "type": "string", "x-ms-url-encoding": "single"}
    /// ```
    ///
    /// ## Fix
    /// Remove `x-ms-url-encoding` from the parameter.
    pub static RULE = Definition(check) {
        code: "CCF310",
        name: "query-parameter-url-encoding",
        severity: Warning,
        microsoft: ["QueryParameterEncodingNotSupported"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        let Some(location) = p.location() else {
            continue;
        };
        if location != "path" && p.value.has("x-ms-url-encoding") {
            out.emit(
                cx.src,
                p.member_pointer("x-ms-url-encoding"),
                format!(
                    "{location} parameter `{}` carries `x-ms-url-encoding`, which applies to path parameters only",
                    p.name().unwrap_or("?")
                ),
            )
            .set_help("remove \"x-ms-url-encoding\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn query_and_header_parameters_with_it_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"},
                {"name": "q", "in": "query", "type": "string", "x-ms-url-encoding": "single"},
                {"$ref": "#/parameters/H"}
            ]}}},
            "parameters": {"H": {"name": "h", "in": "header", "type": "string", "x-ms-url-encoding": "double"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF310",
                    "/parameters/H/x-ms-url-encoding",
                    "header parameter `h` carries `x-ms-url-encoding`, which applies to path parameters only"
                ),
                (
                    "CCF310",
                    "/paths/~1{id}/get/parameters/1/x-ms-url-encoding",
                    "query parameter `q` carries `x-ms-url-encoding`, which applies to path parameters only"
                ),
            ]
        );
    }

    #[test]
    fn path_parameters_with_it_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "double"},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
