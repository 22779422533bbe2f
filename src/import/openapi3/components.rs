//! The component schemas, converted into definitions before anything refers to them.
//!
//! A component's conversion reads the conversion of the components it is made of (the
//! alternatives of a `oneOf` or `anyOf` merged into one object), converting them first when
//! they are not yet. Most components of a large definition refer only to other components, and
//! not back: those are converted on the pool in waves, each wave made of components whose
//! references all lead to earlier waves, so that every conversion finds what it reads
//! converted. The rest (a component in a loop of references, one that is only a `$ref`, one
//! that points into another component or that another points into, one that refers to another
//! part of the file) is converted one after another afterwards, in the author's order, as
//! before: what a loop becomes depends on where it is entered. When a component refers to
//! another file, or to a part of this one that refers on, every component is converted in
//! order. The result is the same as converting every component in order.

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

use super::Conv;
use super::schema;
use crate::diagnostic::unescape_token;
use crate::value::Lookup;

/// From this many components, the independent ones are converted on the pool.
const PARALLEL_FROM: usize = 32;

/// How long a chain of references is followed to place a component in a wave.
const MAX_CHAIN: usize = 64;

/// Converts every component schema into `cx.definitions`, in the author's order.
pub(super) fn convert_all(cx: &mut Conv, parallel: bool) {
    let names: Vec<String> = cx.raw_schemas.keys().cloned().collect();
    for name in &names {
        cx.def_names.insert(name);
    }
    schema::claim_external_aliases(cx, &names);
    if parallel && names.len() >= PARALLEL_FROM && rayon::current_num_threads() > 1 {
        in_waves(cx, &names);
    }
    // Those converted in waves are in the memo already, and skipped here.
    for name in &names {
        schema::convert_component(cx, name);
    }
    for name in names {
        let converted = cx.memo.remove(&name).unwrap_or_else(|| json!({}));
        cx.definitions.insert(name, converted);
    }
}

/// Converts the components whose references lead only to other such components, wave after
/// wave, into `cx.memo`.
fn in_waves(cx: &mut Conv, names: &[String]) {
    let waves = waves(&cx.raw_schemas, names, &cx.main.doc);
    let threads = rayon::current_num_threads();
    let mut done: Map<String, Value> = Map::new();
    for wave in waves {
        // A few shares a thread, for the threads to even out components of different sizes.
        let per_share = wave.len().div_ceil(threads * 4).max(1);
        let shares: Vec<Map<String, Value>> = wave
            .chunks(per_share)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&i| {
                        let raw = cx.raw_schemas.get_mut(&names[i]).map(Value::take);
                        (names[i].clone(), raw.unwrap_or_default())
                    })
                    .collect()
            })
            .collect();
        let converted: Vec<Converted> = {
            // A wave's components refer to no other file: they make no definitions of their
            // own, and need no names for them.
            let forks: Vec<Conv> = (shares.iter())
                .map(|_| cx.fork_over(&done, Default::default()))
                .collect();
            shares
                .into_par_iter()
                .zip(forks)
                .map(|(raws, mut fork)| {
                    let order: Vec<String> = raws.keys().cloned().collect();
                    fork.raw_schemas = raws;
                    for name in &order {
                        schema::convert_component(&mut fork, name);
                    }
                    let mut memo = std::mem::take(&mut fork.memo);
                    Converted {
                        schemas: (order.into_iter())
                            .map(|name| {
                                let v = memo.remove(&name).unwrap_or_else(|| json!({}));
                                (name, v)
                            })
                            .collect(),
                        secrets: std::mem::take(&mut fork.secrets),
                        diagnostics: fork.report.finish(),
                    }
                })
                .collect()
        };
        for share in converted {
            cx.report.extend(share.diagnostics);
            cx.secrets.extend(share.secrets);
            done.extend(share.schemas);
        }
    }
    cx.memo.extend(done);
}

