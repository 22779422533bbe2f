//! Every schema object of a Swagger 2.0 document and every `$ref` in it, found by one walk each and
//! held flat, so that the lint rules that read schemas share the walk. A node keeps its parent and
//! the token that leads to it: its JSON pointer is built only when a finding needs it.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::diagnostic::{escape_token, unescape_token};

use super::METHODS;

/// Where a schema tree starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    /// `#/definitions/NAME`.
    Definition,
    /// The `schema` of a body parameter (shared or inline).
    Parameter,
    /// The `schema` of a response (shared or inline).
    Response,
}

/// How a node is reached from its parent.
#[derive(Clone, Copy, Debug)]
pub enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

/// One node of the walk: its value, its parent and the token from the parent.
#[derive(Clone, Copy, Debug)]
struct Step<'a> {
    parent: u32,
    token: Token<'a>,
}

/// One schema object.
#[derive(Clone, Copy, Debug)]
pub struct Schema<'a> {
    pub value: &'a Map<String, Value>,
    pub root: Root,
    /// How many schema levels below its root (0 for the root itself).
    pub depth: u32,
    /// The id of the node in the index, for [`Index::pointer`].
    pub id: u32,
    /// Whether it sits under `properties` (a named property of an object).
    pub is_property: bool,
}

/// One `$ref` member.
#[derive(Clone, Copy, Debug)]
pub struct Ref<'a> {
    /// The object holding the `$ref`.
    pub holder: &'a Map<String, Value>,
    /// The `$ref` value (not a string when the document is malformed).
    pub target: &'a Value,
    /// The id of the holder, for [`Index::pointer`].
    pub id: u32,
}

/// An object that is not a schema but carries the same validation keywords: a non-body parameter
/// (each shared one once), a response header, or the `items` below either.
#[derive(Clone, Copy, Debug)]
pub struct Simple<'a> {
    pub value: &'a Map<String, Value>,
    /// The [`keyword`] bits of its keys.
    pub keywords: u32,
    /// The id of the node in the index, for [`Index::pointer`].
    pub id: u32,
    pub kind: SimpleKind,
}

/// What a [`Simple`] object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimpleKind {
    Parameter,
    Header,
    Items,
}

/// The schemas and references of a document.
#[derive(Default)]
pub struct Index<'a> {
    steps: Vec<Step<'a>>,
    pub schemas: Vec<Schema<'a>>,
    pub refs: Vec<Ref<'a>>,
    /// The non-body parameters, response headers and their `items`, in document order.
    pub simple: Vec<Simple<'a>>,
    /// The keywords of each schema, built when first asked for.
    keywords: std::sync::OnceLock<Vec<u32>>,
}

/// The keywords of a schema object that the schema rules read, one bit each, so that a rule can
/// pass over the many schemas without the keywords it checks without reading them.
pub mod keyword {
    pub const TYPE: u32 = 1 << 0;
    pub const FORMAT: u32 = 1 << 1;
    pub const DEFAULT: u32 = 1 << 2;
    pub const ENUM: u32 = 1 << 3;
    pub const REQUIRED: u32 = 1 << 4;
    pub const MULTIPLE_OF: u32 = 1 << 5;
    pub const MAXIMUM: u32 = 1 << 6;
    pub const MINIMUM: u32 = 1 << 7;
    pub const EXCLUSIVE_MAXIMUM: u32 = 1 << 8;
    pub const EXCLUSIVE_MINIMUM: u32 = 1 << 9;
    pub const MAX_LENGTH: u32 = 1 << 10;
    pub const MIN_LENGTH: u32 = 1 << 11;
    pub const MAX_ITEMS: u32 = 1 << 12;
    pub const MIN_ITEMS: u32 = 1 << 13;
    pub const MAX_PROPERTIES: u32 = 1 << 14;
    pub const MIN_PROPERTIES: u32 = 1 << 15;
    pub const PATTERN: u32 = 1 << 16;
    pub const ITEMS: u32 = 1 << 17;
    pub const DISCRIMINATOR: u32 = 1 << 18;
    pub const EXTERNAL_DOCS: u32 = 1 << 19;

    /// The bits of the keys of `map`.
    pub fn of(map: &serde_json::Map<String, serde_json::Value>) -> u32 {
        map.keys().fold(0, |bits, k| {
            bits | match k.as_str() {
                "type" => TYPE,
                "format" => FORMAT,
                "default" => DEFAULT,
                "enum" => ENUM,
                "required" => REQUIRED,
                "multipleOf" => MULTIPLE_OF,
                "maximum" => MAXIMUM,
                "minimum" => MINIMUM,
                "exclusiveMaximum" => EXCLUSIVE_MAXIMUM,
                "exclusiveMinimum" => EXCLUSIVE_MINIMUM,
                "maxLength" => MAX_LENGTH,
                "minLength" => MIN_LENGTH,
                "maxItems" => MAX_ITEMS,
                "minItems" => MIN_ITEMS,
                "maxProperties" => MAX_PROPERTIES,
                "minProperties" => MIN_PROPERTIES,
                "pattern" => PATTERN,
                "items" => ITEMS,
                "discriminator" => DISCRIMINATOR,
                "externalDocs" => EXTERNAL_DOCS,
                _ => 0,
            }
        })
    }
}

