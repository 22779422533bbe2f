use super::shared::effective_mimes;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation sends a body or form data but declares no `consumes`.
    ///
    /// ## What
    /// An operation has a `body` or `formData` parameter, and neither the operation nor the root
    /// of the definition lists a MIME type in `consumes` (missing, or an empty list).
    ///
    /// ## Why
    /// The content type tells the platform how to encode the request; Microsoft's validator asks
    /// for at least one. The platform falls back to JSON on import (168 accepted connectors rely
    /// on that), so this is a warning; a form or a file upload sent as JSON fails at run time.
    ///
    /// ## Example
    /// ```json
    /// "post": {"parameters": [{"name": "body", "in": "body", "schema": {...}}], "responses": {...}}
    /// ```
    /// with no `consumes` at the root either.
    ///
    /// ## Fix
    /// Add `"consumes": ["application/json"]` at the root, or on the operation the type it sends
    /// (`multipart/form-data` for files).
    pub static RULE = Definition(check) {
        code: "CCF220",
        name: "consumes-missing",
        severity: Warning,
        microsoft: ["ConsumesMissing"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let sends = op
            .params
            .iter()
            .find(|p| matches!(p.location(), Some("body" | "formData")));
        let Some(param) = sends else { continue };
        let (list, at) = effective_mimes(cx.doc, op, "consumes");
        if list.is_some_and(|l| !l.is_empty()) {
            continue;
        }
        let at = match at {
            Some(at) if at.starts_with("/paths") => at,
            _ => op.pointer(),
        };
        out.emit(
            cx.src,
            at,
            format!(
                "{} has a `{}` parameter but no MIME type in `consumes`",
                op.label(),
                param.location().unwrap_or_default()
            ),
        )
        .set_help("add `\"consumes\": [\"application/json\"]` (or the type the API expects)");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_body_without_consumes_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}},
                "/b": {"post": {"consumes": [], "parameters": [{"name": "f", "in": "formData", "type": "string"}]}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF220",
                    "/paths/~1a/post",
                    "POST /a has a `body` parameter but no MIME type in `consumes`"
                ),
                (
                    "CCF220",
                    "/paths/~1b/post/consumes",
                    "POST /b has a `formData` parameter but no MIME type in `consumes`"
                ),
            ]
        );
    }

    #[test]
    fn root_consumes_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json"], "paths": {
                "/a": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}},
                "/c": {"get": {"parameters": [{"name": "q", "in": "query", "type": "string"}]}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
