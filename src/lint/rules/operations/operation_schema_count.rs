
use serde_json::Value;

use super::shared::resolve_response;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation's request and response schemas hold more schema objects than any accepted
    /// connector's operation (690).
    ///
    /// ## What
    /// The schema objects of an operation (its body parameter's schema and all its response
    /// schemas, every property, `items`, `additionalProperties` and `allOf` member, with each
    /// `#/definitions/` reference expanded where it is used and a reference loop counted once)
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
    }
}

/// The most schemas an operation of an accepted connector has, counted as this rule counts.
const MAX_SEEN: u64 = 690;

fn check(cx: &Definition, out: &mut Emitter) {
    let mut counter = Counter {
        definitions: cx.doc.get("definitions"),
        memo: foldhash::HashMap::default(),
    };
    for op in cx.operations {
        let mut n: u64 = 0;
        for p in &op.params {
            if p.location() == Some("body")
                && let Some(s) = p.value.get("schema")
            {
                n = n.saturating_add(counter.count(s));
            }
        }
        for r in op
            .op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|r| r.values())
        {
            if let Some(s) = resolve_response(cx.doc, r).and_then(|r| r.get("schema")) {
                n = n.saturating_add(counter.count(s));
            }
        }
        if n > MAX_SEEN {
            out.emit(
                cx.src,
                op.pointer(),
                format!(
                    "{} has {n} schema objects in its body and responses; no accepted connector's operation has more than {MAX_SEEN}",
                    op.label()
                ),
            )
            .set_help("trim properties the designer does not need, or split the operation");
        }
    }
}

/// Counts schema objects, each referenced definition once per use, its own count computed once.
struct Counter<'a> {
    definitions: Option<&'a Value>,
    /// A definition's count; `None` while it is being counted (a loop counts 0 more).
    memo: foldhash::HashMap<&'a str, Option<u64>>,
}

impl<'a> Counter<'a> {
    /// The count of `schema`. The walk keeps its own stack: a chain of definitions, each a
    /// property of the one before, is as deep as the file is long.
    fn count(&mut self, schema: &'a Value) -> u64 {
        /// A schema to count, or the last `parts` counts to add up: plus one for the schema
        /// holding them, or (`definition`) as the count of the definition named.
        enum Step<'a> {
            Count(&'a Value),
            Sum {
                parts: usize,
                definition: Option<&'a str>,
            },
        }
        let mut steps = vec![Step::Count(schema)];
        let mut counts: Vec<u64> = Vec::new();
        while let Some(step) = steps.pop() {
            match step {
                Step::Count(schema) => {
                    let Some(map) = schema.as_object() else {
                        counts.push(0);
                        continue;
                    };
                    // One pass over the keys: a lookup per keyword would hash each name.
                    if let Some((_, target)) = map.iter().find(|(k, _)| *k == "$ref") {
                        let name = target
                            .as_str()
                            .and_then(|t| t.strip_prefix("#/definitions/"));
                        let known = name.and_then(|name| self.memo.get(name));
                        let def = name.and_then(|name| {
                            self.definitions
                                .and_then(Value::as_object)
                                .and_then(|d| d.get_key_value(name))
                        });
                        match (known, def) {
                            (Some(known), _) => counts.push(known.unwrap_or(0)),
                            (None, Some((key, def))) => {
                                self.memo.insert(key.as_str(), None);
                                steps.push(Step::Sum {
                                    parts: 1,
                                    definition: Some(key.as_str()),
                                });
                                steps.push(Step::Count(def));
                            }
                            (None, None) => counts.push(0),
                        }
                        continue;
                    }
                    let sum = steps.len();
                    steps.push(Step::Sum {
                        parts: 0,
                        definition: None,
                    });
                    let mut parts = 0;
                    for (key, value) in map {
                        match key.as_str() {
                            "properties" => {
                                for p in value.as_object().into_iter().flat_map(|m| m.values()) {
                                    steps.push(Step::Count(p));
                                    parts += 1;
                                }
                            }
                            "items" | "additionalProperties" | "not" => {
                                steps.push(Step::Count(value));
                                parts += 1;
                            }
                            "allOf" | "anyOf" | "oneOf" => {
                                for s in value.as_array().into_iter().flatten() {
                                    steps.push(Step::Count(s));
                                    parts += 1;
                                }
                            }
                            _ => {}
                        }
                    }
                    steps[sum] = Step::Sum {
                        parts,
                        definition: None,
                    };
                    // Counted in document order, as a loop is cut where it is first met.
                    steps[sum + 1..].reverse();
                }
                Step::Sum { parts, definition } => {
                    let from = counts.len() - parts;
                    let n = match definition {
                        Some(name) => {
                            self.memo.insert(name, Some(counts[from]));
                            counts[from]
                        }
                        None => counts[from..].iter().fold(1u64, |n, c| n.saturating_add(*c)),
                    };
                    counts.truncate(from);
                    counts.push(n);
                }
            }
        }
        counts.pop().unwrap_or(0)
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
        // (1 + 345) twice, plus 1 for the loop (its reference to itself counts nothing more): 693.
        let found = lint_definition(&RULE, &operation_using(345));
        assert_eq!(
            findings(&found),
            [(
                "CCF232",
                "/paths/~1u/put",
                "PUT /u has 693 schema objects in its body and responses; no accepted connector's operation has more than 690"
            )]
        );
    }

    #[test]
    fn the_most_seen_passes() {
        // (1 + 343) twice, plus 1: 689.
        assert!(lint_definition(&RULE, &operation_using(343)).is_empty());
    }
}
