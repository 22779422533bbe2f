//! One model for Postman collections v1, v2.0 and v2.1, read leniently: a malformed item is
//! reported by the caller and skipped, never a panic.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::diagnostic::escape_token;
use crate::source::json::Unread;

/// The members of a v2 collection this model never reads: the request each saved response
/// repeats (`originalRequest`, often a fifth of an export), a saved response's cookies, and the
/// scripts of folders and requests (`event`).
const UNREAD: &[Unread] = &[
    Unread {
        list: "response",
        member: "originalRequest",
    },
    Unread {
        list: "response",
        member: "cookie",
    },
    Unread {
        list: "item",
        member: "event",
    },
];

/// What a loader may leave out of a file's tree before it knows the file's format: [`UNREAD`]
/// when the text declares a v2 collection near its start (a `"schema"` member whose value is
/// the collection schema's URL; a mere mention of the URL is not enough), else nothing.
pub fn unread(text: &str) -> &'static [Unread] {
    let head = &text.as_bytes()[..text.len().min(64 * 1024)];
    let declared = memchr::memmem::find_iter(head, b"://schema.getpostman.com/json/collection/v2")
        .any(|at| {
            let before = &head[..at];
            let Some(before) = before
                .strip_suffix(b"\"https")
                .or_else(|| before.strip_suffix(b"\"http"))
            else {
                return false;
            };
            before
                .trim_ascii_end()
                .strip_suffix(b":")
                .is_some_and(|b| b.trim_ascii_end().ends_with(b"\"schema\""))
        });
    if declared { UNREAD } else { &[] }
}

/// A key/value entry: a query parameter, header, form field or variable.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub description: String,
    pub disabled: bool,
    /// Form-data files.
    pub is_file: bool,
    /// A form-data file field that names several files (`src: ["a.png", "b.png"]`).
    pub several_files: bool,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub enum Body {
    Raw {
        text: String,
        language: Option<String>,
    },
    UrlEncoded(Vec<Entry>),
    FormData(Vec<Entry>),
    GraphQl {
        query: String,
        variables: Option<String>,
    },
    Binary,
}

/// An auth block: its type and its fields.
#[derive(Debug, Clone)]
pub struct Auth {
    pub kind: String,
    pub fields: Vec<(String, Value)>,
    pub pointer: String,
}

impl Auth {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct SavedResponse {
    pub code: Option<u16>,
    pub status: String,
    pub name: String,
    pub body: Option<String>,
    /// The value of its first `Content-Type` header (the one header a conversion reads).
    pub content_type: Option<String>,
    pub pointer: String,
}

/// The URL as written: the raw text, plus the structured query and path variables when given.
#[derive(Debug, Clone, Default)]
pub struct Url {
    pub raw: String,
    /// Query parameters, when the collection lists them (with disabled flags and descriptions).
    pub query: Option<Vec<Entry>>,
    pub variables: Vec<Entry>,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub name: String,
    pub description: String,
    /// Folder names from the outside in.
    pub folders: Vec<String>,
    pub method: String,
    pub url: Url,
    pub headers: Vec<Entry>,
    pub body: Option<Body>,
    pub body_pointer: String,
    /// The effective auth after inheritance (None: no auth; Some("noauth") counts as none).
    pub auth: Option<Auth>,
    pub responses: Vec<SavedResponse>,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct Folder {
    pub name: String,
    pub description: String,
}

/// A skipped item and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub pointer: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Collection {
    pub name: String,
    pub description: String,
    pub variables: Vec<Entry>,
    pub auth: Option<Auth>,
    pub requests: Vec<Request>,
    pub folders: Vec<Folder>,
    pub skipped: Vec<Skipped>,
}

fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A description: a string or `{content: ...}`.
fn description(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Object(m)) => s(m.field("content")).trim().to_string(),
        _ => String::new(),
    }
}

