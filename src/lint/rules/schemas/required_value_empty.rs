use serde_json::Value;

use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A schema's `required` list contains an empty name.
    ///
    /// ## What
    /// An entry of a schema's `required` list is the empty string `""`.
    ///
    /// ## Why
    /// No property has an empty name; Microsoft's validator rejects the empty value
    /// (`RequiredValueEmpty`). It is usually left over from an editor or a generator.
    ///
    /// ## Example
    /// ```json
    /// "Item": {"type": "object", "required": ["id", ""], "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// ## Fix
    /// Remove the empty entry (and the whole list if nothing else is left).
    pub static RULE = Definition(check) {
        code: "CCF133",
        name: "required-value-empty",
        severity: Error,
        microsoft: ["RequiredValueEmpty"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::REQUIRED) {
        let Some(required) = member(s.value, "required").and_then(Value::as_array) else {
            continue;
        };
        for (i, name) in required.iter().enumerate() {
            if name.as_str().is_some_and(|n| n.trim().is_empty()) {
                out.emit(
                    cx.src,
                    format!("{}/{i}", index.pointer_to(s.id, "required")),
                    "`required` contains an empty property name",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_empty_name_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Item": {"type": "object",
                "required": ["id", ""], "properties": {"id": {"type": "string"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF133",
                "/definitions/Item/required/1",
                "`required` contains an empty property name"
            )]
        );
    }

    #[test]
    fn names_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Item": {"type": "object",
                "required": ["id"], "properties": {"id": {"type": "string"}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
