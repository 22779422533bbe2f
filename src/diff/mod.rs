//! What changed between two Swagger 2.0 definitions, and which changes break the flows and apps
//! that use a connector: they call actions by operationId and pass parameters by name.

pub mod changes;
mod document;
mod drift;
mod operations;
mod parameters;
pub mod properties;
pub mod render;
mod responses;
mod schema;
mod security;

pub use drift::{drift, rebase, rebased_paths};

use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::Code;
use crate::swagger::{Operation, operations};
use changes::*;

/// The codes of the changes `diff` and `drift` report, for the registry.
pub fn codes() -> impl Iterator<Item = &'static Code> {
    changes::ALL.iter().copied()
}

/// How much a change matters to existing flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Info,
    Warning,
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }
}

/// One change, with the JSON pointer on each side where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The declaration of its kind.
    pub code: &'static Code,
    /// Its kind's name, for example `operation-removed`.
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
    /// `METHOD /path` of the operation (the new side's path when both exist).
    pub operation: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Request data flows from the user to the API, response data back: the same edit to an enum
/// breaks one direction and not the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

pub(crate) struct Out {
    pub changes: Vec<Change>,
    /// Definition pairs already compared, per direction: a definition shared by many
    /// operations is compared (and its changes reported) once.
    /// (Keyed by the addresses of the two schema nodes, which stay put during a diff.)
    pub visited: HashSet<(usize, usize, bool)>,
    /// Old is a connector and new the API it calls: what only a connector has (operationIds,
    /// `x-ms-*`) is not compared, and what is missing is worded from the connector's side.
    pub drift: bool,
    /// operationIds that changed on an operation that kept its method and path (old → new):
    /// a dynamic call that follows the rename still calls the same operation.
    pub renamed: HashMap<String, String>,
    /// Security schemes that only changed their name (old → new): a requirement naming the old
    /// name asks for the same sign-in as one naming the new.
    pub renamed_schemes: HashMap<String, String>,
}

impl Out {
    pub(crate) fn push(
        &mut self,
        code: &'static Code,
        level: Level,
        op: Option<&str>,
        old: Option<String>,
        new: Option<String>,
        message: String,
    ) {
        self.changes.push(Change {
            code,
            rule: code.name,
            level,
            message,
            operation: op.map(str::to_string),
            old,
            new,
        });
    }
}

/// A path with its variables' names removed: `/users/{id}` and `/users/{userId}` are one path.
pub fn normalize_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

fn key(op: &Operation) -> (String, String) {
    (op.method.to_string(), normalize_path(op.path))
}

/// The strings of an array (lower-cased when `lower`), as a set; empty when it is not one.
pub(crate) fn string_set(v: Option<&Value>, lower: bool) -> BTreeSet<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|s| {
            if lower {
                s.to_ascii_lowercase()
            } else {
                s.to_string()
            }
        })
        .collect()
}

fn str_of(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// The operationIds of operations written at the same method and path on both sides that
/// changed, old → new.
fn renamed_ids(old_ops: &[Operation], new_ops: &[Operation]) -> HashMap<String, String> {
    let by_place: HashMap<(&str, &str), &Operation> =
        new_ops.iter().map(|n| ((n.method, n.path), n)).collect();
    old_ops
        .iter()
        .filter_map(|o| {
            let (a, b) = (
                o.operation_id()?,
                by_place.get(&(o.method, o.path))?.operation_id()?,
            );
            (a != b).then(|| (a.to_string(), b.to_string()))
        })
        .collect()
}

/// Compares two Swagger 2.0 documents.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    compare(old, new, false)
}

