use crate::swagger::schemas::Root;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A request or response body has more than 512 schemas, counting what it references.
    ///
    /// ## What
    /// The schema of a body parameter or of a response, with every `$ref` replaced by the
    /// definition it names, holds more than 512 schema objects (every property, `items`,
    /// `additionalProperties` and `allOf`/`anyOf`/`oneOf` member counts). A definition that refers
    /// back to itself counts once where it recurs.
    ///
    /// ## Why
    /// The platform rejects a body whose schema tree exceeds 512 schemas
    /// (`BodySchemaCountExceedsMaxAllowed`: "the max schema count allowed value of '512'"); the
    /// largest body among accepted connectors has 505.
    ///
    /// ## Example
    /// A response `{"type": "array", "items": {"$ref": "#/definitions/Order"}}` whose `Order`
    /// expands, through its customer, lines, products and addresses, to 700 schemas.
    ///
    /// ## Fix
    /// Leave out properties the connector's users do not need, or describe rarely used nested
    /// objects as plain `{"type": "object"}`.
    pub static RULE = Definition(check) {
        code: "CCF150",
        name: "body-schema-count",
        severity: Error,
        microsoft: ["BodySchemaCountExceedsMaxAllowed"],
    }
}

/// The most schemas a body may have.
const LIMIT: u64 = 512;

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    for (schema, size) in index.roots().zip(cx.root_sizes()) {
        let count = size.count;
        let request = schema.root == Root::Parameter;
        if count > LIMIT {
            let what = if request { "request body" } else { "response" };
            out.emit(
                cx.src,
                index.pointer(schema.id),
                format!("the {what} schema has {count} schemas counting its references; the platform allows at most {LIMIT}"),
            )
            .set_help(
                "let the designer load the schema at run time (x-ms-dynamic-schema), or trim it to \
                 what flows need (`ccforge convert FILE --cut-schemas` cuts it at the deepest level \
                 that fits)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    /// A definition `D0` whose tree, through `$ref`s, is `width` times `D1`, each `width` times
    /// `D2`, and so on: (width^(levels+1) - 1) / (width - 1) schemas, written in a few lines.
    fn nested(levels: usize, width: usize) -> String {
        let mut defs = Vec::new();
        for l in 0..levels {
            let props: Vec<String> = (0..width)
                .map(|i| format!(r##""p{i}": {{"$ref": "#/definitions/D{}"}}"##, l + 1))
                .collect();
            defs.push(format!(r#""D{l}": {{"type": "object", "properties": {{{}}}}}"#, props.join(",")));
        }
        defs.push(format!(r#""D{levels}": {{"type": "string"}}"#));
        defs.join(",")
    }

    #[test]
    fn a_body_over_the_limit_is_reported() {
        // 1 + 3 + 9 + 27 + 81 + 243 + 729 = 1093 schemas, from 7 definitions.
        let json = format!(
            r##"{{"swagger": "2.0", "paths": {{"/a": {{"post": {{
                "parameters": [{{"in": "body", "name": "b", "schema": {{"$ref": "#/definitions/D0"}}}}],
                "responses": {{"200": {{"description": "ok", "schema": {{"$ref": "#/definitions/D3"}}}}}}}}}}}},
                "definitions": {{{}}}}}"##,
            nested(6, 3)
        );
        let found = lint_definition(&RULE, &json);
        assert!(found[0].help.as_deref().unwrap().contains("--cut-schemas"));
        assert_eq!(
            findings(&found),
            [(
                "CCF150",
                "/paths/~1a/post/parameters/0/schema",
                "the request body schema has 1093 schemas counting its references; the platform allows at most 512"
            )]
        );
    }

    #[test]
    fn recursion_and_small_bodies_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
                "schema": {"$ref": "#/definitions/Node"}}}}}},
                "definitions": {"Node": {"type": "object", "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
