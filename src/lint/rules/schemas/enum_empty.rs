use crate::value::Lookup;
use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// An `enum` list is empty.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header declares `enum: []`.
    ///
    /// ## Why
    /// An empty enum allows no value at all; Microsoft's validator rejects it
    /// (`EnumMustContainAtLeastOneElement`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "status", "in": "query", "type": "string", "enum": []}
    /// ```
    ///
    /// ## Fix
    /// List the allowed values, or remove `enum` when any value is allowed.
    pub static RULE = Definition(check) {
        code: "CCF137",
        name: "enum-empty",
        severity: Error,
        microsoft: ["EnumMustContainAtLeastOneElement"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::ENUM, &mut |h: &Holder| {
        if h.value
            .field("enum")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            out.emit(
                cx.src,
                h.pointer_to(cx, "enum"),
                format!("the {}'s `enum` is an empty list", h.kind()),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_empty_enum_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"S": {"type": "string", "enum": []}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF137", "/definitions/S/enum", "the schema's `enum` is an empty list")]
        );
    }

    #[test]
    fn an_enum_with_values_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"S": {"type": "string", "enum": ["a"]}}}"#,
        );
        assert!(found.is_empty());
    }
}
