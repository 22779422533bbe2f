use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The definition holds more schemas than any accepted connector.
    ///
    /// ## What
    /// The definition holds more than 6,000 schema objects in all: every definition, body and
    /// response schema and every schema nested in them, each counted once as written (`$ref`s are
    /// not expanded).
    ///
    /// ## Why
    /// The platform caps the number of schemas in a definition (`TotalSchemaCountExceedsMaxAllowed`)
    /// but does not publish the cap. The largest accepted connector has about 5,900, so a
    /// definition above 6,000 is at risk; it is a warning because the real cap may be higher.
    ///
    /// ## Example
    /// A definition generated from a large OpenAPI document with hundreds of operations and
    /// thousands of properties.
    ///
    /// ## Fix
    /// Split the connector, leave out operations and properties users do not need, or share
    /// definitions through `$ref` instead of repeating inline schemas.
    pub static RULE = Definition(check) {
        code: "CCF151",
        name: "total-schema-count",
        severity: Warning,
        microsoft: ["TotalSchemaCountExceedsMaxAllowed"],
        limit: 6000,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let count = cx.index().schemas.len();
    let limit = out.limit();
    if count as u64 > limit.value {
        let at = if cx.doc.field("definitions").is_some() { "/definitions" } else { "" };
        out.emit(
            cx.src,
            at,
            format!(
                "the definition has {count} schemas; {}",
                limit.reason(|n| format!("accepted connectors have at most about {n}"))
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    fn with(n: usize) -> String {
        let defs: Vec<String> = (0..n).map(|i| format!(r#""D{i}": {{"type": "string"}}"#)).collect();
        format!(r#"{{"swagger": "2.0", "definitions": {{{}}}}}"#, defs.join(","))
    }

    #[test]
    fn too_many_schemas_are_reported() {
        let found = lint_definition(&RULE, &with(6001));
        assert_eq!(
            findings(&found),
            [(
                "CCF151",
                "/definitions",
                "the definition has 6001 schemas; accepted connectors have at most about 6000"
            )]
        );
    }

    #[test]
    fn fewer_pass() {
        assert!(lint_definition(&RULE, &with(100)).is_empty());
    }
}
