use serde_json::Value;

use super::shared::{Holder, converts_to, each_holder, fits_type, json_type};
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::{converted, keyword};

crate::declare_rule! {
    /// An `enum` value is not of the declared `type`.
    ///
    /// ## What
    /// A value in the `enum` of a schema, non-body parameter, `items` or response header does not
    /// have the JSON type its `type` declares (`"1"` in the enum of an `integer`). `null` entries
    /// and unknown types are left alone. A value that still converts to the type (`"true"` for a
    /// `boolean`, `"7"` for an `integer`) is reported as a warning rather than an error: 18
    /// accepted connectors have such enums, so the platform converts them on import.
    ///
    /// ## Why
    /// Microsoft's validator rejects the value (`InvalidEnumValue`: the type of the enum value
    /// should be the one the schema specifies); the designer would offer a choice the API does not
    /// accept.
    ///
    /// ## Example
    /// ```json
    /// {"name": "level", "in": "query", "type": "integer", "enum": [1, 2, "3"]}
    /// ```
    ///
    /// ## Fix
    /// Write the value in the declared type (`3`), or correct the `type`.
    pub static RULE = Definition(check) {
        code: "CCF135",
        name: "enum-value-type-mismatch",
        severity: Error,
        microsoft: ["InvalidEnumValue"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::ENUM, &mut |h: &Holder| {
        let (Some(list), Some(ty)) = (h.field("enum").and_then(Value::as_array), h.type_name())
        else {
            return;
        };
        for (i, v) in list.iter().enumerate() {
            if fits_type(v, ty) == Some(false) {
                let severity = if converts_to(v, ty) {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                let help = match converted(v, ty) {
                    Some(c) => format!("write it as `{c}`, or correct the `type`"),
                    None => "remove it from the `enum`, or correct the `type`".to_string(),
                };
                out.emit_as(
                    severity,
                    cx.src,
                    h.pointer_to_item(cx, "enum", i),
                    format!(
                        "`enum` value {v} is of type `{}` but the {} has type `{ty}`",
                        json_type(v),
                        h.kind()
                    ),
                )
                .set_help(help);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_value_of_another_type_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "level", "in": "query", "type": "integer", "enum": [1, 2, "3", "x"]}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF135",
                "/paths/~1a/get/parameters/0/enum/2",
                "`enum` value \"3\" is of type `string` but the parameter has type `integer`"
            ), (
                "CCF135",
                "/paths/~1a/get/parameters/0/enum/3",
                "`enum` value \"x\" is of type `string` but the parameter has type `integer`"
            )]
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[1].severity, Severity::Error);
        assert_eq!(
            found[0].help.as_deref(),
            Some("write it as `3`, or correct the `type`")
        );
        assert_eq!(
            found[1].help.as_deref(),
            Some("remove it from the `enum`, or correct the `type`")
        );
    }

    #[test]
    fn values_of_the_type_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "string", "enum": ["a", "b", null]},
                "N": {"type": "number", "enum": [1, 2.5]}}}"#,
        );
        assert!(found.is_empty());
    }
}