fn ptr(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

/// A list of `{key, value, disabled|enabled, description, type}` entries.
fn entries(v: Option<&Value>, at: &str) -> Vec<Entry> {
    let Some(Value::Array(list)) = v else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let m = e.as_object()?;
            // A v2.0 variable may be named by its `id` alone.
            let key = s(m
                .field("key")
                .or_else(|| m.field("name"))
                .or_else(|| m.field("id")));
            let disabled = m.field("disabled") == Some(&Value::Bool(true))
                || m.field("enabled") == Some(&Value::Bool(false));
            Some(Entry {
                value: s(m.field("value")),
                description: description(m.field("description")),
                disabled,
                is_file: m.field("type").and_then(Value::as_str) == Some("file"),
                several_files: m
                    .field("src")
                    .and_then(Value::as_array)
                    .is_some_and(|files| files.len() > 1),
                pointer: format!("{at}/{i}"),
                key,
            })
        })
        .collect()
}

/// The auth block of v2.x (fields as a list in v2.1, as an object in v2.0) or v1.
fn auth(v: Option<&Value>, at: &str) -> Option<Auth> {
    let m = v?.as_object()?;
    let kind = m.field("type")?.as_str()?.to_string();
    if kind == "inherit" {
        // Postman's explicit "inherit auth from parent": as if there were no block.
        return None;
    }
    let mut fields = Vec::new();
    match m.get(&kind) {
        Some(Value::Array(list)) => {
            for f in list {
                if let (Some(k), Some(v)) =
                    (f.field("key").and_then(Value::as_str), f.field("value"))
                {
                    fields.push((k.to_string(), v.clone()));
                }
            }
        }
        Some(Value::Object(o)) => {
            for (k, v) in o {
                fields.push((k.clone(), v.clone()));
            }
        }
        _ => {}
    }
    Some(Auth {
        kind,
        fields,
        pointer: at.to_string(),
    })
}

/// Unwraps `{"collection": ...}`; returns the collection and its pointer prefix.
pub fn unwrap(doc: &Value) -> (&Value, &'static str) {
    match doc.field("collection") {
        Some(c) if c.is_object() => (c, "/collection"),
        _ => (doc, ""),
    }
}

/// Reads the collection. The saved responses and request bodies, most of a large collection's
/// text, are moved out of `doc` rather than copied.
pub fn read(doc: &mut Value) -> Collection {
    let base = unwrap(doc).1;
    let c = if base.is_empty() {
        doc
    } else {
        &mut doc["collection"]
    };
    if c.field("info").is_some() || c.field("item").is_some() {
        read_v2(c, base)
    } else {
        read_v1(c, base)
    }
}

/// A string value moved out (a number or boolean as text, like [`s`]).
fn owned(v: Option<Value>) -> String {
    match v {
        Some(Value::String(s)) => s,
        other => s(other.as_ref()),
    }
}

// ----- v2.0 / v2.1 -----

fn read_v2(c: &mut Value, base: &str) -> Collection {
    let mut col = Collection {
        name: s(c.pointer("/info/name")),
        description: description(c.pointer("/info/description")),
        variables: entries(c.field("variable"), &ptr(base, "variable")),
        auth: auth(c.field("auth"), &ptr(base, "auth")),
        ..Default::default()
    };
    let inherited = col.auth.clone();
    if let Some(Value::Array(items)) = c.field_mut("item") {
        // The top-level items (an API's areas, as a rule) are read in parallel and their
        // requests, folders and skipped items gathered in the collection's order.
        use rayon::prelude::*;
        let at = ptr(base, "item");
        let parts: Vec<Collection> = items
            .par_iter_mut()
            .enumerate()
            .map(|(i, item)| {
                let mut part = Collection::default();
                walk_item(
                    item,
                    format!("{at}/{i}"),
                    &[],
                    inherited.as_ref(),
                    &mut part,
                );
                part
            })
            .collect();
        for part in parts {
            col.requests.extend(part.requests);
            col.folders.extend(part.folders);
            col.skipped.extend(part.skipped);
        }
    }
    col
}

