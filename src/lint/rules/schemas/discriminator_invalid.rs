use crate::value::Lookup;
use serde_json::Value;

use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `discriminator` does not name a required string property.
    ///
    /// ## What
    /// A schema's `discriminator` is not the name of one of its properties that is of
    /// `type: string` and listed in `required`. When the schema has `allOf` and does not define
    /// the property itself, it is left alone (the property may come from there).
    ///
    /// ## Why
    /// The discriminator tells which subtype a value is, so every value must carry it as a
    /// string; Microsoft's validator rejects anything else
    /// (`DiscriminatorMustBeARequiredStringProperty`).
    ///
    /// ## Example
    /// ```json
    /// "Pet": {"type": "object", "discriminator": "kind",
    ///         "properties": {"kind": {"type": "string"}}}
    /// ```
    ///
    /// ## Fix
    /// Add the property to `required` and make it `type: string`, or remove `discriminator`.
    pub static RULE = Definition(check) {
        code: "CCF148",
        name: "discriminator-invalid",
        severity: Error,
        microsoft: ["DiscriminatorMustBeARequiredStringProperty"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::DISCRIMINATOR) {
        let Some(d) = member(s.value, "discriminator") else {
            continue;
        };
        let Some(name) = d.as_str() else {
            out.emit(
                cx.src,
                index.pointer_to(s.id, "discriminator"),
                "`discriminator` must be the name of a property",
            );
            continue;
        };
        let prop = s
            .value
            .field("properties")
            .and_then(Value::as_object)
            .and_then(|p| p.get(name));
        let Some(prop) = prop else {
            if member(s.value, "allOf").is_none() {
                out.emit(
                    cx.src,
                    index.pointer_to(s.id, "discriminator"),
                    format!("`discriminator` `{name}` is not a property of the schema"),
                );
            }
            continue;
        };
        let required = s
            .value
            .field("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)));
        let ty = prop.field("type").and_then(Value::as_str);
        let problem = if !required {
            Some("is not listed in `required`".to_string())
        } else if prop.field("$ref").is_none() && ty != Some("string") {
            Some(match ty {
                Some(t) => format!("has type `{t}`, not `string`"),
                None => "has no `type: string`".to_string(),
            })
        } else {
            None
        };
        if let Some(problem) = problem {
            out.emit(
                cx.src,
                index.pointer_to(s.id, "discriminator"),
                format!("`discriminator` property `{name}` {problem}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_optional_or_non_string_discriminator_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {
                "Pet": {"type": "object", "discriminator": "kind", "properties": {"kind": {"type": "string"}}},
                "Car": {"type": "object", "discriminator": "wheels", "required": ["wheels"],
                        "properties": {"wheels": {"type": "integer"}}},
                "Toy": {"type": "object", "discriminator": "kind", "properties": {}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF148", "/definitions/Pet/discriminator", "`discriminator` property `kind` is not listed in `required`"),
                ("CCF148", "/definitions/Car/discriminator", "`discriminator` property `wheels` has type `integer`, not `string`"),
                ("CCF148", "/definitions/Toy/discriminator", "`discriminator` `kind` is not a property of the schema"),
            ]
        );
    }

    #[test]
    fn a_required_string_discriminator_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Pet": {"type": "object", "discriminator": "kind",
                "required": ["kind"], "properties": {"kind": {"type": "string"}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
