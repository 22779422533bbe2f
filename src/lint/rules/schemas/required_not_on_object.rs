use serde_json::Value;

use crate::diagnostic::Severity;
use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A schema whose `type` is not `object` has a `required` list.
    ///
    /// ## What
    /// A schema declares `required` (a list of property names) while its `type` is something other
    /// than `object`, such as `string` or `array`.
    ///
    /// On an `array` it is a warning rather than an error: 8 accepted connectors (Microsoft's
    /// Translator among them) have `required` on an array body, so the platform lets it pass there.
    ///
    /// ## Why
    /// Only objects have properties to require; Microsoft's validator rejects the list on other
    /// types (`RequiredPropertyNotOnObject`), and on an array it has no effect.
    ///
    /// ## Example
    /// ```json
    /// "Tags": {"type": "array", "items": {"type": "string"}, "required": ["name"]}
    /// ```
    ///
    /// ## Fix
    /// Remove `required`, or move it into the object schema whose properties it names (for an
    /// array, the `items` schema).
    pub static RULE = Definition(check) {
        code: "CCF130",
        name: "required-not-on-object",
        severity: Error,
        microsoft: ["RequiredPropertyNotOnObject"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::REQUIRED) {
        if !member(s.value, "required").is_some_and(Value::is_array) {
            continue;
        }
        let Some(ty) = member(s.value, "type").and_then(Value::as_str) else {
            continue;
        };
        if ty != "object" {
            // Accepted connectors (Microsoft's own among them) put `required` on array bodies.
            let severity = if ty == "array" {
                Severity::Warning
            } else {
                Severity::Error
            };
            out.emit_as(
                severity,
                cx.src,
                index.pointer_to(s.id, "required"),
                format!("`required` is set on a schema of type `{ty}`; only objects have required properties"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn required_on_an_array_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {
                "Tags": {"type": "array", "items": {"type": "string"}, "required": ["name"]},
                "Name": {"type": "string", "required": ["first"]}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF130",
                "/definitions/Tags/required",
                "`required` is set on a schema of type `array`; only objects have required properties"
            ), (
                "CCF130",
                "/definitions/Name/required",
                "`required` is set on a schema of type `string`; only objects have required properties"
            )]
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
        assert_eq!(found[1].severity, crate::diagnostic::Severity::Error);
    }

    #[test]
    fn required_on_an_object_or_untyped_schema_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {
                "A": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
                "B": {"properties": {"b": {"type": "string"}}, "required": ["b"]}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