fn walk_v2(
    items: &mut [Value],
    at: &str,
    folders: &[String],
    auth_in: Option<&Auth>,
    col: &mut Collection,
) {
    for (i, item) in items.iter_mut().enumerate() {
        walk_item(item, format!("{at}/{i}"), folders, auth_in, col);
    }
}

/// One item of v2.x at `here`: a folder (walked) or a request.
fn walk_item(
    item: &mut Value,
    here: String,
    folders: &[String],
    auth_in: Option<&Auth>,
    col: &mut Collection,
) {
    let Some(m) = item.as_object_mut() else {
        col.skipped.push(Skipped {
            pointer: here,
            reason: "the item is not an object".into(),
        });
        return;
    };
    let own_auth = auth(m.field("auth"), &ptr(&here, "auth"));
    let effective = own_auth.as_ref().or(auth_in);
    if let Some(Value::Array(_)) = m.field("item") {
        let name = s(m.field("name"));
        if m.field("request").is_some() {
            // Postman runs a folder's items, never a request written beside them.
            col.skipped.push(Skipped {
                pointer: ptr(&here, "request"),
                reason: format!(
                    "folder `{name}` also has a `request`, which Postman never sends; move it \
                     into the folder's `item` list to convert it"
                ),
            });
        }
        col.folders.push(Folder {
            name: name.clone(),
            description: description(m.field("description")),
        });
        let mut path = folders.to_vec();
        path.push(name);
        if let Some(Value::Array(children)) = m.field_mut("item") {
            walk_v2(children, &ptr(&here, "item"), &path, effective, col);
        }
        return;
    }
    let responses = m.field_mut("response").map(Value::take);
    let body = m
        .field_mut("request")
        .and_then(|r| r.field_mut("body"))
        .map(Value::take);
    let Some(req) = m.field("request") else {
        col.skipped.push(Skipped {
            pointer: here,
            reason: "the item has neither `request` nor `item`".into(),
        });
        return;
    };
    let taken = Taken { body, responses };
    match request_v2(m, req, taken, &here, folders, effective) {
        Ok(r) => col.requests.push(r),
        Err(reason) => col.skipped.push(Skipped {
            pointer: ptr(&here, "request"),
            reason,
        }),
    }
}

fn url_v2(v: Option<&Value>, at: &str) -> Url {
    match v {
        Some(Value::String(raw)) => Url {
            raw: raw.clone(),
            pointer: at.to_string(),
            ..Default::default()
        },
        Some(Value::Object(m)) => {
            let raw = match m.field("raw").and_then(Value::as_str) {
                Some(r) if !r.is_empty() => r.to_string(),
                _ => rebuild_raw(m),
            };
            Url {
                raw,
                query: m
                    .field("query")
                    .map(|q| entries(Some(q), &ptr(at, "query"))),
                variables: entries(m.field("variable"), &ptr(at, "variable")),
                pointer: at.to_string(),
            }
        }
        _ => Url {
            pointer: at.to_string(),
            ..Default::default()
        },
    }
}

/// A raw URL from the parts of a URL object that has no `raw`.
fn rebuild_raw(m: &Map<String, Value>) -> String {
    let join = |v: Option<&Value>, sep: &str| match v {
        Some(Value::Array(a)) => a.iter().map(|x| s(Some(x))).collect::<Vec<_>>().join(sep),
        other => s(other),
    };
    let mut raw = String::new();
    let protocol = s(m.field("protocol"));
    if !protocol.is_empty() {
        raw.push_str(&protocol);
        raw.push_str("://");
    }
    raw.push_str(&join(m.field("host"), "."));
    let port = s(m.field("port"));
    if !port.is_empty() {
        raw.push(':');
        raw.push_str(&port);
    }
    let path = join(m.field("path"), "/");
    if !path.is_empty() {
        if !path.starts_with('/') {
            raw.push('/');
        }
        raw.push_str(&path);
    }
    raw
}

/// What was moved out of a v2.x request item: the request's body and the saved responses.
struct Taken {
    body: Option<Value>,
    responses: Option<Value>,
}

