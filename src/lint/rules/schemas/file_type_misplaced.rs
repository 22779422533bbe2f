use serde_json::Value;

use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;
use crate::swagger::schemas::Root;

crate::declare_rule! {
    /// A schema of `type: file` is somewhere other than the top of a response.
    ///
    /// ## What
    /// A schema has `type: file` but is not a response's whole `schema`: it is a body parameter's
    /// schema, a property, an array's `items` or nested elsewhere. (Non-body parameters of
    /// `type: file` outside `formData` are the parameters rules' business.)
    ///
    /// ## Why
    /// Swagger 2.0 knows `file` only for `formData` parameters and whole response bodies;
    /// Microsoft's validator rejects it elsewhere (`SchemaTypeFileNotValid`).
    ///
    /// ## Example
    /// ```json
    /// {"in": "body", "name": "document", "schema": {"type": "file"}}
    /// ```
    ///
    /// ## Fix
    /// For a body, use `{"type": "string", "format": "binary"}`; for an upload form, a
    /// `formData` parameter of `type: file` with `consumes: ["multipart/form-data"]`.
    pub static RULE = Definition(check) {
        code: "CCF147",
        name: "file-type-misplaced",
        severity: Error,
        microsoft: ["SchemaTypeFileNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::TYPE) {
        if member(s.value, "type").and_then(Value::as_str) != Some("file") {
            continue;
        }
        // A response's whole schema, or a definition that may serve as one.
        if s.depth == 0 && matches!(s.root, Root::Response | Root::Definition) {
            continue;
        }
        out.emit(
            cx.src,
            index.pointer_to(s.id, "type"),
            "`type: file` is allowed only for formData parameters and a response's whole schema",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_file_body_and_property_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {
                "parameters": [{"in": "body", "name": "b", "schema": {"type": "file"}}]}}},
                "definitions": {"A": {"type": "object", "properties": {"f": {"type": "file"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF147",
                    "/definitions/A/properties/f/type",
                    "`type: file` is allowed only for formData parameters and a response's whole schema"
                ),
                (
                    "CCF147",
                    "/paths/~1a/post/parameters/0/schema/type",
                    "`type: file` is allowed only for formData parameters and a response's whole schema"
                ),
            ]
        );
    }

    #[test]
    fn a_file_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {
                "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
