//! Schemas inferred from JSON examples, and merged across examples.

use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The schema of one example value.
pub fn infer(v: &Value) -> Value {
    let mut s = Shape::default();
    s.absorb(v);
    s.to_schema()
}

/// The schema of one example value, built directly (the reference for [`Shape`]).
#[cfg(test)]
fn infer_direct(v: &Value) -> Value {
    match v {
        Value::Null => json!({"x-nullable": true}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!({"type": "integer"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::String(s) => match string_format(s) {
            Some(f) => json!({"type": "string", "format": f}),
            None => json!({"type": "string"}),
        },
        Value::Array(items) => {
            let mut merged: Option<Value> = None;
            for item in items {
                let s = infer_direct(item);
                merged = Some(match merged {
                    None => s,
                    Some(m) => merge(m, s),
                });
            }
            json!({"type": "array", "items": merged.unwrap_or_else(|| json!({}))})
        }
        Value::Object(m) => {
            let props: Map<String, Value> = m
                .iter()
                .map(|(k, v)| (k.clone(), infer_direct(v)))
                .collect();
            json!({"type": "object", "properties": props})
        }
    }
}

/// The format of a string example, when it is clearly one.
pub fn string_format(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let is_date = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if is_date && b.len() == 10 {
        return Some("date");
    }
    if is_date
        && b.len() >= 19
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
    {
        let rest = &s[19..];
        let rest = rest
            .strip_prefix('.')
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .unwrap_or(rest);
        let zone_ok = rest.is_empty()
            || rest.eq_ignore_ascii_case("z")
            || (rest.len() == 6
                && matches!(rest.as_bytes()[0], b'+' | b'-')
                && rest.as_bytes()[3] == b':');
        if zone_ok {
            return Some("date-time");
        }
    }
    if b.len() == 36
        && s.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
    {
        return Some("uuid");
    }
    if let Some((local, domain)) = s.split_once('@')
        && !local.is_empty()
        && !local.contains([' ', '@'])
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains([' ', '@', '/'])
    {
        return Some("email");
    }
    let lower = s.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > 8
        && !s.contains(char::is_whitespace)
    {
        return Some("uri");
    }
    None
}

fn type_of(s: &Value) -> Option<&str> {
    s.field("type").and_then(Value::as_str)
}

fn nullable(s: &Value) -> bool {
    s.field("x-nullable") == Some(&Value::Bool(true))
}

/// Merges two inferred schemas into one that describes both: objects unite their properties,
/// arrays merge their items, integer and number give number, null makes the other nullable, and
/// anything else that differs gives the untyped schema `{}`.
pub fn merge(a: Value, b: Value) -> Value {
    if a == b {
        return a;
    }
    let null_a =
        type_of(&a).is_none() && nullable(&a) && a.as_object().is_some_and(|m| m.len() == 1);
    let null_b =
        type_of(&b).is_none() && nullable(&b) && b.as_object().is_some_and(|m| m.len() == 1);
    if null_a || null_b {
        let mut other = if null_a { b } else { a };
        if let Some(m) = other.as_object_mut() {
            m.insert("x-nullable".into(), Value::Bool(true));
        }
        return other;
    }
    let is_nullable = nullable(&a) || nullable(&b);
    let mut out = match (type_of(&a), type_of(&b)) {
        (Some("object"), Some("object")) => {
            let (Value::Object(mut am), Value::Object(mut bm)) = (a, b) else {
                unreachable!("typed objects are JSON objects")
            };
            let mut pa = match am.remove("properties") {
                Some(Value::Object(p)) => p,
                _ => Map::new(),
            };
            if let Some(Value::Object(pb)) = bm.remove("properties") {
                for (k, v) in pb {
                    let merged = match pa.remove(&k) {
                        Some(existing) => merge(existing, v),
                        None => v,
                    };
                    // Keep the author's order: existing keys where they were, new ones appended.
                    pa.insert(k, merged);
                }
            }
            am.insert("properties".into(), Value::Object(pa));
            Value::Object(am)
        }
        (Some("array"), Some("array")) => {
            let ia = a.field("items").cloned().unwrap_or_else(|| json!({}));
            let ib = b.field("items").cloned().unwrap_or_else(|| json!({}));
            // An empty example array says nothing about the items.
            let items = if ia == json!({}) {
                ib
            } else if ib == json!({}) {
                ia
            } else {
                merge(ia, ib)
            };
            json!({"type": "array", "items": items})
        }
        (Some("integer"), Some("number")) | (Some("number"), Some("integer")) => {
            json!({"type": "number"})
        }
        (Some("string"), Some("string")) => json!({"type": "string"}),
        _ => json!({}),
    };
    if is_nullable && let Some(m) = out.as_object_mut() {
        m.insert("x-nullable".into(), Value::Bool(true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_formats() {
        assert_eq!(infer(&json!(1)), json!({"type": "integer"}));
        assert_eq!(infer(&json!(1.5)), json!({"type": "number"}));
        assert_eq!(infer(&json!(true)), json!({"type": "boolean"}));
        assert_eq!(infer(&json!(null)), json!({"x-nullable": true}));
        for (s, f) in [
            ("2024-03-01", "date"),
            ("2024-03-01T10:00:00Z", "date-time"),
            ("2024-03-01T10:00:00.123+01:00", "date-time"),
            ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "uuid"),
            ("a.b@example.com", "email"),
            ("https://example.com/x", "uri"),
        ] {
            assert_eq!(string_format(s), Some(f), "{s}");
        }
        for s in [
            "2024-13",
            "hello",
            "a@b",
            "http://",
            "12345678-1234-1234-1234-12345678901g",
        ] {
            assert_eq!(string_format(s), None, "{s}");
        }
    }

    #[test]
    fn arrays_and_objects_merge_across_examples() {
        let s = infer(
            &json!([{"id": 1, "name": "a"}, {"id": 2.5, "tag": null}, {"id": 3, "tag": "x"}]),
        );
        assert_eq!(
            s,
            json!({"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "number"}, "name": {"type": "string"},
                "tag": {"type": "string", "x-nullable": true}}}})
        );
        assert_eq!(merge(infer(&json!("a")), infer(&json!(1))), json!({}));
        assert_eq!(
            merge(infer(&json!([])), infer(&json!([1]))),
            json!({"type": "array", "items": {"type": "integer"}})
        );
    }
}

/// How deep an inferred schema goes: the deepest request or response body among accepted
/// connectors (the `schema-too-deep` rule's limit). A container deeper than that is described
/// as a schema without a type, so a body nested hundreds of levels deep still gives a
/// definition that every reader (ccforge's own among them) takes.
pub const MAX_SCHEMA_DEPTH: usize = 15;

/// How deep an example is kept in a converted definition; a deeper one is left out.
pub const MAX_EXAMPLE_DEPTH: usize = 64;

/// How many levels a value nests (a scalar is 1), without recursion.
pub fn depth(v: &Value) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(v, 1usize)];
    while let Some((v, level)) = todo.pop() {
        deepest = deepest.max(level);
        match v {
            Value::Array(items) => todo.extend(items.iter().map(|i| (i, level + 1))),
            Value::Object(m) => todo.extend(m.values().map(|i| (i, level + 1))),
            _ => {}
        }
    }
    deepest
}

/// The properties of an object shape, in the order first seen; found by name through an index
/// once there are many, so merging examples with thousands of members stays linear.
#[derive(Debug, Clone, Default)]
struct Props {
    list: Vec<(String, Shape)>,
    index: HashMap<String, usize>,
}

impl Props {
    /// Below this many properties a scan is cheaper than the index.
    const SCAN: usize = 16;

    fn get(&mut self, name: &str) -> &mut Shape {
        let found = if self.list.len() <= Self::SCAN {
            self.list.iter().position(|(p, _)| p == name)
        } else {
            if self.index.is_empty() {
                self.index = (self.list.iter().enumerate())
                    .map(|(i, (p, _))| (p.clone(), i))
                    .collect();
            }
            self.index.get(name).copied()
        };
        let i = found.unwrap_or_else(|| {
            self.list.push((name.to_string(), Shape::default()));
            if !self.index.is_empty() {
                self.index.insert(name.to_string(), self.list.len() - 1);
            }
            self.list.len() - 1
        });
        &mut self.list[i].1
    }
}

/// An inferred shape, built up from many examples without building a schema for each one.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    kind: Kind,
    nullable: bool,
}

