//! Gives the schemas that references point inside a definition a definition of their own.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use super::{Place, data_member};
use crate::connector::PassOut;
use crate::diagnostic::{escape_token, split_pointer};
use crate::swagger::naming::{definition_names, pascal};

crate::declare_pass! {
    /// Pass: a `$ref` to a schema inside a definition points to a definition of its own.
    ///
    /// ## What
    /// A connector pass. A schema `$ref` that points inside a definition
    /// (`#/definitions/Region/properties/id`) is a well-formed pointer, but a connector may
    /// reference only a whole definition. The schema it points to moves to a definition of its
    /// own (`RegionId`, named after where it was), its old place refers to the new definition,
    /// and so does every reference that pointed at it. When the schema pointed to is itself a
    /// reference to a definition, the references point there directly.
    ///
    /// ## Why
    /// Microsoft's validator rejects such a reference (`SchemaReferenceNotValid`). OpenAPI 3
    /// definitions use them to share one property's schema
    /// (`#/components/schemas/Region/properties/id`), and convert keeps the pointer.
    ///
    /// ## Example
    /// `"region": {"$ref": "#/definitions/Region/properties/slug"}` becomes
    /// `"region": {"$ref": "#/definitions/RegionSlug"}`, with `RegionSlug` the schema that was at
    /// `Region`'s `slug` property, which now refers to it too.
    ///
    /// ## Fix
    /// Nothing to do: the schemas are the same, only where they are written moves. A reference
    /// to a node that is not there, or that is not a schema object, is left to the lint rules
    /// (`ref-not-found`, `ref-not-valid`).
    pub static INNER_REFS = Pass(run) {
        code: "CCF627",
        name: "fix-inner-refs",
        microsoft: ["SchemaReferenceNotValid"],
    }
}

const PREFIX: &str = "#/definitions/";

pub fn run(doc: &mut Value, out: &mut PassOut) {
    // Every pointer inside a definition that some reference names, deepest first: moving a
    // deeper schema leaves the way to a shallower one as it was.
    let mut targets = inner_targets(doc);
    if targets.is_empty() {
        return;
    }
    targets.sort();
    targets.dedup();
    targets.sort_by_key(|t| std::cmp::Reverse(split_pointer(&t[1..]).len()));

    let mut taken = definition_names(doc);
    // Old reference → new one, and the definitions made, in the order they were made.
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    let mut made: Vec<(String, String)> = Vec::new();
    for target in targets {
        let Some(node) = doc.pointer_mut(&target[1..]) else {
            continue;
        };
        let Some(schema) = node.as_object_mut() else {
            continue;
        };
        if let Some(to) = schema.field("$ref").and_then(Value::as_str) {
            // A reference to a reference: point at what it names.
            if to != target {
                moved.insert(target, to.to_string());
            }
            continue;
        }
        let name = taken.unique(&name_for(&target));
        let reference = format!("{PREFIX}{}", escape_token(&name));
        let schema = std::mem::replace(
            schema,
            Map::from_iter([("$ref".to_string(), Value::String(reference.clone()))]),
        );
        let Some(defs) = doc
            .as_object_mut()
            .map(|root| root.entry("definitions").or_insert_with(|| Value::Object(Map::new())))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        defs.insert(name.clone(), Value::Object(schema));
        made.push((target.clone(), name));
        moved.insert(target, reference);
    }
    if moved.is_empty() {
        return;
    }
    // A reference to a reference that was itself inner ends where that one went.
    let moved: BTreeMap<String, String> = moved
        .iter()
        .map(|(from, to)| {
            let mut end = to;
            for _ in 0..moved.len() {
                match moved.get(end) {
                    Some(next) if next != from => end = next,
                    _ => break,
                }
            }
            (from.clone(), end.clone())
        })
        .collect();
    let count = super::repoint(doc, &moved);
    for (target, name) in &made {
        let n = count.get(target).copied().unwrap_or_default();
        out.note(
            format!("/definitions/{}", escape_token(name)),
            format!(
                "the schema at `{target}` is now the definition `{name}`, and the {n} \
                 reference(s) to it name that: a reference may name only a whole definition"
            ),
        );
    }
    for (target, to) in &moved {
        if made.iter().all(|(t, _)| t != target) {
            let n = count.get(target).copied().unwrap_or_default();
            out.note(
                "",
                format!(
                    "the {n} reference(s) to `{target}`, itself a reference, now name `{to}`: a \
                     reference may name only a whole definition"
                ),
            );
        }
    }
}

