//! The passes themselves. Each is idempotent: running it on its own output changes nothing.

use serde_json::{Map, Value, json};
use std::collections::HashSet;

use super::PassOut;
use super::walk::{
    Ptr, for_each_parameter, for_each_schema, join, operation_keys, operation_mut,
    operation_pointer, resolve_ref,
};
use crate::swagger::naming::{id_from_route, pascal, unique};
use crate::swagger::size::{MAX_DEFINITION_BYTES, pretty_len};

crate::declare_pass! {
    /// Pass: creates missing operationIds and makes them alphanumeric PascalCase and unique.
    ///
    /// ## What
    /// A connector pass (run by `fix` and `convert`). An operation without `operationId` gets one
    /// made from its method and path (`GET /users/{id}` → `GetUsersById`); an id with characters
    /// other than letters and digits is rewritten in PascalCase (`get-user_list` → `GetUserList`);
    /// a duplicate gets a number (`GetUsers2`).
    ///
    /// ## Why
    /// Flows call an action by its operationId; the importer requires it, unique and alphanumeric
    /// (`OperationIdSanitized`).
    ///
    /// ## Example
    /// `operationId: list-users` becomes `ListUsers`.
    ///
    /// ## Fix
    /// Nothing to do; switch the pass off with `[passes] fix-operation-ids = false`. Renaming the
    /// id of a published connector breaks the flows that use it: check the diagnostics before
    /// publishing.
    pub static OPERATION_IDS = Pass(operation_ids) {
        code: "CCF601",
        name: "fix-operation-ids",
        microsoft: ["OperationIdSanitized"],
    }
}

crate::declare_pass! {
    /// Pass: creates missing operation summaries; keeps them to 80 characters without / \ < > * % &
    /// ?.
    ///
    /// ## What
    /// A connector pass. An operation without `summary` gets one from its operationId
    /// (`GetUsersById` → `Get users by id`); a summary longer than 80 characters is cut at a word;
    /// the characters `/ \ < > * % & ?` are removed (`&` becomes `and`, slashes become spaces). The
    /// description is kept as it is.
    ///
    /// ## Why
    /// The summary is the action's name in the designer; Microsoft's validator rejects restricted
    /// characters (`RestrictedCharactersInSummary`) and long summaries.
    ///
    /// ## Example
    /// `summary: Create/Update <user>` becomes `Create Update user`.
    ///
    /// ## Fix
    /// Nothing to do; switch the pass off with `[passes] fix-summaries = false`.
    pub static SUMMARIES = Pass(summaries) {
        code: "CCF602",
        name: "fix-summaries",
        microsoft: ["RestrictedCharactersInSummary"],
    }
}

crate::declare_pass! {
    /// Pass: a GET's body becomes query parameters when it is a flat object, else it is removed.
    ///
    /// ## What
    /// A connector pass. A `body` or `formData` parameter on a GET operation is replaced by query
    /// parameters when its schema is a flat object (one query parameter per property, keeping type,
    /// format, enum, description and required), and removed otherwise, with a warning.
    ///
    /// ## Why
    /// The platform rejects a GET with a body
    /// (`BodyOrFormDataParameterInFetchOperationNotAllowed`).
    ///
    /// ## Example
    /// `GET /search` with body `{query: string, limit: integer}` gets query parameters `query` and
    /// `limit`.
    ///
    /// ## Fix
    /// If the API really needs a body, make the operation a POST.
    pub static GET_BODY = Pass(get_body) {
        code: "CCF603",
        name: "fix-get-body",
        microsoft: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
    }
}