/// The headers of a v2.x request or saved response. The format names them `header`; some
/// exporters write `headers` (the v1 name), which is read the same way rather than lost.
fn headers_v2(m: &Map<String, Value>, at: &str) -> Vec<Entry> {
    let (key, value) = match m.field("header") {
        Some(v) => ("header", Some(v)),
        None => ("headers", m.field("headers")),
    };
    match value {
        Some(Value::String(h)) => header_lines(h, &ptr(at, key)),
        other => entries(other, &ptr(at, key)),
    }
}

fn request_v2(
    item: &Map<String, Value>,
    req: &Value,
    taken: Taken,
    at: &str,
    folders: &[String],
    auth_in: Option<&Auth>,
) -> Result<Request, String> {
    let rat = ptr(at, "request");
    // A request may be just a URL string.
    let (method, url, headers, body, own_auth, desc) = match req {
        Value::String(u) => (
            "GET".to_string(),
            url_v2(Some(&Value::String(u.clone())), &rat),
            Vec::new(),
            None,
            None,
            String::new(),
        ),
        Value::Object(r) => {
            let headers = headers_v2(r, &rat);
            (
                s(r.field("method")).to_ascii_uppercase(),
                url_v2(r.field("url"), &ptr(&rat, "url")),
                headers,
                body_v2(taken.body, &ptr(&rat, "body")),
                auth(r.field("auth"), &ptr(&rat, "auth")),
                description(r.field("description")),
            )
        }
        _ => return Err("`request` is neither an object nor a URL".into()),
    };
    let method = if method.is_empty() {
        "GET".into()
    } else {
        method
    };
    let description = if desc.is_empty() {
        description(item.field("description"))
    } else {
        desc
    };
    let mut responses = Vec::new();
    if let Some(Value::Array(list)) = taken.responses {
        for (i, r) in list.into_iter().enumerate() {
            let rp = format!("{}/{i}", ptr(at, "response"));
            let Value::Object(mut m) = r else { continue };
            responses.push(SavedResponse {
                code: m
                    .field("code")
                    .and_then(Value::as_u64)
                    .and_then(|c| u16::try_from(c).ok()),
                status: s(m.field("status")),
                name: s(m.field("name")),
                body: match m.remove("body") {
                    Some(Value::String(b)) => Some(b),
                    _ => None,
                },
                content_type: content_type(m.field("header").or_else(|| m.field("headers"))),
                pointer: rp,
            });
        }
    }
    Ok(Request {
        name: s(item.field("name")),
        description,
        folders: folders.to_vec(),
        method,
        url,
        headers,
        body,
        body_pointer: format!("{rat}/body"),
        auth: own_auth.or_else(|| auth_in.cloned()),
        responses,
        pointer: at.to_string(),
    })
}

