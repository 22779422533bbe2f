//! Read-only helpers over a Swagger 2.0 document held as a `serde_json::Value`.

pub mod formats;
pub mod naming;
pub mod nulls;
pub mod pattern;
pub mod references;
pub mod schemas;
pub mod size;
pub mod structure;

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::diagnostic::pointer;

/// The keywords Swagger 2.0 allows in a non-body parameter, its `items` and a response header
/// besides their own (`name`, `in`, `description`, ...) and `x-` extensions; `items` and
/// `collectionFormat` only when the type is `array`.
pub const SIMPLE_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The HTTP methods a Swagger 2.0 path item can hold.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// One operation of the document.
pub struct Operation<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub op: &'a Map<String, Value>,
    pub path_item: &'a Map<String, Value>,
    /// The parameters that apply to the operation: path-level ones overridden by operation-level
    /// ones with the same name and location, with `#/parameters/...` references resolved.
    pub params: Vec<Parameter<'a>>,
}

impl<'a> Operation<'a> {
    /// Pointer of the operation object.
    pub fn pointer(&self) -> String {
        pointer(["paths", self.path, self.method])
    }

    /// Pointer of a member of the operation.
    pub fn pointer_to(&self, member: &str) -> String {
        pointer(["paths", self.path, self.method, member])
    }

    /// `METHOD /path`, for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }

    pub fn operation_id(&self) -> Option<&'a str> {
        self.op.field("operationId").and_then(Value::as_str)
    }

    /// The `$ref` values of entries of the operation's and its path item's `parameters` lists
    /// that resolve to no shared parameter (dangling, malformed or pointing elsewhere). The
    /// parameters they stand for are missing from `params`, so their names are unknown.
    pub fn unresolved_parameter_refs(&self, doc: &'a Value) -> impl Iterator<Item = &'a Value> {
        [
            self.op.field("parameters"),
            self.path_item.field("parameters"),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(move |p| {
            let r = p.field("$ref")?;
            resolve_parameter(doc, r).is_none().then_some(r)
        })
    }
}

/// The shared parameter (key and object) a `$ref` value names, when it names one.
fn resolve_parameter<'a>(doc: &'a Value, r: &Value) -> Option<(&'a str, &'a Map<String, Value>)> {
    let name = r.as_str()?.strip_prefix("#/parameters/")?;
    let params = doc.field("parameters").and_then(Value::as_object)?;
    let (key, target) = if name.contains('~') {
        params.get_key_value(&crate::diagnostic::unescape_token(name))
    } else {
        params.get_key_value(name)
    }?;
    Some((key, target.as_object()?))
}

fn effective_parameters<'a>(
    doc: &'a Value,
    path: &'a str,
    method: &'a str,
    op: &'a Map<String, Value>,
    path_item: &'a Map<String, Value>,
) -> Vec<Parameter<'a>> {
    let own = collect(doc, op.field("parameters"), path, Some(method));
    let mut out: Vec<Parameter<'a>> = collect(doc, path_item.field("parameters"), path, None)
        .into_iter()
        .filter(|p| {
            !own.iter()
                .any(|o| o.name() == p.name() && o.location() == p.location())
        })
        .collect();
    out.extend(own);
    out
}

/// Where a parameter object is defined.
#[derive(Debug, Clone, Copy)]
enum Origin<'a> {
    /// Under the root `parameters`, by key.
    Shared(&'a str),
    /// In a path item's (method None) or an operation's `parameters` list.
    Inline {
        path: &'a str,
        method: Option<&'a str>,
        index: usize,
    },
}

/// A parameter object, and where it is defined (its pointer is built only when asked for).
pub struct Parameter<'a> {
    pub value: &'a Map<String, Value>,
    origin: Origin<'a>,
}

