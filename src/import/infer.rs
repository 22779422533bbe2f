//! Schemas inferred from JSON examples, and merged across examples.

use serde_json::{Map, Value, json};

/// The schema of one example value.
pub fn infer(v: &Value) -> Value {
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
                let s = infer(item);
                merged = Some(match merged {
                    None => s,
                    Some(m) => merge(m, s),
                });
            }
            json!({"type": "array", "items": merged.unwrap_or_else(|| json!({}))})
        }
        Value::Object(m) => {
            let props: Map<String, Value> = m.iter().map(|(k, v)| (k.clone(), infer(v))).collect();
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
