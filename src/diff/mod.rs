//! What changed between two Swagger 2.0 definitions, and which changes break the flows and apps
//! that use a connector: they call actions by operationId and pass parameters by name.

pub mod changes;
mod drift;
pub mod properties;
pub mod render;
mod schema;

pub use drift::{drift, rebase};

use changes::*;

use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashSet};

use crate::diagnostic::{Code, escape_token};
use crate::swagger::{Operation, operations};

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

/// Compares two Swagger 2.0 documents.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    compare(old, new, false)
}

fn compare(old: &Value, new: &Value, drift: bool) -> Vec<Change> {
    let mut out = Out {
        changes: Vec::new(),
        visited: HashSet::new(),
        drift,
    };
    document(old, new, &mut out);
    let old_ops = operations(old);
    let new_ops = operations(new);
    let new_keys: Vec<(String, String)> = new_ops.iter().map(key).collect();
    let old_keys: Vec<(String, String)> = old_ops.iter().map(key).collect();
    let mut matched_new = HashSet::new();
    for o in &old_ops {
        let k = key(o);
        match new_keys.iter().position(|n| *n == k) {
            Some(i) => {
                matched_new.insert(i);
                operation(old, o, new, &new_ops[i], &mut out);
            }
            None => {
                // Same operationId elsewhere: the path or method changed.
                let moved = o.operation_id().and_then(|id| {
                    new_ops.iter().enumerate().find(|(i, n)| {
                        n.operation_id() == Some(id) && !old_keys.contains(&new_keys[*i])
                    })
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
                        operation(old, o, new, n, &mut out);
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
        unused_definitions(old, new, &mut out);
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

fn document(old: &Value, new: &Value, out: &mut Out) {
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
        string_set(old.get("schemes"), true),
        string_set(new.get("schemes"), true),
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
            old.get("schemes").map(|_| "/schemes".into()),
            new.get("schemes").map(|_| "/schemes".into()),
            format!("`schemes` changed from {a:?} to {b:?}"),
        );
    }
    // Security schemes.
    let defs = |d: &Value| {
        d.get("securityDefinitions")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (od, nd) = (defs(old), defs(new));
    for (name, o) in &od {
        let at = format!("/securityDefinitions/{}", escape_token(name));
        match nd.get(name) {
            None => out.push(
                &SECURITY_SCHEME_REMOVED,
                Level::Breaking,
                None,
                Some(at),
                None,
                format!("security scheme `{name}` was removed"),
            ),
            Some(n) => {
                let t = |v: &Value| {
                    (
                        str_of(v.get("type")).map(str::to_string),
                        str_of(v.get("flow")).map(str::to_string),
                        str_of(v.get("in")).map(str::to_string),
                        str_of(v.get("name")).map(str::to_string),
                    )
                };
                if t(o) != t(n) {
                    out.push(
                        &SECURITY_SCHEME_CHANGED,
                        Level::Breaking,
                        None,
                        Some(at.clone()),
                        Some(at.clone()),
                        format!("security scheme `{name}` changed its type, flow or key"),
                    );
                }
                let scopes = |v: &Value| -> BTreeSet<String> {
                    v.get("scopes")
                        .and_then(Value::as_object)
                        .map(|m| m.keys().cloned().collect())
                        .unwrap_or_default()
                };
                let added: Vec<String> = scopes(n).difference(&scopes(o)).cloned().collect();
                if !added.is_empty() {
                    out.push(&SCOPES_ADDED, Level::Warning, None, Some(at.clone()), Some(at), format!("security scheme `{name}` asks for new scopes {}: users must consent again", added.join(", ")));
                }
            }
        }
    }
    for name in nd.keys().filter(|n| !od.contains_key(*n)) {
        out.push(
            &SECURITY_SCHEME_ADDED,
            if od.is_empty() {
                Level::Breaking
            } else {
                Level::Info
            },
            None,
            None,
            Some(format!("/securityDefinitions/{}", escape_token(name))),
            format!("security scheme `{name}` was added"),
        );
    }
}

fn pname<'a>(p: &crate::swagger::Parameter<'a>) -> &'a str {
    p.name().unwrap_or_default()
}

fn ploc<'a>(p: &crate::swagger::Parameter<'a>) -> &'a str {
    p.location().unwrap_or_default()
}

/// Definition names that the operations use, directly or through other definitions.
fn used_definitions(doc: &Value) -> HashSet<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) = m
                    .get("$ref")
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
            && let Some(d) = doc.get("definitions").and_then(|d| d.get(&name))
        {
            refs(d, &mut todo);
        }
    }
    used
}