#[derive(Debug, Clone, Default)]
enum Kind {
    /// Nothing seen yet (or only null).
    #[default]
    Unknown,
    Bool,
    Int,
    Num,
    Str(Option<&'static str>),
    Arr(Box<Shape>),
    Obj(Props),
    /// Examples of different types.
    Any,
}

impl Shape {
    /// Adds one example. Returns whether part of it nests too deep to be described: its
    /// containers at level [`MAX_SCHEMA_DEPTH`] (the root is level 1) get a schema without a type.
    pub fn absorb(&mut self, v: &Value) -> bool {
        self.absorb_at(v, 1)
    }

    fn absorb_at(&mut self, v: &Value, level: usize) -> bool {
        let mut cut = false;
        let kind = std::mem::take(&mut self.kind);
        self.kind = match (kind, v) {
            (k, Value::Null) => {
                self.nullable = true;
                k
            }
            (Kind::Any, _) => Kind::Any,
            (_, Value::Array(_) | Value::Object(_)) if level >= MAX_SCHEMA_DEPTH => {
                cut = true;
                Kind::Any
            }
            (Kind::Unknown | Kind::Bool, Value::Bool(_)) => Kind::Bool,
            (Kind::Unknown | Kind::Int, Value::Number(n)) if n.is_i64() || n.is_u64() => Kind::Int,
            (Kind::Unknown | Kind::Int | Kind::Num, Value::Number(_)) => Kind::Num,
            (Kind::Unknown, Value::String(s)) => Kind::Str(string_format(s)),
            (Kind::Str(f), Value::String(s)) => {
                Kind::Str(f.filter(|f| string_format(s) == Some(f)))
            }
            (Kind::Unknown, Value::Array(items)) => {
                let mut item = Shape::default();
                for i in items {
                    cut |= item.absorb_at(i, level + 1);
                }
                Kind::Arr(Box::new(item))
            }
            (Kind::Arr(mut item), Value::Array(items)) => {
                for i in items {
                    cut |= item.absorb_at(i, level + 1);
                }
                Kind::Arr(item)
            }
            (Kind::Unknown, Value::Object(m)) => {
                let mut props = Props::default();
                for (k, v) in m {
                    cut |= props.get(k).absorb_at(v, level + 1);
                }
                Kind::Obj(props)
            }
            (Kind::Obj(mut props), Value::Object(m)) => {
                for (k, v) in m {
                    cut |= props.get(k).absorb_at(v, level + 1);
                }
                Kind::Obj(props)
            }
            _ => Kind::Any,
        };
        cut
    }

