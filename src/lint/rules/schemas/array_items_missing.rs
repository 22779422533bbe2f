use super::shared::{Holder, each_holder, under_ignored_items};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// An array has no `items`.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header of `type: array` does not say
    /// what its elements are: it has no `items`. Schemas below the `items` of a non-array schema
    /// are left alone, as the platform never reads them.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`ArrayHasNoItems`), and the designer cannot show the
    /// elements. `ccforge fix` adds `items: {}` to schemas and `items: {type: string}` to
    /// parameters (pass CCF610), which clears this rule; describing the real element type is
    /// still up to you.
    ///
    /// ## Example
    /// ```json
    /// "tags": {"type": "array"}
    /// ```
    ///
    /// ## Fix
    /// Add `items` with the elements' schema: `"tags": {"type": "array", "items": {"type": "string"}}`.
    pub static RULE = Definition(check) {
        code: "CCF145",
        name: "array-items-missing",
        severity: Error,
        microsoft: ["ArrayHasNoItems"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::TYPE, &mut |h: &Holder| {
        if h.type_name() == Some("array") && !h.has("items") {
            let pointer = h.pointer(cx);
            if under_ignored_items(cx.doc, &pointer) {
                return;
            }
            out.emit(
                cx.src,
                pointer,
                format!("the array {} has no `items`", h.kind()),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn arrays_without_items_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "ids", "in": "query", "type": "array"}]}}},
                "definitions": {"A": {"type": "object", "properties": {"tags": {"type": "array"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF145", "/definitions/A/properties/tags", "the array schema has no `items`"),
                ("CCF145", "/paths/~1a/get/parameters/0", "the array parameter has no `items`"),
            ]
        );
    }

    #[test]
    fn arrays_with_items_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"L": {"type": "array", "items": {}},
                "O": {"type": "object", "items": {"properties": {"a": {"type": "array"}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