impl<'a> Parameter<'a> {
    pub fn name(&self) -> Option<&'a str> {
        self.value.field("name").and_then(Value::as_str)
    }

    pub fn location(&self) -> Option<&'a str> {
        self.value.field("in").and_then(Value::as_str)
    }

    /// Whether it is a shared `#/parameters` entry (reached through a `$ref` in a list).
    pub fn is_shared(&self) -> bool {
        matches!(self.origin, Origin::Shared(_))
    }

    /// Pointer of the node that defines the parameter.
    pub fn pointer(&self) -> String {
        match self.origin {
            Origin::Shared(key) => pointer(["parameters", key]),
            Origin::Inline {
                path,
                method: Some(m),
                index,
            } => pointer(["paths", path, m, "parameters", &index.to_string()]),
            Origin::Inline {
                path,
                method: None,
                index,
            } => pointer(["paths", path, "parameters", &index.to_string()]),
        }
    }

    pub fn member_pointer(&self, member: &str) -> String {
        format!(
            "{}/{}",
            self.pointer(),
            crate::diagnostic::escape_token(member)
        )
    }
}

fn collect<'a>(
    doc: &'a Value,
    list: Option<&'a Value>,
    path: &'a str,
    method: Option<&'a str>,
) -> Vec<Parameter<'a>> {
    collect_entries(doc, list, path, method)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// The entries of a `parameters` list with their index in it, `#/parameters/...` references
/// resolved; entries that are not objects and references that resolve to nothing are left out.
fn collect_entries<'a>(
    doc: &'a Value,
    list: Option<&'a Value>,
    path: &'a str,
    method: Option<&'a str>,
) -> Vec<(usize, Parameter<'a>)> {
    let Some(items) = list.and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            continue;
        };
        if let Some(r) = obj.field("$ref") {
            if let Some((key, target)) = resolve_parameter(doc, r) {
                out.push((
                    i,
                    Parameter {
                        value: target,
                        origin: Origin::Shared(key),
                    },
                ));
            }
            continue;
        }
        out.push((
            i,
            Parameter {
                value: obj,
                origin: Origin::Inline {
                    path,
                    method,
                    index: i,
                },
            },
        ));
    }
    out
}

/// One `parameters` list as written: a path item's (method `None`) or an operation's.
pub struct ParameterList<'a> {
    pub path: &'a str,
    pub method: Option<&'a str>,
    /// Each entry's index in the list and the parameter it is or refers to (references resolved;
    /// entries that are not objects and references that resolve to nothing are left out).
    pub entries: Vec<(usize, Parameter<'a>)>,
}

impl ParameterList<'_> {
    /// Pointer of the list entry at `index` (the `$ref` holder for a reference).
    pub fn entry_pointer(&self, index: usize) -> String {
        let index = index.to_string();
        match self.method {
            Some(m) => pointer(["paths", self.path, m, "parameters", &index]),
            None => pointer(["paths", self.path, "parameters", &index]),
        }
    }

    /// `METHOD /path` for an operation's list, `path /path` for a path item's, for messages.
    pub fn label(&self) -> String {
        match self.method {
            Some(m) => format!("{} {}", m.to_ascii_uppercase(), self.path),
            None => format!("path {}", self.path),
        }
    }
}

/// A URL's scheme (`https`, `mailto`: a letter, then letters, digits, `+`, `-` or `.`, before
/// the first `:`) and what follows the `:`; `None` for a relative reference.
pub fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some((scheme, rest))
}

/// Whether `url` is an absolute URL: a scheme, then for web and file schemes `//` and a host.
pub fn is_absolute_url(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = split_scheme(url) else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "ftp" | "ws" | "wss") {
        return !rest.is_empty();
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    !host.is_empty()
        && !host.starts_with(':')
        && host.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '[' | ']' | '%' | '~')
        })
}

/// Whether `host` (`host[:port]`) is this machine (`localhost`, a `127.` address, `0.0.0.0`,
/// `[::1]`), which the platform's servers cannot reach.
pub fn is_loopback_host(host: &str) -> bool {
    let bare = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    bare.eq_ignore_ascii_case("localhost")
        || bare.to_ascii_lowercase().ends_with(".localhost")
        || bare == "0.0.0.0"
        || bare == "::1"
        || bare.strip_prefix("127.").is_some_and(|rest| {
            rest.split('.').count() == 3 && rest.split('.').all(|l| l.parse::<u8>().is_ok())
        })
}

