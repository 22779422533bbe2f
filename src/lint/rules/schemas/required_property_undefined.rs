use super::shared::schemas_with;
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::{keyword, required_undefined};

crate::declare_rule! {
    /// A name in `required` is not among the schema's `properties`.
    ///
    /// ## What
    /// An object schema lists a property in `required` that its `properties` do not define. The
    /// rule stays silent when the property could come from elsewhere: a schema with `allOf` or
    /// one of the members of an `allOf` (another member may define it), with
    /// `additionalProperties` other than `false`, or without `properties` at all.
    ///
    /// ## Why
    /// Microsoft's validator rejects a required property that the object schema does not define
    /// (`RequiredPropertyDefinitionMissing`); it is usually a typo or a renamed property.
    ///
    /// ## Example
    /// ```json
    /// "Contact": {"type": "object", "required": ["emial"],
    ///             "properties": {"email": {"type": "string"}}}
    /// ```
    ///
    /// ## Fix
    /// Correct the name in `required`, define the property, or remove the name.
    pub static RULE = Definition(check) {
        code: "CCF131",
        name: "required-property-undefined",
        severity: Error,
        microsoft: ["RequiredPropertyDefinitionMissing"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for s in schemas_with(cx, keyword::REQUIRED) {
        if index.in_all_of(s.id) {
            continue;
        }
        for (i, name) in required_undefined(s.value) {
            out.emit(
                cx.src,
                format!("{}/{i}", index.pointer_to(s.id, "required")),
                format!("required property `{name}` is not defined in the schema's `properties`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_undefined_required_name_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Contact": {"type": "object",
                "required": ["email", "emial"], "properties": {"email": {"type": "string"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF131",
                "/definitions/Contact/required/1",
                "required property `emial` is not defined in the schema's `properties`"
            )]
        );
    }

    #[test]
    fn names_that_may_come_from_elsewhere_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {
                "A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
                "B": {"required": ["x"], "properties": {"b": {}}, "allOf": [{"$ref": "#/definitions/A"}]},
                "C": {"type": "object", "required": ["x"], "properties": {"c": {}}, "additionalProperties": {}},
                "D": {"type": "object", "required": ["x"]},
                "E": {"allOf": [{"$ref": "#/definitions/A"},
                    {"type": "object", "required": ["a", "e"], "properties": {"e": {}}}]}
            }}"##,
        );
        assert!(found.is_empty());
    }
}
