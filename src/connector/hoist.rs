//! Moving inline schemas that repeat into `definitions`, so that big definitions shrink.

use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

use rayon::prelude::*;

use super::walk::{
    Ptr, for_each_schema_root_of_path, for_each_shared_schema_root, for_each_subschema,
    path_items_mut,
};
use crate::diagnostic::split_pointer;
use crate::swagger::naming::{definition_names, pascal};
use crate::swagger::size::number_len;

struct Seen {
    count: usize,
    size: usize,
    first: String,
}

/// Whether a schema may become a definition of its own: an object with properties that
/// requires only properties it defines. One that requires a property it leaves to the other
/// parts of an `allOf` is whole only beside them; as a definition, it would require a property
/// it does not have (`required-property-undefined`).
fn worth_hoisting(s: &Map<String, Value>) -> bool {
    let Some(properties) = s.field("properties").and_then(Value::as_object) else {
        return false;
    };
    let own = |name: &Value| name.as_str().is_some_and(|n| properties.contains_key(n));
    !s.has("$ref")
        && !properties.is_empty()
        && (s.field("required").and_then(Value::as_array)).is_none_or(|r| r.iter().all(own))
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
                .field("paths")
                .and_then(|p| p.get(&tokens[1]))
                .and_then(|p| p.get(&tokens[2]))
                .and_then(|o| o.field("operationId"))
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

/// Mixes one 64-bit word into a running structural hash.
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x0063_6366_6f72_6765).hash_one(s)
}

/// A structural hash of a value and the approximate size of its JSON text, without writing it.
/// Equal values hash equal; a match is confirmed by comparing the values.
fn digest(v: &Value) -> (u64, usize) {
    match v {
        Value::Null => (mix(1, 0), 4),
        Value::Bool(b) => (mix(2, u64::from(*b)), 5),
        Value::Number(n) => {
            let bits = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => mix(3, u),
                (None, Some(i)) => mix(3, i as u64),
                _ => mix(7, n.as_f64().unwrap_or_default().to_bits()),
            };
            (bits, number_len(n))
        }
        Value::String(s) => (mix(4, hash_str(s)), s.len() + 2),
        Value::Array(a) => {
            let mut h = mix(5, a.len() as u64);
            let mut size = 2;
            for x in a {
                let (xh, xs) = digest(x);
                h = mix(h, xh);
                size += xs + 1;
            }
            (h, size)
        }
        Value::Object(m) => digest_entries(m, |_, x| digest(x)),
    }
}

/// The digest of an object from the digests of its values.
fn digest_entries(
    m: &Map<String, Value>,
    mut value: impl FnMut(&str, &Value) -> (u64, usize),
) -> (u64, usize) {
    let mut h = mix(6, m.len() as u64);
    let mut size = 2;
    for (k, x) in m {
        let (xh, xs) = value(k, x);
        h = mix(mix(h, hash_str(k)), xh);
        size += k.len() + 4 + xs;
    }
    (h, size)
}

/// What the counting walk learnt about one schema object, in the order the walk met them.
struct Node {
    hash: u64,
    /// Whether it may be replaced by a reference.
    candidate: bool,
    /// How many schema objects lie inside it (skipped when it is replaced).
    inner: usize,
}

/// The counting walk over one schema tree: every schema object gets a `Node` (parents before
/// children), computed bottom-up so that each value is hashed once.
struct Scan<'s> {
    nodes: Vec<Node>,
    min_bytes: usize,
    seen: Option<&'s mut HashMap<u64, Seen>>,
}

