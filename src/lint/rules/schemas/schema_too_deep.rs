use crate::swagger::schemas::Root;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A request or response schema nests deeper than any accepted connector's.
    ///
    /// ## What
    /// The schema of a body parameter or of a response, with every `$ref` replaced by the
    /// definition it names, is more than 15 levels deep (a lone schema is one level; each
    /// property, `items`, `additionalProperties` or `allOf`/`anyOf`/`oneOf` member adds one). A
    /// definition that refers back to itself counts once where it recurs.
    ///
    /// ## Why
    /// The platform rejects schemas deeper than a limit (`SchemaTooDeep`, "including referenced
    /// ('$ref') schemas") but does not publish the number. 15 is the deepest body among accepted
    /// connectors, so a deeper one is at risk; it is a warning because the real limit may be
    /// higher. `[limits]` in ccforge.toml changes the number: `schema-too-deep = 20`.
    ///
    /// ## Example
    /// A response whose objects nest `data.items[].details.owner.address.geo...` 20 levels down.
    ///
    /// ## Fix
    /// Flatten the schema, or describe deep, rarely used parts as plain `{"type": "object"}`.
    pub static RULE = Definition(check) {
        code: "CCF152",
        name: "schema-too-deep",
        severity: Warning,
        microsoft: ["SchemaTooDeep"],
        limit: 15,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    let limit = out.limit();
    for (schema, size) in index.roots().zip(cx.root_sizes()) {
        let depth = size.depth;
        let request = schema.root == Root::Parameter;
        if u64::from(depth) > limit.value {
            let what = if request { "request body" } else { "response" };
            out.emit(
                cx.src,
                index.pointer(schema.id),
                format!(
                    "the {what} schema is {depth} levels deep counting its references; {}",
                    limit.reason(|n| format!("accepted connectors go at most {n} deep"))
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    fn chain(levels: usize) -> String {
        let mut defs: Vec<String> = (0..levels)
            .map(|l| format!(r##""L{l}": {{"type": "object", "properties": {{"next": {{"$ref": "#/definitions/L{}"}}}}}}"##, l + 1))
            .collect();
        defs.push(format!(r#""L{levels}": {{"type": "string"}}"#));
        defs.join(",")
    }

    #[test]
    fn a_deep_response_is_reported() {
        let json = format!(
            r##"{{"swagger": "2.0", "paths": {{"/a": {{"get": {{"responses": {{"200": {{"description": "ok",
                "schema": {{"$ref": "#/definitions/L0"}}}}}}}}}}}}, "definitions": {{{}}}}}"##,
            chain(16)
        );
        let found = lint_definition(&RULE, &json);
        assert_eq!(
            findings(&found),
            [(
                "CCF152",
                "/paths/~1a/get/responses/200/schema",
                "the response schema is 17 levels deep counting its references; accepted connectors go at most 15 deep"
            )]
        );
    }

    #[test]
    fn a_shallow_or_recursive_schema_passes() {
        let json = format!(
            r##"{{"swagger": "2.0", "paths": {{"/a": {{"get": {{"responses": {{"200": {{"description": "ok",
                "schema": {{"$ref": "#/definitions/L0"}}}}}}}}}}}}, "definitions": {{{},
                "R": {{"type": "object", "properties": {{"r": {{"$ref": "#/definitions/R"}}}}}}}}}}"##,
            chain(14)
        );
        assert!(lint_definition(&RULE, &json).is_empty());
    }
}
