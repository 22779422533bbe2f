//! What the schema keyword rules share: the objects that carry validation keywords (every schema
//! object, plus non-body parameters, their `items` and response headers), JSON type checks, and
//! the size of a schema tree counted through its `$ref`s.

use serde_json::{Map, Value};

use crate::diagnostic::{escape_token, unescape_token};
use crate::lint::Definition;
use crate::swagger::schemas::{Schema, keyword, sub_schemas};

/// A JSON pointer kept as a chain of borrowed tokens: the walks hand one to every node they visit,
/// and only the nodes that are reported pay for its text.
#[derive(Clone, Copy, Debug)]
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
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ptr::Root => Ok(()),
            Ptr::Key(parent, key) => write!(f, "{parent}/{}", escape_token(key)),
            Ptr::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// An object that carries validation keywords (`type`, `format`, `default`, `enum`, `minimum`,
/// `pattern`, ...), and where it is.
pub struct Holder<'a, 'p> {
    pub value: &'a Map<String, Value>,
    pub place: Place<'a, 'p>,
}

/// Where a [`Holder`] is: a schema of the index, or a non-body parameter, an `items` below one or
/// a response header.
pub enum Place<'a, 'p> {
    Schema(&'p Schema<'a>),
    Simple(&'p Ptr<'p>),
}

impl<'a> Holder<'a, '_> {
    /// One of its members (see [`member`]).
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        member(self.value, key)
    }

    /// Whether it has a member.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The `type`, when it is a string.
    pub fn type_name(&self) -> Option<&'a str> {
        self.get("type").and_then(Value::as_str)
    }

    /// The pointer of the object itself.
    pub fn pointer(&self, cx: &Definition) -> String {
        match &self.place {
            Place::Schema(s) => cx.index().pointer(s.id),
            Place::Simple(at) => at.to_string(),
        }
    }

    /// The pointer of one of its members.
    pub fn pointer_to(&self, cx: &Definition, member: &str) -> String {
        match &self.place {
            Place::Schema(s) => cx.index().pointer_to(s.id, member),
            Place::Simple(at) => at.key(member).to_string(),
        }
    }

    /// The pointer of the `i`-th element of one of its array members.
    pub fn pointer_to_item(&self, cx: &Definition, member: &str, i: usize) -> String {
        format!("{}/{i}", self.pointer_to(cx, member))
    }

    /// What it is, for messages: "schema", "parameter", "items" or "header".
    pub fn kind(&self) -> &'static str {
        match &self.place {
            Place::Schema(_) => "schema",
            Place::Simple(Ptr::Key(_, "items")) => "items",
            Place::Simple(Ptr::Key(Ptr::Key(_, "headers"), _)) => "header",
            Place::Simple(_) => "parameter",
        }
    }
}

/// A member of an object. Schema objects hold a handful of keys, and the rules ask each of the
/// many schemas of a large definition for keys it seldom has: comparing a few keys is cheaper
/// than hashing the one asked for.
pub fn member<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() > 8 {
        return map.get(key);
    }
    map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
}

/// The schemas of the index that have at least one of the [`keyword`] bits `any`.
pub fn schemas_with<'a>(cx: &Definition<'a>, any: u32) -> impl Iterator<Item = &'a Schema<'a>> {
    let index = cx.index();
    index
        .schemas
        .iter()
        .zip(index.keywords())
        .filter(move |(_, k)| *k & any != 0)
        .map(|(s, _)| s)
}

/// Calls `f` on every schema object, then on every non-body parameter (each shared one once), its
/// `items` and every response header and its `items`: on those of them that have at least one of
/// the [`keyword`] bits `any`.
pub fn each_holder(cx: &Definition, any: u32, f: &mut dyn FnMut(&Holder)) {
    for schema in schemas_with(cx, any) {
        f(&Holder {
            value: schema.value,
            place: Place::Schema(schema),
        });
    }
    each_simple(cx.doc, &mut |value, at| {
        if keyword::of(value) & any != 0 {
            f(&Holder {
                value,
                place: Place::Simple(at),
            })
        }
    });
}

/// Calls `f` on every non-body parameter, response header and their `items`, with its pointer.
pub fn each_simple<'a>(doc: &'a Value, f: &mut dyn FnMut(&'a Map<String, Value>, &Ptr)) {
    each_parameter_and_response(doc, &mut |node, at| match node {
        Node::Parameter(p) => parameter(p, at, f),
        Node::Response(r) => headers(r, at, f),
    });
}