const NO_PARENT: u32 = u32::MAX;

/// Schema keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &["items", "additionalProperties", "not"];
/// Schema keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf"];
/// Keys whose values are data, never schemas or references.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum") || key.starts_with("x-")
}

/// The schemas directly below a schema object: its `properties`, `items`, `additionalProperties`,
/// `not` and the members of `allOf`, `anyOf` and `oneOf` (the same keywords the index walks), in
/// the order of its keys.
pub fn sub_schemas(map: &Map<String, Value>) -> impl Iterator<Item = &Value> {
    map.iter().flat_map(|(k, v)| {
        let k = k.as_str();
        let props = (k == "properties").then(|| v.as_object()).flatten();
        let one = ONE_SCHEMA.contains(&k).then_some(v);
        let list = SCHEMA_LISTS.contains(&k).then(|| v.as_array()).flatten();
        props
            .into_iter()
            .flat_map(|p| p.values())
            .chain(one)
            .chain(list.into_iter().flatten())
    })
}

impl<'a> Index<'a> {
    /// Walks `doc` once for its schemas and once for its references.
    pub fn new(doc: &'a Value) -> Self {
        let mut index = Index::default();
        let Some(root) = doc.as_object() else {
            return index;
        };
        let top = index.step(NO_PARENT, Token::Key(""));
        // Schemas.
        if let Some(defs) = root.field("definitions").and_then(Value::as_object) {
            let at = index.step(top, Token::Key("definitions"));
            for (name, schema) in defs {
                index.schema(at, Token::Key(name), schema, Root::Definition, 0, false);
            }
        }
        if let Some(params) = root.field("parameters").and_then(Value::as_object) {
            let at = index.step(top, Token::Key("parameters"));
            for (name, p) in params {
                index.parameter(at, Token::Key(name), p);
            }
        }
        if let Some(responses) = root.field("responses").and_then(Value::as_object) {
            let at = index.step(top, Token::Key("responses"));
            for (code, r) in responses {
                index.response(at, Token::Key(code), r);
            }
        }
        if let Some(paths) = root.field("paths").and_then(Value::as_object) {
            let at = index.step(top, Token::Key("paths"));
            for (path, item) in paths {
                let Some(item) = item.as_object() else {
                    continue;
                };
                if path.starts_with("x-") {
                    continue;
                }
                let item_at = index.step(at, Token::Key(path));
                index.parameters(item_at, item.field("parameters"));
                for (method, op) in item {
                    if !METHODS.contains(&method.as_str()) {
                        continue;
                    }
                    let Some(op) = op.as_object() else { continue };
                    let op_at = index.step(item_at, Token::Key(method));
                    index.parameters(op_at, op.field("parameters"));
                    if let Some(responses) = op.field("responses").and_then(Value::as_object) {
                        let r_at = index.step(op_at, Token::Key("responses"));
                        for (code, r) in responses {
                            index.response(r_at, Token::Key(code), r);
                        }
                    }
                }
            }
        }
        // References, anywhere outside data.
        index.refs_in(top, doc);
        index
    }

    fn step(&mut self, parent: u32, token: Token<'a>) -> u32 {
        self.steps.push(Step { parent, token });
        (self.steps.len() - 1) as u32
    }

    fn parameters(&mut self, parent: u32, list: Option<&'a Value>) {
        let Some(list) = list.and_then(Value::as_array) else {
            return;
        };
        let at = self.step(parent, Token::Key("parameters"));
        for (i, p) in list.iter().enumerate() {
            self.parameter(at, Token::Index(i), p);
        }
    }

    fn parameter(&mut self, parent: u32, token: Token<'a>, p: &'a Value) {
        let Some(map) = p.as_object() else { return };
        let (mut schema, mut body, mut reference) = (None, false, false);
        for (k, v) in map {
            match k.as_str() {
                "schema" => schema = Some(v),
                "in" => body = v.as_str() == Some("body"),
                "$ref" => reference = true,
                _ => {}
            }
        }
        if reference {
            return;
        }
        let at = self.step(parent, token);
        if body {
            if let Some(schema) = schema {
                self.schema(at, Token::Key("schema"), schema, Root::Parameter, 0, false);
            }
        } else {
            self.simple(at, map, SimpleKind::Parameter);
        }
    }

    fn response(&mut self, parent: u32, token: Token<'a>, r: &'a Value) {
        let Some(map) = r.as_object() else { return };
        let (mut schema, mut headers) = (None, None);
        for (k, v) in map {
            match k.as_str() {
                "schema" => schema = Some(v),
                "headers" => headers = v.as_object(),
                _ => {}
            }
        }
        if schema.is_none() && headers.is_none() {
            return;
        }
        let at = self.step(parent, token);
        if let Some(schema) = schema {
            self.schema(at, Token::Key("schema"), schema, Root::Response, 0, false);
        }
        if let Some(headers) = headers {
            let h_at = self.step(at, Token::Key("headers"));
            for (name, h) in headers {
                if let Some(h) = h.as_object() {
                    let id = self.step(h_at, Token::Key(name));
                    self.simple(id, h, SimpleKind::Header);
                }
            }
        }
    }