crate::declare_pass! {
    /// Pass: merges several body parameters into one; reports body and formData together.
    ///
    /// ## What
    /// A connector pass. An operation with several `in: body` parameters gets one body parameter
    /// named `body` whose schema is an object with one property per former parameter (required when
    /// that parameter was). A body next to formData parameters is reported; it cannot be repaired
    /// without knowing which one the API reads.
    ///
    /// ## Why
    /// Swagger 2.0 allows one body per operation and never body with formData.
    ///
    /// ## Example
    /// Body parameters `user` and `options` become `body: {user, options}`.
    ///
    /// ## Fix
    /// Nothing to do for several bodies; for body plus formData, keep the one the API expects.
    pub static BODY_PARAMETERS = Pass(body_parameters) {
        code: "CCF604",
        name: "fix-body-parameters",
    }
}

crate::declare_pass! {
    /// Pass: path parameters get `required: true` and `x-ms-url-encoding: single`.
    ///
    /// ## What
    /// A connector pass. Every `in: path` parameter is made `required: true` and gets
    /// `x-ms-url-encoding: single` when it has no valid encoding (`single` or `double`).
    ///
    /// ## Why
    /// The importer requires both; without the encoding, values with `/` or spaces are sent
    /// wrongly.
    ///
    /// ## Example
    /// `{name: id, in: path, type: string}` gains `required: true` and `x-ms-url-encoding: single`.
    ///
    /// ## Fix
    /// Nothing to do; use `double` by hand where the API expects double-encoded values.
    pub static PATH_PARAMETERS = Pass(path_parameters) {
        code: "CCF605",
        name: "fix-path-parameters",
    }
}

crate::declare_pass! {
    /// Pass: query parameters lose `x-ms-url-encoding`.
    ///
    /// ## What
    /// A connector pass. `x-ms-url-encoding` is removed from query parameters.
    ///
    /// ## Why
    /// Microsoft's validator allows the extension only on path parameters.
    ///
    /// ## Example
    /// `{name: q, in: query, x-ms-url-encoding: single}` loses the extension.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static QUERY_PARAMETERS = Pass(query_parameters) {
        code: "CCF606",
        name: "fix-query-parameters",
    }
}

crate::declare_pass! {
    /// Pass: parameters without `x-ms-summary` get one in title case from their name.
    ///
    /// ## What
    /// A connector pass. Each non-body parameter without `x-ms-summary` gets one made from its name
    /// in title case (`page_size` → `Page Size`, `userId` → `User Id`).
    ///
    /// ## Why
    /// `x-ms-summary` is the label the designer shows; without it users see the raw name.
    ///
    /// ## Example
    /// `{name: api-version}` gains `x-ms-summary: Api Version`.
    ///
    /// ## Fix
    /// Nothing to do; write better labels by hand where the generated one is poor.
    pub static PARAMETER_SUMMARIES = Pass(parameter_summaries) {
        code: "CCF607",
        name: "fix-parameter-summaries",
    }
}

crate::declare_pass! {
    /// Pass: `collectionFormat: multi` becomes `csv`, with a warning.
    ///
    /// ## What
    /// A connector pass. `collectionFormat: multi` (the parameter repeated once per value) is
    /// replaced by `csv` (one comma-separated value), with a warning.
    ///
    /// ## Why
    /// The platform does not support `multi`.
    ///
    /// ## Example
    /// `?tag=a&tag=b` becomes `?tag=a,b`.
    ///
    /// ## Fix
    /// Check that the API accepts comma-separated values; if not, the operation needs a policy or
    /// custom code.
    pub static COLLECTION_FORMAT = Pass(collection_format) {
        code: "CCF608",
        name: "fix-collection-format",
    }
}

crate::declare_pass! {
    /// Pass: the `default` response loses its schema (moved to 200 when no 2xx exists); every
    /// operation gets a 2xx response.
    ///
    /// ## What
    /// A connector pass. When the `default` response has a schema and the operation has no 2xx
    /// response, the schema moves to a new `200` response; when a 2xx exists, the `default` schema
    /// is dropped with a diagnostic. An operation with no 2xx response at all gets `200: OK`.
    ///
    /// ## Why
    /// The `default` response must not have a schema, and each operation needs a success response,
    /// or the designer shows no outputs.
    ///
    /// ## Example
    /// `responses: {default: {schema: User}}` becomes `{200: {schema: User}, default: {...}}`.
    ///
    /// ## Fix
    /// Nothing to do; give the real success code by hand when it is not 200.
    pub static RESPONSES = Pass(responses) {
        code: "CCF609",
        name: "fix-responses",
    }
}

