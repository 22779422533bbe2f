//! Changes to the document as a whole: host, base path and schemes, and the definitions no
//! operation uses.

use crate::value::Lookup;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

use super::changes::*;
use super::{Direction, Level, Out, schema, str_of, string_set};
use crate::diagnostic::escape_token;

pub(super) fn document(old: &Value, new: &Value, out: &mut Out) {
    let start = out.changes.len();
    for (field, level) in [("host", Level::Breaking), ("basePath", Level::Breaking)] {
        let (a, b) = (str_of(old.get(field)), str_of(new.get(field)));
        let norm = |s: Option<&str>| s.map(|s| s.trim_end_matches('/').to_ascii_lowercase());
        if norm(a) != norm(b) {
            out.push(
                if field == "host" {
                    &HOST_CHANGED
                } else {
                    &BASE_PATH_CHANGED
                },
                level,
                None,
                a.map(|_| format!("/{field}")),
                b.map(|_| format!("/{field}")),
                format!(
                    "`{field}` changed from {} to {}",
                    a.unwrap_or("(none)"),
                    b.unwrap_or("(none)")
                ),
            );
        }
    }
    let (a, b) = (
        string_set(old.field("schemes"), true),
        string_set(new.field("schemes"), true),
    );
    if a != b {
        let removed: Vec<&String> = a.difference(&b).collect();
        out.push(
            &SCHEMES_CHANGED,
            if removed.is_empty() {
                Level::Info
            } else {
                Level::Warning
            },
            None,
            old.field("schemes").map(|_| "/schemes".into()),
            new.field("schemes").map(|_| "/schemes".into()),
            format!("`schemes` changed from {a:?} to {b:?}"),
        );
    }
    super::security::schemes(old, new, out);
    super::security::document(old, new, out);
    // No flow can call a version without operations (a collection's first, empty export): where
    // it sent requests, and how it signed in, is no promise to anyone.
    let callable = crate::swagger::path_items(old)
        .flat_map(|(_, item)| crate::swagger::methods(item))
        .next()
        .is_some();
    if !callable {
        for c in &mut out.changes[start..] {
            c.level = Level::Info;
        }
    }
}

/// Definition names that the operations use, directly or through other definitions.
fn used_definitions(doc: &Value) -> HashSet<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) = m
                    .field("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                {
                    out.push(crate::diagnostic::unescape_token(
                        name.split('/').next().unwrap_or(name),
                    ));
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut todo = Vec::new();
    for key in ["paths", "parameters", "responses"] {
        if let Some(v) = doc.get(key) {
            refs(v, &mut todo);
        }
    }
    let mut used = HashSet::new();
    while let Some(name) = todo.pop() {
        if used.insert(name.clone())
            && let Some(d) = doc.field("definitions").and_then(|d| d.get(&name))
        {
            refs(d, &mut todo);
        }
    }
    used
}

/// Definitions no operation uses: compared too, but nothing there can break a flow today.
pub(super) fn unused_definitions(old: &Value, new: &Value, out: &mut Out) {
    let used = used_definitions(old);
    let (Some(od), nd) = (
        old.field("definitions").and_then(Value::as_object),
        new.field("definitions").and_then(Value::as_object),
    ) else {
        return;
    };
    for (name, a) in od.iter().filter(|(n, _)| !used.contains(*n)) {
        let at = format!("/definitions/{}", escape_token(name));
        match nd.and_then(|d| d.get(name)) {
            None => out.push(
                &DEFINITION_REMOVED,
                Level::Info,
                None,
                Some(at),
                None,
                format!("definition `{name}`, which no operation uses, was removed"),
            ),
            Some(b) => {
                let mut inner = Out {
                    changes: Vec::new(),
                    visited: std::mem::take(&mut out.visited),
                    drift: out.drift,
                    renamed: std::mem::take(&mut out.renamed),
                    renamed_schemes: HashMap::new(),
                };
                let mut cx = schema::Cx::new(old, new, Direction::Request, None, &mut inner);
                cx.compare(
                    a,
                    &at,
                    b,
                    &at,
                    &format!("definition `{name}` (used by no operation)"),
                );
                out.visited = inner.visited;
                out.renamed = inner.renamed;
                for mut c in inner.changes {
                    c.level = c.level.min(Level::Warning);
                    out.changes.push(c);
                }
            }
        }
    }
}
