use serde_json::Value;

use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A schema has an empty `required` list.
    ///
    /// ## What
    /// A schema declares `required: []`.
    ///
    /// ## Why
    /// Microsoft's validator rejects an empty `required` array (`RequiredPropertyArrayEmpty`): when
    /// nothing is required the keyword must be left out. `ccforge fix` removes it (pass CCF610).
    ///
    /// ## Example
    /// ```json
    /// "Item": {"type": "object", "required": [], "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// ## Fix
    /// Remove `required`, or list the properties that are required.
    pub static RULE = Definition(check) {
        code: "CCF132",
        name: "required-array-empty",
        severity: Error,
        microsoft: ["RequiredPropertyArrayEmpty"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::REQUIRED) {
        if member(s.value, "required")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            out.emit(
                cx.src,
                index.pointer_to(s.id, "required"),
                "`required` is an empty list",
            )
            .set_help("remove `required` when no property is required");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_empty_list_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"in": "body", "name": "b", "schema": {"type": "object", "required": []}}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF132",
                "/paths/~1a/post/parameters/0/schema/required",
                "`required` is an empty list"
            )]
        );
    }

    #[test]
    fn a_list_with_names_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "object", "required": ["a"],
                "properties": {"a": {"type": "string"}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