fn body_v2(v: Option<Value>, at: &str) -> Option<Body> {
    let Value::Object(mut m) = v? else {
        return None;
    };
    if m.field("disabled") == Some(&Value::Bool(true)) {
        return None;
    }
    match m.field("mode").and_then(Value::as_str)? {
        "raw" => {
            let text = owned(m.remove("raw"));
            if text.trim().is_empty() {
                return None;
            }
            let language = m
                .field("options")
                .and_then(|o| o.pointer("/raw/language"))
                .and_then(Value::as_str)
                .map(str::to_string);
            Some(Body::Raw { text, language })
        }
        "urlencoded" => Some(Body::UrlEncoded(entries(
            m.field("urlencoded"),
            &ptr(at, "urlencoded"),
        )))
        .filter(has_fields),
        "formdata" => Some(Body::FormData(entries(
            m.field("formdata"),
            &ptr(at, "formdata"),
        )))
        .filter(has_fields),
        "graphql" => {
            let g = m.field("graphql")?;
            Some(Body::GraphQl {
                query: s(g.field("query")),
                variables: g
                    .field("variables")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
        "file" => Some(Body::Binary),
        _ => None,
    }
}

/// `Key: value` lines (v1's `headers` string, or a string `header`).
/// The value of the first `Content-Type` of a header list (entries, or `Key: value` lines),
/// read without building the others: a saved response's headers are many, and only this one
/// is used.
fn content_type(headers: Option<&Value>) -> Option<String> {
    let is_it = |k: &str| k.trim().eq_ignore_ascii_case("content-type");
    match headers? {
        Value::Array(list) => list.iter().find_map(|e| {
            let m = e.as_object()?;
            let key = m
                .field("key")
                .or_else(|| m.field("name"))
                .or_else(|| m.field("id"));
            is_it(&s(key)).then(|| s(m.field("value")))
        }),
        Value::String(text) => text.lines().find_map(|l| {
            let l = l.trim().strip_prefix("//").unwrap_or(l);
            let (k, v) = l.split_once(':')?;
            is_it(k).then(|| v.trim().to_string())
        }),
        _ => None,
    }
}

fn header_lines(text: &str, at: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|l| {
            let (disabled, l) = match l.trim().strip_prefix("//") {
                Some(rest) => (true, rest),
                None => (false, l),
            };
            let (k, v) = l.split_once(':')?;
            Some(Entry {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
                disabled,
                pointer: at.to_string(),
                ..Default::default()
            })
        })
        .collect()
}

// ----- v1 -----

fn read_v1(c: &Value, base: &str) -> Collection {
    let mut col = Collection {
        name: s(c.field("name")),
        description: description(c.field("description")),
        variables: entries(c.field("variables"), &ptr(base, "variables")),
        auth: auth(c.field("auth"), &ptr(base, "auth")),
        ..Default::default()
    };
    let requests: Vec<(usize, &Value)> = match c.field("requests") {
        Some(Value::Array(r)) => r.iter().enumerate().collect(),
        _ => Vec::new(),
    };
    let id_of = |v: &Value| s(v.field("id"));
    let folders: Vec<&Value> = match c.field("folders") {
        Some(Value::Array(f)) => f.iter().collect(),
        _ => Vec::new(),
    };
    let find_folder = |id: &str| folders.iter().copied().find(|f| id_of(f) == id);
    let mut used = vec![false; requests.len()];
    let mut ordered: Vec<(usize, Vec<String>, Option<Auth>)> = Vec::new();
    let col_auth = col.auth.clone();

    {
        let mut take = |id: &str, path: &[String], a: Option<&Auth>| {
            if let Some(&(i, _)) = requests.iter().find(|(_, r)| id_of(r) == id)
                && !used[i]
            {
                used[i] = true;
                ordered.push((i, path.to_vec(), a.cloned()));
            }
        };
        // Top-level folders: those listed in folders_order, else every folder not nested in another.
        let nested: Vec<String> = folders
            .iter()
            .flat_map(
                |f| match f.field("folders_order").or_else(|| f.field("folders")) {
                    Some(Value::Array(ids)) => ids
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    _ => Vec::new(),
                },
            )
            .collect();
        let top: Value = match c.field("folders_order") {
            Some(Value::Array(ids)) if !ids.is_empty() => Value::Array(ids.clone()),
            _ => Value::Array(
                folders
                    .iter()
                    .map(|f| id_of(f))
                    .filter(|id| !nested.contains(id))
                    .map(Value::String)
                    .collect(),
            ),
        };
        {
            let mut walker = V1Walker {
                find: &find_folder,
                take: &mut take,
            };
            walker.visit(c.field("order"), Some(&top), &[], col_auth.clone(), 0);
        }
        // Requests listed in no order still count, in file order, in their folder when they name one.
        for (i, r) in &requests {
            if !used[*i] {
                let path: Vec<String> = r
                    .field("folder")
                    .and_then(Value::as_str)
                    .and_then(find_folder)
                    .map(|f| vec![s(f.field("name"))])
                    .unwrap_or_default();
                ordered.push((*i, path, col_auth.clone()));
            }
        }
    }
    for f in &folders {
        col.folders.push(Folder {
            name: s(f.field("name")),
            description: description(f.field("description")),
        });
    }
    for (i, path, inherited) in ordered {
        let at = format!("{}/{i}", ptr(base, "requests"));
        match request_v1(requests[i].1, &at, path, inherited) {
            Ok(r) => col.requests.push(r),
            Err(reason) => col.skipped.push(Skipped {
                pointer: at,
                reason,
            }),
        }
    }
    col
}

fn request_v1(
    r: &Value,
    at: &str,
    folders: Vec<String>,
    auth_in: Option<Auth>,
) -> Result<Request, String> {
    let m = r.as_object().ok_or("the request is not an object")?;
    let url = s(m.field("url"));
    let mut headers = entries(m.field("headerData"), &ptr(at, "headerData"));
    if headers.is_empty()
        && let Some(h) = m.field("headers").and_then(Value::as_str)
    {
        headers = header_lines(h, &ptr(at, "headers"));
    }
    let query = m
        .field("queryParams")
        .and_then(Value::as_array)
        .filter(|q| !q.is_empty())
        .map(|_| entries(m.field("queryParams"), &ptr(at, "queryParams")));
    let mut variables = entries(m.field("pathVariableData"), &ptr(at, "pathVariableData"));
    if variables.is_empty()
        && let Some(Value::Object(pv)) = m.field("pathVariables")
    {
        variables = pv
            .iter()
            .map(|(k, v)| Entry {
                key: k.clone(),
                value: s(Some(v)),
                pointer: ptr(&ptr(at, "pathVariables"), k),
                ..Default::default()
            })
            .collect();
    }
    // Some exports keep a raw body in `data`, as a text, rather than in `rawModeData` (Postman
    // reads it so, with or without a `dataMode`).
    let data_text = m.field("data").filter(|d| d.is_string());
    let mode = (m.field("dataMode").and_then(Value::as_str)).or(data_text.map(|_| "raw"));
    let body = match mode {
        Some("raw") => {
            let text = s(m
                .field("rawModeData")
                .filter(|t| t.is_string())
                .or(data_text));
            (!text.trim().is_empty()).then(|| Body::Raw {
                text,
                language: m
                    .field("dataOptions")
                    .and_then(|o| o.pointer("/raw/language"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
        Some("urlencoded") => Some(Body::UrlEncoded(entries(m.field("data"), &ptr(at, "data")))),
        Some("params") => Some(Body::FormData(entries(m.field("data"), &ptr(at, "data")))),
        Some("binary") => Some(Body::Binary),
        Some("graphql") => m.field("graphqlModeData").map(|g| Body::GraphQl {
            query: s(g.field("query")),
            variables: g
                .field("variables")
                .and_then(Value::as_str)
                .map(str::to_string),
        }),
        _ => None,
    };
    let body = body.filter(has_fields);
    let mut responses = Vec::new();
    if let Some(Value::Array(list)) = m.field("responses") {
        for (i, resp) in list.iter().enumerate() {
            let rp = format!("{}/{i}", ptr(at, "responses"));
            let code = resp
                .pointer("/responseCode/code")
                .or_else(|| resp.field("code"))
                .and_then(Value::as_u64)
                .and_then(|c| u16::try_from(c).ok());
            responses.push(SavedResponse {
                code,
                status: s(resp.pointer("/responseCode/name")),
                name: s(resp.field("name")),
                body: resp
                    .field("text")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                content_type: content_type(resp.field("headers")),
                pointer: rp,
            });
        }
    }
    let own = auth(m.field("auth"), &ptr(at, "auth")).or_else(|| helper_auth(m, at));
    Ok(Request {
        name: s(m.field("name")),
        description: description(m.field("description")),
        folders,
        method: {
            let me = s(m.field("method")).to_ascii_uppercase();
            if me.is_empty() { "GET".into() } else { me }
        },
        url: Url {
            raw: url,
            query,
            variables,
            pointer: ptr(at, "url"),
        },
        headers,
        body,
        body_pointer: at.to_string(),
        auth: own.or(auth_in),
        responses,
        pointer: at.to_string(),
    })
}

/// v1's older auth form: `currentHelper` with `helperAttributes`.
fn helper_auth(m: &Map<String, Value>, at: &str) -> Option<Auth> {
    let kind = match m.field("currentHelper")?.as_str()? {
        "basicAuth" => "basic",
        "digestAuth" => "digest",
        "oAuth1" => "oauth1",
        "hawkAuth" => "hawk",
        "awsSigV4" => "awsv4",
        "ntlmAuth" => "ntlm",
        "bearerAuth" => "bearer",
        "oAuth2" => "oauth2",
        _ => return None,
    };
    let fields = m
        .field("helperAttributes")
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    Some(Auth {
        kind: kind.to_string(),
        fields,
        pointer: ptr(at, "helperAttributes"),
    })
}

/// A form body with no named field is no body.
fn has_fields(b: &Body) -> bool {
    match b {
        Body::UrlEncoded(e) | Body::FormData(e) => e.iter().any(|f| !f.key.is_empty()),
        _ => true,
    }
}

type Take<'t> = dyn FnMut(&str, &[String], Option<&Auth>) + 't;

/// Walks v1 folders depth-first through `folders_order` and `order`, as Postman shows them.
struct V1Walker<'a, 't> {
    find: &'a dyn Fn(&str) -> Option<&'a Value>,
    take: &'t mut Take<'t>,
}

impl<'a> V1Walker<'a, '_> {
    fn visit(
        &mut self,
        order: Option<&Value>,
        folders_order: Option<&Value>,
        path: &[String],
        auth_in: Option<Auth>,
        depth: usize,
    ) {
        if depth > 64 {
            return;
        }
        if let Some(Value::Array(ids)) = folders_order {
            for id in ids.iter().filter_map(Value::as_str) {
                if let Some(f) = (self.find)(id) {
                    let mut p = path.to_vec();
                    p.push(s(f.field("name")));
                    let a = auth(f.field("auth"), "").or_else(|| auth_in.clone());
                    self.visit(
                        f.field("order"),
                        f.field("folders_order").or_else(|| f.field("folders")),
                        &p,
                        a,
                        depth + 1,
                    );
                }
            }
        }
        if let Some(Value::Array(ids)) = order {
            for id in ids.iter().filter_map(Value::as_str) {
                (self.take)(id, path, auth_in.as_ref());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_v2_collection_leaves_its_unread_members_out() {
        let v21 = r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#;
        assert_eq!(unread(v21), UNREAD);
        let v20 = v21.replace("v2.1.0", "v2.0.0");
        assert_eq!(unread(&v20), UNREAD);
        assert!(unread(r#"{"swagger": "2.0", "paths": {}}"#).is_empty());
        // The URL only mentioned, or under another name: not a collection's declaration.
        let mention = r#"{"swagger": "2.0", "info": {"description": "see https://schema.getpostman.com/json/collection/v2.1.0/collection.json", "x-schema": "https://schema.getpostman.com/json/collection/v2.1.0/"}}"#;
        assert!(unread(mention).is_empty());
        let spaced = r#"{"info": {"schema"  :
            "http://schema.getpostman.com/json/collection/v2.0.0/collection.json"}}"#;
        assert_eq!(unread(spaced), UNREAD);
        assert!(unread(r#"{"id": "x", "name": "v1", "requests": []}"#).is_empty());
    }

    #[test]
    fn what_is_left_unread_is_not_read() {
        let text = r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "R", "event": [{"listen": "test", "script": {"exec": ["x"]}}],
                "request": {"method": "POST", "url": "https://a.example/r", "header": [{"key": "A", "value": "1"}]},
                "response": [{"name": "ok", "code": 201, "status": "Created", "header": [{"key": "Content-Type", "value": "application/json"}],
                    "cookie": [{"name": "c"}], "body": "{\"id\": 1}",
                    "originalRequest": {"method": "POST", "url": "https://a.example/r"}}]}]}"#;
        let read = |unread: &[Unread]| {
            let (mut v, _) = crate::source::json::parse_strict_leaving(text, unread).unwrap();
            format!("{:?}", read(&mut v))
        };
        assert_eq!(read(unread(text)), read(&[]));
    }
}
