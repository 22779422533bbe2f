use serde_json::Value;

use super::shared::{Consumes, MULTIPART, URLENCODED};
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `type: file` parameter is not in formData, or its operation consumes no form type.
    ///
    /// ## What
    /// A parameter has `"type": "file"` but is not `in: formData` (an error); or an operation with
    /// a formData file parameter does not list `multipart/form-data` or
    /// `application/x-www-form-urlencoded` in its `consumes` (a warning).
    ///
    /// ## Why
    /// Swagger 2.0 sends files only as form fields, and requires the operation to consume a form
    /// media type to do so. Microsoft's validator rejects a file parameter in any other location
    /// (`FileParameterMustBeInFormData`). The `consumes` half is Swagger 2.0's own rule; a few
    /// accepted connectors break it, so it is only a warning.
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
    p.value.get("type").and_then(Value::as_str) == Some("file")
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
    for op in cx.operations {
        let Some(file) = op
            .params
            .iter()
            .find(|p| p.location() == Some("formData") && is_file(p))
        else {
            continue;
        };
        let consumes = Consumes::of(cx.doc, op);
        if !consumes.has(MULTIPART) && !consumes.has(URLENCODED) {
            out.emit_as(
                Severity::Warning,
                cx.src,
                consumes.pointer(op),
                format!(
                    "{} has the file parameter `{}` but does not consume `{MULTIPART}` or `{URLENCODED}`",
                    op.label(),
                    file.name().unwrap_or("?")
                ),
            )
            .set_help(format!("add \"consumes\": [\"{MULTIPART}\"] to the operation"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_file_outside_form_data_and_a_file_without_form_consumes_are_reported() {
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
                (
                    "CCF316",
                    "/consumes",
                    "POST /b has the file parameter `f` but does not consume `multipart/form-data` or `application/x-www-form-urlencoded`"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[1].severity, Severity::Warning);
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
