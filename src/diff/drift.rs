//! Drift: how far a connector's definition is from the API it calls today.
//!
//! The API's definition is first put on the connector's footing ([`rebase`]): the connector's
//! host, schemes, base path and auth, which are the connector's to choose. Then the connector is
//! the old side and the API the new one, with what only a connector has left out ([`drift`]).

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

use super::changes::{AUTH_DIFFERS, BASE_PATH_DIFFERS};
use super::{Change, Level, compare};
use crate::diagnostic::escape_token;

/// The differences between a connector's definition and the API's, the API already rebased.
pub fn drift(connector: &Value, api: &Value) -> Vec<Change> {
    compare(connector, api, true)
}

fn base_of(doc: &Value) -> String {
    doc.field("basePath")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/')
        .to_string()
}

fn security_types(doc: &Value) -> BTreeSet<String> {
    doc.field("securityDefinitions")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
        .filter_map(|d| d.field("type").and_then(Value::as_str))
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The path an API path takes once [`rebase`] re-roots it on the connector's base path, and
/// whether it lies inside that base path.
fn rebased_path(path: &str, api_base: &str, conn_base: &str) -> (String, bool) {
    let full = if path == "/" && !api_base.is_empty() {
        api_base.to_string()
    } else {
        format!("{api_base}{path}")
    };
    match full.strip_prefix(conn_base) {
        Some("") => ("/".to_string(), true),
        Some(rest) if rest.starts_with('/') => (rest.to_string(), true),
        _ => (full, false),
    }
}

/// Each path of the API with the path [`rebase`] gives it (call it before rebasing).
pub fn rebased_paths(api: &Value, connector: &Value) -> Vec<(String, String)> {
    let (api_base, conn_base) = (base_of(api), base_of(connector));
    crate::swagger::paths(api)
        .map(|p| {
            let to = if api_base == conn_base {
                p.to_string()
            } else {
                rebased_path(p, &api_base, &conn_base).0
            };
            (p.to_string(), to)
        })
        .collect()
}

/// Gives the API's definition the connector's host, schemes, base path and auth, so that what
/// remains to compare is what the API serves. Paths are re-rooted on the connector's base path:
/// an API at `/v1` with `/users` and a connector at `/` with `/v1/users` name the same URL.
/// Returns what the connector and the API disagree on that rebasing had to paper over.
pub fn rebase(api: &mut Value, connector: &Value) -> Vec<Change> {
    let mut notes = Vec::new();
    let (api_base, conn_base) = (base_of(api), base_of(connector));
    let (api_types, conn_types) = (security_types(api), security_types(connector));
    let Some(root) = api.as_object_mut() else {
        return notes;
    };

    if api_base != conn_base
        && let Some(paths) = root.field_mut("paths").and_then(Value::as_object_mut)
    {
        let mut outside = Vec::new();
        let old = std::mem::take(paths);
        for (path, item) in old {
            let (rebased, inside) = rebased_path(&path, &api_base, &conn_base);
            if !inside {
                outside.push(rebased.clone());
            }
            // Two API paths cannot land on one: stripping a common prefix is one-to-one, and
            // the paths left outside keep a prefix the stripped ones lack.
            paths.entry(rebased).or_insert(item);
        }
        if !outside.is_empty() {
            notes.push(Change {
                code: &BASE_PATH_DIFFERS,
                rule: BASE_PATH_DIFFERS.name,
                level: Level::Warning,
                message: format!(
                    "{} of the API's paths are outside the connector's base path `{}` (e.g. {}): \
                     the connector cannot call them",
                    outside.len(),
                    if conn_base.is_empty() {
                        "/"
                    } else {
                        &conn_base
                    },
                    outside[0]
                ),
                operation: None,
                old: connector.field("basePath").map(|_| "/basePath".into()),
                new: None,
            });
        }
    }

    for key in [
        "host",
        "basePath",
        "schemes",
        "securityDefinitions",
        "security",
    ] {
        match connector.get(key) {
            Some(v) => {
                root.insert(key.into(), v.clone());
            }
            None => {
                root.remove(key);
            }
        }
    }
    // The API's own per-operation security names schemes the connector does not have.
    if let Some(paths) = root.field_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                op.remove("security");
            }
        }
    }

    if !api_types.is_empty() && !conn_types.is_empty() && api_types != conn_types {
        notes.push(Change {
            code: &AUTH_DIFFERS,
            rule: AUTH_DIFFERS.name,
            level: Level::Info,
            message: format!(
                "the API describes {} auth and the connector uses {}: check that the connection \
                 still signs in",
                join(&api_types),
                join(&conn_types)
            ),
            operation: None,
            old: first_scheme(connector),
            new: None,
        });
    }
    notes
}

fn join(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(" + ")
}

fn first_scheme(doc: &Value) -> Option<String> {
    doc.field("securityDefinitions")
        .and_then(Value::as_object)
        .and_then(|m: &Map<String, Value>| m.keys().next())
        .map(|k| format!("/securityDefinitions/{}", escape_token(k)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_are_rerooted_on_the_connectors_base_path() {
        let connector = json!({"host": "c.example.com", "basePath": "/", "paths": {}});
        let mut api = json!({"host": "api.example.com", "basePath": "/v1",
            "paths": {"/users": {}, "/": {}}});
        assert!(rebase(&mut api, &connector).is_empty());
        let keys: Vec<&String> = api["paths"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["/v1/users", "/v1"]);
        assert_eq!(api["host"], "c.example.com");

        let connector = json!({"basePath": "/v1/", "paths": {}});
        let mut api = json!({"basePath": "/", "paths": {"/v1/users": {}, "/v1": {}, "/v10/x": {}}});
        let notes = rebase(&mut api, &connector);
        let keys: Vec<&String> = api["paths"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["/users", "/", "/v10/x"]);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].rule, "base-path-differs");
        assert_eq!(api["basePath"], "/v1/");
    }

    #[test]
    fn auth_comes_from_the_connector() {
        let connector = json!({"securityDefinitions": {"key": {"type": "apiKey", "in": "header",
            "name": "X-Key"}}, "paths": {}});
        let mut api = json!({"securityDefinitions": {"o": {"type": "oauth2"}},
            "security": [{"o": []}],
            "paths": {"/a": {"get": {"security": [{"o": []}], "responses": {}}}}});
        let notes = rebase(&mut api, &connector);
        assert_eq!(api["securityDefinitions"], connector["securityDefinitions"]);
        assert!(api.field("security").is_none());
        assert!(api["paths"]["/a"]["get"].field("security").is_none());
        assert_eq!(notes[0].rule, "auth-differs");
        assert_eq!(notes[0].old.as_deref(), Some("/securityDefinitions/key"));
    }
}
