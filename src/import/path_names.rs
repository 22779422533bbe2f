//! Path variables whose names path-template readers take apart. A `:` in `{insight_id:}` (an
//! Express route's `:insight_id:`, or a Postman variable `{{ns:id}}`) reads as the start of a
//! format to them, a `!` as a conversion: OpenAPI validators then find a variable that no path
//! parameter declares, and call the definition invalid. The name of a path variable is only a
//! placeholder (the request sent is the same), so a converted definition gets plain names.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A path whose variables were renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The path key as the importer wrote it.
    pub from: String,
    /// The path key written instead.
    pub to: String,
    /// Each variable renamed, as (old name, new name).
    pub variables: Vec<(String, String)>,
}

/// The name a path variable is written with when path-template readers would take `name`
/// apart: `:` and `!` at its end dropped, any other one replaced by `_`. `None` for a name
/// they read whole, and for one made only of those characters.
fn plain_name(name: &str) -> Option<String> {
    if !name.contains([':', '!']) {
        return None;
    }
    let plain: String = name
        .trim_end_matches([':', '!'])
        .chars()
        .map(|c| if matches!(c, ':' | '!') { '_' } else { c })
        .collect();
    (!plain.is_empty()).then_some(plain)
}

/// The renames the variables of `path` need; empty when none does, or when a new name would
/// be that of another variable of the path (the path is then left as it is).
fn renames(path: &str) -> Vec<(String, String)> {
    let variables = crate::swagger::template_variables(path);
    let renames: Vec<(String, String)> = variables
        .iter()
        .filter_map(|v| plain_name(v).map(|p| (v.to_string(), p)))
        .collect();
    let clash = renames.iter().enumerate().any(|(i, (old, new))| {
        variables.iter().any(|v| v == new && v != old)
            || renames[..i].iter().any(|(o, n)| n == new && o != old)
    });
    if clash { Vec::new() } else { renames }
}

/// `path` with each variable of `renames` written under its new name.
fn renamed_path(path: &str, renames: &[(String, String)]) -> String {
    let mut out = path.to_string();
    for (old, new) in renames {
        out = out.replace(&format!("{{{old}}}"), &format!("{{{new}}}"));
    }
    out
}

/// Renames in `doc` every path variable that path-template readers would take apart, in the
/// path keys, in the `in: path` parameters of their path items and operations, and in the
/// shared parameters those refer to (a shared parameter that a path left as it is refers to as
/// well stays, and the renamed paths get a renamed copy of it instead). A path whose new key
/// another path has already, or whose variables would clash, is left as it is. Returns what
/// was renamed, in document order.
pub fn plain_variable_names(doc: &mut Value) -> Vec<Renamed> {
    let Some(paths) = doc.field("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut planned: Vec<Renamed> = Vec::new();
    for path in paths.keys().filter(|p| !p.starts_with("x-")) {
        let variables = renames(path);
        if variables.is_empty() {
            continue;
        }
        let to = renamed_path(path, &variables);
        let taken = paths.contains_key(&to) || planned.iter().any(|r| r.to == to);
        if !taken {
            planned.push(Renamed {
                from: path.clone(),
                to,
                variables,
            });
        }
    }
    if planned.is_empty() {
        return planned;
    }
    // A shared path parameter is renamed where it is when every path that refers to it renames
    // its variable.
    let shared_params = doc.field("parameters").and_then(Value::as_object);
    // By name under `parameters`: whether every path that refers to it renames it.
    let mut shared: HashMap<String, bool> = HashMap::new();
    for (key, item) in paths {
        for id in shared_references(item) {
            let Some(p) = shared_params.and_then(|s| s.get(&id)) else {
                continue;
            };
            let (Some("path"), Some(name)) = (
                p.field("in").and_then(Value::as_str),
                p.field("name").and_then(Value::as_str),
            ) else {
                continue;
            };
            let renamed_here = planned
                .iter()
                .any(|r| r.from == *key && r.variables.iter().any(|(old, _)| old == name));
            *shared.entry(id).or_insert(true) &= renamed_here;
        }
    }
    let renamed_in_place: Vec<String> = shared
        .iter()
        .filter(|(_, all)| **all)
        .map(|(id, _)| id.clone())
        .collect();
    let copies: Map<String, Value> = shared_params
        .map(|s| {
            s.iter()
                .filter(|(id, _)| shared.get(id.as_str()) == Some(&false))
                .map(|(id, p)| (id.clone(), p.clone()))
                .collect()
        })
        .unwrap_or_default();
    let paths = doc
        .field_mut("paths")
        .and_then(Value::as_object_mut)
        .expect("looked at above");
    let old = std::mem::take(paths);
    let mut new = Map::with_capacity(old.len());
    for (key, mut item) in old {
        match planned.iter().find(|r| r.from == key) {
            Some(r) => {
                rename_parameters(&mut item, &r.variables, &copies);
                new.insert(r.to.clone(), item);
            }
            None => {
                new.insert(key, item);
            }
        }
    }
    *paths = new;
    if let Some(params) = doc.field_mut("parameters").and_then(Value::as_object_mut) {
        for id in &renamed_in_place {
            if let Some(p) = params.get_mut(id).and_then(Value::as_object_mut) {
                let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
                if let Some(new) = plain_name(name) {
                    p.insert("name".into(), Value::String(new));
                }
            }
        }
    }
    planned
}

/// The parameter lists of a path item: its own and its operations'.
fn parameter_lists(item: &mut Value) -> impl Iterator<Item = &mut Vec<Value>> {
    item.as_object_mut()
        .into_iter()
        .flat_map(|item| item.iter_mut())
        .filter_map(|(key, holder)| {
            if key == "parameters" {
                Some(holder)
            } else if crate::swagger::METHODS.contains(&key.as_str()) {
                holder.field_mut("parameters")
            } else {
                None
            }
        })
        .filter_map(Value::as_array_mut)
}

/// The names under `parameters` of the shared parameters a path item refers to.
fn shared_references(item: &Value) -> Vec<String> {
    let Some(item) = item.as_object() else {
        return Vec::new();
    };
    let lists = std::iter::once(item.field("parameters"))
        .chain(crate::swagger::methods(item).map(|(_, op)| op.field("parameters")))
        .flatten();
    lists
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|p| p.field("$ref").and_then(Value::as_str))
        .filter_map(|r| r.strip_prefix("#/parameters/"))
        .map(crate::diagnostic::unescape_token)
        .collect()
}

