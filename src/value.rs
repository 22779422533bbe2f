//! Key lookups in JSON objects.
//!
//! serde_json's maps keep their members in order and find a key by its hash (SipHash), which
//! costs more than the search itself in the small objects a definition is made of: a schema,
//! a parameter or a response has a handful of members, and a large definition is looked into
//! hundreds of thousands of times. [`Lookup`] compares the keys of a small object in order and
//! hashes only in a large one (`paths`, `definitions`, a long list of properties). The answer is
//! the same either way: an object's keys are unique.

use serde_json::{Map, Value};

/// Objects with up to this many members are searched in order.
const SCAN_MAX: usize = 8;

/// A member of a JSON object by its key; `None` when there is none, or when a [`Value`] is not
/// an object.
pub trait Lookup {
    fn field(&self, key: &str) -> Option<&Value>;
    fn field_mut(&mut self, key: &str) -> Option<&mut Value>;
    /// Whether the object has a member named `key`.
    fn has(&self, key: &str) -> bool {
        self.field(key).is_some()
    }
}

impl Lookup for Map<String, Value> {
    #[inline]
    fn field(&self, key: &str) -> Option<&Value> {
        if self.len() <= SCAN_MAX {
            self.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
        } else {
            self.get(key)
        }
    }

    #[inline]
    fn field_mut(&mut self, key: &str) -> Option<&mut Value> {
        if self.len() <= SCAN_MAX {
            self.iter_mut()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, v)| v)
        } else {
            self.get_mut(key)
        }
    }
}

impl Lookup for Value {
    #[inline]
    fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(m) => m.field(key),
            _ => None,
        }
    }

    #[inline]
    fn field_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Object(m) => m.field_mut(key),
            _ => None,
        }
    }
}

/// Whether two values are equal, as `==` says (members in any order), comparing the members of
/// objects in order first: copies of one schema, the usual case, are then compared without a
/// lookup per member.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => same_members(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

/// [`same`] for two objects.
pub fn same_members(x: &Map<String, Value>, y: &Map<String, Value>) -> bool {
    if x.len() != y.len() {
        return false;
    }
    for ((kx, vx), (ky, vy)) in x.iter().zip(y) {
        if kx != ky {
            // Another order: each member is looked up.
            return x
                .iter()
                .all(|(k, v)| y.field(k).is_some_and(|w| same(v, w)));
        }
        if !same(vx, vy) {
            return false;
        }
    }
    true
}

/// Whether a value is listed twice (short lists compared pairwise, long ones through a set of
/// their texts; [`keep_first_of_each`] judges alike).
pub fn repeats(values: &[Value]) -> bool {
    if values.len() <= 32 {
        return values
            .iter()
            .enumerate()
            .any(|(i, v)| values[i + 1..].contains(v));
    }
    let mut seen = std::collections::HashSet::new();
    values.iter().any(|v| !seen.insert(v.to_string()))
}

/// Keeps the first of each value [`repeats`] finds repeated.
pub fn keep_first_of_each(values: &mut Vec<Value>) {
    if values.len() <= 32 {
        let mut kept: Vec<Value> = Vec::with_capacity(values.len());
        for v in values.drain(..) {
            if !kept.contains(&v) {
                kept.push(v);
            }
        }
        *values = kept;
    } else {
        let mut seen = std::collections::HashSet::new();
        values.retain(|v| seen.insert(v.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Small and large objects answer as serde_json's own lookups do, for present and absent
    /// keys; a value that is not an object has no members.
    #[test]
    fn answers_as_the_map_does() {
        for n in [0, 1, SCAN_MAX, SCAN_MAX + 1, 40] {
            let mut m = Map::new();
            for i in 0..n {
                m.insert(format!("k{i}"), json!(i));
            }
            let mut v = Value::Object(m.clone());
            for key in ["k0", "k7", "k8", "k39", "k40", "", "k"] {
                assert_eq!(m.field(key), m.get(key), "{n} members, {key}");
                assert_eq!(v.field(key), m.get(key));
                assert_eq!(v.has(key), m.contains_key(key));
            }
            if n > 0 {
                *v.field_mut("k0").unwrap() = json!("changed");
                assert_eq!(v["k0"], json!("changed"));
            }
        }
        assert_eq!(json!(["k0"]).field("k0"), None);
        assert_eq!(json!("k0").field("k0"), None);
    }

    /// `same` agrees with `==`: members in another order are equal, a differing value, key,
    /// length or element order is not.
    #[test]
    fn same_agrees_with_equality() {
        let a = json!({"type": "object", "properties": {"a": {"type": "string"}, "b": [1, 2]}});
        let cases = [
            json!({"type": "object", "properties": {"a": {"type": "string"}, "b": [1, 2]}}),
            json!({"properties": {"b": [1, 2], "a": {"type": "string"}}, "type": "object"}),
            json!({"type": "object", "properties": {"a": {"type": "string"}, "b": [2, 1]}}),
            json!({"type": "object", "properties": {"a": {"type": "integer"}, "b": [1, 2]}}),
            json!({"type": "object", "properties": {"a": {"type": "string"}, "c": [1, 2]}}),
            json!({"type": "object", "properties": {"a": {"type": "string"}}}),
            json!({"type": "object"}),
            json!("object"),
        ];
        for b in &cases {
            assert_eq!(same(&a, b), a == *b, "{b}");
            assert_eq!(same(b, &a), *b == a, "{b}");
        }
        assert!(same(&cases[1], &a));
        assert!(!same(&cases[2], &a));
    }
}
