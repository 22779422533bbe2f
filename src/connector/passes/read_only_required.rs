//! Drops read-only properties from the `required` lists of request body schemas.

use crate::value::Lookup;
use std::collections::HashSet;

use serde_json::Value;

use crate::connector::PassOut;
use crate::diagnostic::escape_token;
use crate::swagger::schemas::member;

crate::declare_pass! {
    /// Pass: a property that is both read-only and required in a request body's schema is
    /// dropped from `required`, with a warning.
    ///
    /// ## What
    /// A connector pass. For every schema a body parameter uses (directly or through `$ref`s,
    /// `properties`, `items`, `allOf`...), each property marked `readOnly: true` is removed from
    /// that schema's `required` list (the list goes when it empties). The schema is changed where
    /// it is: a definition shared with a response no longer requires the property there either.
    ///
    /// ## Why
    /// Microsoft's validator rejects a read-only property required as input
    /// (`RequiredReadOnlyPropertyNotAllowedAsInput`, the `required-read-only-input` rule).
    /// OpenAPI 3 allows it (the requirement then holds for responses only), so converted
    /// definitions where one schema is both the request and the response have it often.
    ///
    /// ## Example
    /// `"Item": {"required": ["id", "name"], "properties": {"id": {"readOnly": true}, ...}}`,
    /// the body of a `POST`, becomes `"required": ["name"]`.
    ///
    /// ## Fix
    /// Nothing to do; to keep the requirement in responses, give the request a definition of
    /// its own without the read-only property.
    pub static READ_ONLY_REQUIRED = Pass(run) {
        code: "CCF628",
        name: "fix-read-only-required",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let mut changes: Vec<(String, Vec<String>)> = Vec::new();
    // Every schema is met once on the walk but a definition, which many bodies (or itself) may
    // use: each schema the walk starts from is visited once.
    let mut seen: HashSet<String> = HashSet::new();
    // The schemas met, each by its parent and its step from there: a pointer is spelled out
    // only for a schema that changes (a large definition has hundreds of thousands).
    let mut nodes: Vec<(usize, Step)> = Vec::new();
    // Each schema to visit by its node, with its value when the walk holds it already (the
    // target of a reference is looked up by its pointer).
    let mut todo: Vec<(usize, Option<&Value>)> = Vec::new();
    for at in body_schemas(doc).into_iter().rev() {
        nodes.push((ROOT, Step::Root(at)));
        todo.push((nodes.len() - 1, None));
    }
    while let Some((node, held)) = todo.pop() {
        if let Step::Root(at) = &nodes[node].1
            && !seen.insert(at.clone())
        {
            continue;
        }
        let schema = match (held, &nodes[node].1) {
            (Some(held), _) => Some(held),
            (None, Step::Root(at)) => doc.pointer(at),
            (None, _) => None,
        };
        let Some(schema) = schema.and_then(Value::as_object) else {
            continue;
        };
        if let Some(target) = member(schema, "$ref").and_then(Value::as_str) {
            if let Some(name) = target.strip_prefix("#/definitions/") {
                nodes.push((ROOT, Step::Root(format!("/definitions/{name}"))));
                todo.push((nodes.len() - 1, None));
            }
            continue;
        }
        let properties = member(schema, "properties").and_then(Value::as_object);
        let read_only: Vec<String> = member(schema, "required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|name| {
                properties
                    .and_then(|p| member(p, name))
                    .and_then(Value::as_object)
                    .and_then(|p| member(p, "readOnly"))
                    .and_then(Value::as_bool)
                    == Some(true)
            })
            .map(str::to_string)
            .collect();
        if !read_only.is_empty() {
            changes.push((pointer_of(&nodes, node), read_only));
        }
        let first = todo.len();
        for (key, sub) in schema {
            match key.as_str() {
                "properties" => {
                    for (name, p) in sub.as_object().into_iter().flatten() {
                        nodes.push((node, Step::Property(name)));
                        todo.push((nodes.len() - 1, Some(p)));
                    }
                }
                "items" | "additionalProperties" | "not" if sub.is_object() => {
                    nodes.push((node, Step::Key(key)));
                    todo.push((nodes.len() - 1, Some(sub)));
                }
                "allOf" | "anyOf" | "oneOf" => {
                    for (i, x) in sub.as_array().into_iter().flatten().enumerate() {
                        nodes.push((node, Step::Member(key, i)));
                        todo.push((nodes.len() - 1, Some(x)));
                    }
                }
                _ => {}
            }
        }
        // In document order.
        todo[first..].reverse();
    }
    for (at, names) in changes {
        let Some(schema) = doc.pointer_mut(&at).and_then(Value::as_object_mut) else {
            continue;
        };
        if let Some(required) = schema.field_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| !r.as_str().is_some_and(|r| names.iter().any(|n| n == r)));
            if required.is_empty() {
                schema.remove("required");
            }
        }
        let listed = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.warn(
            format!("{at}/required"),
            format!(
                "removed {listed} from `required`: read-only, so a request body cannot require it \
                 (the schema is used as one)"
            ),
        );
    }
}

