use super::shared::{Holder, converts_to, each_holder, fits_type, json_type};
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `default` value is not of the declared `type`.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header has a `default` whose JSON type
    /// does not match its `type`: a string default on an `integer`, a number on a `boolean`, a
    /// fraction on an `integer`. Only the JSON type is checked, not the `format` (a `date-time`
    /// default is checked as a string); `null` defaults and unknown types are left alone.
    ///
    /// A default that still converts to the type (`"10"` for an `integer`, `"true"` for a
    /// `boolean`, `5` for a `string`) is reported as a warning rather than an error: 21 accepted
    /// connectors have such defaults, so the platform converts them on import.
    ///
    /// ## Why
    /// Microsoft's validator rejects a default that does not match (`DefaultValueMustMatchType`),
    /// and a default of the wrong type is sent as is when the user leaves the field empty.
    ///
    /// ## Example
    /// ```json
    /// {"name": "top", "in": "query", "type": "integer", "default": "10"}
    /// ```
    ///
    /// ## Fix
    /// Write the default as a value of the type (`"default": 10`), or correct the `type`.
    pub static RULE = Definition(check) {
        code: "CCF134",
        name: "default-type-mismatch",
        severity: Error,
        microsoft: ["DefaultValueMustMatchType"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::DEFAULT, &mut |h: &Holder| {
        let (Some(default), Some(ty)) = (h.field("default"), h.type_name()) else {
            return;
        };
        if fits_type(default, ty) == Some(false) {
            let severity = if converts_to(default, ty) {
                Severity::Warning
            } else {
                Severity::Error
            };
            out.emit_as(
                severity,
                cx.src,
                h.pointer_to(cx, "default"),
                format!(
                    "`default` is of type `{}` but the {} has type `{ty}`",
                    json_type(default),
                    h.kind()
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn mismatched_defaults_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                    {"name": "top", "in": "query", "type": "integer", "default": "ten"},
                    {"name": "ids", "in": "query", "type": "array",
                     "items": {"type": "integer", "default": 1.5}}]}}},
                "definitions": {"A": {"type": "object", "properties": {
                    "on": {"type": "boolean", "default": 2},
                    "off": {"type": "boolean", "default": "false"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF134",
                    "/definitions/A/properties/on/default",
                    "`default` is of type `integer` but the schema has type `boolean`"
                ),
                (
                    "CCF134",
                    "/definitions/A/properties/off/default",
                    "`default` is of type `string` but the schema has type `boolean`"
                ),
                (
                    "CCF134",
                    "/paths/~1a/get/parameters/0/default",
                    "`default` is of type `string` but the parameter has type `integer`"
                ),
                (
                    "CCF134",
                    "/paths/~1a/get/parameters/1/items/default",
                    "`default` is of type `number` but the items has type `integer`"
                ),
            ]
        );
        let severities: Vec<Severity> = found.iter().map(|d| d.severity).collect();
        assert_eq!(
            severities,
            [Severity::Error, Severity::Warning, Severity::Error, Severity::Error]
        );
    }

    #[test]
    fn matching_defaults_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "object", "properties": {
                "n": {"type": "number", "default": 1},
                "i": {"type": "integer", "default": 2.0},
                "s": {"type": "string", "format": "date-time", "default": "2024-01-01T00:00:00Z"},
                "z": {"type": "string", "default": null},
                "o": {"type": "object", "default": {}},
                "l": {"type": "array", "items": {}, "default": []}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
