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

/// Replaces inline schemas that occur at least `min_count` times and serialise to at least
/// `min_bytes` with references to one definition each (an equal existing definition is reused).
/// Returns the definitions referenced and how many copies each replaced, largest savings first.
pub fn hoist_repeated(doc: &mut Value, min_count: usize, min_bytes: usize) -> Vec<(String, usize)> {
    let mut done = Vec::new();
    let mut existing: HashMap<String, String> = doc
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| serde_json::to_string(v).ok().map(|s| (s, k.clone())))
        .collect();
    for _ in 0..10_000 {
        let mut seen: HashMap<String, Seen> = HashMap::new();
        for_each_schema(doc, &mut |s, at| {
            if is_definition_root(at) || !worth_hoisting(s) {
                return;
            }
            let Ok(key) = serde_json::to_string(&*s) else {
                return;
            };
            if key.len() < min_bytes {
                return;
            }
            let size = key.len();
            seen.entry(key)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Seen {
                    count: 1,
                    size,
                    first: at.to_string(),
                });
        });
        let best = seen
            .into_iter()
            .filter(|(_, s)| s.count >= min_count)
            .max_by(|a, b| {
                ((a.1.count - 1) * a.1.size)
                    .cmp(&((b.1.count - 1) * b.1.size))
                    .then_with(|| b.1.first.cmp(&a.1.first))
            });
        let Some((key, seen)) = best else { break };
        let name = match existing.get(&key) {
            Some(name) => name.clone(),
            None => {
                let mut taken: HashSet<String> = doc
                    .get("definitions")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k.to_ascii_lowercase())
                    .collect();
                let name = unique(&name_for(doc, &seen.first), &mut taken);
                let schema: Value = serde_json::from_str(&key).expect("serialised above");
                let defs = doc
                    .as_object_mut()
                    .expect("a document is an object")
                    .entry("definitions")
                    .or_insert_with(|| json!({}));
                if let Some(defs) = defs.as_object_mut() {
                    defs.insert(name.clone(), schema);
                }
                existing.insert(key.clone(), name.clone());
                name
            }
        };
        let reference = json!({ "$ref": format!("#/definitions/{name}") });
        let mut replaced = 0;
        for_each_schema(doc, &mut |s, at| {
            if is_definition_root(at) || !worth_hoisting(s) {
                return;
            }
            if serde_json::to_string(&*s).is_ok_and(|k| k == key) {
                *s = reference.as_object().expect("object").clone();
                replaced += 1;
            }
        });
        done.push((name, replaced));
    }
    done
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
