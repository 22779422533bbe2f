//! Schemas inferred from JSON examples, and merged across examples.

use serde_json::{Map, Value, json};

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
    s.get("type").and_then(Value::as_str)
}

fn nullable(s: &Value) -> bool {
    s.get("x-nullable") == Some(&Value::Bool(true))
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
            let ia = a.get("items").cloned().unwrap_or_else(|| json!({}));
            let ib = b.get("items").cloned().unwrap_or_else(|| json!({}));
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
    Obj(Vec<(String, Shape)>),
    /// Examples of different types.
    Any,
}

impl Shape {
    /// Adds one example.
    pub fn absorb(&mut self, v: &Value) {
        let kind = std::mem::take(&mut self.kind);
        self.kind = match (kind, v) {
            (k, Value::Null) => {
                self.nullable = true;
                k
            }
            (Kind::Any, _) => Kind::Any,
            (Kind::Unknown | Kind::Bool, Value::Bool(_)) => Kind::Bool,
            (Kind::Unknown | Kind::Int, Value::Number(n)) if n.is_i64() || n.is_u64() => Kind::Int,
            (Kind::Unknown | Kind::Int | Kind::Num, Value::Number(_)) => Kind::Num,
            (Kind::Unknown, Value::String(s)) => Kind::Str(string_format(s)),
            (Kind::Str(f), Value::String(s)) => {
                Kind::Str(f.filter(|f| string_format(s) == Some(f)))
            }
            (Kind::Unknown, Value::Array(items)) => {
                let mut item = Shape::default();
                items.iter().for_each(|i| item.absorb(i));
                Kind::Arr(Box::new(item))
            }
            (Kind::Arr(mut item), Value::Array(items)) => {
                items.iter().for_each(|i| item.absorb(i));
                Kind::Arr(item)
            }
            (Kind::Unknown, Value::Object(m)) => Kind::Obj(
                m.iter()
                    .map(|(k, v)| {
                        let mut s = Shape::default();
                        s.absorb(v);
                        (k.clone(), s)
                    })
                    .collect(),
            ),
            (Kind::Obj(mut props), Value::Object(m)) => {
                for (k, v) in m {
                    match props.iter_mut().find(|(p, _)| p == k) {
                        Some((_, s)) => s.absorb(v),
                        None => {
                            let mut s = Shape::default();
                            s.absorb(v);
                            props.push((k.clone(), s));
                        }
                    }
                }
                Kind::Obj(props)
            }
            _ => Kind::Any,
        };
    }

    /// The Swagger 2.0 schema of everything absorbed.
    pub fn to_schema(&self) -> Value {
        let mut m = Map::new();
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
                let p: Map<String, Value> = props
                    .iter()
                    .map(|(k, s)| (k.clone(), s.to_schema()))
                    .collect();
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
}