/// What a share of a wave converted.
struct Converted {
    schemas: Vec<(String, Value)>,
    secrets: Vec<String>,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

/// The waves: the indexes in `names` of the components whose references all lead to
/// components of earlier waves; components left out of every wave are converted in order.
fn waves(raws: &Map<String, Value>, names: &[String], doc: &Value) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = (names.iter().enumerate())
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    // A component another one points into is read as written until it is converted, and as
    // converted after: it keeps its place in the order. A reference to another part of this
    // file that refers to nothing itself (a shared parameter's schema, an example) is read as
    // it is; one to another file, or to a part that refers on, may lead back into the
    // components by another way: then every component keeps its place.
    let mut pinned = vec![false; names.len()];
    let mut elsewhere = false;
    for raw in raws.values() {
        each_ref(
            raw,
            &mut |r| match r.strip_prefix("#/components/schemas/") {
                Some(rest) => {
                    if let Some((head, _)) = rest.split_once('/')
                        && let Some(&i) = index.get(&*unescape_token(head))
                    {
                        pinned[i] = true;
                    }
                }
                None => {
                    let target = r.strip_prefix('#').and_then(|p| doc.pointer(p));
                    if target.is_none_or(refers) {
                        elsewhere = true;
                    }
                }
            },
        );
    }
    if elsewhere {
        return Vec::new();
    }
    let deps: Vec<Option<Vec<usize>>> = (names.iter().zip(&pinned))
        .map(|(n, &pinned)| {
            if pinned {
                return None;
            }
            references(raws.get(n)?, &index)
        })
        .collect();
    // The wave of each component, `None` when it is left for the sequential conversion.
    let mut wave: Vec<Option<Option<usize>>> = vec![None; names.len()];
    let mut waves: Vec<Vec<usize>> = Vec::new();
    for i in 0..names.len() {
        let w = wave_of(i, &deps, &mut wave, &mut Vec::new());
        if let Some(w) = w {
            if waves.len() <= w {
                waves.resize_with(w + 1, Vec::new);
            }
            waves[w].push(i);
        }
    }
    waves
}

/// The wave of component `i`: one after its references' latest; `None` when one of them is
/// left out or leads back to `i` (`stack` holds the components being placed).
fn wave_of(
    i: usize,
    deps: &[Option<Vec<usize>>],
    wave: &mut [Option<Option<usize>>],
    stack: &mut Vec<usize>,
) -> Option<usize> {
    if let Some(known) = wave[i] {
        return known;
    }
    // A long chain is left to the conversion in order rather than followed on the stack.
    if stack.len() >= MAX_CHAIN || stack.contains(&i) {
        return None;
    }
    stack.push(i);
    let placed = deps[i].as_ref().and_then(|ds| {
        ds.iter().try_fold(0, |w, &d| {
            wave_of(d, deps, wave, stack).map(|dw| w.max(dw + 1))
        })
    });
    stack.pop();
    // A component that reaches one on the stack is in a loop with it: left out.
    wave[i] = Some(placed);
    placed
}

/// Calls `f` with each `$ref` string in `v`.
fn each_ref(v: &Value, f: &mut impl FnMut(&str)) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match x.as_str() {
                    Some(r) if k == "$ref" => f(r),
                    _ => each_ref(x, f),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| each_ref(x, f)),
        _ => {}
    }
}

/// Whether `v` holds a `$ref`.
fn refers(v: &Value) -> bool {
    let mut found = false;
    each_ref(v, &mut |_| found = true);
    found
}

/// The components a component schema refers to, by index; `None` when its conversion may read
/// anything else: it is only a `$ref` (a chain of such is followed through the components as
/// written), it holds `$defs`, or it has a `$ref` that is not to a whole component of this
/// file, or a `$dynamicRef` or `$recursiveRef`.
fn references(raw: &Value, index: &HashMap<&str, usize>) -> Option<Vec<usize>> {
    if raw.field("$ref").is_some() {
        return None;
    }
    let mut found = Vec::new();
    collect(raw, index, &mut found).then_some(found)
}

