//! Mutable walks over a Swagger 2.0 document: operations, parameter objects and schemas, each
//! with its JSON pointer.

use serde_json::{Map, Value};

use crate::swagger::METHODS;

/// Appends a token to a pointer.
pub use crate::diagnostic::join_pointer as join;

/// The (path, method) of every operation, in document order.
pub fn operation_keys(doc: &Value) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            if let Some(item) = item.as_object() {
                for method in item.keys() {
                    if METHODS.contains(&method.as_str()) && item[method].is_object() {
                        keys.push((path.clone(), method.clone()));
                    }
                }
            }
        }
    }
    keys
}

pub fn operation_mut<'a>(
    doc: &'a mut Value,
    path: &str,
    method: &str,
) -> Option<&'a mut Map<String, Value>> {
    doc.get_mut("paths")?
        .get_mut(path)?
        .get_mut(method)?
        .as_object_mut()
}

/// Pointer of an operation.
pub fn operation_pointer(path: &str, method: &str) -> String {
    join(&join("/paths", path), method)
}

/// Calls `f` on every parameter object written out in the document (root `parameters`, path-level
/// and operation-level lists), skipping `$ref`s, which are visited where they point.
pub fn for_each_parameter(doc: &mut Value, mut f: impl FnMut(&mut Map<String, Value>, &str)) {
    if let Some(shared) = doc.get_mut("parameters").and_then(Value::as_object_mut) {
        for (name, p) in shared.iter_mut() {
            if let Some(p) = p.as_object_mut() {
                f(p, &join("/parameters", name));
            }
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        let base = join("/paths", path);
        for (key, value) in item.iter_mut() {
            let list = if key == "parameters" {
                Some((value, base.clone()))
            } else if METHODS.contains(&key.as_str()) {
                value
                    .get_mut("parameters")
                    .map(|l| (l, join(&join(&base, key), "parameters")))
            } else {
                None
            };
            let Some((Value::Array(list), at)) = list else {
                continue;
            };
            let at = if key == "parameters" {
                join(&at, "parameters")
            } else {
                at
            };
            for (i, p) in list.iter_mut().enumerate() {
                if let Some(p) = p.as_object_mut()
                    && !p.contains_key("$ref")
                {
                    f(p, &format!("{at}/{i}"));
                }
            }
        }
    }
}

/// Calls `f` on every schema object in the document (definitions, body parameters, responses,
/// and everything nested in them), parents before children.
pub fn for_each_schema(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    if let Some(defs) = doc.get_mut("definitions").and_then(Value::as_object_mut) {
        for (name, s) in defs.iter_mut() {
            visit_schema(s, &join("/definitions", name), f);
        }
    }
    if let Some(shared) = doc.get_mut("parameters").and_then(Value::as_object_mut) {
        for (name, p) in shared.iter_mut() {
            if let Some(s) = p.get_mut("schema") {
                visit_schema(s, &join(&join("/parameters", name), "schema"), f);
            }
        }
    }
    if let Some(shared) = doc.get_mut("responses").and_then(Value::as_object_mut) {
        for (name, r) in shared.iter_mut() {
            if let Some(s) = r.get_mut("schema") {
                visit_schema(s, &join(&join("/responses", name), "schema"), f);
            }
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        let base = join("/paths", path);
        for (key, value) in item.iter_mut() {
            if key == "parameters" {
                visit_parameter_list(value, &join(&base, "parameters"), f);
            } else if METHODS.contains(&key.as_str()) {
                let op_at = join(&base, key);
                if let Some(list) = value.get_mut("parameters") {
                    visit_parameter_list(list, &join(&op_at, "parameters"), f);
                }
                if let Some(responses) = value.get_mut("responses").and_then(Value::as_object_mut) {
                    for (code, r) in responses.iter_mut() {
                        if let Some(s) = r.get_mut("schema") {
                            let at = join(&join(&join(&op_at, "responses"), code), "schema");
                            visit_schema(s, &at, f);
                        }
                    }
                }
            }
        }
    }
}

fn visit_parameter_list(
    list: &mut Value,
    at: &str,
    f: &mut dyn FnMut(&mut Map<String, Value>, &str),
) {
    if let Value::Array(list) = list {
        for (i, p) in list.iter_mut().enumerate() {
            if let Some(s) = p.get_mut("schema") {
                visit_schema(s, &format!("{at}/{i}/schema"), f);
            }
        }
    }
}

fn visit_schema(s: &mut Value, at: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    let Some(m) = s.as_object_mut() else { return };
    f(m, at);
    if m.contains_key("$ref") {
        return;
    }
    for (key, value) in m.iter_mut() {
        match (key.as_str(), value) {
            ("properties", Value::Object(props)) => {
                let base = join(at, "properties");
                for (name, p) in props.iter_mut() {
                    visit_schema(p, &join(&base, name), f);
                }
            }
            ("items", v @ Value::Object(_)) | ("additionalProperties", v @ Value::Object(_)) => {
                visit_schema(v, &join(at, key), f);
            }
            ("items" | "allOf", Value::Array(list)) => {
                for (i, p) in list.iter_mut().enumerate() {
                    visit_schema(p, &format!("{at}/{key}/{i}"), f);
                }
            }
            _ => {}
        }
    }
}

/// Resolves a local `#/section/name` reference for reading.
pub fn resolve_ref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| doc.pointer(p))
            .unwrap_or(v),
        None => v,
    }
}