crate::declare_pass! {
    /// Pass: removes empty `required` lists; gives arrays without `items` an `items`.
    ///
    /// ## What
    /// A connector pass. `required: []` is removed from schemas; an array schema without `items`
    /// gets `items: {}` (a parameter array gets `items: {type: string}`), with a warning.
    ///
    /// ## Why
    /// Microsoft's validator rejects both.
    ///
    /// ## Example
    /// `{type: array}` becomes `{type: array, items: {}}`.
    ///
    /// ## Fix
    /// Describe the items' real type by hand.
    pub static SCHEMAS = Pass(schemas) {
        code: "CCF610",
        name: "fix-schemas",
    }
}

crate::declare_pass! {
    /// Pass: over 1 MB, moves repeated inline schemas to definitions, then drops examples.
    ///
    /// ## What
    /// A connector pass that runs only when the definition is over the 1 MB import limit. It first
    /// moves inline schemas that occur more than once to `definitions` and references them, then
    /// removes `example` values, and reports the size when it is still too large.
    ///
    /// ## Why
    /// The importer rejects definitions of 1 MB or more.
    ///
    /// ## Example
    /// A 1.3 MB definition whose response schemas repeat an `Address` object shrinks under the
    /// limit.
    ///
    /// ## Fix
    /// When still too large, split the connector into several.
    pub static SIZE = Pass(size) {
        code: "CCF611",
        name: "fix-size",
    }
}

/// Every pass, in the order they run.
pub static ALL: &[&super::Pass] = &[
    &OPERATION_IDS,
    &SUMMARIES,
    &GET_BODY,
    &BODY_PARAMETERS,
    &PATH_PARAMETERS,
    &QUERY_PARAMETERS,
    &PARAMETER_SUMMARIES,
    &COLLECTION_FORMAT,
    &RESPONSES,
    &SCHEMAS,
    &SIZE,
];

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn operation_ids(doc: &mut Value, out: &mut PassOut) {
    let keys = operation_keys(doc);
    let mut taken = HashSet::new();
    let mut redo = Vec::new();
    for (path, method) in &keys {
        let id = doc["paths"][path][method]
            .get("operationId")
            .and_then(Value::as_str);
        match id {
            Some(id) if is_ident(id) && taken.insert(id.to_ascii_lowercase()) => {}
            _ => redo.push((path, method)),
        }
    }
    for (path, method) in redo {
        let op = operation_mut(doc, path, method).expect("listed operation");
        let at = join(&operation_pointer(path, method), "operationId");
        let old = op
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_string);
        let base = old
            .as_deref()
            .map(pascal)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| id_from_route(method, path));
        let new = unique(&base, &mut taken);
        match op.get_mut("operationId") {
            Some(v) => *v = Value::String(new.clone()),
            None => prepend(op, "operationId", Value::String(new.clone())),
        }
        match old {
            None => out.note(at, format!("added operationId `{new}`")),
            Some(old) if is_ident(&old) => out.note(
                at,
                format!("operationId `{old}` is used by another operation; renamed to `{new}`"),
            ),
            Some(old) => out.note(
                at,
                format!("operationId `{old}` is not alphanumeric; renamed to `{new}` (flows that use the old id need updating)"),
            ),
        }
    }
}

