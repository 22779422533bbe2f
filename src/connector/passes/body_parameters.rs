//! Merges several body parameters into one; reports a body next to formData parameters.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use crate::connector::PassOut;
use crate::connector::walk::{operation_keys, operation_mut, operation_pointer, resolve_ref};

crate::declare_pass! {
    /// Pass: merges several body parameters into one; reports body and formData together.
    ///
    /// ## What
    /// A connector pass. An operation with several `in: body` parameters gets one body parameter
    /// named `body` whose schema is an object with one property per former parameter (required when
    /// that parameter was). A body next to formData parameters is reported; it cannot be repaired
    /// without knowing which one the API reads.
    ///
    /// ## Why
    /// Swagger 2.0 allows one body per operation and never body with formData.
    ///
    /// ## Example
    /// Body parameters `user` and `options` become `body: {user, options}`.
    ///
    /// ## Fix
    /// Nothing to do for several bodies; for body plus formData, keep the one the API expects.
    pub static BODY_PARAMETERS = Pass(run) {
        code: "CCF604",
        name: "fix-body-parameters",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        let Some(list) = doc["paths"][&path][&method]
            .field("parameters")
            .and_then(Value::as_array)
        else {
            continue;
        };
        let in_of = |v| location(doc, v);
        let bodies: Vec<usize> = (0..list.len())
            .filter(|&i| in_of(&list[i]) == Some("body"))
            .collect();
        if bodies.is_empty() {
            continue;
        }
        let op_at = operation_pointer(&path, &method);
        let form = list.iter().position(|p| in_of(p) == Some("formData"));
        if let (Some(&b), Some(_)) = (bodies.first(), form) {
            out.warn(
                format!("{op_at}/parameters/{b}"),
                "an operation cannot have both a body and formData parameters; keep the one the API reads",
            );
        }
        if bodies.len() < 2 {
            continue;
        }
        let mut props = Map::new();
        let mut required = Vec::new();
        let mut names = Vec::new();
        for &i in &bodies {
            let p = resolve_ref(doc, &list[i]);
            let name = p
                .field("name")
                .and_then(Value::as_str)
                .unwrap_or("body")
                .to_string();
            let mut schema = p.field("schema").cloned().unwrap_or_else(|| json!({}));
            if let (Some(d), Some(s)) = (p.field("description"), schema.as_object_mut())
                && !s.has("description")
                && !s.has("$ref")
            {
                s.insert("description".into(), d.clone());
            }
            if p.field("required") == Some(&Value::Bool(true)) {
                required.push(json!(name));
            }
            names.push(format!("`{name}`"));
            props.insert(name, schema);
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required.clone()));
        }
        let merged = json!({
            "name": "body",
            "in": "body",
            "required": !required.is_empty(),
            "schema": Value::Object(schema),
        });
        let first = bodies[0];
        let mut new_list = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            if i == first {
                new_list.push(merged.clone());
            } else if !bodies.contains(&i) {
                new_list.push(p.clone());
            }
        }
        out.note(
            format!("{op_at}/parameters/{first}"),
            format!(
                "body parameters {} merged into one `body` parameter (one body per operation)",
                names.join(", ")
            ),
        );
        let op = operation_mut(doc, &path, &method).expect("listed operation");
        op.insert("parameters".into(), Value::Array(new_list));
    }
}

/// Where a parameter (or the shared one it refers to) is sent: its `in`.
fn location<'a>(doc: &'a Value, p: &'a Value) -> Option<&'a str> {
    resolve_ref(doc, p).field("in").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_bodies_become_one() {
        let found = crate::connector::passes::bad_good(
            &BODY_PARAMETERS,
            json!({"paths": {"/users": {"post": {"parameters": [
                {"name": "user", "in": "body", "required": true, "schema": {"type": "object"}},
                {"name": "options", "in": "body", "schema": {"type": "object"}}
            ]}}}}),
            json!({"paths": {"/users": {"post": {"parameters": [{
                "name": "body",
                "in": "body",
                "required": true,
                "schema": {
                    "type": "object",
                    "properties": {"user": {"type": "object"}, "options": {"type": "object"}},
                    "required": ["user"]
                }
            }]}}}}),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "/paths/~1users/post/parameters/0");
    }
}
