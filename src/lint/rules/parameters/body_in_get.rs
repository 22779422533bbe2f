use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A GET operation has a body or formData parameter.
    ///
    /// ## What
    /// A GET operation declares an `in: body` or `in: formData` parameter.
    ///
    /// ## Why
    /// The platform does not send a body with GET and rejects the definition
    /// (`BodyOrFormDataParameterInFetchOperationNotAllowed`).
    ///
    /// ## Example
    /// ```json
    /// "get": { "parameters": [{"name": "body", "in": "body", "schema": {...}}] }
    /// ```
    ///
    /// ## Fix
    /// Use POST, or pass the values as query parameters.
    pub static RULE = Definition(check) {
        code: "CCF305",
        name: "body-in-get",
        severity: Error,
        microsoft: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations.iter().filter(|o| o.method == "get") {
        for p in op.params.iter() {
            if let Some(loc @ ("body" | "formData")) = p.location() {
                out.emit(
                    cx.src,
                    p.member_pointer("in"),
                    format!(
                        "GET {} has an `in: {loc}` parameter `{}`",
                        op.path,
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help("use POST, or pass the values as query parameters");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_body_on_get_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/search": {"get": {"parameters": [
                {"name": "body", "in": "body", "schema": {"type": "object"}}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF305",
                "/paths/~1search/get/parameters/0/in",
                "GET /search has an `in: body` parameter `body`"
            )]
        );
    }

    #[test]
    fn a_body_on_post_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/search": {"post": {"parameters": [
                {"name": "body", "in": "body", "schema": {"type": "object"}}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