/// Splits PascalCase or camelCase into lower-case words: `GetUsersById` → `Get users by id`.
fn words_of_id(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary && !out.ends_with(' ') {
            out.push(' ');
        }
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if boundary && chars.get(i + 1).is_some_and(|n| n.is_lowercase()) {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

const SUMMARY_MAX: usize = 80;

/// A summary without restricted characters, at most 80 characters, cut at a word.
pub fn clean_summary(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '/' | '\\' => t.push(' '),
            '&' => t.push_str(" and "),
            '<' | '>' | '*' | '%' | '?' => {}
            c if c.is_whitespace() || c.is_control() => t.push(' '),
            c => t.push(c),
        }
    }
    let mut words = String::new();
    for w in t.split(' ').filter(|w| !w.is_empty()) {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(w);
    }
    if words.chars().count() <= SUMMARY_MAX {
        return words;
    }
    let mut cut = String::new();
    for w in words.split(' ') {
        let extra = usize::from(!cut.is_empty()) + w.chars().count();
        if cut.chars().count() + extra > SUMMARY_MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    if cut.is_empty() {
        cut = words.chars().take(SUMMARY_MAX).collect();
    }
    cut
}

pub fn summaries(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        let op = operation_mut(doc, &path, &method).expect("listed operation");
        let at = join(&operation_pointer(&path, &method), "summary");
        let current = op.get("summary").and_then(Value::as_str);
        let cleaned = current.map(clean_summary).filter(|s| !s.is_empty());
        match (current, cleaned) {
            (Some(old), Some(new)) if old == new => {}
            (Some(old), Some(new)) => {
                out.note(
                    &at,
                    format!("summary `{old}` rewritten as `{new}` (at most 80 characters, none of / \\ < > * % & ?)"),
                );
                op.insert("summary".into(), Value::String(new));
            }
            (old, _) => {
                let from = op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| id_from_route(&method, &path));
                let new = clean_summary(&words_of_id(&from));
                if new.is_empty() {
                    continue;
                }
                out.note(
                    &at,
                    match old {
                        Some(_) => format!("summary had no usable text; set to `{new}`"),
                        None => format!("added summary `{new}`"),
                    },
                );
                match op.get_mut("summary") {
                    Some(v) => *v = Value::String(new),
                    None => insert_after(op, "operationId", "summary", Value::String(new)),
                }
            }
        }
    }
}

/// Title case words from a parameter name: `page_size` → `Page Size`, `userId` → `User Id`.
pub fn title_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        for w in words_of_id(part).split(' ') {
            let mut chars = w.chars();
            if let Some(f) = chars.next() {
                words.push(f.to_uppercase().chain(chars).collect());
            }
        }
    }
    words.join(" ")
}

fn location(p: &Map<String, Value>) -> &str {
    p.get("in").and_then(Value::as_str).unwrap_or_default()
}

pub fn path_parameters(doc: &mut Value, out: &mut PassOut) {
    for_each_parameter(doc, |p, at| {
        if location(p) != "path" {
            return;
        }
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if p.get("required") != Some(&Value::Bool(true)) {
            p.insert("required".into(), Value::Bool(true));
            out.note(
                &at.key("required"),
                format!("path parameter `{name}` made required"),
            );
        }
        let enc = p.get("x-ms-url-encoding").and_then(Value::as_str);
        if !matches!(enc, Some("single" | "double")) {
            p.insert("x-ms-url-encoding".into(), Value::String("single".into()));
            out.note(
                &at.key("x-ms-url-encoding"),
                format!("path parameter `{name}` given `x-ms-url-encoding: single`"),
            );
        }
    });
}

pub fn query_parameters(doc: &mut Value, out: &mut PassOut) {
    for_each_parameter(doc, |p, at| {
        if location(p) == "query" && p.remove("x-ms-url-encoding").is_some() {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            out.note(
                at,
                format!("removed `x-ms-url-encoding` from query parameter `{name}` (allowed on path parameters only)"),
            );
        }
    });
}

pub fn parameter_summaries(doc: &mut Value, out: &mut PassOut) {
    for_each_parameter(doc, |p, at| {
        if location(p) == "body" || p.contains_key("x-ms-summary") {
            return;
        }
        let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
        let label = title_case(name);
        if label.is_empty() {
            return;
        }
        out.note(
            at,
            format!("parameter `{name}` given `x-ms-summary: {label}`"),
        );
        p.insert("x-ms-summary".into(), Value::String(label));
    });
}

