//! Shrinks a definition over the 1 MB import limit.

use serde_json::Value;

use crate::connector::PassOut;
use crate::connector::walk::{for_each_parameter, for_each_schema, join, operation_keys, operation_mut};
use crate::swagger::size::{MAX_DEFINITION_BYTES, pretty_len};

crate::declare_pass! {
    /// Pass: over 1 MB, moves repeated inline schemas to definitions, then drops examples.
    ///
    /// ## What
    /// A connector pass that runs only when the definition is over the 1 MB import limit. It first
    /// moves inline schemas that occur more than once to `definitions` and references them, then
    /// removes `example` values, and reports the size when it is still too large.
    ///
    /// ## Why
    /// The importer rejects definitions of 1 MB or more.
    ///
    /// ## Example
    /// A 1.3 MB definition whose response schemas repeat an `Address` object shrinks under the
    /// limit.
    ///
    /// ## Fix
    /// When still too large, split the connector into several.
    pub static SIZE = Pass(run) {
        code: "CCF611",
        name: "fix-size",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    shrink_to(doc, MAX_DEFINITION_BYTES, out);
}

/// What the budget is called in messages.
fn limit_name(budget: usize) -> String {
    if budget == MAX_DEFINITION_BYTES {
        "the 1 MB import limit".into()
    } else {
        format!("the budget of {budget} bytes")
    }
}

/// The pass with another budget than the import limit (`convert --max-size`): over `budget`
/// bytes, hoists repeated schemas, then drops examples.
pub fn shrink_to(doc: &mut Value, budget: usize, out: &mut PassOut) {
    let before = pretty_len(doc);
    if before <= budget {
        out.measured(before);
        return;
    }
    let hoisted = crate::connector::hoist::hoist_repeated(doc, 2, 200);
    for (name, count) in &hoisted {
        out.note(
            join("/definitions", name),
            format!("moved a schema repeated {count} times to `definitions/{name}` to save space"),
        );
    }
    let mut now = if hoisted.is_empty() {
        before
    } else {
        pretty_len(doc)
    };
    if now > budget {
        let mut dropped = 0;
        for_each_schema(doc, &mut |s, _| {
            if s.remove("example").is_some() {
                dropped += 1;
            }
        });
        for_each_parameter(doc, |p, _| {
            if p.remove("x-example").is_some() {
                dropped += 1;
            }
        });
        for (path, method) in operation_keys(doc) {
            if let Some(responses) = operation_mut(doc, &path, &method)
                .and_then(|op| op.get_mut("responses"))
                .and_then(Value::as_object_mut)
            {
                for r in responses.values_mut() {
                    if let Some(r) = r.as_object_mut()
                        && r.remove("examples").is_some()
                    {
                        dropped += 1;
                    }
                }
            }
        }
        if dropped > 0 {
            out.warn(
                "",
                format!("removed {dropped} examples to get under {}", limit_name(budget)),
            );
            now = pretty_len(doc);
        }
    }
    out.measured(now);
    if now > budget {
        out.warn(
            "",
            format!("the definition is still {now} bytes after shrinking (from {before}); the limit is {budget}: split it into several connectors (convert --split-by)"),
        );
    } else {
        out.note(
            "",
            format!(
                "the definition went from {before} to {now} bytes, under {}",
                limit_name(budget)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_small_definition_is_left_alone() {
        let doc = json!({"definitions": {"A": {"type": "string", "example": "a"}}});
        assert!(crate::connector::passes::bad_good(&SIZE, doc.clone(), doc).is_empty());
    }

    #[test]
    fn examples_go_when_the_definition_is_too_large() {
        let big = |i: usize| format!("{i}{}", "x".repeat(MAX_DEFINITION_BYTES / 10));
        let bad: serde_json::Map<String, Value> = (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string", "example": big(i)})))
            .collect();
        let good: serde_json::Map<String, Value> = (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string"})))
            .collect();
        let found = crate::connector::passes::bad_good(
            &SIZE,
            json!({"definitions": bad}),
            json!({"definitions": good}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, "removed 11 examples to get under the 1 MB import limit");
    }
}