impl Scan<'_> {
    fn schema(&mut self, v: &Value, at: &Ptr, root_definition: bool) -> (u64, usize) {
        let Value::Object(m) = v else {
            return digest(v);
        };
        let index = self.nodes.len();
        self.nodes.push(Node {
            hash: 0,
            candidate: false,
            inner: 0,
        });
        let (hash, size) = if m.has("$ref") {
            digest(v)
        } else {
            digest_entries(m, |key, x| match (key, x) {
                ("properties", Value::Object(props)) => {
                    let base = at.key("properties");
                    digest_entries(props, |name, p| self.schema(p, &base.key(name), false))
                }
                ("items" | "additionalProperties", Value::Object(_)) => {
                    self.schema(x, &at.key(key), false)
                }
                ("items" | "allOf", Value::Array(list)) => {
                    let base = at.key(key);
                    let mut h = mix(5, list.len() as u64);
                    let mut size = 2;
                    for (i, p) in list.iter().enumerate() {
                        let (xh, xs) = self.schema(p, &base.index(i), false);
                        h = mix(h, xh);
                        size += xs + 1;
                    }
                    (h, size)
                }
                _ => digest(x),
            })
        };
        let candidate = !root_definition && worth_hoisting(m) && size >= self.min_bytes;
        let inner = self.nodes.len() - index - 1;
        self.nodes[index] = Node {
            hash,
            candidate,
            inner,
        };
        if candidate && let Some(seen) = self.seen.as_deref_mut() {
            seen.entry(hash)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Seen {
                    count: 1,
                    size,
                    first: String::from(at),
                });
        }
        (hash, size)
    }
}

/// The replacing walk: follows the counting walk's order and swaps each chosen copy for a
/// reference to its definition.
struct Replace<'t> {
    nodes: Vec<Node>,
    next: usize,
    targets: &'t HashMap<u64, Target>,
    replaced: HashMap<String, usize>,
    /// With `Some`, the first copy replaced of each new definition, by name: moved into the
    /// definition instead of copied again.
    kept: Option<HashMap<String, Map<String, Value>>>,
}

/// A schema chosen to be moved: its definition's name, its shape (for copies to be compared
/// with) and whether the definition is new.
struct Target {
    name: String,
    shape: Map<String, Value>,
    new: bool,
}

impl Replace<'_> {
    fn schema(&mut self, v: &mut Value) {
        let Value::Object(m) = v else { return };
        let node = &self.nodes[self.next];
        self.next += 1;
        if node.candidate
            && let Some(Target { name, shape, new }) = self.targets.get(&node.hash)
            && crate::value::same_members(shape, m)
        {
            self.next += node.inner;
            let copy = std::mem::replace(m, Map::with_capacity(1));
            if *new && let Some(kept) = &mut self.kept {
                kept.entry(name.clone()).or_insert(copy);
            }
            m.insert(
                "$ref".into(),
                Value::String(format!(
                    "#/definitions/{}",
                    crate::diagnostic::escape_token(name)
                )),
            );
            *self.replaced.entry(name.clone()).or_default() += 1;
            return;
        }
        if m.has("$ref") {
            return;
        }
        for_each_subschema(m, &Ptr::Root, &mut |x, _| self.schema(x));
    }
}

/// Replaces inline schemas that occur at least `min_count` times and serialise to at least
/// `min_bytes` with references to one definition each (an equal existing definition is reused).
/// One walk to count, one to replace. Returns the definitions referenced and how many copies
/// each replaced, largest savings first.
pub fn hoist_repeated(doc: &mut Value, min_count: usize, min_bytes: usize) -> Vec<(String, usize)> {
    hoist_repeated_noting(doc, min_count, min_bytes, &mut Vec::new())
}

