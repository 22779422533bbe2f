use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// A schema uses a keyword that Swagger 2.0 schemas do not have.
    ///
    /// ## What
    /// A schema object (under `definitions`, a body parameter's or a response's `schema`, or
    /// nested in one) holds a key outside Swagger 2.0's schema keywords and not named `x-...`:
    /// `nullable`, `oneOf`, `anyOf`, `const`, `examples`, `deprecated`, `writeOnly` are the
    /// usual ones, carried over from OpenAPI 3 or later JSON Schema.
    ///
    /// ## Why
    /// Microsoft's validator reports unsupported keywords (`SwaggerKeywordNotSupported`) and
    /// the designer ignores them: a `oneOf` does not describe anything in the connector.
    /// Microsoft has not published the full list it rejects, so this is a warning: accepted
    /// connectors carry some of these keys.
    ///
    /// ## Example
    /// ```json
    /// "Pet": {"type": "object", "nullable": true}
    /// ```
    ///
    /// ## Fix
    /// Use the Swagger 2.0 form (`x-nullable: true`, one schema instead of `oneOf`), or drop
    /// the key. `ccforge fix` does this (pass `fix-schemas`), as `ccforge convert` does when it
    /// reads OpenAPI 3.
    pub static RULE = Definition(check) {
        code: "CCF111",
        name: "unsupported-schema-keyword",
        severity: Warning,
        microsoft: ["SwaggerKeywordNotSupported"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::UnknownSchemaKeyword, |f| {
        f.pointer
            .ends_with("/nullable")
            .then(|| "write `x-nullable: true` instead".to_string())
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_openapi3_keyword_in_a_schema_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {},
                "definitions": {"Pet": {"type": "object", "properties": {"a": {"oneOf": []}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF111",
                "/definitions/Pet/properties/a/oneOf",
                "`oneOf` is not allowed in a schema: Swagger 2.0 allows only $ref, format, title, description, default, maxProperties, minProperties, required, additionalProperties, type, items, allOf, properties, discriminator, readOnly, xml, externalDocs, example, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems, uniqueItems, enum, multipleOf there (and `x-` extensions)"
            )]
        );
    }

    #[test]
    fn swagger2_keywords_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {},
                "definitions": {"Pet": {"type": "object", "x-nullable": true, "allOf": [{"type": "object"}],
                    "properties": {"a": {"type": "string", "readOnly": true, "example": "x"}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