/// Definitions no operation uses: compared too, but nothing there can break a flow today.
fn unused_definitions(old: &Value, new: &Value, out: &mut Out) {
    let used = used_definitions(old);
    let (Some(od), nd) = (
        old.get("definitions").and_then(Value::as_object),
        new.get("definitions").and_then(Value::as_object),
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
                for mut c in inner.changes {
                    c.level = c.level.min(Level::Warning);
                    out.changes.push(c);
                }
            }
        }
    }
}

fn param_key(p: &crate::swagger::Parameter) -> (String, String) {
    (pname(p).to_string(), ploc(p).to_string())
}

fn ext<'a>(op: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    op.get(k)
}

fn operation(old_doc: &Value, o: &Operation, new_doc: &Value, n: &Operation, out: &mut Out) {
    let label = n.label();
    let op = Some(label.as_str());
    // Flows call the connector's operationId; the API's own ids do not reach them.
    if !out.drift && o.operation_id() != n.operation_id() {
        out.push(
            &OPERATION_ID_CHANGED,
            Level::Breaking,
            op,
            Some(o.pointer_to("operationId")),
            Some(n.pointer_to("operationId")),
            format!(
                "operationId changed from `{}` to `{}`: flows call actions by operationId",
                o.operation_id().unwrap_or("(none)"),
                n.operation_id().unwrap_or("(none)")
            ),
        );
    }
    // Deprecation, visibility, triggers.
    let dep = |m: &Map<String, Value>| m.get("deprecated") == Some(&Value::Bool(true));
    if !dep(o.op) && dep(n.op) {
        let replaced =
            n.op.get("x-ms-api-annotation")
                .and_then(|a| a.get("replacement"))
                .is_some();
        out.push(
            &OPERATION_DEPRECATED,
            if replaced {
                Level::Info
            } else {
                Level::Warning
            },
            op,
            None,
            Some(n.pointer_to("deprecated")),
            if replaced {
                "the operation was deprecated, with a replacement in `x-ms-api-annotation`".into()
            } else {
                "the operation was deprecated without a replacement (`x-ms-api-annotation`)".into()
            },
        );
    }
    let vis =
        |m: &Map<String, Value>| str_of(m.get("x-ms-visibility")).map(str::to_ascii_lowercase);
    if out.drift {
        // Visibility and triggers are the connector's own; the API has no say in them.
    } else if vis(n.op).as_deref() == Some("internal") && vis(o.op).as_deref() != Some("internal") {
        out.push(
            &VISIBILITY_INTERNAL,
            Level::Warning,
            op,
            None,
            Some(n.pointer_to("x-ms-visibility")),
            "the operation became `x-ms-visibility: internal`: it disappears from the designer"
                .into(),
        );
    }
    if !out.drift && ext(o.op, "x-ms-trigger") != ext(n.op, "x-ms-trigger") {
        out.push(
            &TRIGGER_CHANGED,
            Level::Breaking,
            op,
            o.op.get("x-ms-trigger")
                .map(|_| o.pointer_to("x-ms-trigger")),
            n.op.get("x-ms-trigger")
                .map(|_| n.pointer_to("x-ms-trigger")),
            "`x-ms-trigger` changed: flows that use the trigger break".into(),
        );
    }
    parameters(old_doc, o, new_doc, n, out);
    responses(old_doc, o, new_doc, n, out);
    // Operation-level security.
    let sec = |m: &Map<String, Value>| -> BTreeSet<String> {
        m.get("security")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|r| r.keys().cloned())
            .collect()
    };
    if o.op.contains_key("security") || n.op.contains_key("security") {
        let (a, b) = (sec(o.op), sec(n.op));
        if a != b && !b.is_empty() {
            out.push(
                &OPERATION_SECURITY_CHANGED,
                Level::Breaking,
                op,
                o.op.get("security").map(|_| o.pointer_to("security")),
                n.op.get("security").map(|_| n.pointer_to("security")),
                format!("the operation's security changed from {a:?} to {b:?}"),
            );
        }
    }
}