    /// Records a non-body parameter or header (node `id`) and the `items` below it.
    fn simple(&mut self, mut id: u32, mut map: &'a Map<String, Value>, mut kind: SimpleKind) {
        loop {
            let keywords = keyword::of(map);
            self.simple.push(Simple {
                value: map,
                keywords,
                id,
                kind,
            });
            kind = SimpleKind::Items;
            if keywords & keyword::ITEMS == 0 {
                return;
            }
            match map
                .iter()
                .find(|(k, _)| *k == "items")
                .and_then(|(_, v)| v.as_object())
            {
                Some(items) => {
                    id = self.step(id, Token::Key("items"));
                    map = items;
                }
                None => return,
            }
        }
    }

    fn schema(
        &mut self,
        parent: u32,
        token: Token<'a>,
        value: &'a Value,
        root: Root,
        depth: u32,
        is_property: bool,
    ) {
        let Some(map) = value.as_object() else {
            return;
        };
        let id = self.step(parent, token);
        self.schemas.push(Schema {
            value: map,
            root,
            depth,
            id,
            is_property,
        });
        // One pass over the keys, in document order: a lookup per keyword would hash each name.
        for (k, v) in map {
            match k.as_str() {
                "properties" => {
                    if let Some(props) = v.as_object() {
                        let at = self.step(id, Token::Key("properties"));
                        for (name, p) in props {
                            self.schema(at, Token::Key(name), p, root, depth + 1, true);
                        }
                    }
                }
                key if ONE_SCHEMA.contains(&key) => {
                    self.schema(id, Token::Key(k), v, root, depth + 1, false);
                }
                key if SCHEMA_LISTS.contains(&key) => {
                    if let Some(list) = v.as_array() {
                        let at = self.step(id, Token::Key(k));
                        for (i, s) in list.iter().enumerate() {
                            self.schema(at, Token::Index(i), s, root, depth + 1, false);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Finds the references under `value` (node `base`). The walk keeps the tokens leading to
    /// the node it is at, and records steps only for the ancestors of a `$ref`: most of a
    /// document leads to none.
    fn refs_in(&mut self, base: u32, value: &'a Value) {
        let mut path: Vec<(Token<'a>, u32)> = Vec::new();
        self.refs_under(base, value, &mut path);
    }

    fn refs_under(&mut self, base: u32, value: &'a Value, path: &mut Vec<(Token<'a>, u32)>) {
        match value {
            Value::Object(map) => {
                // A scan rather than a lookup: hashing `$ref` for every object costs more.
                if let Some((_, target)) = map.iter().find(|(k, _)| *k == "$ref") {
                    let id = self.recorded(base, path);
                    self.refs.push(Ref {
                        holder: map,
                        target,
                        id,
                    });
                }
                for (k, v) in map {
                    if is_data(k) || !(v.is_object() || v.is_array()) {
                        continue;
                    }
                    path.push((Token::Key(k), NO_PARENT));
                    self.refs_under(base, v, path);
                    path.pop();
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    if v.is_object() || v.is_array() {
                        path.push((Token::Index(i), NO_PARENT));
                        self.refs_under(base, v, path);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// The step of the node `path` leads to from `base`, recording the steps not yet recorded.
    fn recorded(&mut self, base: u32, path: &mut [(Token<'a>, u32)]) -> u32 {
        let mut parent = base;
        for (token, id) in path.iter_mut() {
            if *id == NO_PARENT {
                *id = self.step(parent, *token);
            }
            parent = *id;
        }
        parent
    }

    /// The [`keyword`] bits of each of [`Index::schemas`], in the same order.
    pub fn keywords(&self) -> &[u32] {
        self.keywords
            .get_or_init(|| self.schemas.iter().map(|s| keyword::of(s.value)).collect())
    }

    /// The root schemas of request bodies and responses: the `schema` of every body parameter
    /// (each shared one once) and of every response (each shared one once).
    pub fn roots(&self) -> impl Iterator<Item = &Schema<'a>> {
        self.schemas
            .iter()
            .filter(|s| s.depth == 0 && s.root != Root::Definition)
    }

    /// Whether node `id` is a member of an `allOf` list, whose other members may define what
    /// it names.
    pub fn in_all_of(&self, id: u32) -> bool {
        let step = self.steps[id as usize];
        matches!(step.token, Token::Index(_))
            && step.parent != NO_PARENT
            && matches!(self.steps[step.parent as usize].token, Token::Key("allOf"))
    }

    /// The JSON pointer of node `id`.
    pub fn pointer(&self, id: u32) -> String {
        let mut tokens = Vec::new();
        let mut at = id;
        while at != NO_PARENT {
            let step = self.steps[at as usize];
            if step.parent != NO_PARENT {
                tokens.push(step.token);
            }
            at = step.parent;
        }
        let mut out = String::new();
        for t in tokens.iter().rev() {
            out.push('/');
            match t {
                Token::Key(k) => out.push_str(&escape_token(k)),
                Token::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// The tokens that lead from the document's root to node `id`, top-down, into `out` (cleared
    /// first): a rule that classifies many nodes by where they sit reuses one buffer instead of
    /// building a pointer for each.
    pub fn tokens(&self, id: u32, out: &mut Vec<Token<'a>>) {
        out.clear();
        let mut at = id;
        while at != NO_PARENT {
            let step = self.steps[at as usize];
            if step.parent != NO_PARENT {
                out.push(step.token);
            }
            at = step.parent;
        }
        out.reverse();
    }

    /// The JSON pointer of a member of node `id`.
    pub fn pointer_to(&self, id: u32, member: &str) -> String {
        format!("{}/{}", self.pointer(id), escape_token(member))
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

/// The definition a `$ref` names, when it is `#/definitions/NAME` and there.
pub fn definition<'a>(doc: &'a Value, map: &Map<String, Value>) -> Option<(&'a str, &'a Value)> {
    let target = member(map, "$ref")?.as_str()?;
    let name = target.strip_prefix("#/definitions/")?;
    let defs = doc.field("definitions")?.as_object()?;
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
const MEASURING: Size = Size { count: 1, depth: 1 };

impl<'a> Sizes<'a> {
    pub fn new(doc: &'a Value) -> Self {
        Sizes {
            doc,
            known: foldhash::HashMap::default(),
        }
    }

    /// The size of `schema`.
    pub fn of(&mut self, schema: &'a Value) -> Size {
        match schema.as_object() {
            Some(map) => self.of_map(map),
            None => Size { count: 0, depth: 0 },
        }
    }

    /// The size of the schema object `map`. The walk keeps its own stack: a chain of
    /// definitions, each a property of the one before, is as deep as the file is long.
    pub fn of_map(&mut self, map: &'a Map<String, Value>) -> Size {
        /// A schema to measure, or the last `parts` sizes measured to combine: as one schema
        /// holding them, or (`reference`) as the size of the definition a reference names.
        enum Step<'a> {
            Measure(&'a Value),
            MeasureMap(&'a Map<String, Value>),
            Combine {
                parts: usize,
                reference: Option<&'a str>,
            },
        }
        const NOTHING: Size = Size { count: 0, depth: 0 };
        let mut steps = vec![Step::MeasureMap(map)];
        let mut sizes: Vec<Size> = Vec::new();
        while let Some(step) = steps.pop() {
            let map = match step {
                Step::MeasureMap(map) => map,
                Step::Measure(schema) => match schema.as_object() {
                    Some(map) => map,
                    None => {
                        sizes.push(NOTHING);
                        continue;
                    }
                },
                Step::Combine { parts, reference } => {
                    let from = sizes.len() - parts;
                    let size = match reference {
                        Some(target) => {
                            self.known.insert(target, sizes[from]);
                            sizes[from]
                        }
                        None => {
                            sizes[from..]
                                .iter()
                                .fold(Size { count: 1, depth: 1 }, |size, s| Size {
                                    count: size.count.saturating_add(s.count),
                                    depth: size.depth.max(s.depth + 1),
                                })
                        }
                    };
                    sizes.truncate(from);
                    sizes.push(size);
                    continue;
                }
            };
            // A reference is remembered by its text, so that a definition referenced again costs
            // one lookup.
            if let Some(target) = member(map, "$ref").and_then(Value::as_str) {
                if let Some(size) = self.known.get(target) {
                    sizes.push(*size);
                    continue;
                }
                if let Some((_, definition)) = definition(self.doc, map) {
                    self.known.insert(target, MEASURING);
                    steps.push(Step::Combine {
                        parts: 1,
                        reference: Some(target),
                    });
                    steps.push(Step::Measure(definition));
                    continue;
                }
            }
            let combine = steps.len();
            steps.push(Step::Combine {
                parts: 0,
                reference: None,
            });
            let mut parts = 0;
            for (k, v) in map {
                match k.as_str() {
                    "properties" => {
                        for p in v.as_object().into_iter().flat_map(|p| p.values()) {
                            steps.push(Step::Measure(p));
                            parts += 1;
                        }
                    }
                    key if ONE_SCHEMA.contains(&key) => {
                        steps.push(Step::Measure(v));
                        parts += 1;
                    }
                    key if SCHEMA_LISTS.contains(&key) => {
                        for s in v.as_array().into_iter().flatten() {
                            steps.push(Step::Measure(s));
                            parts += 1;
                        }
                    }
                    _ => {}
                }
            }
            steps[combine] = Step::Combine {
                parts,
                reference: None,
            };
            // Measured in document order, as a loop is cut where it is first met.
            steps[combine + 1..].reverse();
        }
        sizes.pop().unwrap_or(NOTHING)
    }
}

/// What a schema's `type` names.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// One of JSON Schema's types, as they are spelt.
    Type,
    /// Another spelling of a type (`String`, `int`, `bool`, `datetime`), or a format written
    /// as the type (`int64`, `uuid`): the type meant, and the format it implies.
    Means(&'static str, Option<&'static str>),
    /// Nothing a type can be told from.
    Unknown,
}

/// What `type: t` names: one of JSON Schema's types (`null` is read before), another
/// spelling of one, or nothing.
pub fn written_type(t: &str) -> Written {
    const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];
    if TYPES.contains(&t) {
        return Written::Type;
    }
    let lower = t.to_ascii_lowercase();
    if let Some(ty) = TYPES.iter().find(|ty| **ty == lower) {
        return Written::Means(ty, None);
    }
    let (ty, format) = match lower.as_str() {
        "int" | "int32" | "short" | "int16" => ("integer", Some("int32")),
        "int64" | "long" | "bigint" => ("integer", Some("int64")),
        "uint" | "uint32" | "uint64" | "unsigned" => ("integer", None),
        "float" => ("number", Some("float")),
        "double" => ("number", Some("double")),
        "decimal" | "numeric" => ("number", None),
        "bool" => ("boolean", None),
        "str" | "text" | "char" => ("string", None),
        "date" => ("string", Some("date")),
        "datetime" | "date-time" | "timestamp" => ("string", Some("date-time")),
        "uuid" | "guid" => ("string", Some("uuid")),
        "email" => ("string", Some("email")),
        "uri" | "url" => ("string", Some("uri")),
        "binary" => ("string", Some("binary")),
        "dict" | "map" | "hash" | "dictionary" => ("object", None),
        "list" => ("array", None),
        _ => return Written::Unknown,
    };
    Written::Means(ty, format)
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

/// The names (with their index) that a plain object schema lists in `required` but does not
/// define in its `properties`, which validators reject (RequiredPropertyDefinitionMissing).
/// Only a schema whose `properties` are all it can have is judged: not one with `allOf`, with
/// `additionalProperties` other than `false`, of another type than `object`, or without
/// `properties`. A member of an `allOf` list is not judged alone either (another member may
/// define the name): the caller, who knows where the schema is, leaves it out.
pub fn required_undefined(schema: &Map<String, Value>) -> Vec<(usize, &str)> {
    let (Some(Value::Array(required)), Some(Value::Object(props))) =
        (member(schema, "required"), member(schema, "properties"))
    else {
        return Vec::new();
    };
    if member(schema, "allOf").is_some()
        || member(schema, "additionalProperties").is_some_and(|a| a != &Value::Bool(false))
        || member(schema, "type")
            .and_then(Value::as_str)
            .is_some_and(|t| t != "object")
    {
        return Vec::new();
    }
    (required.iter().enumerate())
        .filter_map(|(i, n)| Some((i, n.as_str()?)))
        .filter(|(_, n)| !n.is_empty() && !props.contains_key(*n))
        .collect()
}

/// The names a composed schema (one with `allOf`) lists in `required` that neither its own
/// `properties` nor those of its parts define (parts are followed through `$ref`s into `doc`,
/// and through `allOf`, `anyOf`, `oneOf`, `items` and `not`). Empty when a part cannot be
/// followed (a reference outside `definitions`): a name might be defined there.
pub fn required_undefined_in_all_of(doc: &Value, schema: &Map<String, Value>) -> Vec<String> {
    if member(schema, "allOf").is_none() {
        return Vec::new();
    }
    let mut defined = std::collections::HashSet::new();
    let mut seen = std::collections::HashSet::new();
    if !collect_properties(doc, schema, &mut defined, &mut seen, 0) {
        return Vec::new();
    }
    member(schema, "required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|name| !defined.contains(name))
        .map(str::to_string)
        .collect()
}

/// Adds the property names `schema` defines, its parts' included, to `defined`; `false` when a
/// `$ref` leads outside `definitions`. `seen` holds the definitions already read.
fn collect_properties<'a>(
    doc: &'a Value,
    schema: &'a Map<String, Value>,
    defined: &mut std::collections::HashSet<&'a str>,
    seen: &mut std::collections::HashSet<&'a str>,
    depth: usize,
) -> bool {
    if depth > 64 {
        return true;
    }
    if member(schema, "$ref").is_some() {
        return match definition(doc, schema) {
            Some((name, target)) => {
                !seen.insert(name)
                    || target
                        .as_object()
                        .is_none_or(|t| collect_properties(doc, t, defined, seen, depth + 1))
            }
            None => false,
        };
    }
    if let Some(props) = member(schema, "properties").and_then(Value::as_object) {
        defined.extend(props.keys().map(String::as_str));
    }
    let parts = ["allOf", "anyOf", "oneOf"]
        .iter()
        .filter_map(|k| member(schema, k).and_then(Value::as_array))
        .flatten()
        .chain(["items", "not"].iter().filter_map(|k| member(schema, k)));
    for part in parts {
        if let Some(part) = part.as_object()
            && !collect_properties(doc, part, defined, seen, depth + 1)
        {
            return false;
        }
    }
    true
}

/// Why `value` is not a value of `schema` (in `doc`, whose `#/definitions` its `$ref`s name),
/// as far as the keywords that decide a value's shape go: `$ref`, `allOf`, `type` (a `null`
/// fits only an untyped schema), `enum`, `format` (those [`super::formats`] judges), an
/// object's `properties`, `required` and `additionalProperties: false`, and an array's `items`.
/// `None` when it fits. The place is given as a path of member names and indexes
/// (`/flags/import_uuid`). Bounds, lengths and patterns are checked too (see `out_of_bounds`).
pub fn misfit(doc: &Value, schema: &Map<String, Value>, value: &Value) -> Option<String> {
    misfit_at(doc, schema, value, 0).map(|(path, why)| {
        if path.is_empty() {
            why
        } else {
            format!("`{path}` {why}")
        }
    })
}

/// [`misfit`], `depth` schemas in (references are followed at most 64 deep: a definition that
/// refers to itself cannot loop).
fn misfit_at(
    doc: &Value,
    schema: &Map<String, Value>,
    value: &Value,
    depth: usize,
) -> Option<(String, String)> {
    if depth > 64 {
        return None;
    }
    if let Some((_, target)) = definition(doc, schema) {
        return misfit_at(doc, target.as_object()?, value, depth + 1);
    }
    for part in member(schema, "allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        if let Some(found) = misfit_at(doc, part, value, depth + 1) {
            return Some(found);
        }
    }
    let ty = member(schema, "type").and_then(Value::as_str);
    if value.is_null() {
        return ty.map(|ty| {
            (
                String::new(),
                format!("is `null`, no value of the type `{ty}`"),
            )
        });
    }
    if let Some(ty) = ty
        && fits_type(value, ty) == Some(false)
    {
        return Some((
            String::new(),
            format!("is of the type `{}`, not `{ty}`", json_type(value)),
        ));
    }
    if let Some(Value::Array(allowed)) = member(schema, "enum")
        && !allowed.is_empty()
        && !allowed.contains(value)
    {
        return Some((String::new(), "is not one of its `enum` values".to_string()));
    }
    if let Some(format) = member(schema, "format").and_then(Value::as_str)
        && super::formats::breaks(format, value)
    {
        return Some((String::new(), format!("is no `{format}`")));
    }
    if let Some(why) = out_of_bounds(schema, value) {
        return Some((String::new(), why));
    }
    let inner = |token: &str, (path, why): (String, String)| {
        let mut at = String::from("/");
        at.push_str(&escape_token(token));
        at.push_str(&path);
        (at, why)
    };
    match value {
        Value::Object(members) => {
            let properties = member(schema, "properties").and_then(Value::as_object);
            for name in member(schema, "required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !members.contains_key(name) {
                    return Some((String::new(), format!("lacks the required `{name}`")));
                }
            }
            let closed = member(schema, "additionalProperties") == Some(&Value::Bool(false));
            for (name, v) in members {
                match properties
                    .and_then(|p| p.get(name))
                    .and_then(Value::as_object)
                {
                    Some(property) => {
                        if let Some(found) = misfit_at(doc, property, v, depth + 1) {
                            return Some(inner(name, found));
                        }
                    }
                    None if closed => {
                        return Some((
                            String::new(),
                            format!("has `{name}`, which is not allowed"),
                        ));
                    }
                    None => {}
                }
            }
            None
        }
        Value::Array(elements) => {
            let items = member(schema, "items").and_then(Value::as_object)?;
            elements.iter().enumerate().find_map(|(i, v)| {
                misfit_at(doc, items, v, depth + 1).map(|found| inner(&i.to_string(), found))
            })
        }
        _ => None,
    }
}

/// How `value` breaks the bounds `schema` sets for its type, if it does: a number's `minimum`,
/// `maximum` (exclusive or not) and `multipleOf`, a string's `minLength` and `maxLength` (in
/// characters) and `pattern` (when it can be run, see [`super::pattern::matches`]), an
/// array's `minItems`, `maxItems` and `uniqueItems`, an object's
/// `minProperties` and `maxProperties`. Bounds that are not numbers are left to the rules that
/// check the schema itself.
fn out_of_bounds(schema: &Map<String, Value>, value: &Value) -> Option<String> {
    let number = |key: &str| member(schema, key).and_then(Value::as_f64);
    let count = |key: &str| member(schema, key).and_then(Value::as_u64);
    let exclusive = |key: &str| member(schema, key) == Some(&Value::Bool(true));
    match value {
        Value::Number(n) => {
            let v = n.as_f64()?;
            if let Some(min) = number("minimum") {
                if exclusive("exclusiveMinimum") && v <= min {
                    return Some(format!("is not above its exclusive `minimum` {min}"));
                }
                if v < min {
                    return Some(format!("is below its `minimum` {min}"));
                }
            }
            if let Some(max) = number("maximum") {
                if exclusive("exclusiveMaximum") && v >= max {
                    return Some(format!("is not below its exclusive `maximum` {max}"));
                }
                if v > max {
                    return Some(format!("is above its `maximum` {max}"));
                }
            }
            if let Some(step) = number("multipleOf").filter(|m| *m > 0.0) {
                let quotient = v / step;
                if quotient.is_finite() && quotient.fract() != 0.0 {
                    return Some(format!("is not a multiple of its `multipleOf` {step}"));
                }
            }
            None
        }
        Value::String(text) => {
            let (min, max) = (count("minLength"), count("maxLength"));
            if min.is_some() || max.is_some() {
                let chars = text.chars().count() as u64;
                if let Some(min) = min.filter(|m| chars < *m) {
                    return Some(format!("is shorter than its `minLength` {min}"));
                }
                if let Some(max) = max.filter(|m| chars > *m) {
                    return Some(format!("is longer than its `maxLength` {max}"));
                }
            }
            let pattern = member(schema, "pattern").and_then(Value::as_str)?;
            (super::pattern::matches(pattern, text) == Some(false))
                .then(|| format!("does not match its `pattern` `{pattern}`"))
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            if let Some(min) = count("minItems").filter(|m| n < *m) {
                return Some(format!("has fewer items than its `minItems` {min}"));
            }
            if let Some(max) = count("maxItems").filter(|m| n > *m) {
                return Some(format!("has more items than its `maxItems` {max}"));
            }
            let repeats = exclusive("uniqueItems")
                && items
                    .iter()
                    .enumerate()
                    .any(|(i, a)| items[..i].contains(a));
            repeats.then(|| "repeats an item, which its `uniqueItems` forbids".to_string())
        }
        Value::Object(members) => {
            let n = members.len() as u64;
            if let Some(min) = count("minProperties").filter(|m| n < *m) {
                return Some(format!("has fewer members than its `minProperties` {min}"));
            }
            count("maxProperties")
                .filter(|m| n > *m)
                .map(|max| format!("has more members than its `maxProperties` {max}"))
        }
        _ => None,
    }
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

/// `v` written as a value of the Swagger type `ty` when it [`converts_to`] it: `"10"` as `10`,
/// `"false"` as `false`, `1` as `true`, `5` as `"5"`.
pub fn converted(v: &Value, ty: &str) -> Option<Value> {
    if !converts_to(v, ty) {
        return None;
    }
    Some(match (ty, v) {
        ("integer", Value::String(s)) => Value::from(s.trim().parse::<i64>().ok()?),
        ("number", Value::String(s)) => {
            let s = s.trim();
            match s.parse::<i64>() {
                Ok(i) => Value::from(i),
                Err(_) => {
                    serde_json::Number::from_f64(s.parse::<f64>().ok()?).map(Value::Number)?
                }
            }
        }
        ("boolean", Value::String(s)) => Value::Bool(s.trim().eq_ignore_ascii_case("true")),
        ("boolean", Value::Number(n)) => Value::Bool(n.as_u64() == Some(1)),
        ("string", Value::Number(n)) => Value::String(n.to_string()),
        ("string", Value::Bool(b)) => Value::String(b.to_string()),
        _ => return None,
    })
}

/// The one schema that alternatives (`oneOf`, `anyOf`) of one primitive type make: that type,
/// the format when every alternative gives the same, and the `enum` values of all of them when
/// each has an `enum`. `None` unless they all have one type other than `object` and `array`.
pub fn one_primitive(alternatives: &[Value]) -> Option<Map<String, Value>> {
    fn ty(v: &Value) -> Option<&str> {
        v.field("type").and_then(Value::as_str)
    }
    let t = ty(alternatives.first()?)?;
    if t == "object" || t == "array" || alternatives.iter().any(|v| ty(v) != Some(t)) {
        return None;
    }
    let mut out = Map::new();
    out.insert("type".into(), Value::String(t.to_string()));
    let format = alternatives[0].field("format");
    if format.is_some() && alternatives.iter().all(|v| v.field("format") == format) {
        out.insert("format".into(), format.cloned().unwrap_or_default());
    }
    if alternatives.iter().all(|v| v.has("enum")) {
        let mut all: Vec<Value> = Vec::new();
        for e in alternatives
            .iter()
            .flat_map(|v| v["enum"].as_array().into_iter().flatten())
        {
            if !all.contains(e) {
                all.push(e.clone());
            }
        }
        out.insert("enum".into(), Value::Array(all));
    }
    Some(out)
}

/// The `properties` and `required` of one object made of object alternatives, each given as its
/// properties and required names: all the properties (the first alternative to name one
/// standing), and only the names every alternative requires.
pub fn one_object(
    alternatives: impl IntoIterator<Item = (Map<String, Value>, Vec<Value>)>,
) -> (Map<String, Value>, Vec<Value>) {
    let mut properties = Map::new();
    let mut required: Option<Vec<Value>> = None;
    for (props, req) in alternatives {
        for (k, p) in props {
            properties.entry(k).or_insert(p);
        }
        required = Some(match required {
            None => req,
            Some(prev) => prev.into_iter().filter(|r| req.contains(r)).collect(),
        });
    }
    (properties, required.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_schema_and_reference_with_its_pointer() {
        let doc: Value = serde_json::from_str(
            r##"{"swagger": "2.0",
                "definitions": {"A/B": {"type": "object",
                    "properties": {"x": {"type": "array", "items": {"$ref": "#/definitions/C"}}},
                    "example": {"$ref": "not a reference"}}},
                "paths": {"/p": {"post": {
                    "parameters": [{"in": "query", "name": "q", "type": "string"},
                                   {"in": "body", "name": "b", "schema": {"allOf": [{"type": "object"}]}}],
                    "responses": {"200": {"schema": {"type": "string"}}}}}}}"##,
        )
        .unwrap();
        let index = Index::new(&doc);
        let schemas: Vec<(String, Root, u32, bool)> = index
            .schemas
            .iter()
            .map(|s| (index.pointer(s.id), s.root, s.depth, s.is_property))
            .collect();
        assert_eq!(
            schemas,
            [
                ("/definitions/A~1B".to_string(), Root::Definition, 0, false),
                (
                    "/definitions/A~1B/properties/x".to_string(),
                    Root::Definition,
                    1,
                    true
                ),
                (
                    "/definitions/A~1B/properties/x/items".to_string(),
                    Root::Definition,
                    2,
                    false
                ),
                (
                    "/paths/~1p/post/parameters/1/schema".to_string(),
                    Root::Parameter,
                    0,
                    false
                ),
                (
                    "/paths/~1p/post/parameters/1/schema/allOf/0".to_string(),
                    Root::Parameter,
                    1,
                    false
                ),
                (
                    "/paths/~1p/post/responses/200/schema".to_string(),
                    Root::Response,
                    0,
                    false
                ),
            ]
        );
        let refs: Vec<String> = index
            .refs
            .iter()
            .map(|r| index.pointer_to(r.id, "$ref"))
            .collect();
        assert_eq!(refs, ["/definitions/A~1B/properties/x/items/$ref"]);
        let mut tokens = Vec::new();
        index.tokens(index.refs[0].id, &mut tokens);
        let keys: Vec<String> = tokens
            .iter()
            .map(|t| match t {
                Token::Key(k) => k.to_string(),
                Token::Index(i) => i.to_string(),
            })
            .collect();
        assert_eq!(keys, ["definitions", "A/B", "properties", "x", "items"]);
    }
}

#[cfg(test)]
mod bounds_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_outside_their_bounds_misfit_and_those_on_them_fit() {
        let cases = [
            (json!({"maximum": 10}), json!(10), None),
            (
                json!({"maximum": 10}),
                json!(11),
                Some("is above its `maximum` 10"),
            ),
            (
                json!({"maximum": 10, "exclusiveMaximum": true}),
                json!(10),
                Some("is not below its exclusive `maximum` 10"),
            ),
            (
                json!({"minimum": -1.5}),
                json!(-2),
                Some("is below its `minimum` -1.5"),
            ),
            (json!({"multipleOf": 3}), json!(9), None),
            (
                json!({"multipleOf": 3}),
                json!(10),
                Some("is not a multiple of its `multipleOf` 3"),
            ),
            (
                json!({"minLength": 2}),
                json!("é"),
                Some("is shorter than its `minLength` 2"),
            ),
            (json!({"maxLength": 1}), json!("é"), None),
            (
                json!({"maxItems": 1}),
                json!([1, 2]),
                Some("has more items than its `maxItems` 1"),
            ),
            (json!({"uniqueItems": false}), json!([1, 1]), None),
            (
                json!({"minProperties": 1}),
                json!({}),
                Some("has fewer members than its `minProperties` 1"),
            ),
            (json!({"maxProperties": 1}), json!({"a": 1}), None),
            // Bounds of another type than the value's say nothing about it.
            (json!({"maxLength": 1}), json!(12345), None),
            (json!({"minimum": "5"}), json!(1), None),
            (
                json!({"pattern": "^org_[0-9a-z]{4}$"}),
                json!("None"),
                Some("does not match its `pattern` `^org_[0-9a-z]{4}$`"),
            ),
            (
                json!({"pattern": "^org_[0-9a-z]{4}$"}),
                json!("org_ab12"),
                None,
            ),
            // A pattern matches anywhere in the value unless anchored.
            (json!({"pattern": "[0-9]"}), json!("a1b"), None),
            // One that cannot be run here (a lookahead) is not judged.
            (json!({"pattern": "^(?!x)"}), json!("x"), None),
        ];
        for (schema, value, expected) in cases {
            let found = misfit(&Value::Null, schema.as_object().unwrap(), &value);
            assert_eq!(found.as_deref(), expected, "{schema} {value}");
        }
    }
}