pub fn collection_format(doc: &mut Value, out: &mut PassOut) {
    fn fix(m: &mut Map<String, Value>, at: &Ptr, name: &str, out: &mut PassOut) {
        if m.get("collectionFormat").and_then(Value::as_str) == Some("multi") {
            m.insert("collectionFormat".into(), Value::String("csv".into()));
            out.warn(
                &at.key("collectionFormat"),
                format!("`collectionFormat: multi` on `{name}` is not supported by the platform; changed to `csv` (check that the API accepts comma-separated values)"),
            );
        }
        if let Some(items) = m.get_mut("items").and_then(Value::as_object_mut) {
            fix(items, &at.key("items"), name, out);
        }
    }
    for_each_parameter(doc, |p, at| {
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        fix(p, at, &name, out);
    });
}

/// Whether a schema is an object whose properties are all primitives (or arrays of them), so it
/// can become query parameters.
fn flat_properties<'a>(doc: &'a Value, schema: &'a Value) -> Option<&'a Map<String, Value>> {
    let schema = resolve_ref(doc, schema);
    let props = schema.get("properties")?.as_object()?;
    let primitive = |v: &Value| {
        matches!(
            v.get("type").and_then(Value::as_str),
            Some("string" | "integer" | "number" | "boolean")
        )
    };
    props
        .values()
        .map(|v| resolve_ref(doc, v))
        .all(|v| {
            primitive(v)
                || (v.get("type").and_then(Value::as_str) == Some("array")
                    && v.get("items")
                        .is_some_and(|i| primitive(resolve_ref(doc, i))))
        })
        .then_some(props)
}

fn query_from_property(
    doc: &Value,
    name: &str,
    schema: &Value,
    required: bool,
) -> Map<String, Value> {
    let schema = resolve_ref(doc, schema);
    let mut q = Map::new();
    q.insert("name".into(), json!(name));
    q.insert("in".into(), json!("query"));
    q.insert("required".into(), json!(required));
    for key in [
        "type",
        "format",
        "enum",
        "default",
        "description",
        "x-ms-summary",
        "x-ms-visibility",
        "minimum",
        "maximum",
        "maxLength",
        "minLength",
        "pattern",
    ] {
        if let Some(v) = schema.get(key) {
            q.insert(key.into(), v.clone());
        }
    }
    if let Some(items) = schema.get("items") {
        let items = resolve_ref(doc, items);
        let mut i = Map::new();
        for key in ["type", "format", "enum"] {
            if let Some(v) = items.get(key) {
                i.insert(key.into(), v.clone());
            }
        }
        q.insert("items".into(), Value::Object(i));
        q.insert("collectionFormat".into(), json!("csv"));
    }
    q
}

