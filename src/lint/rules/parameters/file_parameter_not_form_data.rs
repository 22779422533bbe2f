use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `type: file` parameter is not in formData.
    ///
    /// ## What
    /// A parameter has `"type": "file"` but is not `in: formData`. (An operation whose formData
    /// parameters come without a form media type in `consumes` is `form-data-mime-type`, or
    /// `consumes-missing` when it has no `consumes` at all.)
    ///
    /// ## Why
    /// Swagger 2.0 sends files only as form fields. Microsoft's validator rejects a file
    /// parameter in any other location (`FileParameterMustBeInFormData`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "file", "in": "body", "type": "file"}
    /// ```
    ///
    /// ## Fix
    /// Make it `"in": "formData"` and add `"consumes": ["multipart/form-data"]` to the operation;
    /// or, to send the file as the whole body, use an `in: body` parameter with
    /// `"schema": {"type": "string", "format": "binary"}`.
    pub static RULE = Definition(check) {
        code: "CCF316",
        name: "file-parameter-not-form-data",
        severity: Error,
        microsoft: ["FileParameterMustBeInFormData"],
    }
}

fn is_file(p: &crate::swagger::Parameter) -> bool {
    p.value.field("type").and_then(Value::as_str) == Some("file")
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if let Some(location) = p.location()
            && location != "formData"
            && is_file(p)
        {
            out.emit(
                cx.src,
                p.member_pointer("in"),
                format!(
                    "file parameter `{}` is `in: {location}`; file parameters must be in formData",
                    p.name().unwrap_or("?")
                ),
            )
            .set_help("use \"in\": \"formData\", or a body parameter with a string/binary schema");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_file_outside_form_data_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json"], "paths": {
                "/a": {"post": {"parameters": [{"name": "doc", "in": "body", "type": "file"}]}},
                "/b": {"post": {"parameters": [{"name": "f", "in": "formData", "type": "file"}]}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF316",
                    "/paths/~1a/post/parameters/0/in",
                    "file parameter `doc` is `in: body`; file parameters must be in formData"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn a_form_data_file_with_multipart_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json"], "paths": {"/a": {"post": {
                "consumes": ["multipart/form-data; boundary=x"],
                "parameters": [{"name": "f", "in": "formData", "type": "file"}]
            }}}}"#,
        );
        assert!(found.is_empty());
    }
}