/// A parameter or response object.
enum Node<'a> {
    Parameter(&'a Value),
    Response(&'a Value),
}

/// Calls `visit` on every parameter object of the document (the shared ones, then those of each
/// path item's and operation's list) and every response object (the shared ones, then each
/// operation's), each with its pointer.
fn each_parameter_and_response<'a>(doc: &'a Value, visit: &mut dyn FnMut(Node<'a>, &Ptr)) {
    let root = Ptr::Root;
    if let Some(params) = doc.get("parameters").and_then(Value::as_object) {
        let at = root.key("parameters");
        for (name, p) in params {
            visit(Node::Parameter(p), &at.key(name));
        }
    }
    if let Some(responses) = doc.get("responses").and_then(Value::as_object) {
        let at = root.key("responses");
        for (code, r) in responses {
            visit(Node::Response(r), &at.key(code));
        }
    }
    let list = |v: Option<&'a Value>| v.and_then(Value::as_array).into_iter().flatten();
    let at = root.key("paths");
    for (path, item) in crate::swagger::path_items(doc) {
        let item_at = at.key(path);
        let p_at = item_at.key("parameters");
        for (i, p) in list(member(item, "parameters")).enumerate() {
            visit(Node::Parameter(p), &p_at.index(i));
        }
        for (method, op) in crate::swagger::methods(item) {
            let op_at = item_at.key(method);
            let p_at = op_at.key("parameters");
            for (i, p) in list(member(op, "parameters")).enumerate() {
                visit(Node::Parameter(p), &p_at.index(i));
            }
            if let Some(responses) = member(op, "responses").and_then(Value::as_object) {
                let r_at = op_at.key("responses");
                for (code, r) in responses {
                    visit(Node::Response(r), &r_at.key(code));
                }
            }
        }
    }
}

fn parameter<'a>(p: &'a Value, at: &Ptr, f: &mut dyn FnMut(&'a Map<String, Value>, &Ptr)) {
    let Some(map) = p.as_object() else { return };
    if member(map, "$ref").is_some() || member(map, "in").and_then(Value::as_str) == Some("body") {
        return;
    }
    simple(map, at, f);
}

fn headers<'a>(r: &'a Value, at: &Ptr, f: &mut dyn FnMut(&'a Map<String, Value>, &Ptr)) {
    let Some(headers) = r
        .as_object()
        .and_then(|r| member(r, "headers"))
        .and_then(Value::as_object)
    else {
        return;
    };
    let at = at.key("headers");
    for (name, h) in headers {
        if let Some(h) = h.as_object() {
            simple(h, &at.key(name), f);
        }
    }
}

fn simple<'a>(map: &'a Map<String, Value>, at: &Ptr, f: &mut dyn FnMut(&'a Map<String, Value>, &Ptr)) {
    f(map, at);
    if let Some(items) = member(map, "items").and_then(Value::as_object) {
        simple(items, &at.key("items"), f);
    }
}

/// The JSON type of a value, as Swagger names types (`integer` for whole numbers).
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `v` is a value of the Swagger type `ty`; `None` when `ty` is not one this check knows
/// (`file`, a misspelling) or `v` is `null`, which says nothing about a type.
pub fn fits_type(v: &Value, ty: &str) -> Option<bool> {
    Some(match (ty, v) {
        (_, Value::Null) => return None,
        ("string", _) => v.is_string(),
        ("number", _) => v.is_number(),
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        ("integer", _) => false,
        ("boolean", _) => v.is_boolean(),
        ("array", _) => v.is_array(),
        ("object", _) => v.is_object(),
        _ => return None,
    })
}

/// Whether a value of the wrong JSON type still converts to the Swagger type `ty` the way .NET's
/// JSON reader converts it: a string holding a number or `true`/`false`, a number or boolean
/// read as a string, `0`/`1` read as a boolean. Accepted connectors carry such values.
pub fn converts_to(v: &Value, ty: &str) -> bool {
    match (ty, v) {
        ("integer", Value::String(s)) => s.trim().parse::<i64>().is_ok(),
        ("number", Value::String(s)) => s.trim().parse::<f64>().is_ok_and(f64::is_finite),
        ("boolean", Value::String(s)) => {
            s.trim().eq_ignore_ascii_case("true") || s.trim().eq_ignore_ascii_case("false")
        }
        ("boolean", Value::Number(n)) => n.as_u64().is_some_and(|n| n <= 1),
        ("string", Value::Number(_) | Value::Bool(_)) => true,
        _ => false,
    }
}

/// Whether the node at `pointer` sits below the `items` of a schema whose `type` says it is not
/// an array: the platform reads `items` only on arrays, so what is below is never used.
pub fn under_ignored_items(doc: &Value, pointer: &str) -> bool {
    let mut at = 0;
    while let Some(i) = pointer[at..].find("/items") {
        let end = at + i;
        let after = end + "/items".len();
        if pointer.len() == after || pointer[after..].starts_with('/') {
            let parent = doc.pointer(&pointer[..end]);
            if parent
                .and_then(|p| p.get("type"))
                .and_then(Value::as_str)
                .is_some_and(|t| t != "array")
                && parent.and_then(|p| p.get("items")).is_some()
            {
                return true;
            }
        }
        at = after;
    }
    false
}

/// The definition a `$ref` names, when it is `#/definitions/NAME` and there.
pub fn definition<'a>(doc: &'a Value, map: &Map<String, Value>) -> Option<(&'a str, &'a Value)> {
    let target = member(map, "$ref")?.as_str()?;
    let name = target.strip_prefix("#/definitions/")?;
    let defs = doc.get("definitions")?.as_object()?;
    if name.contains('~') {
        let name = unescape_token(name);
        return defs.get_key_value(&name).map(|(k, v)| (k.as_str(), v));
    }
    defs.get_key_value(name).map(|(k, v)| (k.as_str(), v))
}

