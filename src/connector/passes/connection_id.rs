//! Renames path parameters called `connectionId`, a name the platform reserves.

use crate::value::Lookup;
use serde_json::{Map, Value};

use super::{holds_data, location};
use crate::connector::PassOut;
use crate::diagnostic::escape_token;

crate::declare_pass! {
    /// Pass: a path parameter named `connectionId` is renamed `connection_id`.
    ///
    /// ## What
    /// A connector pass. A path parameter named `connectionId` (inline, in a path item or
    /// operation, or shared under `parameters`) is renamed `connection_id`, and so is its
    /// `{connectionId}` in every path template. Query, header and form parameters keep their
    /// names: their name is what the API receives, so only the lint rule reports them.
    ///
    /// ## Why
    /// The platform reserves `connectionId` and rejects a definition that declares it
    /// (`ConnectionIdParameterNotAllowed`). APIs that manage connections often have a
    /// `/connections/{connectionId}` path, and converted collections keep the variable's name.
    /// A path parameter's name is only the placeholder in the template: renaming it changes
    /// nothing on the wire.
    ///
    /// ## Example
    /// `/connections/{connectionId}` with `{name: connectionId, in: path}` becomes
    /// `/connections/{connection_id}` with `{name: connection_id, in: path}`.
    ///
    /// ## Fix
    /// Nothing to do. When `connection_id` is taken in a path, or an `x-ms-dynamic-*` call
    /// passes `connectionId` by name, nothing is renamed and the `connection-id-parameter` error
    /// stays: rename the parameter, and the calls that name it, by hand.
    pub static CONNECTION_ID = Pass(run) {
        code: "CCF626",
        name: "fix-connection-id",
        microsoft: ["ConnectionIdParameterNotAllowed"],
    }
}

const RESERVED: &str = "connectionId";
const RENAMED: &str = "connection_id";

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    let placeholder = format!("{{{RESERVED}}}");
    let Some(paths) = root.field("paths").and_then(Value::as_object) else {
        return;
    };
    let templates: Vec<&String> = paths.keys().filter(|k| k.contains(&placeholder)).collect();
    if templates.is_empty() {
        return;
    }
    // The new name must be free everywhere the old one is renamed.
    let taken = format!("{{{RENAMED}}}");
    let clash = templates.iter().any(|t| t.contains(&taken))
        || paths
            .values()
            .any(|item| item_declares(item, |p| name_of(p) == Some(RENAMED)));
    // A dynamic call that passes `connectionId` by name would lose its target.
    if clash || dynamic_call_names_it(root) {
        return;
    }
    rename_shared(root, out);
    let Some(paths) = root.field_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let old = std::mem::take(paths);
    for (template, mut item) in old {
        if !template.contains(&placeholder) {
            paths.insert(template, item);
            continue;
        }
        let new = template.replace(&placeholder, &taken);
        let at = format!("/paths/{}", escape_token(&new));
        rename_in_item(&mut item, &at, out);
        out.note(
            at,
            format!(
                "path `{template}` is now `{new}`: the platform reserves the parameter name \
                 `{RESERVED}` (the URL called is the same)"
            ),
        );
        paths.insert(new, item);
    }
}

/// Whether an `x-ms-dynamic-*` extension anywhere passes a parameter named `connectionId`
/// (its `parameters` map is keyed by the called operation's parameter names).
fn dynamic_call_names_it(root: &Map<String, Value>) -> bool {
    use rayon::prelude::*;
    root.iter().any(|(k, v)| match (k.as_str(), v) {
        // The path items, most of a large definition, are searched on the pool.
        ("paths", Value::Object(items)) => {
            let items: Vec<(&String, &Value)> = items.iter().collect();
            items.par_iter().any(|&(k, v)| member_names_it(k, v))
        }
        _ => names_it(v),
    })
}

/// Whether the member `k: v` of some object is, or holds, a dynamic call that passes
/// `connectionId` by name.
fn member_names_it(k: &str, v: &Value) -> bool {
    !holds_data(k) && (calls_with_it(k, v) || names_it(v))
}

/// Whether the member `k: v` is a dynamic call that passes `connectionId` by name.
fn calls_with_it(k: &str, v: &Value) -> bool {
    k.starts_with("x-ms-dynamic-")
        && v.field("parameters")
            .and_then(Value::as_object)
            .is_some_and(|p| p.has(RESERVED))
}

/// Whether a member somewhere inside `v` is a dynamic call that passes `connectionId` by name.
fn names_it(v: &Value) -> bool {
    let mut stack: Vec<&Value> = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    // Examples are most of a large definition, and hold no extension.
                    if holds_data(k) {
                        continue;
                    }
                    if calls_with_it(k, v) {
                        return true;
                    }
                    stack.push(v);
                }
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    false
}

fn name_of(p: &Map<String, Value>) -> Option<&str> {
    p.field("name").and_then(Value::as_str)
}

fn is_reserved_path_parameter(p: &Map<String, Value>) -> bool {
    location(p) == "path" && name_of(p) == Some(RESERVED)
}

/// Whether the path item or one of its operations declares an inline parameter for which
/// `test` holds.
fn item_declares(item: &Value, test: impl Fn(&Map<String, Value>) -> bool) -> bool {
    let Some(item) = item.as_object() else {
        return false;
    };
    let lists = std::iter::once(item.field("parameters")).chain(
        crate::swagger::METHODS
            .iter()
            .map(|m| item.get(*m).and_then(|op| op.field("parameters"))),
    );
    lists
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .any(test)
}

