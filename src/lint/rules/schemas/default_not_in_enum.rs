use crate::value::Lookup;
use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `default` value is not one of the `enum` values.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header has both `enum` and `default`,
    /// and the default is not in the list.
    ///
    /// ## Why
    /// The designer fills the field with the default, then offers only the enum's values: the
    /// prefilled value is one the user could never pick, and the API may reject it. Microsoft's
    /// published rule list has no name for this case, so it is a warning.
    ///
    /// ## Example
    /// ```json
    /// {"name": "sort", "in": "query", "type": "string", "enum": ["asc", "desc"], "default": "ascending"}
    /// ```
    ///
    /// ## Fix
    /// Make the default one of the enum's values, or add it to the enum.
    pub static RULE = Definition(check) {
        code: "CCF136",
        name: "default-not-in-enum",
        severity: Warning,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::ENUM, &mut |h: &Holder| {
        let (Some(list), Some(default)) =
            (h.field("enum").and_then(Value::as_array), h.field("default"))
        else {
            return;
        };
        if list.is_empty() || default.is_null() || list.contains(default) {
            return;
        }
        // A secret's value is not repeated (a parameter's `name`, else the property's key).
        let name = match h.value.field("name").and_then(Value::as_str) {
            Some(n) => n.to_string(),
            None => crate::diagnostic::split_pointer(&h.pointer(cx))
                .last()
                .cloned()
                .unwrap_or_default(),
        };
        let secret = default
            .as_str()
            .is_some_and(|s| crate::secrets::withhold(Some(&name), s).is_some());
        out.emit(
            cx.src,
            h.pointer_to(cx, "default"),
            if secret {
                "`default` is not one of the `enum` values".to_string()
            } else {
                format!("`default` {default} is not one of the `enum` values")
            },
        );
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_default_outside_the_enum_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [{"name": "sort",
                "in": "query", "type": "string", "enum": ["asc", "desc"], "default": "ascending"}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF136",
                "/paths/~1a/get/parameters/0/default",
                "`default` \"ascending\" is not one of the `enum` values"
            )]
        );
    }

    #[test]
    fn a_secret_default_is_not_repeated() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "object", "properties": {
                "password": {"type": "string", "enum": ["a"], "default": "Hunter2Planted9x"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF136",
                "/definitions/A/properties/password/default",
                "`default` is not one of the `enum` values"
            )]
        );
    }

    #[test]
    fn a_default_in_the_enum_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "integer", "enum": [1, 2], "default": 2}}}"#,
        );
        assert!(found.is_empty());
    }
}