fn parameters(old_doc: &Value, o: &Operation, new_doc: &Value, n: &Operation, out: &mut Out) {
    let label = n.label();
    let op = Some(label.as_str());
    // Path parameters pair by position: renaming `{id}` to `{userId}` renames the parameter.
    let vars = |path: &str| {
        crate::swagger::template_variables(path)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (ov, nv) = (vars(o.path), vars(n.path));
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (a, b) in ov.iter().zip(&nv) {
        if a != b {
            renamed.push((a.clone(), b.clone()));
        }
    }
    let find_new =
        |name: &str, loc: &str| n.params.iter().find(|p| pname(p) == name && ploc(p) == loc);
    for p in &o.params {
        let (name, loc) = param_key(p);
        let target = if loc == "path" {
            renamed
                .iter()
                .find(|(a, _)| *a == name)
                .map(|(_, b)| b.as_str())
                .unwrap_or(&name)
                .to_string()
        } else {
            name.clone()
        };
        match find_new(&target, &loc) {
            Some(q) => {
                // The API reads a path variable by position; only the connector's name reaches
                // flows.
                if target != name && !out.drift {
                    out.push(&PARAMETER_RENAMED, Level::Breaking, op, Some(p.pointer()), Some(q.pointer()), format!("path parameter `{name}` was renamed `{target}`: flows pass parameters by name"));
                }
                parameter(old_doc, p, new_doc, q, op, out);
            }
            None => {
                let moved = n.params.iter().find(|q| pname(q) == name && ploc(q) != loc);
                match moved {
                    Some(q) => out.push(
                        &PARAMETER_MOVED,
                        Level::Breaking,
                        op,
                        Some(p.pointer()),
                        Some(q.pointer()),
                        format!("parameter `{name}` moved from {loc} to {}", ploc(q)),
                    ),
                    None if loc == "body" => {
                        // A renamed body parameter is the same body.
                        if let Some(q) = n.params.iter().find(|q| ploc(q) == "body") {
                            parameter(old_doc, p, new_doc, q, op, out);
                        } else if out.drift {
                            out.push(
                                &PARAMETER_NOT_IN_API,
                                Level::Warning,
                                op,
                                Some(p.pointer()),
                                None,
                                "the connector sends a request body, which the API does not declare".into(),
                            );
                        } else {
                            out.push(
                                &PARAMETER_REMOVED,
                                Level::Breaking,
                                op,
                                Some(p.pointer()),
                                None,
                                "the request body was removed".into(),
                            );
                        }
                    }
                    // An API ignores a query or header value it does not declare, but the
                    // connector sends it for a reason.
                    None if out.drift && loc != "path" => out.push(
                        &PARAMETER_NOT_IN_API,
                        Level::Warning,
                        op,
                        Some(p.pointer()),
                        None,
                        format!("the connector sends {loc} parameter `{name}`, which the API does not declare"),
                    ),
                    None => out.push(
                        &PARAMETER_REMOVED,
                        Level::Breaking,
                        op,
                        Some(p.pointer()),
                        None,
                        format!("{loc} parameter `{name}` was removed"),
                    ),
                }
            }
        }
    }
    for q in &n.params {
        let (name, loc) = param_key(q);
        let existed = o.params.iter().any(|p| {
            pname(p) == name && ploc(p) == loc
                || (loc == "path" && renamed.iter().any(|(a, b)| *b == name && pname(p) == a))
                || (loc == "body" && ploc(p) == "body")
                || (pname(p) == name && ploc(p) != loc)
        });
        if existed {
            continue;
        }
        let required = q.value.get("required") == Some(&Value::Bool(true));
        let has_default = q.value.contains_key("default");
        let internal = str_of(q.value.get("x-ms-visibility")) == Some("internal");
        let (kind, level) = if required && !has_default && !internal {
            (&PARAMETER_ADDED_REQUIRED, Level::Breaking)
        } else {
            (&PARAMETER_ADDED, Level::Info)
        };
        out.push(
            kind,
            level,
            op,
            None,
            Some(q.pointer()),
            match (out.drift, level) {
                (true, Level::Breaking) => format!(
                    "the API requires {loc} parameter `{name}`, which the connector does not send"
                ),
                (true, _) => format!(
                    "the API accepts optional {loc} parameter `{name}`, which the connector lacks"
                ),
                (false, Level::Breaking) => format!("required {loc} parameter `{name}` was added"),
                (false, _) => format!("optional {loc} parameter `{name}` was added"),
            },
        );
    }
}

fn parameter(
    old_doc: &Value,
    p: &crate::swagger::Parameter,
    new_doc: &Value,
    q: &crate::swagger::Parameter,
    op: Option<&str>,
    out: &mut Out,
) {
    let name = pname(q);
    let req = |v: &Map<String, Value>| v.get("required") == Some(&Value::Bool(true));
    if !req(p.value) && req(q.value) && !q.value.contains_key("default") {
        out.push(
            &PARAMETER_MADE_REQUIRED,
            Level::Breaking,
            op,
            Some(p.pointer()),
            Some(q.pointer()),
            format!("parameter `{name}` became required"),
        );
    }
    let connector_only: &[&str] = if out.drift {
        &[]
    } else {
        &[
            "x-ms-dynamic-values",
            "x-ms-dynamic-schema",
            "x-ms-dynamic-list",
            "x-ms-dynamic-properties",
        ]
    };
    for dynamic in connector_only {
        let target = |v: &Map<String, Value>| {
            v.get(*dynamic)
                .and_then(|d| d.get("operationId").or_else(|| d.get("operationid")))
                .cloned()
        };
        let (a, b) = (target(p.value), target(q.value));
        if a.is_some() && a != b {
            out.push(
                &DYNAMIC_TARGET_CHANGED,
                Level::Breaking,
                op,
                Some(p.pointer()),
                Some(q.pointer()),
                format!(
                    "`{dynamic}` of parameter `{name}` now calls {} instead of {}",
                    b.map(|v| v.to_string()).unwrap_or("nothing".into()),
                    a.map(|v| v.to_string()).unwrap_or_default()
                ),
            );
        }
    }
    let vis =
        |v: &Map<String, Value>| str_of(v.get("x-ms-visibility")).map(str::to_ascii_lowercase);
    if !out.drift
        && vis(q.value).as_deref() == Some("internal")
        && vis(p.value).as_deref() != Some("internal")
    {
        out.push(
            &VISIBILITY_INTERNAL,
            Level::Warning,
            op,
            Some(p.pointer()),
            Some(q.pointer()),
            format!("parameter `{name}` became `x-ms-visibility: internal`"),
        );
    }
    if ploc(p) == "body" {
        let (Some(a), Some(b)) = (p.value.get("schema"), q.value.get("schema")) else {
            return;
        };
        let mut cx = schema::Cx::new(old_doc, new_doc, Direction::Request, op, out);
        cx.compare(
            a,
            &p.member_pointer("schema"),
            b,
            &q.member_pointer("schema"),
            "the request body",
        );
    } else {
        // A non-body parameter is its own schema.
        let as_schema = |v: &Map<String, Value>| {
            let mut m = v.clone();
            for k in [
                "name",
                "in",
                "required",
                "description",
                "x-ms-summary",
                "x-ms-visibility",
                "x-ms-url-encoding",
            ] {
                m.remove(k);
            }
            Value::Object(m)
        };
        let mut cx = schema::Cx::new(old_doc, new_doc, Direction::Request, op, out);
        cx.compare(
            &as_schema(p.value),
            &p.pointer(),
            &as_schema(q.value),
            &q.pointer(),
            &format!("parameter `{name}`"),
        );
    }
}

fn responses(old_doc: &Value, o: &Operation, new_doc: &Value, n: &Operation, out: &mut Out) {
    let label = n.label();
    let op = Some(label.as_str());
    let empty = Map::new();
    let (or, nr) = (
        o.op.get("responses")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
        n.op.get("responses")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
    );
    fn resolve<'v>(doc: &'v Value, v: &'v Value) -> &'v Value {
        str_of(v.get("$ref"))
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| doc.pointer(p))
            .unwrap_or(v)
    }
    for (code, r) in or {
        let at = format!("{}/{}", o.pointer_to("responses"), escape_token(code));
        match nr.get(code) {
            None if code.starts_with('2') => {
                // Another 2xx with the same schema is a code change, still breaking for flows
                // that branch on the status, but the outputs stay.
                out.push(
                    &SUCCESS_RESPONSE_REMOVED,
                    Level::Breaking,
                    op,
                    Some(at),
                    None,
                    format!("success response `{code}` was removed"),
                );
            }
            None => {}
            Some(nv) => {
                let (a, b) = (resolve(old_doc, r), resolve(new_doc, nv));
                let nat = format!("{}/{}", n.pointer_to("responses"), escape_token(code));
                match (a.get("schema"), b.get("schema")) {
                    (Some(sa), Some(sb)) => {
                        let mut cx =
                            schema::Cx::new(old_doc, new_doc, Direction::Response, op, out);
                        cx.compare(
                            sa,
                            &format!("{at}/schema"),
                            sb,
                            &format!("{nat}/schema"),
                            &format!("response `{code}`"),
                        );
                    }
                    (Some(_), None) if code.starts_with('2') => out.push(
                        &RESPONSE_SCHEMA_REMOVED,
                        Level::Breaking,
                        op,
                        Some(format!("{at}/schema")),
                        Some(nat),
                        format!("response `{code}` lost its schema: its outputs disappear"),
                    ),
                    _ => {}
                }
            }
        }
    }
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
