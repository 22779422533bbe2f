//! Moving inline schemas that repeat into `definitions`, so that big definitions shrink.

use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

use super::passes::{pascal, unique};
use super::walk::for_each_schema;
use crate::diagnostic::split_pointer;

struct Seen {
    count: usize,
    size: usize,
    first: String,
}

fn worth_hoisting(s: &Map<String, Value>) -> bool {
    !s.contains_key("$ref")
        && s.get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
}

fn is_definition_root(at: &str) -> bool {
    at.strip_prefix("/definitions/")
        .is_some_and(|rest| !rest.contains('/'))
}

/// A definition name for a schema first seen at `at`.
fn name_for(doc: &Value, at: &str) -> String {
    let tokens = split_pointer(at);
    if let Some(i) = (1..tokens.len())
        .rev()
        .find(|&i| tokens[i - 1] == "properties")
    {
        let mut name = pascal(&tokens[i]);
        if tokens[i + 1..].iter().any(|t| t == "items") {
            name.push_str("Item");
        }
        if !name.is_empty() {
            return name;
        }
    }
    match tokens.first().map(String::as_str) {
        Some("definitions") if tokens.len() > 1 => format!("{}Item", pascal(&tokens[1])),
        Some("paths") if tokens.len() > 2 => {
            let id = doc
                .get("paths")
                .and_then(|p| p.get(&tokens[1]))
                .and_then(|p| p.get(&tokens[2]))
                .and_then(|o| o.get("operationId"))
                .and_then(Value::as_str)
                .map(pascal)
                .unwrap_or_default();
            let kind = if tokens.iter().any(|t| t == "responses") {
                "Response"
            } else {
                "Body"
            };
            format!("{id}{kind}")
        }
        _ => "Schema".into(),
    }
}

/// A structural hash of a value and the approximate size of its JSON text, without writing it.
fn digest(v: &Value) -> (u64, usize) {
    use std::hash::{Hash, Hasher};
    fn go(v: &Value, h: &mut std::collections::hash_map::DefaultHasher) -> usize {
        match v {
            Value::Null => {
                0u8.hash(h);
                4
            }
            Value::Bool(b) => {
                b.hash(h);
                5
            }
            Value::Number(n) => {
                let t = n.to_string();
                t.hash(h);
                t.len()
            }
            Value::String(s) => {
                s.hash(h);
                s.len() + 2
            }
            Value::Array(a) => {
                (a.len(), 1u8).hash(h);
                2 + a.iter().map(|x| go(x, h) + 1).sum::<usize>()
            }
            Value::Object(m) => {
                (m.len(), 2u8).hash(h);
                2 + m
                    .iter()
                    .map(|(k, x)| {
                        k.hash(h);
                        k.len() + 4 + go(x, h)
                    })
                    .sum::<usize>()
            }
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let size = go(v, &mut h);
    (h.finish(), size)
}

fn digest_map(m: &Map<String, Value>) -> (u64, usize) {
    // Hashing the map as a Value without cloning it.
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (m.len(), 2u8).hash(&mut h);
    let mut size = 2;
    for (k, x) in m {
        k.hash(&mut h);
        let (xh, xs) = digest(x);
        xh.hash(&mut h);
        size += k.len() + 4 + xs;
    }
    (h.finish(), size)
}

/// Replaces inline schemas that occur at least `min_count` times and serialise to at least
/// `min_bytes` with references to one definition each (an equal existing definition is reused).
/// One pass to count, one to replace. Returns the definitions referenced and how many copies
/// each replaced, largest savings first.
pub fn hoist_repeated(doc: &mut Value, min_count: usize, min_bytes: usize) -> Vec<(String, usize)> {
    // Count the candidates.
    let mut seen: HashMap<u64, Seen> = HashMap::new();
    for_each_schema(doc, &mut |s, at| {
        if is_definition_root(at) || !worth_hoisting(s) {
            return;
        }
        let (hash, size) = digest_map(s);
        if size < min_bytes {
            return;
        }
        seen.entry(hash)
            .and_modify(|e| e.count += 1)
            .or_insert_with(|| Seen {
                count: 1,
                size,
                first: at.to_string(),
            });
    });
    let mut chosen: Vec<(u64, Seen)> = seen
        .into_iter()
        .filter(|(_, s)| s.count >= min_count)
        .collect();
    if chosen.is_empty() {
        return Vec::new();
    }
    chosen.sort_by(|a, b| {
        ((b.1.count - 1) * b.1.size)
            .cmp(&((a.1.count - 1) * a.1.size))
            .then_with(|| a.1.first.cmp(&b.1.first))
    });
    // Existing definitions that equal a candidate are reused.
    let existing: HashMap<u64, String> = doc
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (digest(v).0, k.clone()))
        .collect();
    let mut taken: HashSet<String> = doc
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, _)| k.to_ascii_lowercase())
        .collect();
    let mut targets: HashMap<u64, (String, Map<String, Value>)> = HashMap::new();
    let mut order = Vec::new();
    let mut new_defs = Vec::new();
    for (hash, seen) in &chosen {
        let Some(value) = doc.pointer(&seen.first).and_then(Value::as_object).cloned() else {
            continue;
        };
        let name = match existing.get(hash) {
            Some(n) if doc["definitions"][n].as_object() == Some(&value) => n.clone(),
            _ => {
                let n = unique(&name_for(doc, &seen.first), &mut taken);
                new_defs.push((n.clone(), value.clone()));
                n
            }
        };
        order.push(name.clone());
        targets.insert(*hash, (name, value));
    }
    if !new_defs.is_empty() {
        let defs = doc
            .as_object_mut()
            .expect("a document is an object")
            .entry("definitions")
            .or_insert_with(|| json!({}));
        if let Some(defs) = defs.as_object_mut() {
            defs.extend(new_defs.into_iter().map(|(k, v)| (k, Value::Object(v))));
        }
    }
    // Replace every copy (a new definition's own root stays; copies inside it are replaced).
    let mut replaced: HashMap<String, usize> = HashMap::new();
    for_each_schema(doc, &mut |s, at| {
        if is_definition_root(at) || !worth_hoisting(s) {
            return;
        }
        let (hash, _) = digest_map(s);
        if let Some((name, value)) = targets.get(&hash)
            && value == s
        {
            *s = json!({ "$ref": format!("#/definitions/{}", crate::diagnostic::escape_token(name)) })
                .as_object()
                .expect("object")
                .clone();
            *replaced.entry(name.clone()).or_default() += 1;
        }
    });
    order
        .into_iter()
        .filter_map(|n| replaced.get(&n).map(|c| (n.clone(), *c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_shapes_become_one_definition() {
        let addr = json!({"type": "object", "properties": {"street": {"type": "string"}, "city": {"type": "string"}}});
        let mut doc = json!({
            "swagger": "2.0",
            "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "OK", "schema": {
                "type": "object", "properties": {"home": addr.clone(), "work": addr.clone()}}}}}}},
            "definitions": {"Person": {"type": "object", "properties": {"address": addr.clone()}}}
        });
        let done = hoist_repeated(&mut doc, 2, 10);
        assert_eq!(done, vec![("Address".to_string(), 3)]);
        assert_eq!(doc["definitions"]["Address"], addr);
        assert_eq!(
            doc["definitions"]["Person"]["properties"]["address"],
            json!({"$ref": "#/definitions/Address"})
        );
        // Running again finds nothing more to do.
        assert!(hoist_repeated(&mut doc, 2, 10).is_empty());
    }
}
