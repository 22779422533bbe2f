use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// Required properties refer to each other in a loop, so no value can satisfy the schema.
    ///
    /// ## What
    /// Following only *required* properties (and `allOf`) through `$ref`s leads from a definition
    /// back to itself: `Order` requires `customer`, a `Customer`, which requires `lastOrder`, an
    /// `Order`. Every valid value would have to be infinitely deep. An optional property, or an
    /// array (which may be empty), breaks such a loop and is fine.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (RequiredLoopInSchemaNotAllowed), and the designer could
    /// never build the input.
    ///
    /// ## Example
    /// ```json
    /// "Order": {"type": "object", "required": ["customer"],
    ///           "properties": {"customer": {"$ref": "#/definitions/Customer"}}},
    /// "Customer": {"type": "object", "required": ["lastOrder"],
    ///              "properties": {"lastOrder": {"$ref": "#/definitions/Order"}}}
    /// ```
    ///
    /// ## Fix
    /// Make one property of the loop optional (drop it from `required`), or describe the back
    /// link by an id instead of the whole object.
    pub static RULE = Definition(check) {
        code: "CCF125",
        name: "required-loop",
        severity: Error,
        microsoft: ["RequiredLoopInSchemaNotAllowed"],
    }
}

/// A required link: the definition it leads to and the object holding its `$ref`.
type Edge<'a> = (usize, &'a Map<String, Value>);

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = cx.doc.field("definitions").and_then(Value::as_object) else {
        return;
    };
    let names: Vec<&str> = defs.keys().map(String::as_str).collect();
    let at: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<Edge>> = defs
        .values()
        .map(|d| {
            let mut e = Vec::new();
            required_links(d, &at, &mut e);
            e
        })
        .collect();
    if edges.iter().all(Vec::is_empty) {
        return;
    }
    // Depth-first search; an edge back to a definition on the stack closes a loop.
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; names.len()];
    let mut loops: Vec<(Vec<usize>, &Map<String, Value>)> = Vec::new();
    for start in 0..names.len() {
        if state[start] != NEW {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = OPEN;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&(to, holder)) = edges[node].get(*next) else {
                state[node] = DONE;
                stack.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                NEW => {
                    state[to] = OPEN;
                    stack.push((to, 0));
                }
                OPEN => {
                    let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    let cycle = stack[from..].iter().map(|&(n, _)| n).collect();
                    loops.push((cycle, holder));
                }
                _ => {}
            }
        }
    }
    if loops.is_empty() {
        return;
    }
    let index = cx.index();
    for (cycle, holder) in loops {
        let Some(r) = index.refs.iter().find(|r| std::ptr::eq(r.holder, holder)) else {
            continue;
        };
        let mut chain: Vec<String> = cycle.iter().map(|&n| format!("`{}`", names[n])).collect();
        chain.push(format!("`{}`", names[cycle[0]]));
        out.emit(
            cx.src,
            index.pointer_to(r.id, "$ref"),
            format!(
                "required properties loop through {}: no finite value satisfies the schema",
                chain.join(" → ")
            ),
        );
    }
}

/// The definitions a value of `schema` must contain: through its `$ref`, its required
/// properties and its `allOf`.
fn required_links<'a>(schema: &'a Value, at: &HashMap<&str, usize>, out: &mut Vec<Edge<'a>>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if let Some(r) = map.field("$ref").and_then(Value::as_str) {
        if let Some(name) = r.strip_prefix("#/definitions/")
            && let Some(&to) = at.get(crate::swagger::references::unescaped(name).as_ref())
        {
            out.push((to, map));
        }
        return;
    }
    if let (Some(required), Some(props)) = (
        map.field("required").and_then(Value::as_array),
        map.field("properties").and_then(Value::as_object),
    ) {
        for name in required.iter().filter_map(Value::as_str) {
            if let Some(p) = props.get(name) {
                required_links(p, at, out);
            }
        }
    }
    for part in map.field("allOf").and_then(Value::as_array).into_iter().flatten() {
        required_links(part, at, out);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_loop_of_required_references_is_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {
                "Order": {"type": "object", "required": ["customer"],
                          "properties": {"customer": {"$ref": "#/definitions/Customer"}}},
                "Customer": {"type": "object", "required": ["last"],
                             "properties": {"last": {"type": "object", "required": ["order"],
                                 "properties": {"order": {"$ref": "#/definitions/Order"}}}}},
                "Me": {"allOf": [{"$ref": "#/definitions/Me"}]}
            }}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF125",
                    "/definitions/Customer/properties/last/properties/order/$ref",
                    "required properties loop through `Order` → `Customer` → `Order`: no finite value satisfies the schema"
                ),
                (
                    "CCF125",
                    "/definitions/Me/allOf/0/$ref",
                    "required properties loop through `Me` → `Me`: no finite value satisfies the schema"
                ),
            ]
        );
    }

    #[test]
    fn optional_and_array_links_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {
                "Node": {"type": "object", "required": ["children"], "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
                    "parent": {"$ref": "#/definitions/Node"}}}
            }}"##,
        );
        assert!(found.is_empty());
    }
}
