use serde_json::Value;

use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `string`/`binary` schema sits below the top of a schema.
    ///
    /// ## What
    /// A schema of `type: string, format: binary` is a property, an array's `items` or another
    /// schema nested in a body, response or definition schema, rather than a whole body or
    /// response.
    ///
    /// ## Why
    /// Microsoft's validator allows a string/binary schema only at the top of a body or formData
    /// parameter (`InvalidStringBinaryProperty`): file content travels as a whole request or
    /// response body, and a nested one cannot be filled in the designer. It is a warning because
    /// accepted connectors do nest such properties (their files are sent as JSON strings).
    ///
    /// ## Example
    /// ```json
    /// "Upload": {"type": "object", "properties": {"content": {"type": "string", "format": "binary"}}}
    /// ```
    ///
    /// ## Fix
    /// Send the file as the whole body (`"schema": {"type": "string", "format": "binary"}`) or as
    /// a `formData` parameter of `type: file`; for file content inside JSON use
    /// `format: byte` (base64).
    pub static RULE = Definition(check) {
        code: "CCF146",
        name: "string-binary-nested",
        severity: Warning,
        microsoft: ["InvalidStringBinaryProperty"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::FORMAT) {
        if s.depth > 0
            && member(s.value, "type").and_then(Value::as_str) == Some("string")
            && member(s.value, "format").and_then(Value::as_str) == Some("binary")
        {
            out.emit(
                cx.src,
                index.pointer_to(s.id, "format"),
                "a string/binary schema is nested inside another schema; it is allowed only as a whole body",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_nested_binary_property_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Upload": {"type": "object", "properties": {
                "content": {"type": "string", "format": "binary"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF146",
                "/definitions/Upload/properties/content/format",
                "a string/binary schema is nested inside another schema; it is allowed only as a whole body"
            )]
        );
    }

    #[test]
    fn a_binary_body_or_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {
                "parameters": [{"in": "body", "name": "b", "schema": {"type": "string", "format": "binary"}}],
                "responses": {"200": {"schema": {"type": "string", "format": "binary"}}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