/// What is wrong with a `host` value, or `None` when it is a bare `host[:port]` the platform can
/// call: Microsoft's pattern (`^[^{}/ :\\]+(:\d+)?$`), and a name with an empty label
/// (`.contoso.com`, `a..b`, what an empty server variable leaves), a part that starts or ends
/// with `-`, or a port outside 1-65535.
pub fn host_problem(h: &str) -> Option<&'static str> {
    Some(if h.contains("://") {
        "contains a scheme"
    } else if h.contains('/') {
        "contains a path"
    } else if h.contains(['?', '#']) {
        "contains a query or fragment"
    } else if h.is_empty() || h.contains(char::is_whitespace) {
        "is empty or contains white space"
    } else if h.contains(['{', '}']) {
        "contains a template variable"
    } else if h.contains('\\') {
        "contains a backslash"
    } else {
        let (name, port) = match h.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (h, None),
        };
        if let Some(port) = port
            && (name.is_empty() || port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some("has a colon that is not followed by a numeric port");
        }
        if port.is_some_and(|p| p.parse::<u32>().map_or(true, |n| n == 0 || n > 65535)) {
            "has a port outside 1-65535"
        } else if name.starts_with('.') || name.contains("..") {
            "has an empty part between dots (a leading or doubled `.`)"
        } else if name
            .split('.')
            .any(|label| label.starts_with('-') || label.ends_with('-'))
        {
            "has a part that starts or ends with `-`"
        } else {
            return None;
        }
    })
}

/// Whether `s` is a MIME type as `consumes` and `produces` take it: `type/subtype`, then
/// optional `; name=value` parameters.
pub fn is_mime_type(s: &str) -> bool {
    let essence = s.split(';').next().unwrap_or_default().trim();
    let Some((t, sub)) = essence.split_once('/') else {
        return false;
    };
    let token = |x: &str| {
        !x.is_empty()
            && x.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-*".contains(&b))
    };
    token(t) && token(sub)
}

/// Every path item of the document with its path, in order (extension keys and items that are
/// not objects left out).
pub fn path_items(doc: &Value) -> impl Iterator<Item = (&str, &Map<String, Value>)> {
    doc.field("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(path, _)| !path.starts_with("x-"))
        .filter_map(|(path, item)| Some((path.as_str(), item.as_object()?)))
}

/// The operations of a path item with their methods, in order.
pub fn methods(item: &Map<String, Value>) -> impl Iterator<Item = (&str, &Map<String, Value>)> {
    item.iter()
        .filter(|(method, _)| METHODS.contains(&method.as_str()))
        .filter_map(|(method, op)| Some((method.as_str(), op.as_object()?)))
}

/// A path item's own parameter list and each of its operations' lists.
pub struct PathParameterLists<'a> {
    pub path_item: ParameterList<'a>,
    pub operations: Vec<ParameterList<'a>>,
}

/// Every path item's and operation's `parameters` list as written (not merged), in document
/// order.
pub fn parameter_lists(doc: &Value) -> Vec<PathParameterLists<'_>> {
    let mut out = Vec::new();
    for (path, item) in path_items(doc) {
        let operations = methods(item)
            .map(|(method, op)| ParameterList {
                path,
                method: Some(method),
                entries: collect_entries(doc, op.field("parameters"), path, Some(method)),
            })
            .collect();
        out.push(PathParameterLists {
            path_item: ParameterList {
                path,
                method: None,
                entries: collect_entries(doc, item.field("parameters"), path, None),
            },
            operations,
        });
    }
    out
}

/// Every parameter object the document defines, each once at its defining node: the shared
/// `#/parameters` entries (used or not), then the inline objects of each path item's and
/// operation's list. References are not definitions and are left out.
pub fn parameter_definitions(doc: &Value) -> Vec<Parameter<'_>> {
    let mut out = Vec::new();
    if let Some(shared) = doc.field("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            if let Some(value) = p.as_object() {
                out.push(Parameter {
                    value,
                    origin: Origin::Shared(key),
                });
            }
        }
    }
    for (path, item) in path_items(doc) {
        push_inline(item.field("parameters"), path, None, &mut out);
        for (method, op) in methods(item) {
            push_inline(op.field("parameters"), path, Some(method), &mut out);
        }
    }
    out
}