/// The parent of a walk's starting schema.
const ROOT: usize = usize::MAX;

/// How a schema of the walk is reached from its parent.
enum Step<'a> {
    /// A schema the walk starts from, by its pointer.
    Root(String),
    /// `properties/<name>`.
    Property(&'a str),
    /// `items`, `additionalProperties` or `not`.
    Key(&'a str),
    /// `allOf/<i>`, `anyOf/<i>` or `oneOf/<i>`.
    Member(&'a str, usize),
}

/// The pointer of node `at` of the walk.
fn pointer_of(nodes: &[(usize, Step)], at: usize) -> String {
    let mut steps = Vec::new();
    let mut n = at;
    while n != ROOT {
        steps.push(&nodes[n].1);
        n = nodes[n].0;
    }
    let mut out = String::new();
    for step in steps.into_iter().rev() {
        match step {
            Step::Root(at) => out.push_str(at),
            Step::Property(name) => {
                out.push_str("/properties/");
                out.push_str(&escape_token(name));
            }
            Step::Key(key) => {
                out.push('/');
                out.push_str(key);
            }
            Step::Member(key, i) => {
                out.push('/');
                out.push_str(key);
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
    out
}

/// The pointers of the schemas of every body parameter, shared or of an operation, in document
/// order.
fn body_schemas(doc: &Value) -> Vec<String> {
    let is_body =
        |p: &Value| p.field("in").and_then(Value::as_str) == Some("body") && p.field("schema").is_some();
    let of_list = |list: Option<&Value>, at: String, found: &mut Vec<String>| {
        for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
            if is_body(p) {
                found.push(format!("{at}/{i}/schema"));
            }
        }
    };
    let mut found = Vec::new();
    for (name, p) in doc
        .field("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if is_body(p) {
            found.push(format!("/parameters/{}/schema", escape_token(name)));
        }
    }
    for (path, item) in doc
        .field("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let at = format!("/paths/{}", escape_token(path));
        of_list(item.field("parameters"), format!("{at}/parameters"), &mut found);
        for (method, op) in item.as_object().into_iter().flatten() {
            if method != "parameters" {
                of_list(
                    op.field("parameters"),
                    format!("{at}/{}/parameters", escape_token(method)),
                    &mut found,
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn read_only_properties_leave_the_required_list_of_a_body_schema() {
        let item = |required: Value| {
            let mut s = json!({"type": "object", "properties": {
                "id": {"type": "string", "readOnly": true},
                "name": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "object",
                    "required": ["key"], "properties": {"key": {"type": "string", "readOnly": true}}}}
            }});
            if !required.is_null() {
                s["required"] = required;
            }
            s
        };
        let doc = |required: Value, tag_required: bool| {
            let mut d = json!({
                "paths": {"/items": {"post": {"parameters": [
                    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}
                ], "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}}}},
                "definitions": {"Item": item(required), "Unused": {"required": ["x"],
                    "properties": {"x": {"readOnly": true}}}}
            });
            if !tag_required {
                d["definitions"]["Item"]["properties"]["tags"]["items"]
                    .as_object_mut()
                    .unwrap()
                    .remove("required");
            }
            d
        };
        let found = crate::connector::passes::bad_good(
            &READ_ONLY_REQUIRED,
            doc(json!(["id", "name"]), true),
            doc(json!(["name"]), false),
        );
        assert_eq!(
            found,
            [
                (
                    "/definitions/Item/required".to_string(),
                    "removed `id` from `required`: read-only, so a request body cannot require \
                     it (the schema is used as one)"
                        .to_string()
                ),
                (
                    "/definitions/Item/properties/tags/items/required".to_string(),
                    "removed `key` from `required`: read-only, so a request body cannot require \
                     it (the schema is used as one)"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_change_deep_in_an_inline_body_schema_is_placed_at_its_node() {
        let nested = |required: bool| {
            let mut o = json!({"type": "object", "properties": {"id": {"readOnly": true}}});
            if required {
                o["required"] = json!(["id"]);
            }
            json!({"paths": {"/x": {"post": {"parameters": [{"name": "body", "in": "body",
                "schema": {"allOf": [{"type": "object"},
                    {"properties": {"a/b": nested_in(o)}}]}}]}}}})
        };
        fn nested_in(o: Value) -> Value {
            json!({"type": "array", "items": o})
        }
        let found =
            crate::connector::passes::bad_good(&READ_ONLY_REQUIRED, nested(true), nested(false));
        assert_eq!(
            found.iter().map(|(at, _)| at.as_str()).collect::<Vec<_>>(),
            ["/paths/~1x/post/parameters/0/schema/allOf/1/properties/a~1b/items/required"]
        );
    }
}