/// The size of a schema tree with each `$ref` replaced by the definition it names: how many schema
/// objects, and how many levels deep (1 for a lone schema). A definition is measured once; a
/// definition that refers back to itself (directly or through others) counts as one schema where
/// it recurs.
pub struct Sizes<'a> {
    doc: &'a Value,
    known: foldhash::HashMap<&'a str, Size>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub count: u64,
    pub depth: u32,
}

/// Marks a definition being measured, so that a cycle stops there.
const MEASURING: Size = Size {
    count: 1,
    depth: 1,
};

impl<'a> Sizes<'a> {
    pub fn new(doc: &'a Value) -> Self {
        Sizes {
            doc,
            known: foldhash::HashMap::default(),
        }
    }

    /// The size of `schema`. The walk keeps its own stack: a chain of definitions, each a
    /// property of the one before, is as deep as the file is long.
    pub fn of(&mut self, schema: &'a Value) -> Size {
        /// A schema to measure, or the sizes of the last `parts` results to combine: as one
        /// schema holding them, or (`definition`) as the size of the definition named.
        enum Step<'a> {
            Measure(&'a Value),
            Combine {
                parts: usize,
                definition: Option<&'a str>,
            },
        }
        let mut steps = vec![Step::Measure(schema)];
        let mut sizes: Vec<Size> = Vec::new();
        while let Some(step) = steps.pop() {
            match step {
                Step::Measure(schema) => {
                    let Some(map) = schema.as_object() else {
                        sizes.push(Size { count: 0, depth: 0 });
                        continue;
                    };
                    if member(map, "$ref").is_some()
                        && let Some((name, target)) = definition(self.doc, map)
                    {
                        if let Some(size) = self.known.get(name) {
                            sizes.push(*size);
                            continue;
                        }
                        self.known.insert(name, MEASURING);
                        steps.push(Step::Combine {
                            parts: 1,
                            definition: Some(name),
                        });
                        steps.push(Step::Measure(target));
                        continue;
                    }
                    let subs: Vec<&'a Value> = sub_schemas(map).collect();
                    steps.push(Step::Combine {
                        parts: subs.len(),
                        definition: None,
                    });
                    steps.extend(subs.into_iter().rev().map(Step::Measure));
                }
                Step::Combine { parts, definition } => {
                    let below = sizes.split_off(sizes.len() - parts);
                    let size = match definition {
                        Some(name) => {
                            let size = below[0];
                            self.known.insert(name, size);
                            size
                        }
                        None => below.iter().fold(Size { count: 1, depth: 1 }, |mut size, s| {
                            size.count = size.count.saturating_add(s.count);
                            size.depth = size.depth.max(s.depth + 1);
                            size
                        }),
                    };
                    sizes.push(size);
                }
            }
        }
        sizes.pop().unwrap_or(Size { count: 0, depth: 0 })
    }
}

/// Every body parameter schema (each shared one once) and every response schema (each shared
/// response once), with the pointer of its `schema` member and whether it is a request body.
pub fn each_root_schema<'a>(doc: &'a Value, f: &mut dyn FnMut(&'a Value, &Ptr, bool)) {
    each_parameter_and_response(doc, &mut |node, at| match node {
        Node::Parameter(p) => {
            if let Some(p) = p.as_object()
                && member(p, "in").and_then(Value::as_str) == Some("body")
                && let Some(schema) = member(p, "schema")
            {
                f(schema, &at.key("schema"), true);
            }
        }
        Node::Response(r) => {
            if let Some(schema) = r.as_object().and_then(|r| member(r, "schema")) {
                f(schema, &at.key("schema"), false);
            }
        }
    });
}