fn push_inline<'a>(
    list: Option<&'a Value>,
    path: &'a str,
    method: Option<&'a str>,
    out: &mut Vec<Parameter<'a>>,
) {
    let Some(items) = list.and_then(Value::as_array) else {
        return;
    };
    for (index, item) in items.iter().enumerate() {
        if let Some(value) = item.as_object()
            && !value.has("$ref")
        {
            out.push(Parameter {
                value,
                origin: Origin::Inline {
                    path,
                    method,
                    index,
                },
            });
        }
    }
}

/// Every operation, in document order.
pub fn operations(doc: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    for (path, item) in path_items(doc) {
        for (method, op) in methods(item) {
            out.push(Operation {
                path,
                method,
                op,
                path_item: item,
                params: effective_parameters(doc, path, method, op, item),
            });
        }
    }
    out
}

/// Whether an `x-ms-pageable` value names no next link: an empty object, or a `nextLinkName` of
/// `null` beside at most `itemName` and `operationName` (AutoRest's marking of an operation that
/// returns one page). The platform rejects it; the operation is not paged.
pub fn names_no_next_link(pageable: &Value) -> bool {
    pageable.as_object().is_some_and(|m| {
        m.keys()
            .all(|k| k == "nextLinkName" || k == "itemName" || k == "operationName")
            && matches!(m.field("nextLinkName"), None | Some(Value::Null))
    })
}