pub fn get_body(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        if method != "get" {
            continue;
        }
        let Some(list) = doc["paths"][&path][&method]
            .get("parameters")
            .and_then(Value::as_array)
        else {
            continue;
        };
        let op_at = operation_pointer(&path, &method);
        let mut new_list: Vec<Value> = Vec::with_capacity(list.len());
        let mut changed = false;
        let existing: HashSet<String> = list
            .iter()
            .map(|p| resolve_ref(doc, p))
            .filter(|p| p.get("in").and_then(Value::as_str) == Some("query"))
            .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        for (i, raw) in list.iter().enumerate() {
            let p = resolve_ref(doc, raw);
            let at = format!("{op_at}/parameters/{i}");
            let name = p.get("name").and_then(Value::as_str).unwrap_or("body");
            match p.get("in").and_then(Value::as_str) {
                Some("body") => {
                    changed = true;
                    let props = p.get("schema").and_then(|s| flat_properties(doc, s));
                    match props {
                        Some(props) => {
                            let schema = resolve_ref(doc, &p["schema"]);
                            let required: HashSet<&str> = schema
                                .get("required")
                                .and_then(Value::as_array)
                                .into_iter()
                                .flatten()
                                .filter_map(Value::as_str)
                                .collect();
                            let mut moved = Vec::new();
                            for (prop, s) in props {
                                if existing.contains(prop) {
                                    out.warn(&at, format!("GET body property `{prop}` dropped: a query parameter of that name already exists"));
                                    continue;
                                }
                                new_list.push(Value::Object(query_from_property(
                                    doc,
                                    prop,
                                    s,
                                    required.contains(prop.as_str()),
                                )));
                                moved.push(format!("`{prop}`"));
                            }
                            out.note(&at, format!("a GET cannot have a body; body parameter `{name}` became query parameters {}", moved.join(", ")));
                        }
                        None => out.warn(&at, format!("a GET cannot have a body; body parameter `{name}` removed (its schema is not a flat object, so it cannot become query parameters)")),
                    }
                }
                Some("formData") => {
                    changed = true;
                    if p.get("type").and_then(Value::as_str) == Some("file")
                        || existing.contains(name)
                    {
                        out.warn(
                            &at,
                            format!(
                                "a GET cannot have form data; formData parameter `{name}` removed"
                            ),
                        );
                    } else {
                        let mut q = p.as_object().cloned().unwrap_or_default();
                        q.insert("in".into(), json!("query"));
                        if q.get("collectionFormat").and_then(Value::as_str) == Some("multi") {
                            q.insert("collectionFormat".into(), json!("csv"));
                        }
                        new_list.push(Value::Object(q));
                        out.note(&at, format!("a GET cannot have form data; formData parameter `{name}` became a query parameter"));
                    }
                }
                _ => new_list.push(raw.clone()),
            }
        }
        if changed {
            let op = operation_mut(doc, &path, &method).expect("listed operation");
            if new_list.is_empty() {
                op.remove("parameters");
            } else {
                op.insert("parameters".into(), Value::Array(new_list));
            }
        }
    }
}

pub fn body_parameters(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        let Some(list) = doc["paths"][&path][&method]
            .get("parameters")
            .and_then(Value::as_array)
        else {
            continue;
        };
        let op_at = operation_pointer(&path, &method);
        let in_of = |v: &Value| {
            resolve_ref(doc, v)
                .get("in")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let bodies: Vec<usize> = (0..list.len())
            .filter(|&i| in_of(&list[i]).as_deref() == Some("body"))
            .collect();
        let form = list
            .iter()
            .position(|p| in_of(p).as_deref() == Some("formData"));
        if let (Some(&b), Some(_)) = (bodies.first(), form) {
            out.warn(
                format!("{op_at}/parameters/{b}"),
                "an operation cannot have both a body and formData parameters; keep the one the API reads",
            );
        }
        if bodies.len() < 2 {
            continue;
        }
        let mut props = Map::new();
        let mut required = Vec::new();
        let mut names = Vec::new();
        for &i in &bodies {
            let p = resolve_ref(doc, &list[i]);
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("body")
                .to_string();
            let mut schema = p.get("schema").cloned().unwrap_or_else(|| json!({}));
            if let (Some(d), Some(s)) = (p.get("description"), schema.as_object_mut())
                && !s.contains_key("description")
                && !s.contains_key("$ref")
            {
                s.insert("description".into(), d.clone());
            }
            if p.get("required") == Some(&Value::Bool(true)) {
                required.push(json!(name));
            }
            names.push(format!("`{name}`"));
            props.insert(name, schema);
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required.clone()));
        }
        let merged = json!({
            "name": "body",
            "in": "body",
            "required": !required.is_empty(),
            "schema": Value::Object(schema),
        });
        let first = bodies[0];
        let mut new_list = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            if i == first {
                new_list.push(merged.clone());
            } else if !bodies.contains(&i) {
                new_list.push(p.clone());
            }
        }
        out.note(
            format!("{op_at}/parameters/{first}"),
            format!(
                "body parameters {} merged into one `body` parameter (one body per operation)",
                names.join(", ")
            ),
        );
        let op = operation_mut(doc, &path, &method).expect("listed operation");
        op.insert("parameters".into(), Value::Array(new_list));
    }
}

