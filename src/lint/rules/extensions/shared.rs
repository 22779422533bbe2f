//! What the extension rules share: every object of a definition that may carry `x-ms-*`
//! extensions (visited from the operations, the parameters and the schema index that all rules
//! share, pointers built only for findings), the operations by `operationId`, and the reading
//! of a parameter's or a property's type, requiredness and visibility.

use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::diagnostic::{escape_token, pointer};
use crate::lint::Definition;
use crate::swagger::schemas::SimpleKind;
use crate::swagger::{Operation, Parameter};

/// What kind of object carries an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Root,
    Info,
    PathItem,
    Operation,
    Parameter,
    Response,
    Header,
    Items,
    Schema,
}

/// Where an object is, to build the pointer of one of its members when a finding needs it.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    Root,
    Info,
    PathItem(&'a str),
    Operation(&'a Operation<'a>),
    Parameter(&'a Parameter<'a>),
    /// An operation's response (path, method, code) or a shared one (code).
    Response(Option<(&'a str, &'a str)>, &'a str),
    /// A node of the schema index.
    Node(u32),
}

impl At<'_> {
    /// The pointer of the object itself.
    pub(super) fn pointer(&self, cx: &Definition) -> String {
        match *self {
            At::Root => String::new(),
            At::Info => "/info".into(),
            At::PathItem(path) => pointer(["paths", path]),
            At::Operation(op) => op.pointer(),
            At::Parameter(p) => p.pointer(),
            At::Response(Some((path, method)), code) => {
                pointer(["paths", path, method, "responses", code])
            }
            At::Response(None, code) => pointer(["responses", code]),
            At::Node(id) => cx.index().pointer(id),
        }
    }

    /// The pointer of `member` of the object.
    pub(super) fn pointer_to(&self, cx: &Definition, member: &str) -> String {
        format!("{}/{}", self.pointer(cx), escape_token(member))
    }
}

/// Calls `f` with every object of the definition that may carry extensions: the root, `info`,
/// each path item and operation, each parameter once (where it is defined), each response, each
/// response header and `items`, and each schema (definitions, bodies, responses, properties).
pub(super) fn each_holder<'a>(
    cx: &Definition<'a>,
    mut f: impl FnMut(Place, &'a Map<String, Value>, At<'a>),
) {
    let Some(root) = cx.doc.as_object() else {
        return;
    };
    f(Place::Root, root, At::Root);
    if let Some(info) = root.field("info").and_then(Value::as_object) {
        f(Place::Info, info, At::Info);
    }
    if let Some(paths) = root.field("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            if let Some(item) = item.as_object() {
                f(Place::PathItem, item, At::PathItem(path));
            }
        }
    }
    for op in cx.operations {
        f(Place::Operation, op.op, At::Operation(op));
        if let Some(responses) = op.op.field("responses").and_then(Value::as_object) {
            for (code, r) in responses {
                if let Some(r) = r.as_object().filter(|r| !r.has("$ref")) {
                    f(
                        Place::Response,
                        r,
                        At::Response(Some((op.path, op.method)), code),
                    );
                }
            }
        }
    }
    if let Some(responses) = root.field("responses").and_then(Value::as_object) {
        for (code, r) in responses {
            if let Some(r) = r.as_object() {
                f(Place::Response, r, At::Response(None, code));
            }
        }
    }
    for p in cx.parameters() {
        f(Place::Parameter, p.value, At::Parameter(p));
    }
    let index = cx.index();
    for s in &index.simple {
        match s.kind {
            SimpleKind::Parameter => {}
            SimpleKind::Header => f(Place::Header, s.value, At::Node(s.id)),
            SimpleKind::Items => f(Place::Items, s.value, At::Node(s.id)),
        }
    }
    for s in &index.schemas {
        f(Place::Schema, s.value, At::Node(s.id));
    }
}

/// The operations by `operationId` (the first of a duplicated one).
pub(super) fn by_id<'a>(cx: &Definition<'a>) -> HashMap<&'a str, &'a Operation<'a>> {
    let mut out = HashMap::with_capacity(cx.operations.len());
    for op in cx.operations {
        if let Some(id) = op.operation_id() {
            out.entry(id).or_insert(op);
        }
    }
    out
}

/// Whether a schema, or one it leads to through `$ref`, `properties`, `items` or `allOf`, carries
/// `x-ms-notification-url`. Asked only of the body of a trigger; each schema is visited once.
pub(super) fn has_notification_url(doc: &Value, schema: &Value) -> bool {
    let mut seen: Vec<*const Map<String, Value>> = Vec::new();
    let mut stack = vec![schema];
    while let Some(v) = stack.pop() {
        let Some(map) = v.as_object() else { continue };
        let map = resolve(doc, map);
        if seen.contains(&(map as *const _)) {
            continue;
        }
        seen.push(map);
        if map.has("x-ms-notification-url") {
            return true;
        }
        if let Some(props) = map.field("properties").and_then(Value::as_object) {
            stack.extend(props.values());
        }
        if let Some(items) = map.field("items") {
            stack.push(items);
        }
        if let Some(all) = map.field("allOf").and_then(Value::as_array) {
            stack.extend(all);
        }
    }
    false
}