/// Whether `r` points inside a definition (below `#/definitions/NAME`).
fn is_inner(r: &str) -> bool {
    r.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.split('/').count() > 1)
}

/// A definition name for the schema at `target`: the definition's name, then each property's,
/// `Item` for array items, `Value` for additional properties.
fn name_for(target: &str) -> String {
    let tokens = split_pointer(&target[1..]);
    let mut name = String::new();
    for (i, t) in tokens.iter().enumerate().skip(1) {
        let previous = tokens[i - 1].as_str();
        match t.as_str() {
            "properties" | "allOf" | "anyOf" | "oneOf" if i > 1 => {}
            "items" if previous != "properties" => name.push_str("Item"),
            "additionalProperties" if previous != "properties" => name.push_str("Value"),
            _ => name.push_str(&pascal(t)),
        }
    }
    if name.is_empty() { "Schema".into() } else { name }
}

/// Every reference of the document (not in examples, defaults or enums) that points inside a
/// definition, in no particular order: the path items, most of a large definition, are read on
/// the pool (most definitions have no such reference, and are read to find none).
fn inner_targets(doc: &Value) -> Vec<String> {
    use rayon::prelude::*;
    /// One member of an object: a reference is kept, a value to look into is pushed.
    fn member<'a>(
        (k, x): (&str, &'a Value),
        in_responses: bool,
        stack: &mut Vec<Place<&'a Value>>,
        out: &mut Vec<String>,
    ) {
        match x {
            Value::String(r) if k == "$ref" && is_inner(r) => out.push(r.clone()),
            Value::Object(_) | Value::Array(_) if !data_member(k, in_responses) => {
                stack.push((x, k == "responses"))
            }
            _ => {}
        }
    }
    fn walk(mut stack: Vec<Place<&Value>>, out: &mut Vec<String>) {
        while let Some((v, in_responses)) = stack.pop() {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        member((k, x), in_responses, &mut stack, out);
                    }
                }
                Value::Array(a) => stack.extend(a.iter().map(|x| (x, false))),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    let Some(root) = doc.as_object() else {
        walk(vec![(doc, false)], &mut found);
        return found;
    };
    let mut stack = Vec::new();
    for (k, v) in root {
        match v {
            Value::Object(items) if k == "paths" => {
                let items: Vec<(&String, &Value)> = items.iter().collect();
                let parts: Vec<Vec<String>> = items
                    .into_par_iter()
                    .map(|(k, item)| {
                        let (mut stack, mut refs) = (Vec::new(), Vec::new());
                        member((k, item), false, &mut stack, &mut refs);
                        walk(stack, &mut refs);
                        refs
                    })
                    .collect();
                found.extend(parts.into_iter().flatten());
            }
            _ => member((k, v), false, &mut stack, &mut found),
        }
    }
    walk(stack, &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_inner_schema_becomes_a_definition_and_every_reference_names_it() {
        let found = crate::connector::passes::bad_good(
            &INNER_REFS,
            json!({
                "paths": {"/volumes": {"get": {"responses": {"200": {"description": "OK", "schema": {
                    "type": "object", "properties": {
                        "region": {"$ref": "#/definitions/Region/properties/slug"},
                        "size": {"$ref": "#/definitions/Droplet/properties/size"}
                    }}}}}}},
                "definitions": {
                    "Region": {"type": "object", "properties": {
                        "slug": {"type": "string", "example": "nyc1"},
                        "sizes": {"type": "array", "items": {"$ref": "#/definitions/Region/properties/slug"}}
                    }},
                    "Droplet": {"type": "object", "properties": {"size": {"$ref": "#/definitions/Size"}}},
                    "Size": {"type": "string"},
                    "Example": {"type": "object", "example": {"$ref": "#/definitions/Region/properties/slug"}}
                }
            }),
            json!({
                "paths": {"/volumes": {"get": {"responses": {"200": {"description": "OK", "schema": {
                    "type": "object", "properties": {
                        "region": {"$ref": "#/definitions/RegionSlug"},
                        "size": {"$ref": "#/definitions/Size"}
                    }}}}}}},
                "definitions": {
                    "Region": {"type": "object", "properties": {
                        "slug": {"$ref": "#/definitions/RegionSlug"},
                        "sizes": {"type": "array", "items": {"$ref": "#/definitions/RegionSlug"}}
                    }},
                    "Droplet": {"type": "object", "properties": {"size": {"$ref": "#/definitions/Size"}}},
                    "Size": {"type": "string"},
                    // An example's text is data: it stays.
                    "Example": {"type": "object", "example": {"$ref": "#/definitions/Region/properties/slug"}},
                    "RegionSlug": {"type": "string", "example": "nyc1"}
                }
            }),
        );
        assert_eq!(
            found,
            [
                (
                    "/definitions/RegionSlug".to_string(),
                    "the schema at `#/definitions/Region/properties/slug` is now the definition \
                     `RegionSlug`, and the 2 reference(s) to it name that: a reference may name \
                     only a whole definition"
                        .to_string()
                ),
                (
                    String::new(),
                    "the 1 reference(s) to `#/definitions/Droplet/properties/size`, itself a \
                     reference, now name `#/definitions/Size`: a reference may name only a whole \
                     definition"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn nested_targets_move_deepest_first_with_names_from_their_place() {
        let mut doc = json!({
            "paths": {},
            "definitions": {
                "Droplet": {"type": "object", "properties": {"networks": {"type": "object", "properties": {
                    "v4": {"type": "array", "items": {"type": "object", "properties": {"ip": {"type": "string"}}}}
                }}}},
                "A": {"properties": {"v4": {"$ref": "#/definitions/Droplet/properties/networks/properties/v4/items"}}},
                "B": {"properties": {"n": {"$ref": "#/definitions/Droplet/properties/networks"}}},
                "DropletNetworks": {"type": "string"}
            }
        });
        crate::connector::passes::run_pass(&INNER_REFS, &mut doc);
        let defs = &doc["definitions"];
        assert_eq!(
            defs["A"]["properties"]["v4"],
            json!({"$ref": "#/definitions/DropletNetworksV4Item"})
        );
        // The name is taken: the next free one.
        assert_eq!(
            defs["B"]["properties"]["n"],
            json!({"$ref": "#/definitions/DropletNetworks2"})
        );
        assert_eq!(
            defs["DropletNetworks2"]["properties"]["v4"]["items"],
            json!({"$ref": "#/definitions/DropletNetworksV4Item"})
        );
        assert_eq!(
            defs["DropletNetworksV4Item"]["properties"]["ip"],
            json!({"type": "string"})
        );
        assert_eq!(
            defs["Droplet"]["properties"]["networks"],
            json!({"$ref": "#/definitions/DropletNetworks2"})
        );
    }

    #[test]
    fn a_reference_to_nothing_is_left_to_the_lint() {
        let doc = json!({"paths": {}, "definitions": {
            "A": {"properties": {"b": {"$ref": "#/definitions/A/properties/missing"}}},
            "C": {"properties": {"d": {"$ref": "#/definitions/C/type"}}, "type": "object"}
        }});
        let found = crate::connector::passes::bad_good(&INNER_REFS, doc.clone(), doc);
        assert!(found.is_empty());
    }
}