/// Renames the `in: path` parameters of a path item and of its operations; a reference to one
/// of the shared parameters in `copies` is replaced by a renamed copy of it.
fn rename_parameters(item: &mut Value, renames: &[(String, String)], copies: &Map<String, Value>) {
    for list in parameter_lists(item) {
        for p in list.iter_mut() {
            if let Some(copy) = (p.field("$ref").and_then(Value::as_str))
                .and_then(|r| r.strip_prefix("#/parameters/"))
                .and_then(|id| copies.get(&crate::diagnostic::unescape_token(id)))
            {
                *p = copy.clone();
            }
            let Some(p) = p.as_object_mut() else {
                continue;
            };
            if p.field("in").and_then(Value::as_str) != Some("path") {
                continue;
            }
            let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
            if let Some((_, new)) = renames.iter().find(|(old, _)| old == name) {
                p.insert("name".into(), Value::String(new.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_lose_the_characters_templates_read_as_separators() {
        assert_eq!(plain_name("insight_id:"), Some("insight_id".into()));
        assert_eq!(plain_name("ns:id"), Some("ns_id".into()));
        assert_eq!(plain_name("a!b!"), Some("a_b".into()));
        assert_eq!(plain_name("id"), None);
        assert_eq!(plain_name("user.id"), None);
        assert_eq!(plain_name(":"), None);
    }

    #[test]
    fn a_path_its_parameters_and_the_shared_ones_it_uses_are_renamed() {
        let mut doc = json!({
            "paths": {
                "/a/{id:}/b/{ns:key}": {
                    "parameters": [{"name": "id:", "in": "path", "required": true, "type": "string"}],
                    "get": {"parameters": [
                        {"$ref": "#/parameters/Key"},
                        {"name": "id:", "in": "query", "type": "string"}
                    ]}
                },
                "/c": {"get": {}}
            },
            "parameters": {"Key": {"name": "ns:key", "in": "path", "required": true, "type": "string"}}
        });
        let renamed = plain_variable_names(&mut doc);
        assert_eq!(
            renamed,
            [Renamed {
                from: "/a/{id:}/b/{ns:key}".into(),
                to: "/a/{id}/b/{ns_key}".into(),
                variables: vec![
                    ("id:".into(), "id".into()),
                    ("ns:key".into(), "ns_key".into())
                ],
            }]
        );
        let keys: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["/a/{id}/b/{ns_key}", "/c"]);
        let item = &doc["paths"]["/a/{id}/b/{ns_key}"];
        assert_eq!(item["parameters"][0]["name"], "id");
        // A query parameter of the same name is another parameter.
        assert_eq!(item["get"]["parameters"][1]["name"], "id:");
        assert_eq!(doc["parameters"]["Key"]["name"], "ns_key");
    }

    #[test]
    fn a_shared_parameter_a_path_keeps_is_copied_into_the_renamed_one() {
        let mut doc = json!({
            "paths": {
                "/a/{id:}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}},
                "/a/{id}": {"get": {}},
                "/b/{id:}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}}
            },
            "parameters": {"Id": {"name": "id:", "in": "path", "required": true, "type": "string"}}
        });
        let renamed = plain_variable_names(&mut doc);
        assert_eq!(renamed.len(), 1, "{renamed:?}");
        assert_eq!(doc["parameters"]["Id"]["name"], "id:");
        assert_eq!(
            doc["paths"]["/a/{id:}"]["get"]["parameters"][0]["$ref"],
            "#/parameters/Id"
        );
        assert_eq!(
            doc["paths"]["/b/{id}"]["get"]["parameters"][0],
            json!({"name": "id", "in": "path", "required": true, "type": "string"})
        );
    }

    #[test]
    fn a_path_whose_new_name_is_taken_stays_as_it_is() {
        let mut doc = json!({"paths": {
            "/a/{id:}": {"get": {}},
            "/a/{id}": {"get": {}},
            "/b/{x:}/{x}": {"get": {}}
        }});
        let before = doc.clone();
        assert!(plain_variable_names(&mut doc).is_empty());
        assert_eq!(doc, before);
    }
}
