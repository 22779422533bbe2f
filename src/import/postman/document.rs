//! The Swagger 2.0 document: info, the chosen host, the operations under their paths, the
//! security definitions and the tags the operations use.

use serde_json::{Map, Value, json};

use super::model::Collection;
use super::op::HostKey;
use super::op::Op;
use crate::swagger::naming::{Names, id_from_route, pascal};

/// The document, in the order its keys are written.
pub(super) fn assemble(
    col: &Collection,
    ops: Vec<Op>,
    chosen: Option<&HostKey>,
    auth_defs: Vec<(String, Value)>,
    root_security: Option<&String>,
) -> Value {
    let mut doc = Map::new();
    doc.insert("swagger".into(), json!("2.0"));
    doc.insert("info".into(), info(col));
    server(&mut doc, chosen);
    let mut taken_ids = Names::default();
    let mut paths: Map<String, Value> = Map::new();
    let mut used_tags: Vec<String> = Vec::new();
    for op in ops {
        let (path, method, o) = operation(op, &mut taken_ids, &mut used_tags, root_security);
        let item = paths.entry(path).or_insert_with(|| json!({}));
        if let Some(m) = item.as_object_mut() {
            m.insert(method, o);
        }
    }
    doc.insert("paths".into(), Value::Object(paths));
    if !auth_defs.is_empty() {
        doc.insert(
            "securityDefinitions".into(),
            Value::Object(auth_defs.into_iter().collect()),
        );
    }
    if let Some(r) = root_security {
        doc.insert("security".into(), json!([{ r: [] }]));
    }
    if !used_tags.is_empty() {
        doc.insert("tags".into(), tags(col, &used_tags));
    }
    Value::Object(doc)
}

/// The collection's name and description.
fn info(col: &Collection) -> Value {
    let mut info = Map::new();
    info.insert(
        "title".into(),
        json!(if col.name.trim().is_empty() {
            "Connector"
        } else {
            col.name.trim()
        }),
    );
    if !col.description.is_empty() {
        info.insert("description".into(), json!(col.description));
    }
    info.insert("version".into(), json!("1.0"));
    Value::Object(info)
}

/// `host`, `basePath` and `schemes` of the chosen host (HTTPS at `/` without one).
fn server(doc: &mut Map<String, Value>, chosen: Option<&HostKey>) {
    if let Some(k) = chosen {
        doc.insert("host".into(), json!(k.host));
        doc.insert(
            "basePath".into(),
            json!(if k.base.is_empty() { "/" } else { &k.base }),
        );
        doc.insert("schemes".into(), json!([k.scheme]));
    } else {
        doc.insert("basePath".into(), json!("/"));
        doc.insert("schemes".into(), json!(["https"]));
    }
}

/// One operation, named from its request (or its route) and unique; its tags are recorded in
/// `used_tags`. Returns its path, method and the operation.
fn operation(
    op: Op,
    taken_ids: &mut Names,
    used_tags: &mut Vec<String>,
    root_security: Option<&String>,
) -> (String, String, Value) {
    let Op {
        method,
        path,
        mut operation,
        params,
        consumes,
        produces,
        responses,
        security,
        name,
        ..
    } = op;
    let id_base = {
        let p = pascal(&name);
        if p.is_empty() {
            id_from_route(&method, &path)
        } else {
            p
        }
    };
    let id = taken_ids.unique(&id_base);
    let mut o = Map::new();
    if let Some(t) = operation.remove("tags") {
        for tag in t.as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !used_tags.iter().any(|u| u == tag) {
                used_tags.push(tag.to_string());
            }
        }
        o.insert("tags".into(), t);
    }
    o.insert("operationId".into(), json!(id));
    o.extend(operation);
    if !consumes.is_empty()
        && params
            .iter()
            .any(|p| p["in"] == "body" || p["in"] == "formData")
    {
        o.insert("consumes".into(), json!(consumes));
    }
    if !produces.is_empty() {
        o.insert("produces".into(), json!(produces));
    }
    if !params.is_empty() {
        o.insert(
            "parameters".into(),
            Value::Array(params.into_iter().map(Value::Object).collect()),
        );
    }
    o.insert("responses".into(), Value::Object(responses));
    match (&security, root_security) {
        (Some(s), Some(r)) if s != r => {
            o.insert("security".into(), json!([{ s: [] }]));
        }
        (None, Some(_)) => {
            o.insert("security".into(), json!([]));
        }
        _ => {}
    }
    (path, method, Value::Object(o))
}

/// The tags the operations use, in order of first use, with their folders' descriptions.
fn tags(col: &Collection, used_tags: &[String]) -> Value {
    let tags: Vec<Value> = used_tags
        .iter()
        .map(|t| {
            let d = col
                .folders
                .iter()
                .find(|f| &f.name == t)
                .map(|f| f.description.as_str())
                .unwrap_or("");
            if d.is_empty() {
                json!({"name": t})
            } else {
                json!({"name": t, "description": d})
            }
        })
        .collect();
    Value::Array(tags)
}
