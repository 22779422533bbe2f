//! What the schema keyword rules share: the objects that carry validation keywords (every schema
//! object, plus non-body parameters, their `items` and response headers, all found by the schema
//! index's one walk) and JSON type checks.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::lint::Definition;
use crate::swagger::schemas::{Schema, SimpleKind};
pub use crate::swagger::schemas::{converts_to, definition, fits_type, json_type, member};

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
    /// A non-body parameter, header or `items`, by its node id in the index.
    Simple(SimpleKind, u32),
}

impl<'a> Holder<'a, '_> {
    /// One of its members (see [`member`]).
    pub fn field(&self, key: &str) -> Option<&'a Value> {
        member(self.value, key)
    }

    /// Whether it has a member.
    pub fn has(&self, key: &str) -> bool {
        self.field(key).is_some()
    }

    /// The `type`, when it is a string.
    pub fn type_name(&self) -> Option<&'a str> {
        self.field("type").and_then(Value::as_str)
    }

    /// The pointer of the object itself.
    pub fn pointer(&self, cx: &Definition) -> String {
        match &self.place {
            Place::Schema(s) => cx.index().pointer(s.id),
            Place::Simple(_, id) => cx.index().pointer(*id),
        }
    }

    /// The pointer of one of its members.
    pub fn pointer_to(&self, cx: &Definition, member: &str) -> String {
        match &self.place {
            Place::Schema(s) => cx.index().pointer_to(s.id, member),
            Place::Simple(_, id) => cx.index().pointer_to(*id, member),
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
            Place::Simple(SimpleKind::Items, _) => "items",
            Place::Simple(SimpleKind::Header, _) => "header",
            Place::Simple(SimpleKind::Parameter, _) => "parameter",
        }
    }
}

/// The schemas of the index that have at least one of the [`keyword`](crate::swagger::schemas::keyword) bits `any`.
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
/// the [`keyword`](crate::swagger::schemas::keyword) bits `any`.
pub fn each_holder(cx: &Definition, any: u32, f: &mut dyn FnMut(&Holder)) {
    for schema in schemas_with(cx, any) {
        f(&Holder {
            value: schema.value,
            place: Place::Schema(schema),
        });
    }
    for simple in cx.index().simple.iter().filter(|s| s.keywords & any != 0) {
        f(&Holder {
            value: simple.value,
            place: Place::Simple(simple.kind, simple.id),
        });
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
                .and_then(|p| p.field("type"))
                .and_then(Value::as_str)
                .is_some_and(|t| t != "array")
                && parent.and_then(|p| p.field("items")).is_some()
            {
                return true;
            }
        }
        at = after;
    }
    false
}