/// Renames the inline path parameters of one path item and its operations.
fn rename_in_item(item: &mut Value, at: &str, out: &mut PassOut) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    for (key, value) in item.iter_mut() {
        let (list, list_at) = if key == "parameters" {
            (Some(value), format!("{at}/parameters"))
        } else if crate::swagger::METHODS.contains(&key.as_str()) {
            (
                value.field_mut("parameters"),
                format!("{at}/{key}/parameters"),
            )
        } else {
            continue;
        };
        let Some(list) = list.and_then(Value::as_array_mut) else {
            continue;
        };
        for (i, p) in list.iter_mut().enumerate() {
            if let Some(p) = p.as_object_mut()
                && is_reserved_path_parameter(p)
            {
                p.insert("name".into(), Value::String(RENAMED.into()));
                out.note(
                    format!("{list_at}/{i}/name"),
                    format!("path parameter `{RESERVED}` renamed `{RENAMED}`"),
                );
            }
        }
    }
}

/// Renames the shared path parameters (`#/parameters/...`).
fn rename_shared(root: &mut Map<String, Value>, out: &mut PassOut) {
    let Some(shared) = root.field_mut("parameters").and_then(Value::as_object_mut) else {
        return;
    };
    for (key, p) in shared.iter_mut() {
        if let Some(p) = p.as_object_mut()
            && is_reserved_path_parameter(p)
        {
            p.insert("name".into(), Value::String(RENAMED.into()));
            out.note(
                format!("/parameters/{}/name", escape_token(key)),
                format!("shared path parameter `{RESERVED}` renamed `{RENAMED}`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_templates_and_their_parameters_are_renamed() {
        let found = crate::connector::passes::bad_good(
            &CONNECTION_ID,
            json!({
                "paths": {
                    "/a": {"get": {}},
                    "/connections/{connectionId}": {
                        "parameters": [{"name": "connectionId", "in": "path", "type": "string"}],
                        "get": {"parameters": [
                            {"name": "connectionId", "in": "query", "type": "string"}
                        ]}
                    },
                    "/connections/{connectionId}/events": {"get": {"parameters": [
                        {"$ref": "#/parameters/conn"}
                    ]}},
                    "/z": {"get": {}}
                },
                "parameters": {"conn": {"name": "connectionId", "in": "path", "type": "string"}}
            }),
            json!({
                "paths": {
                    "/a": {"get": {}},
                    "/connections/{connection_id}": {
                        "parameters": [{"name": "connection_id", "in": "path", "type": "string"}],
                        // A query parameter's name is what the API receives: it stays.
                        "get": {"parameters": [
                            {"name": "connectionId", "in": "query", "type": "string"}
                        ]}
                    },
                    "/connections/{connection_id}/events": {"get": {"parameters": [
                        {"$ref": "#/parameters/conn"}
                    ]}},
                    "/z": {"get": {}}
                },
                "parameters": {"conn": {"name": "connection_id", "in": "path", "type": "string"}}
            }),
        );
        assert_eq!(
            found,
            [
                (
                    "/parameters/conn/name".to_string(),
                    "shared path parameter `connectionId` renamed `connection_id`".to_string()
                ),
                (
                    "/paths/~1connections~1{connection_id}/parameters/0/name".to_string(),
                    "path parameter `connectionId` renamed `connection_id`".to_string()
                ),
                (
                    "/paths/~1connections~1{connection_id}".to_string(),
                    "path `/connections/{connectionId}` is now `/connections/{connection_id}`: \
                     the platform reserves the parameter name `connectionId` (the URL called \
                     is the same)"
                        .to_string()
                ),
                (
                    "/paths/~1connections~1{connection_id}~1events".to_string(),
                    "path `/connections/{connectionId}/events` is now \
                     `/connections/{connection_id}/events`: the platform reserves the parameter \
                     name `connectionId` (the URL called is the same)"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn nothing_is_renamed_when_a_dynamic_call_passes_it_by_name() {
        let doc = json!({"paths": {
            "/c/{connectionId}/items": {"get": {"operationId": "ListItems", "parameters": [
                {"name": "connectionId", "in": "path", "type": "string"}
            ]}},
            "/d": {"get": {"parameters": [{"name": "item", "in": "query", "type": "string",
                "x-ms-dynamic-values": {"operationId": "ListItems",
                    "parameters": {"connectionId": {"parameter": "conn"}}}}]}}
        }});
        let found = crate::connector::passes::bad_good(&CONNECTION_ID, doc.clone(), doc);
        assert!(found.is_empty());
    }

    #[test]
    fn an_example_that_looks_like_a_dynamic_call_is_a_value() {
        let example = json!({"x-ms-dynamic-values": {"parameters": {"connectionId": "c"}}});
        let bad = json!({"paths": {"/c/{connectionId}": {"get": {"parameters": [
            {"name": "connectionId", "in": "path", "type": "string"},
            {"name": "body", "in": "body", "schema": {"type": "object", "example": example}}
        ]}}}});
        let good = json!({"paths": {"/c/{connection_id}": {"get": {"parameters": [
            {"name": "connection_id", "in": "path", "type": "string"},
            {"name": "body", "in": "body", "schema": {"type": "object", "example": example}}
        ]}}}});
        let found = crate::connector::passes::bad_good(&CONNECTION_ID, bad, good);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn nothing_is_renamed_when_the_new_name_is_taken() {
        let doc = json!({"paths": {"/c/{connectionId}/{connection_id}": {"get": {"parameters": [
            {"name": "connectionId", "in": "path", "type": "string"},
            {"name": "connection_id", "in": "path", "type": "string"}
        ]}}}});
        let found = crate::connector::passes::bad_good(&CONNECTION_ID, doc.clone(), doc);
        assert!(found.is_empty());
    }
}