    /// The Swagger 2.0 schema of everything absorbed.
    pub fn to_schema(&self) -> Value {
        // Sized exactly: a map grown member by member keeps room for three, and a large
        // conversion holds hundreds of thousands of these small schemas at once.
        let members = match &self.kind {
            Kind::Unknown | Kind::Any => 0,
            Kind::Str(Some(_)) | Kind::Arr(_) | Kind::Obj(_) => 2,
            Kind::Bool | Kind::Int | Kind::Num | Kind::Str(None) => 1,
        } + usize::from(self.nullable);
        let mut m = Map::with_capacity(members);
        match &self.kind {
            Kind::Unknown | Kind::Any => {}
            Kind::Bool => {
                m.insert("type".into(), json!("boolean"));
            }
            Kind::Int => {
                m.insert("type".into(), json!("integer"));
            }
            Kind::Num => {
                m.insert("type".into(), json!("number"));
            }
            Kind::Str(f) => {
                m.insert("type".into(), json!("string"));
                if let Some(f) = f {
                    m.insert("format".into(), json!(f));
                }
            }
            Kind::Arr(item) => {
                m.insert("type".into(), json!("array"));
                m.insert("items".into(), item.to_schema());
            }
            Kind::Obj(props) => {
                m.insert("type".into(), json!("object"));
                let mut p = Map::with_capacity(props.list.len());
                for (k, s) in &props.list {
                    p.insert(k.clone(), s.to_schema());
                }
                m.insert("properties".into(), Value::Object(p));
            }
        }
        if self.nullable {
            m.insert("x-nullable".into(), Value::Bool(true));
        }
        Value::Object(m)
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn absorbing_examples_equals_merging_their_schemas() {
        let examples = [
            json!([{"id": 1, "name": "a", "when": "2024-01-01"}, {"id": 2.5, "tag": null}]),
            json!([{"id": 3, "tag": "x", "when": "2024-02-01", "nested": {"a": [1, 2]}}]),
            json!([]),
        ];
        let mut shape = Shape::default();
        let mut merged: Option<Value> = None;
        for e in &examples {
            shape.absorb(e);
            let s = infer_direct(e);
            merged = Some(match merged {
                None => s,
                Some(m) => merge(m, s),
            });
        }
        assert_eq!(shape.to_schema(), merged.unwrap());
        let mut mixed = Shape::default();
        mixed.absorb(&json!("a"));
        mixed.absorb(&json!(1));
        assert_eq!(mixed.to_schema(), json!({}));
    }

    #[test]
    fn deep_examples_are_described_fifteen_levels_down() {
        let mut deep = json!(1);
        for _ in 0..20 {
            deep = json!({ "a": deep });
        }
        let mut shape = Shape::default();
        assert!(shape.absorb(&deep));
        let mut schema = &shape.to_schema();
        let mut levels = 1;
        while let Some(next) = schema.pointer("/properties/a") {
            schema = next;
            levels += 1;
        }
        assert_eq!((levels, schema), (15, &json!({})));
        assert_eq!(depth(&deep), 21);
        assert!(!Shape::default().absorb(&json!({"a": [1, {"b": 2}]})));
    }

    #[test]
    fn many_members_merge_in_first_seen_order() {
        let a: Map<String, Value> = (0..1000).map(|i| (format!("k{i}"), json!(i))).collect();
        let b: Map<String, Value> = (500..1500)
            .rev()
            .map(|i| (format!("k{i}"), json!("s")))
            .collect();
        let mut shape = Shape::default();
        shape.absorb(&Value::Object(a));
        shape.absorb(&Value::Object(b));
        let schema = shape.to_schema();
        let props = schema["properties"].as_object().unwrap();
        assert_eq!(props.len(), 1500);
        assert_eq!(props.keys().next().unwrap(), "k0");
        assert_eq!(props.keys().nth(1000).unwrap(), "k1499");
        assert_eq!(props["k10"], json!({"type": "integer"}));
        assert_eq!(props["k700"], json!({}));
        assert_eq!(props["k1200"], json!({"type": "string"}));
    }
}