fn compare(old: &Value, new: &Value, drift: bool) -> Vec<Change> {
    let old_ops = operations(old);
    let new_ops = operations(new);
    let mut out = Out {
        changes: Vec::new(),
        visited: HashSet::new(),
        drift,
        renamed: renamed_ids(&old_ops, &new_ops),
        renamed_schemes: HashMap::new(),
    };
    document::document(old, new, &mut out);
    let new_keys: Vec<(String, String)> = new_ops.iter().map(key).collect();
    let old_keys: HashSet<(String, String)> = old_ops.iter().map(key).collect();
    // The new operations of each key and of each operationId, so matching is one lookup.
    let mut new_by_key: HashMap<&(String, String), Vec<usize>> = HashMap::new();
    let mut new_by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (k, n)) in new_keys.iter().zip(&new_ops).enumerate() {
        new_by_key.entry(k).or_default().push(i);
        if let Some(id) = n.operation_id() {
            new_by_id.entry(id).or_default().push(i);
        }
    }
    let mut matched_new = HashSet::new();
    let old_exact: HashSet<(&str, &str)> = old_ops.iter().map(|o| (o.method, o.path)).collect();
    for o in &old_ops {
        let k = key(o);
        // Paths that differ only in variable names are one key: the same path written the
        // same way pairs first, then the first that no old operation has written the same way.
        let found = new_by_key.get(&k).and_then(|c| {
            c.iter()
                .copied()
                .find(|&i| new_ops[i].path == o.path && !matched_new.contains(&i))
                .or_else(|| {
                    c.iter().copied().find(|&i| {
                        !matched_new.contains(&i)
                            && !old_exact.contains(&(new_ops[i].method, new_ops[i].path))
                    })
                })
        });
        match found {
            Some(i) => {
                matched_new.insert(i);
                operations::operation(old, o, new, &new_ops[i], &mut out);
            }
            None => {
                // Same operationId elsewhere: the path or method changed.
                let moved = o.operation_id().and_then(|id| {
                    new_by_id
                        .get(id)?
                        .iter()
                        .find_map(|&i| (!old_keys.contains(&new_keys[i])).then(|| (i, &new_ops[i])))
                });
                match moved {
                    Some((i, n)) => {
                        matched_new.insert(i);
                        out.push(
                            &PATH_OR_METHOD_CHANGED,
                            Level::Breaking,
                            Some(&n.label()),
                            Some(o.pointer()),
                            Some(n.pointer()),
                            format!(
                                "operation `{}` moved from {} to {}",
                                o.operation_id().unwrap_or(""),
                                o.label(),
                                n.label()
                            ),
                        );
                        operations::operation(old, o, new, n, &mut out);
                    }
                    None => {
                        let id = o
                            .operation_id()
                            .map(|i| format!(" (`{i}`)"))
                            .unwrap_or_default();
                        let (kind, message) = if out.drift {
                            (
                                &OPERATION_MISSING_FROM_API,
                                format!(
                                    "the connector calls {}{id}, which the API no longer has",
                                    o.label()
                                ),
                            )
                        } else {
                            (
                                &OPERATION_REMOVED,
                                format!("operation {}{id} was removed", o.label()),
                            )
                        };
                        out.push(
                            kind,
                            Level::Breaking,
                            Some(&o.label()),
                            Some(o.pointer()),
                            None,
                            message,
                        )
                    }
                }
            }
        }
    }
    if !drift {
        // A connector's unused definitions have no counterpart in the API it calls.
        document::unused_definitions(old, new, &mut out);
    }
    for (i, n) in new_ops.iter().enumerate() {
        if !matched_new.contains(&i) {
            let id = n
                .operation_id()
                .map(|i| format!(" (`{i}`)"))
                .unwrap_or_default();
            let (kind, message) = if drift {
                (
                    &OPERATION_MISSING_FROM_CONNECTOR,
                    format!("the API has {}{id}, which the connector lacks", n.label()),
                )
            } else {
                (
                    &OPERATION_ADDED,
                    format!("operation {}{id} was added", n.label()),
                )
            };
            out.push(
                kind,
                Level::Info,
                Some(&n.label()),
                None,
                Some(n.pointer()),
                message,
            );
        }
    }
    out.changes
}

/// Both documents rewritten with sorted keys and the same indentation, for a text diff.
pub fn normalized(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sort(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    crate::emit::to_json(&sort(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn paths_differing_only_in_variable_names_pair_with_themselves() {
        let doc = serde_json::json!({"paths": {
            "/orders/{orderId}": {"get": {"operationId": "A", "parameters": [
                {"name": "orderId", "in": "path", "required": true, "type": "string"},
                {"name": "region", "in": "header", "required": true, "type": "string"}],
                "responses": {"200": {"description": "OK"}}}},
            "/orders/{id}": {"get": {"operationId": "B", "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"}],
                "responses": {"200": {"description": "OK"}}}}}});
        assert!(diff(&doc, &doc).is_empty(), "{:?}", diff(&doc, &doc));
        let mut one = doc.clone();
        one["paths"]
            .as_object_mut()
            .unwrap()
            .remove("/orders/{orderId}");
        let removed: Vec<&str> = diff(&doc, &one).iter().map(|c| c.rule).collect();
        assert_eq!(removed, ["operation-removed"]);
    }

    #[test]
    fn a_parameter_declared_twice_pairs_occurrence_by_occurrence() {
        let doc = serde_json::json!({"paths": {"/orders": {"get": {"operationId": "A",
            "parameters": [
                {"name": "top", "in": "query", "type": "string"},
                {"name": "top", "in": "query", "type": "integer"}],
            "responses": {"200": {"description": "OK"}}}}}});
        assert!(diff(&doc, &doc).is_empty(), "{:?}", diff(&doc, &doc));
        // The second one changing type is found at its own place.
        let mut changed = doc.clone();
        changed["paths"]["/orders"]["get"]["parameters"][1]["type"] = "boolean".into();
        let changes = diff(&doc, &changed);
        let found: Vec<(&str, Option<&str>)> =
            changes.iter().map(|c| (c.rule, c.new.as_deref())).collect();
        assert_eq!(
            found,
            [(
                "request-type-changed",
                Some("/paths/~1orders/get/parameters/1")
            )]
        );
    }

    fn fixture(name: &str) -> Value {
        let path = format!("{}/fixtures/diff/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_change_is_named_by_its_code_and_no_louder_than_it() {
        let changes = diff(&fixture("old.json"), &fixture("new.json"));
        assert!(!changes.is_empty());
        for c in changes {
            assert_eq!(c.rule, c.code.name);
            let severity = match c.level {
                Level::Info => Severity::Info,
                Level::Warning => Severity::Warning,
                Level::Breaking => Severity::Error,
            };
            assert!(severity <= c.code.severity, "{} at {:?}", c.rule, c.level);
        }
    }
}