/// [`hoist_repeated`], adding to `changed` the index in `paths` of each path item in which a
/// copy was replaced (in order). Outside `paths`, only `definitions`, `parameters` and
/// `responses` change.
pub fn hoist_repeated_noting(
    doc: &mut Value,
    min_count: usize,
    min_bytes: usize,
    changed: &mut Vec<usize>,
) -> Vec<(String, usize)> {
    // Count the candidates; remember the existing definitions' digests.
    let mut seen: HashMap<u64, Seen> = HashMap::new();
    let mut existing: HashMap<u64, String> = HashMap::new();
    let mut scan = Scan {
        nodes: Vec::new(),
        min_bytes,
        seen: Some(&mut seen),
    };
    for_each_shared_schema_root(doc, &mut |s, at| {
        let root_definition = at.is_definition_root();
        let (hash, _) = scan.schema(s, at, root_definition);
        if root_definition && let Ptr::Key(_, name) = at {
            existing.entry(hash).or_insert_with(|| name.to_string());
        }
    });
    let shared_nodes = scan.nodes;
    // The path items, most of a large definition, are counted in parallel; their counts are
    // gathered in document order, so a schema's first place is where the walk would first have
    // met it.
    let items = path_items_mut(doc);
    let parts: Vec<(Vec<Node>, HashMap<u64, Seen>)> = items
        .into_par_iter()
        .map(|(path, item)| {
            let mut local = HashMap::new();
            let mut scan = Scan {
                nodes: Vec::new(),
                min_bytes,
                seen: Some(&mut local),
            };
            for_each_schema_root_of_path(path, item, &mut |s, at| {
                scan.schema(s, at, false);
            });
            (scan.nodes, local)
        })
        .collect();
    // Each path item keeps its own nodes, for the replacing walk over it.
    let mut path_nodes = Vec::with_capacity(parts.len());
    for (part_nodes, part_seen) in parts {
        path_nodes.push(part_nodes);
        for (hash, s) in part_seen {
            seen.entry(hash)
                .and_modify(|e| e.count += s.count)
                .or_insert(s);
        }
    }
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
    // The first copy of each, copied on the pool: schemas repeated in a large definition are
    // often deep.
    let firsts: Vec<Option<Map<String, Value>>> = {
        let doc = &*doc;
        chosen
            .par_iter()
            .map(|(_, seen)| doc.pointer(&seen.first).and_then(Value::as_object).cloned())
            .collect()
    };
    let mut taken = definition_names(doc);
    let mut targets: HashMap<u64, Target> = HashMap::new();
    let mut order = Vec::new();
    let mut new_names = Vec::new();
    for ((hash, seen), shape) in chosen.iter().zip(firsts) {
        let Some(shape) = shape else { continue };
        let (name, new) = match existing.get(hash) {
            Some(n) if doc["definitions"][n].as_object() == Some(&shape) => (n.clone(), false),
            _ => {
                let n = taken.unique(&name_for(doc, &seen.first));
                new_names.push((n.clone(), *hash));
                (n, true)
            }
        };
        order.push(name.clone());
        targets.insert(*hash, Target { name, shape, new });
    }
    // Replace every copy, in the counting walk's order: outside the paths, then each path item
    // (in parallel: the copies replaced there are freed on the threads that walk them, but for
    // the first of each new definition, kept for it).
    let mut replace = Replace {
        nodes: shared_nodes,
        next: 0,
        targets: &targets,
        replaced: HashMap::new(),
        kept: Some(HashMap::new()),
    };
    for_each_shared_schema_root(doc, &mut |s, _| replace.schema(s));
    let items = path_items_mut(doc);
    let parts: Vec<Replace> = items
        .into_par_iter()
        .zip(path_nodes)
        .map(|((path, item), nodes)| {
            let mut part = Replace {
                nodes,
                next: 0,
                targets: &targets,
                replaced: HashMap::new(),
                kept: Some(HashMap::new()),
            };
            for_each_schema_root_of_path(path, item, &mut |s, _| part.schema(s));
            part
        })
        .collect();
    let mut kept = replace.kept.take().unwrap_or_default();
    for (i, part) in parts.into_iter().enumerate() {
        if !part.replaced.is_empty() {
            changed.push(i);
        }
        for (name, n) in part.replaced {
            *replace.replaced.entry(name).or_default() += n;
        }
        for (name, copy) in part.kept.unwrap_or_default() {
            kept.entry(name).or_insert(copy);
        }
    }
    // The new definitions: the first copy replaced of each, else (all its copies were inside
    // others replaced) a copy of its shape.
    let mut new_defs: Vec<(String, Map<String, Value>)> = new_names
        .into_iter()
        .map(|(name, hash)| {
            let value = kept
                .remove(&name)
                .unwrap_or_else(|| targets[&hash].shape.clone());
            (name, value)
        })
        .collect();
    // A new definition's own root stays; copies inside it are replaced.
    let defs_at = Ptr::Root;
    let defs_at = defs_at.key("definitions");
    for (name, value) in &mut new_defs {
        let mut inner = Value::Object(std::mem::take(value));
        let mut scan = Scan {
            nodes: Vec::new(),
            min_bytes,
            seen: None,
        };
        scan.schema(&inner, &defs_at.key(name), true);
        replace.nodes = scan.nodes;
        replace.next = 0;
        replace.schema(&mut inner);
        if let Value::Object(m) = inner {
            *value = m;
        }
    }
    let replaced = replace.replaced;
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
    order
        .into_iter()
        .filter_map(|n| replaced.get(&n).map(|c| (n.clone(), *c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> Value {
        json!({"type": "object", "properties": {"street": {"type": "string"}, "city": {"type": "string"}}})
    }

    /// A document whose one response has `home` and `work` properties, both `schema`.
    fn with_home_and_work(schema: &Value, definitions: Value) -> Value {
        json!({
            "swagger": "2.0",
            "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "OK", "schema": {
                "type": "object", "properties": {"home": schema, "work": schema}}}}}}},
            "definitions": definitions
        })
    }

    #[test]
    fn a_part_that_requires_what_its_allof_siblings_define_stays_in_place() {
        let part = json!({"type": "object", "required": ["street", "zip"],
                          "properties": {"street": {"type": "string"}, "city": {"type": "string"}}});
        let whole = json!({"allOf": [part, {"properties": {"zip": {"type": "string"}}}]});
        let mut doc = with_home_and_work(&whole, json!({}));
        let before = doc.clone();
        // (The other part, 40 bytes, is under the size moved.)
        assert!(hoist_repeated(&mut doc, 2, 60).is_empty());
        assert_eq!(doc, before);
    }

    #[test]
    fn repeated_shapes_become_one_definition() {
        let addr = address();
        let mut doc = with_home_and_work(
            &addr,
            json!({"Person": {"type": "object", "properties": {"address": addr.clone()}}}),
        );
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

    #[test]
    fn an_equal_existing_definition_is_reused() {
        let addr = address();
        let mut doc = with_home_and_work(&addr, json!({"Address": addr.clone()}));
        let done = hoist_repeated(&mut doc, 2, 10);
        assert_eq!(done, vec![("Address".to_string(), 2)]);
        let defs = doc["definitions"].as_object().unwrap();
        assert_eq!(defs.len(), 1, "no second copy of Address: {defs:?}");
        let props = &doc["paths"]["/a"]["get"]["responses"]["200"]["schema"]["properties"];
        assert_eq!(props["home"], json!({"$ref": "#/definitions/Address"}));
        assert_eq!(props["work"], json!({"$ref": "#/definitions/Address"}));
    }

    #[test]
    fn copies_inside_a_new_definition_are_replaced_and_nesting_is_counted_once() {
        let tag = json!({"type": "object", "properties": {"name": {"type": "string"}, "colour": {"type": "string"}}});
        let item = json!({"type": "object", "properties": {"tag": tag.clone(), "id": {"type": "integer"}}});
        let mut doc = json!({
            "swagger": "2.0",
            "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "OK", "schema": {
                "type": "object", "properties": {"first": item.clone(), "second": item.clone(), "label": tag.clone()}}}}}}}
        });
        let done = hoist_repeated(&mut doc, 2, 10);
        // The tag saves most (three copies), then the item (two); the tags inside the items go
        // with them, so the tag's definition replaced the label and the copy in the item's.
        assert_eq!(done, vec![("Tag".to_string(), 2), ("First".to_string(), 2)]);
        assert_eq!(
            doc["definitions"]["First"]["properties"]["tag"],
            json!({"$ref": "#/definitions/Tag"})
        );
        assert_eq!(doc["definitions"]["Tag"], tag);
    }
}