/// Adds the components `v` refers to to `found`; false when it holds anything else that reads
/// beyond it (see [`references`]).
fn collect(v: &Value, index: &HashMap<&str, usize>, found: &mut Vec<usize>) -> bool {
    match v {
        Value::Object(m) => m.iter().all(|(k, x)| match k.as_str() {
            "$ref" => {
                let Some(rest) = (x.as_str()).and_then(|r| r.strip_prefix("#/components/schemas/"))
                else {
                    return false;
                };
                if rest.contains('/') {
                    return false;
                }
                match index.get(&*unescape_token(rest)) {
                    Some(&i) => {
                        if !found.contains(&i) {
                            found.push(i);
                        }
                        true
                    }
                    None => false,
                }
            }
            "$defs" | "definitions" | "$dynamicRef" | "$recursiveRef" => false,
            _ => collect(x, index, found),
        }),
        Value::Array(a) => a.iter().all(|x| collect(x, index, found)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waves_of(schemas: Value) -> Vec<Vec<String>> {
        let raws = schemas.as_object().unwrap().clone();
        let names: Vec<String> = raws.keys().cloned().collect();
        let doc = json!({"components": {"parameters": {
            "Plain": {"name": "p", "in": "query", "schema": {"type": "string"}},
            "Onward": {"name": "o", "in": "query", "schema": {"$ref": "#/components/schemas/Product"}}
        }}});
        waves(&raws, &names, &doc)
            .into_iter()
            .map(|w| w.into_iter().map(|i| names[i].clone()).collect())
            .collect()
    }

    #[test]
    fn components_come_after_those_they_refer_to_and_loops_are_left_out() {
        let r = |n: &str| json!({"$ref": format!("#/components/schemas/{n}")});
        let found = waves_of(json!({
            "Order": {"type": "object", "properties": {"customer": r("Customer"), "lines": {"type": "array", "items": r("Line")}}},
            "Customer": {"type": "object", "properties": {"address": r("Address")}},
            "Line": {"allOf": [r("Product"), {"type": "object"}]},
            "Product": {"type": "object"},
            "Address": {"type": "object"},
            "Node": {"type": "object", "properties": {"next": r("Node")}},
            "Tree": {"type": "object", "properties": {"root": r("Node")}},
            "Ping": {"type": "object", "properties": {"pong": r("Pong")}},
            "Pong": {"type": "object", "properties": {"ping": r("Ping")}},
            "Alias": r("Product"),
            "Missing": {"type": "object", "properties": {"x": r("Nowhere")}},
            "Local": {"type": "object", "properties": {"x": {"$ref": "#/components/parameters/Plain/schema"}}},
            "PointedInto": {"type": "object", "properties": {"customer": {"type": "string"}}},
            "PointsInto": {"type": "object", "properties": {"c": {"$ref": "#/components/schemas/PointedInto/properties/customer"}}},
            "Defs": {"type": "object", "$defs": {"a": {"type": "string"}}},
            "OnAlias": {"type": "object", "properties": {"x": r("Alias")}}
        }));
        assert_eq!(
            found,
            vec![
                vec!["Product".to_string(), "Address".to_string()],
                vec!["Customer".to_string(), "Line".to_string()],
                vec!["Order".to_string()],
            ]
        );
    }

    #[test]
    fn a_long_chain_is_placed_only_near_its_end() {
        let mut schemas = Map::new();
        for i in 0..100_000 {
            schemas.insert(
                format!("C{i}"),
                json!({"type": "object", "properties": {"next": {"$ref": format!("#/components/schemas/C{}", i + 1)}}}),
            );
        }
        schemas.insert("C100000".into(), json!({"type": "object"}));
        // Placed without running out of stack: the chain's end, one component a wave.
        let found = waves_of(Value::Object(schemas));
        assert!((1..=MAX_CHAIN).contains(&found.len()), "{}", found.len());
        assert_eq!(found[0], ["C100000"]);
        assert!(found.iter().all(|w| w.len() == 1));
    }

    #[test]
    fn a_reference_that_may_lead_back_into_the_components_keeps_every_component_in_order() {
        for elsewhere in [
            "other.yaml#/Thing",
            "#/components/parameters/Onward/schema",
            "#/components/responses/Missing",
        ] {
            let found = waves_of(json!({
                "Product": {"type": "object"},
                "Elsewhere": {"type": "object", "properties": {"x": {"$ref": elsewhere}}}
            }));
            assert!(found.is_empty(), "{elsewhere}: {found:?}");
        }
    }
}