/// The paths of the document (extension keys left out), in order.
pub fn paths(doc: &Value) -> impl Iterator<Item = &str> {
    doc.field("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.keys())
        .filter(|k| !k.starts_with("x-"))
        .map(String::as_str)
}

/// The `{name}` template variables of a path, in order.
pub fn template_variables(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// What is wrong with a path's template, if anything: a `{` without its `}` (or the reverse), a
/// `{` inside a variable, a variable that spans a `/`, or an empty variable `{}`. Validators
/// reject such a path (Microsoft's as OperationPathTemplateNotValid).
pub fn template_problem(path: &str) -> Option<&'static str> {
    let mut open: Option<usize> = None;
    for (i, c) in path.char_indices() {
        match (c, open) {
            ('{', Some(_)) => return Some("has a `{` inside a template variable"),
            ('{', None) => open = Some(i),
            ('}', None) => return Some("has a `}` that closes no template variable"),
            ('}', Some(start)) if start + 1 == i => {
                return Some("has an empty template variable `{}`");
            }
            ('}', Some(_)) => open = None,
            ('/', Some(_)) => {
                return Some("has a template variable that spans more than one segment");
            }
            _ => {}
        }
    }
    open.map(|_| "has a `{` that is never closed")
}

/// The path with each brace that is not part of a `{name}` variable within one segment written
/// as it is sent, URL-encoded (`%7B`, `%7D`); `None` when every brace is part of one.
pub fn encode_stray_braces(path: &str) -> Option<String> {
    template_problem(path)?;
    let mut out = String::with_capacity(path.len() + 6);
    let mut rest = path;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // A variable: `{`, a name that holds no brace or `/`, and its `}`.
        let name_len = after.find(['{', '}', '/']).filter(|&n| n > 0);
        match (&rest[i..=i], name_len) {
            ("{", Some(n)) if after[n..].starts_with('}') => {
                out.push_str(&rest[i..i + n + 2]);
                rest = &rest[i + n + 2..];
                continue;
            }
            ("{", _) => out.push_str("%7B"),
            _ => out.push_str("%7D"),
        }
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

/// The path with every template variable replaced by `{}`: two paths with the same skeleton route
/// to the same operation.
pub fn skeleton(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stray_braces_are_encoded_and_variables_kept() {
        let encoded = |p: &str| encode_stray_braces(p);
        assert_eq!(encoded("/items/{id}"), None);
        assert_eq!(encoded("/        }").as_deref(), Some("/        %7D"));
        assert_eq!(encoded("/a/{id}}/b").as_deref(), Some("/a/{id}%7D/b"));
        assert_eq!(encoded("/a/{id/b").as_deref(), Some("/a/%7Bid/b"));
        assert_eq!(encoded("/a/{}/{x}").as_deref(), Some("/a/%7B%7D/{x}"));
        assert_eq!(encoded("/{{id}}").as_deref(), Some("/%7B{id}%7D"));
        assert_eq!(encoded("/{a}{").as_deref(), Some("/{a}%7B"));
        for path in [
            "/        }",
            "/a/{id/b",
            "/a/{}/{x}",
            "/{{id}}",
            "/x/{a}{b}}/{",
        ] {
            let fixed = encoded(path).unwrap();
            assert_eq!(template_problem(&fixed), None, "{path} became {fixed}");
        }
    }

    #[test]
    fn parameters_merge_and_resolve() {
        let doc = json!({
            "parameters": {"Id": {"name": "id", "in": "path", "required": true}},
            "paths": {"/a/{id}": {
                "parameters": [{"$ref": "#/parameters/Id"}, {"name": "q", "in": "query"}],
                "get": {"parameters": [{"name": "q", "in": "query", "type": "integer"}]}
            }}
        });
        let ops = operations(&doc);
        assert_eq!(ops.len(), 1);
        let ptrs: Vec<_> = ops[0].params.iter().map(Parameter::pointer).collect();
        assert_eq!(
            ptrs,
            ["/parameters/Id", "/paths/~1a~1{id}/get/parameters/0"]
        );
    }

    #[test]
    fn lists_keep_their_entries_and_definitions_are_each_listed_once() {
        let doc = json!({
            "parameters": {"Id": {"name": "id", "in": "path", "required": true},
                           "Spare": {"name": "s", "in": "query"}},
            "paths": {"/a/{id}": {
                "parameters": [{"$ref": "#/parameters/Id"}, {"name": "q", "in": "query"}],
                "get": {"parameters": [{"$ref": "#/parameters/Missing"}, {"$ref": "#/parameters/Id"}]},
                "post": {"parameters": [{"name": "b", "in": "body"}]}
            }}
        });
        let lists = parameter_lists(&doc);
        assert_eq!(lists.len(), 1);
        let item = &lists[0].path_item;
        let entries: Vec<_> = item
            .entries
            .iter()
            .map(|(i, p)| (item.entry_pointer(*i), p.pointer()))
            .collect();
        assert_eq!(
            entries,
            [
                (
                    "/paths/~1a~1{id}/parameters/0".to_string(),
                    "/parameters/Id".to_string()
                ),
                (
                    "/paths/~1a~1{id}/parameters/1".to_string(),
                    "/paths/~1a~1{id}/parameters/1".to_string()
                ),
            ]
        );
        let get = &lists[0].operations[0];
        assert_eq!(get.label(), "GET /a/{id}");
        assert_eq!(get.entries.len(), 1);
        assert_eq!(
            get.entry_pointer(get.entries[0].0),
            "/paths/~1a~1{id}/get/parameters/1"
        );
        let defs: Vec<_> = parameter_definitions(&doc)
            .iter()
            .map(Parameter::pointer)
            .collect();
        assert_eq!(
            defs,
            [
                "/parameters/Id",
                "/parameters/Spare",
                "/paths/~1a~1{id}/parameters/1",
                "/paths/~1a~1{id}/post/parameters/0"
            ]
        );
    }

    #[test]
    fn unresolved_parameter_references_are_listed() {
        let doc = json!({
            "parameters": {"Id": {"name": "id", "in": "path", "required": true}},
            "paths": {"/a/{id}": {
                "parameters": [{"$ref": "#/parameters/Gone"}],
                "get": {"parameters": [{"$ref": "#/parameters/Id"}, {"$ref": "#/definitions/Id"}]}
            }}
        });
        let ops = operations(&doc);
        let refs: Vec<_> = ops[0]
            .unresolved_parameter_refs(&doc)
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(refs, ["#/definitions/Id", "#/parameters/Gone"]);
        assert_eq!(ops[0].params.len(), 1);
    }

    #[test]
    fn templates() {
        assert_eq!(template_variables("/a/{x}/b/{y}"), ["x", "y"]);
        assert_eq!(skeleton("/users/{id}/x"), "/users/{}/x");
        assert_eq!(skeleton("/users/{userId}/x"), "/users/{}/x");
    }
}
