
use crate::value::Lookup;
use serde_json::Value;

use super::shared::resolve_response;
use crate::swagger::schemas::Sizes;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation's request and response schemas hold more schema objects than any accepted
    /// connector's operation (690).
    ///
    /// ## What
    /// The schema objects of an operation (its body parameter's schema and all its response
    /// schemas, every property, `items`, `additionalProperties` and `allOf` member, with each
    /// `#/definitions/` reference expanded where it is used, and a reference back into a definition
    /// already being counted taken as one schema)
    /// number more than 690.
    ///
    /// ## Why
    /// The platform caps the schemas in one operation (`OperationSchemaCountExceedsMaxAllowed`)
    /// but publishes neither the cap nor how it counts. With the counting above, 690 is the
    /// largest operation among the 1,031 accepted connectors, so an operation within it is known
    /// to import. It is a warning because both the counting and the cap are a reading, not
    /// Microsoft's published rule. (The per-object cap of 512 is `BodySchemaCountExceedsMaxAllowed`,
    /// a different rule.)
    ///
    /// ## Example
    /// A `PUT` whose body and 200 response both reference a large `Requisition` definition that
    /// nests several other large definitions.
    ///
    /// ## Fix
    /// Leave out properties the designer does not need, describe rarely used nested objects as
    /// plain `{"type": "object"}`, or split the operation.
    pub static RULE = Definition(check) {
        code: "CCF232",
        name: "operation-schema-count",
        severity: Warning,
        microsoft: ["OperationSchemaCountExceedsMaxAllowed"],
        limit: 690,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut sizes = Sizes::new(cx.doc);
    let limit = out.limit();
    for op in cx.operations {
        let mut n: u64 = 0;
        for p in &op.params {
            if p.location() == Some("body")
                && let Some(s) = p.value.field("schema")
            {
                n = n.saturating_add(sizes.of(s).count);
            }
        }
        for r in op
            .op
            .field("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|r| r.values())
        {
            if let Some(s) = resolve_response(cx.doc, r).and_then(|r| r.field("schema")) {
                n = n.saturating_add(sizes.of(s).count);
            }
        }
        if n > limit.value {
            out.emit(
                cx.src,
                op.pointer(),
                format!(
                    "{} has {n} schema objects in its body and responses; {}",
                    op.label(),
                    limit.reason(|n| format!("no accepted connector's operation has more than {n}"))
                ),
            )
            .set_help("trim properties the designer does not need, or split the operation");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    /// A definition `Big` of `n` properties, used by the body and the 200 response.
    fn operation_using(n: usize) -> String {
        let props: Vec<String> = (0..n)
            .map(|i| format!(r#""p{i}": {{"type": "string"}}"#))
            .collect();
        format!(
            r##"{{"swagger": "2.0",
                "definitions": {{"Big": {{"type": "object", "properties": {{{}}}}},
                    "Loop": {{"type": "object", "properties": {{"next": {{"$ref": "#/definitions/Loop"}}}}}}}},
                "paths": {{"/u": {{"put": {{
                    "parameters": [{{"name": "b", "in": "body", "schema": {{"$ref": "#/definitions/Big"}}}}],
                    "responses": {{"200": {{"description": "OK", "schema": {{"$ref": "#/definitions/Big"}}}},
                                  "400": {{"description": "no", "schema": {{"$ref": "#/definitions/Loop"}}}}}}}}}}}}}}"##,
            props.join(",")
        )
    }

    #[test]
    fn a_large_operation_is_reported() {
        // (1 + 345) twice, plus 2 for the loop (the definition, and its reference to itself
        // counted as one schema where it recurs): 694.
        let found = lint_definition(&RULE, &operation_using(345));
        assert_eq!(
            findings(&found),
            [(
                "CCF232",
                "/paths/~1u/put",
                "PUT /u has 694 schema objects in its body and responses; no accepted connector's operation has more than 690"
            )]
        );
    }

    #[test]
    fn the_most_seen_passes() {
        // (1 + 343) twice, plus 1: 689.
        assert!(lint_definition(&RULE, &operation_using(343)).is_empty());
    }
}
