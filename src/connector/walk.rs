//! Mutable walks over a Swagger 2.0 document: operations, parameter objects and schemas, each
//! with its JSON pointer.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::swagger::METHODS;

/// Appends a token to a pointer.
pub use crate::diagnostic::join_pointer as join;

/// The (path, method) of every operation, in document order.
pub fn operation_keys(doc: &Value) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    if let Some(paths) = doc.field("paths").and_then(Value::as_object) {
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
    doc.field_mut("paths")?
        .get_mut(path)?
        .get_mut(method)?
        .as_object_mut()
}

/// Pointer of an operation.
pub fn operation_pointer(path: &str, method: &str) -> String {
    join(&join("/paths", path), method)
}

/// A JSON pointer built lazily: the walks hand one to every node they visit, and only the nodes
/// that are reported pay for its text.
#[derive(Clone, Copy)]
pub enum Ptr<'a> {
    Root,
    Key(&'a Ptr<'a>, &'a str),
    Index(&'a Ptr<'a>, usize),
}

impl<'a> Ptr<'a> {
    /// One level down, by key.
    pub fn key(&'a self, key: &'a str) -> Ptr<'a> {
        Ptr::Key(self, key)
    }

    /// One level down, by array index.
    pub fn index(&'a self, i: usize) -> Ptr<'a> {
        Ptr::Index(self, i)
    }

    /// How many tokens deep this points: the nesting of the node in the document.
    pub fn depth(&self) -> usize {
        let mut depth = 0;
        let mut at = self;
        while let Ptr::Key(parent, _) | Ptr::Index(parent, _) = at {
            depth += 1;
            at = parent;
        }
        depth
    }

    /// Whether this points at `/definitions/NAME` itself.
    pub fn is_definition_root(&self) -> bool {
        matches!(self, Ptr::Key(Ptr::Key(Ptr::Root, "definitions"), _))
    }
}

impl Ptr<'_> {
    /// Appends the pointer's text to `out` (without the formatting machinery: large walks
    /// write thousands of these).
    fn write_to(&self, out: &mut String) {
        match self {
            Ptr::Root => {}
            Ptr::Key(parent, key) => {
                parent.write_to(out);
                out.push('/');
                crate::diagnostic::push_escaped(out, key);
            }
            Ptr::Index(parent, i) => {
                parent.write_to(out);
                out.push('/');
                out.push_str(crate::diagnostic::index_token(*i, &mut [0u8; 20]));
            }
        }
    }
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from(self))
    }
}

impl From<&Ptr<'_>> for String {
    fn from(p: &Ptr<'_>) -> String {
        let mut out = String::with_capacity(64);
        p.write_to(&mut out);
        out
    }
}

/// The path items with their paths, for walks that take them on several threads (they are
/// disjoint).
pub fn path_items_mut(doc: &mut Value) -> Vec<(&String, &mut Value)> {
    doc.field_mut("paths")
        .and_then(Value::as_object_mut)
        .map(|paths| paths.iter_mut().collect())
        .unwrap_or_default()
}

/// Calls `f` on every parameter object written out in the document (root `parameters`, path-level
/// and operation-level lists), skipping `$ref`s, which are visited where they point.
pub fn for_each_parameter(doc: &mut Value, mut f: impl FnMut(&mut Map<String, Value>, &Ptr)) {
    for_each_shared_parameter(doc, &mut f);
    if let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for_each_parameter_of_path(path, item, &mut f);
        }
    }
}

/// [`for_each_parameter`] on the root `parameters`.
pub fn for_each_shared_parameter(
    doc: &mut Value,
    f: &mut impl FnMut(&mut Map<String, Value>, &Ptr),
) {
    let root = Ptr::Root;
    if let Some(shared) = doc.field_mut("parameters").and_then(Value::as_object_mut) {
        let at = root.key("parameters");
        for (name, p) in shared.iter_mut() {
            if let Some(p) = p.as_object_mut() {
                f(p, &at.key(name));
            }
        }
    }
}

/// [`for_each_parameter`] in one path item (`item`, at `/paths/{path}`): its own list and its
/// operations'.
pub fn for_each_parameter_of_path(
    path: &str,
    item: &mut Value,
    f: &mut impl FnMut(&mut Map<String, Value>, &Ptr),
) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    let root = Ptr::Root;
    let paths_at = root.key("paths");
    let base = paths_at.key(path);
    for (key, value) in item.iter_mut() {
        let key_at = base.key(key);
        let list = if key == "parameters" {
            Some(value)
        } else if METHODS.contains(&key.as_str()) {
            value.field_mut("parameters")
        } else {
            None
        };
        let Some(Value::Array(list)) = list else {
            continue;
        };
        let params_at = key_at.key("parameters");
        let at = if key == "parameters" {
            &key_at
        } else {
            &params_at
        };
        for (i, p) in list.iter_mut().enumerate() {
            if let Some(p) = p.as_object_mut()
                && !p.has("$ref")
            {
                f(p, &at.index(i));
            }
        }
    }
}

/// Calls `f` on the root of every schema tree in the document, in document order: each
/// definition, the schema of each shared parameter and response, of each body parameter and of
/// each operation's response.
pub fn for_each_schema_root(doc: &mut Value, f: &mut dyn FnMut(&mut Value, &Ptr)) {
    for_each_shared_schema_root(doc, f);
    if let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for_each_schema_root_of_path(path, item, f);
        }
    }
}

