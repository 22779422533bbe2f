use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// A reference to a shared parameter or response has keys beside `$ref`.
    ///
    /// ## What
    /// An entry of a `parameters` list or of `responses` that is a reference
    /// (`{"$ref": "#/parameters/Id"}`) holds other keys too, such as a `description` or
    /// `required`.
    ///
    /// ## Why
    /// A reference object holds only `$ref`; the keys beside it are ignored by Swagger tools and
    /// rejected by the import (`AdditionalPropertyNotAllowedAdjacentToRef`).
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"$ref": "#/parameters/Id", "required": true}]
    /// ```
    ///
    /// ## Fix
    /// Move the keys into the shared parameter or response, or define the parameter inline.
    pub static RULE = Definition(check) {
        code: "CCF113",
        name: "ref-sibling",
        severity: Error,
        microsoft: ["AdditionalPropertyNotAllowedAdjacentToRef"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::RefSibling, |_| {
        Some("move it into the shared definition the `$ref` points to".into())
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    const SHARED: &str = r#""parameters": {"Id": {"name": "id", "in": "path", "required": true, "type": "string"}}"#;

    #[test]
    fn a_key_beside_a_parameter_reference_is_reported() {
        let found = lint_definition(
            &RULE,
            &format!(
                r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, {SHARED}, "paths": {{"/a/{{id}}": {{"get": {{
                    "parameters": [{{"$ref": "#/parameters/Id", "required": true}}],
                    "responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"##
            ),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF113",
                "/paths/~1a~1{id}/get/parameters/0/required",
                "`required` is not allowed beside `$ref`: a reference to a shared parameter or response holds only `$ref`"
            )]
        );
    }

    #[test]
    fn a_bare_reference_passes() {
        let found = lint_definition(
            &RULE,
            &format!(
                r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, {SHARED}, "paths": {{"/a/{{id}}": {{"get": {{
                    "parameters": [{{"$ref": "#/parameters/Id"}}],
                    "responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"##
            ),
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