/// What makes an operation a webhook trigger: `x-ms-trigger`, and a callback registration (a
/// request field marked `x-ms-notification-url`) or a notification schema
/// (`x-ms-notification-content` on its path item). A trigger with neither is a polling trigger.
pub(super) struct Webhook {
    pub url: bool,
    pub content: bool,
}

/// The webhook reading of `op`, when it is a trigger.
pub(super) fn webhook(doc: &Value, op: &Operation) -> Option<Webhook> {
    op.op.field("x-ms-trigger")?;
    let url = op.params.iter().any(|p| {
        p.value.has("x-ms-notification-url")
            || (p.location() == Some("body")
                && p.value.field("schema").is_some_and(|s| has_notification_url(doc, s)))
    });
    let content = op.path_item.has("x-ms-notification-content");
    (url || content).then_some(Webhook { url, content })
}

/// The schema a `#/definitions/...` reference leads to, following chains of references (at most
/// a few steps, so that a loop ends).
pub(super) fn resolve<'a>(doc: &'a Value, mut schema: &'a Map<String, Value>) -> &'a Map<String, Value> {
    for _ in 0..8 {
        match crate::swagger::schemas::definition(doc, schema).and_then(|(_, v)| v.as_object()) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The schema of an operation's first success response that has one (`200`, `201`, then any
/// other `2xx`), references resolved.
pub(super) fn success_schema<'a>(doc: &'a Value, op: &Operation<'a>) -> Option<&'a Map<String, Value>> {
    let responses = op.op.field("responses")?.as_object()?;
    let schema_of = |r: &'a Value| -> Option<&'a Map<String, Value>> {
        let mut r = r.as_object()?;
        if let Some(name) = r
            .field("$ref")
            .and_then(Value::as_str)
            .and_then(|t| t.strip_prefix("#/responses/"))
        {
            r = doc.field("responses")?.field(name)?.as_object()?;
        }
        Some(resolve(doc, r.field("schema")?.as_object()?))
    };
    ["200", "201"]
        .iter()
        .find_map(|c| responses.field(c).and_then(schema_of))
        .or_else(|| {
            responses
                .iter()
                .filter(|(c, _)| c.starts_with('2'))
                .find_map(|(_, r)| schema_of(r))
        })
}

/// The JSON type a parameter declares (`object` for a body parameter whose schema says nothing).
pub(super) fn parameter_type<'a>(doc: &'a Value, p: &'a Map<String, Value>) -> Option<&'a str> {
    if p.field("in").and_then(Value::as_str) == Some("body") {
        let schema = resolve(doc, p.field("schema")?.as_object()?);
        return schema.field("type").and_then(Value::as_str);
    }
    p.field("type").and_then(Value::as_str)
}

/// The dynamic extensions that call an operation of the connector.
pub(super) const DYNAMIC: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
];

/// One dynamic extension where it is written.
pub(super) struct Dynamic<'a> {
    /// The extension's name, one of [`DYNAMIC`].
    pub ext: &'static str,
    pub call: &'a Map<String, Value>,
    pub at: At<'a>,
    /// The parameter that carries it, when a parameter does (not a schema).
    pub parameter: Option<&'a Parameter<'a>>,
}

impl Dynamic<'_> {
    /// The pointer of the extension, or of a member of it.
    pub(super) fn pointer(&self, cx: &Definition, member: Option<&str>) -> String {
        let base = self.at.pointer_to(cx, self.ext);
        match member {
            Some(m) => format!("{base}/{}", escape_token(m)),
            None => base,
        }
    }

    pub(super) fn operation_id(&self) -> Option<&str> {
        self.call.field("operationId").and_then(Value::as_str)
    }
}

/// Calls `f` with every object that may carry a dynamic extension and has an `x-ms-dynamic-`
/// key: each parameter (once, where it is defined, with the parameter) and each schema.
pub(super) fn each_dynamic_holder<'a>(
    cx: &Definition<'a>,
    mut f: impl FnMut(&'a Map<String, Value>, At<'a>, Option<&'a Parameter<'a>>),
) {
    let dynamic = |m: &Map<String, Value>| m.keys().any(|k| k.starts_with("x-ms-dynamic-"));
    for p in cx.parameters() {
        if dynamic(p.value) {
            f(p.value, At::Parameter(p), Some(p));
        }
    }
    for s in &cx.index().schemas {
        if dynamic(s.value) {
            f(s.value, At::Node(s.id), None);
        }
    }
}

/// Calls `f` with every dynamic extension (that is an object) on a parameter or in a schema.
pub(super) fn each_dynamic<'a>(cx: &Definition<'a>, mut f: impl FnMut(Dynamic<'a>)) {
    if !cx.src.mentions("x-ms-dynamic-") {
        return;
    }
    each_dynamic_holder(cx, |holder, at, parameter| {
        for (key, call) in holder {
            let (Some(ext), Some(call)) = (DYNAMIC.iter().find(|e| **e == key), call.as_object())
            else {
                continue;
            };
            f(Dynamic {
                ext,
                call,
                at,
                parameter,
            });
        }
    });
}

/// The candidate nearest to `name` for a "did you mean": equal in another letter case, or at most
/// two edits away (for names longer than four letters). Only asked for when a finding is made.
pub(super) fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(name) {
            return Some(c);
        }
        if name.len() <= 4 {
            continue;
        }
        let d = distance(&name.to_ascii_lowercase(), &c.to_ascii_lowercase());
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance of two texts, by bytes.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}