/// [`for_each_schema_root`] outside `paths`: the definitions and the schemas of the shared
/// parameters and responses, in document order.
pub fn for_each_shared_schema_root(doc: &mut Value, f: &mut dyn FnMut(&mut Value, &Ptr)) {
    let root = Ptr::Root;
    if let Some(defs) = doc.field_mut("definitions").and_then(Value::as_object_mut) {
        let at = root.key("definitions");
        for (name, s) in defs.iter_mut() {
            f(s, &at.key(name));
        }
    }
    for section in ["parameters", "responses"] {
        if let Some(shared) = doc.get_mut(section).and_then(Value::as_object_mut) {
            let at = root.key(section);
            for (name, p) in shared.iter_mut() {
                if let Some(s) = p.field_mut("schema") {
                    f(s, &at.key(name).key("schema"));
                }
            }
        }
    }
}

/// [`for_each_schema_root`] in one path item (`item`, at `/paths/{path}`): the schemas of its
/// body parameters and of its operations' responses, in document order. Path items are
/// disjoint, so they may be walked on several threads.
pub fn for_each_schema_root_of_path(
    path: &str,
    item: &mut Value,
    f: &mut dyn FnMut(&mut Value, &Ptr),
) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    let root = Ptr::Root;
    let paths_at = root.key("paths");
    let base = paths_at.key(path);
    for (key, value) in item.iter_mut() {
        let key_at = base.key(key);
        if key == "parameters" {
            schemas_of_parameters(value, &key_at, f);
        } else if METHODS.contains(&key.as_str()) {
            if let Some(list) = value.field_mut("parameters") {
                schemas_of_parameters(list, &key_at.key("parameters"), f);
            }
            if let Some(responses) = value.field_mut("responses").and_then(Value::as_object_mut) {
                let responses_at = key_at.key("responses");
                for (code, r) in responses.iter_mut() {
                    if let Some(s) = r.field_mut("schema") {
                        f(s, &responses_at.key(code).key("schema"));
                    }
                }
            }
        }
    }
}

fn schemas_of_parameters(list: &mut Value, at: &Ptr, f: &mut dyn FnMut(&mut Value, &Ptr)) {
    if let Value::Array(list) = list {
        for (i, p) in list.iter_mut().enumerate() {
            if let Some(s) = p.field_mut("schema") {
                f(s, &at.index(i).key("schema"));
            }
        }
    }
}

/// Calls `f` on every schema object in the document (definitions, body parameters, responses,
/// and everything nested in them), parents before children.
pub fn for_each_schema(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &Ptr)) {
    for_each_schema_root(doc, &mut |s, at| visit_schema(s, at, f));
}

/// [`for_each_schema`] outside `paths` (see [`for_each_shared_schema_root`]).
pub fn for_each_shared_schema(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &Ptr)) {
    for_each_shared_schema_root(doc, &mut |s, at| visit_schema(s, at, f));
}

/// [`for_each_schema`] in one path item (see [`for_each_schema_root_of_path`]).
pub fn for_each_schema_of_path(
    path: &str,
    item: &mut Value,
    f: &mut dyn FnMut(&mut Map<String, Value>, &Ptr),
) {
    for_each_schema_root_of_path(path, item, &mut |s, at| visit_schema(s, at, f));
}

fn visit_schema(s: &mut Value, at: &Ptr, f: &mut dyn FnMut(&mut Map<String, Value>, &Ptr)) {
    let Some(m) = s.as_object_mut() else { return };
    f(m, at);
    if m.has("$ref") {
        return;
    }
    for_each_subschema(m, at, &mut |v, sub| visit_schema(v, sub, f));
}

/// Calls `f` on each schema directly inside schema `m`: its properties, `items`,
/// `additionalProperties` and `allOf` branches, in order.
pub fn for_each_subschema(
    m: &mut Map<String, Value>,
    at: &Ptr,
    f: &mut dyn FnMut(&mut Value, &Ptr),
) {
    for (key, value) in m.iter_mut() {
        match (key.as_str(), value) {
            ("properties", Value::Object(props)) => {
                let base = at.key("properties");
                for (name, p) in props.iter_mut() {
                    f(p, &base.key(name));
                }
            }
            ("items", v @ Value::Object(_)) | ("additionalProperties", v @ Value::Object(_)) => {
                f(v, &at.key(key));
            }
            ("items" | "allOf", Value::Array(list)) => {
                let base = at.key(key);
                for (i, p) in list.iter_mut().enumerate() {
                    f(p, &base.index(i));
                }
            }
            _ => {}
        }
    }
}

/// Resolves a local `#/section/name` reference for reading.
pub fn resolve_ref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.field("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| doc.pointer(p))
            .unwrap_or(v),
        None => v,
    }
}

#[cfg(test)]
mod tests {
    use super::Ptr;

    #[test]
    fn a_pointer_is_written_with_its_tokens_escaped() {
        let root = Ptr::Root;
        let paths = root.key("paths");
        let path = paths.key("/users/{id}~x");
        let params = path.key("parameters");
        let first = params.index(0);
        let tenth = params.index(10);
        assert_eq!(String::from(&root), "");
        assert_eq!(String::from(&first), "/paths/~1users~1{id}~0x/parameters/0");
        assert_eq!(tenth.to_string(), "/paths/~1users~1{id}~0x/parameters/10");
        assert_eq!(
            format!("at {}", params.index(1234567)),
            "at /paths/~1users~1{id}~0x/parameters/1234567"
        );
    }
}