pub fn responses(doc: &mut Value, out: &mut PassOut) {
    for (path, method) in operation_keys(doc) {
        let op_at = operation_pointer(&path, &method);
        let op = operation_mut(doc, &path, &method).expect("listed operation");
        let responses = op
            .entry("responses")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(responses) = responses.as_object_mut() else {
            continue;
        };
        let at = join(&op_at, "responses");
        let has_2xx = responses.keys().any(|k| k.starts_with('2'));
        let default_schema = responses
            .get_mut("default")
            .and_then(Value::as_object_mut)
            .filter(|d| !d.contains_key("$ref"))
            .and_then(|d| d.remove("schema"));
        if let Some(schema) = default_schema {
            if has_2xx {
                out.warn(
                    join(&join(&at, "default"), "schema"),
                    "the `default` response cannot have a schema; removed (the operation has a 2xx response that describes success)",
                );
            } else {
                let description = responses["default"]
                    .get("description")
                    .cloned()
                    .unwrap_or_else(|| json!("OK"));
                let mut ok = Map::new();
                ok.insert("description".into(), description);
                ok.insert("schema".into(), schema);
                prepend(responses, "200", Value::Object(ok));
                out.note(
                    join(&at, "200"),
                    "the `default` response's schema moved to a new `200` response (`default` cannot have a schema)",
                );
            }
            continue;
        }
        if !has_2xx {
            prepend(responses, "200", json!({"description": "OK"}));
            out.note(
                join(&at, "200"),
                "added a `200` response: every operation needs a success response",
            );
        }
    }
}

/// Inserts `key` right after `after` (or first when `after` is absent).
fn insert_after(m: &mut Map<String, Value>, after: &str, key: &str, value: Value) {
    let rest = std::mem::take(m);
    let mut placed = !rest.contains_key(after);
    if placed {
        m.insert(key.into(), value.clone());
    }
    for (k, v) in rest {
        let here = k == after;
        m.insert(k, v);
        if here && !placed {
            m.insert(key.into(), value.clone());
            placed = true;
        }
    }
}

fn prepend(m: &mut Map<String, Value>, key: &str, value: Value) {
    let rest = std::mem::take(m);
    m.insert(key.into(), value);
    m.extend(rest);
}

pub fn schemas(doc: &mut Value, out: &mut PassOut) {
    for_each_schema(doc, &mut |s, at| {
        if s.get("required")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            s.remove("required");
            out.note(&at.key("required"), "removed an empty `required` list");
        }
        if s.get("type").and_then(Value::as_str) == Some("array") && !s.contains_key("items") {
            s.insert("items".into(), json!({}));
            out.warn(
                at,
                "an array schema had no `items`; added `items: {}` (describe the items' type)",
            );
        }
    });
    for_each_parameter(doc, |p, at| {
        if location(p) != "body"
            && p.get("type").and_then(Value::as_str) == Some("array")
            && !p.contains_key("items")
        {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            out.warn(
                at,
                format!("array parameter `{name}` had no `items`; added `items: {{type: string}}`"),
            );
            p.insert("items".into(), json!({"type": "string"}));
        }
    });
}

pub fn size(doc: &mut Value, out: &mut PassOut) {
    let before = pretty_len(doc);
    if before <= MAX_DEFINITION_BYTES {
        return;
    }
    let hoisted = super::hoist::hoist_repeated(doc, 2, 200);
    for (name, count) in &hoisted {
        out.note(
            join("/definitions", name),
            format!("moved a schema repeated {count} times to `definitions/{name}` to save space"),
        );
    }
    let mut now = if hoisted.is_empty() {
        before
    } else {
        pretty_len(doc)
    };
    if now > MAX_DEFINITION_BYTES {
        let mut dropped = 0;
        for_each_schema(doc, &mut |s, _| {
            if s.remove("example").is_some() {
                dropped += 1;
            }
        });
        for_each_parameter(doc, |p, _| {
            if p.remove("x-example").is_some() {
                dropped += 1;
            }
        });
        for (path, method) in operation_keys(doc) {
            if let Some(responses) = operation_mut(doc, &path, &method)
                .and_then(|op| op.get_mut("responses"))
                .and_then(Value::as_object_mut)
            {
                for r in responses.values_mut() {
                    if let Some(r) = r.as_object_mut()
                        && r.remove("examples").is_some()
                    {
                        dropped += 1;
                    }
                }
            }
        }
        if dropped > 0 {
            out.warn(
                "",
                format!("removed {dropped} examples to get under the 1 MB import limit"),
            );
            now = pretty_len(doc);
        }
    }
    if now > MAX_DEFINITION_BYTES {
        out.warn(
            "",
            format!("the definition is still {now} bytes after shrinking (from {before}); the import limit is {MAX_DEFINITION_BYTES}: split it into several connectors"),
        );
    } else {
        out.note(
            "",
            format!(
                "the definition went from {before} to {now} bytes, under the 1 MB import limit"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_len_is_the_written_length() {
        let docs = [
            json!(null),
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[], {}, [1, -2, 3.5, 1e300, -0.0, 12345678901234567890u64]]}),
            json!({"s": "quote \" backslash \\ newline \n tab \t cr \r bell \u{7} nul \u{0} del \u{7f}",
                   "unicode": "é – 😀", "nested": {"deep": {"deeper": [true, false, null, "x"]}}}),
        ];
        for doc in docs {
            let written = serde_json::to_string_pretty(&doc).unwrap().len() + 1;
            assert_eq!(pretty_len(&doc), written, "{doc}");
        }
        // Every JSON fixture, as another sample of real documents.
        let mut checked = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|e| e == "json")
                    && let Ok(doc) =
                        serde_json::from_str::<Value>(&std::fs::read_to_string(&p).unwrap())
                {
                    let written = serde_json::to_string_pretty(&doc).unwrap().len() + 1;
                    assert_eq!(pretty_len(&doc), written, "{}", p.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} JSON fixtures were found");
    }

    #[test]
    fn names() {
        assert_eq!(pascal("get-user_list"), "GetUserList");
        assert_eq!(pascal("listUsers"), "ListUsers");
        assert_eq!(
            id_from_route("get", "/users/{id}/orders"),
            "GetUsersByIdOrders"
        );
        assert_eq!(id_from_route("post", "/"), "PostRoot");
        assert_eq!(words_of_id("GetUsersById"), "Get users by id");
        assert_eq!(words_of_id("GetHTTPStatus"), "Get HTTP status");
        assert_eq!(title_case("page_size"), "Page Size");
        assert_eq!(title_case("userId"), "User Id");
        assert_eq!(title_case("$filter"), "Filter");
        assert_eq!(title_case("api-version"), "Api Version");
    }

    #[test]
    fn summaries_are_cleaned_and_cut() {
        assert_eq!(
            clean_summary("Create/Update <user> & more?"),
            "Create Update user and more"
        );
        let long = "word ".repeat(30);
        let s = clean_summary(&long);
        assert!(s.len() <= 80 && s.ends_with("word"), "{s}");
        assert_eq!(clean_summary(&"x".repeat(100)).len(), 80);
    }

    #[test]
    fn unique_numbers_duplicates() {
        let mut taken = HashSet::new();
        assert_eq!(unique("Get", &mut taken), "Get");
        assert_eq!(unique("get", &mut taken), "get2");
        assert_eq!(unique("Get", &mut taken), "Get3");
    }
}
