//! OpenAPI 3.0 and 3.1 to Swagger 2.0, deterministically, in the author's order, reporting every
//! loss at its place.

pub mod codes;
mod schema;

use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{ImportOptions, Imported, apply_host};
use crate::diagnostic::{Declared, Reporter, Severity, escape_token, unescape_token};
use crate::swagger::METHODS;
use codes::*;

/// A loaded file: its path, display name and parsed value.
#[derive(Clone)]
pub(crate) struct Loc {
    path: Rc<PathBuf>,
    name: Rc<str>,
    doc: Rc<Value>,
}

impl Loc {
    fn same(&self, other: &Loc) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

pub(crate) struct Conv<'a> {
    opts: &'a ImportOptions,
    report: Reporter<'a>,
    main: Loc,
    files: HashMap<PathBuf, Option<Loc>>,
    /// External schemas already given a definition, by (file, pointer).
    ext_defs: HashMap<(PathBuf, String), String>,
    definitions: Map<String, Value>,
    /// Schemas from other files, placed after the definition's own.
    external_definitions: Map<String, Value>,
    def_names: HashSet<String>,
    /// Shared parameters and responses that could not be converted (their refs are dropped).
    dropped_params: HashSet<String>,
    /// Refs being inlined, for cycle detection.
    inlining: Vec<(PathBuf, String)>,
    /// The component schemas as written, taken out of the document: each is moved into its
    /// conversion (leaving `null`), so the input's tree is not copied.
    raw_schemas: Map<String, Value>,
    /// Component schemas converted so far, by name (each is converted once).
    memo: HashMap<String, Value>,
    in_progress: HashSet<String>,
}

use crate::diagnostic::join_pointer as join;

impl<'a> Conv<'a> {
    /// The reporter, set to report in `loc`'s file.
    fn in_file(&mut self, loc: &Loc) -> &mut Reporter<'a> {
        if self.report.file() != loc.name.as_ref() {
            self.report.set_file(loc.name.as_ref());
        }
        &mut self.report
    }

    fn load(&mut self, from: &Loc, file: &str, at: &str) -> Option<Loc> {
        let dir = from
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = dir.join(file);
        let key = std::fs::canonicalize(&path).unwrap_or(path.clone());
        if let Some(l) = self.files.get(&key) {
            return l.clone();
        }
        let name = crate::source::display_name(&path);
        let loaded = match crate::source::load_path(&path, &name) {
            Ok(src) => Some(Loc {
                path: Rc::new(key.clone()),
                name: name.into(),
                doc: Rc::new(src.value),
            }),
            Err(e) => {
                self.in_file(from).report(
                    &REF,
                    at,
                    format!(
                        "the referenced file `{file}` cannot be read: {}",
                        e.diagnostic.message
                    ),
                );
                None
            }
        };
        self.files.insert(key, loaded.clone());
        loaded
    }

    /// Follows a reference: the file it lands in, the pointer there, and the value.
    fn follow(&mut self, loc: &Loc, reference: &str, at: &str) -> Option<(Loc, String, Value)> {
        if reference.starts_with("http://")
            || reference.starts_with("https://")
            || reference.starts_with("//")
        {
            self.in_file(loc).report(&REF, at, format!("`$ref: {reference}` is remote; ccforge works offline, so it was replaced by an empty schema"))
                .set_help("download the file next to the definition and refer to it by relative path");
            return None;
        }
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if file.is_empty() {
            loc.clone()
        } else {
            self.load(loc, file, at)?
        };
        let pointer = fragment.to_string();
        let value = if pointer.is_empty() {
            Some(target.doc.as_ref().clone())
        } else if target.same(&self.main)
            && let Some(found) = self.main_schema(&pointer)
        {
            found
        } else {
            target.doc.pointer(&pointer).cloned()
        };
        match value {
            Some(v) => Some((target, pointer, v)),
            None => {
                self.in_file(loc).report(
                    &REF,
                    at,
                    format!("`$ref: {reference}` points to nothing"),
                );
                None
            }
        }
    }

    /// Resolves `$ref`s (for objects that are inlined: parameters, bodies, responses, headers,
    /// path items), with cycle detection.
    /// The value is borrowed when it is not a `$ref` (most are), copied from its target when it is.
    fn deref<'v>(
        &mut self,
        loc: &Loc,
        v: &'v Value,
        at: &str,
    ) -> Option<(Loc, String, Cow<'v, Value>)> {
        if v.get("$ref").is_none() {
            return Some((loc.clone(), at.to_string(), Cow::Borrowed(v)));
        }
        let mut cur = (loc.clone(), at.to_string(), Cow::Borrowed(v));
        for _ in 0..32 {
            let Some(r) = cur
                .2
                .get("$ref")
                .and_then(Value::as_str)
                .map(str::to_string)
            else {
                return Some(cur);
            };
            let (l, a, target) = self.follow(&cur.0, &r, &cur.1)?;
            cur = (l, a, Cow::Owned(target));
        }
        self.in_file(loc)
            .report(&REF, at, "a chain of `$ref`s loops");
        None
    }

    /// A pointer into the main document's component schemas (which were taken out of it): the
    /// schema as written while it is not yet converted, else its conversion. `None` when the
    /// pointer is elsewhere. Converted schemas refer to each other as `#/definitions/NAME`,
    /// which is read the same way when the document has no `definitions` of its own.
    fn main_schema(&self, pointer: &str) -> Option<Option<Value>> {
        let rest = pointer.strip_prefix("/components/schemas/").or_else(|| {
            pointer
                .strip_prefix("/definitions/")
                .filter(|_| self.main.doc.get("definitions").is_none())
        })?;
        let (name, inner) = match rest.find('/') {
            Some(i) => (unescape_token(&rest[..i]), &rest[i..]),
            None => (unescape_token(rest), ""),
        };
        let schema = match self.raw_schemas.get(&name) {
            Some(raw) if !raw.is_null() => Some(raw),
            _ => self.memo.get(&name).or_else(|| self.definitions.get(&name)),
        };
        Some(schema.and_then(|s| s.pointer(inner)).cloned())
    }

    fn definition_name(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "Schema" } else { wanted };
        crate::swagger::naming::unique(base, &mut self.def_names)
    }
}

/// Converts an OpenAPI 3.0 or 3.1 document.
pub fn convert(name: &str, value: Value, path: Option<&Path>, opts: &ImportOptions) -> Imported {
    let mut value = value;
    let raw_schemas = value
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_object_mut)
        .map(std::mem::take)
        .unwrap_or_default();
    let main = Loc {
        path: Rc::new(
            path.map(|p| std::fs::canonicalize(p).unwrap_or(p.to_path_buf()))
                .unwrap_or_default(),
        ),
        name: name.into(),
        doc: Rc::new(value),
    };
    let mut cx = Conv {
        opts,
        report: Reporter::new(name, &Declared),
        main: main.clone(),
        files: HashMap::new(),
        ext_defs: HashMap::new(),
        definitions: Map::new(),
        external_definitions: Map::new(),
        def_names: HashSet::new(),
        dropped_params: HashSet::new(),
        inlining: Vec::new(),
        raw_schemas,
        memo: HashMap::new(),
        in_progress: HashSet::new(),
    };
    let d = main.doc.clone();
    let mut out = Map::new();
    out.insert("swagger".into(), json!("2.0"));
    let mut info = d
        .get("info")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(summary) = info.remove("summary")
        && !info.contains_key("description")
    {
        info.insert("description".into(), summary);
    }
    if let Some(Value::Object(lic)) = info.get_mut("license") {
        lic.remove("identifier");
    }
    for (key, default) in [("title", "API"), ("version", "1.0")] {
        let text = match info.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => default.to_string(),
            Some(other) => other.to_string(),
        };
        info.insert(key.into(), json!(text));
    }
    out.insert("info".into(), Value::Object(info));
    servers(&mut cx, &d, &mut out);
    // Root extensions are kept.
    for (k, v) in d.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    if let Some(t) = d.get("tags") {
        out.insert("tags".into(), t.clone());
    }
    if let Some(e) = d.get("externalDocs") {
        out.insert("externalDocs".into(), e.clone());
    }

    // Definitions first, so that names are taken in the author's order.
    let comps = d.get("components").unwrap_or(&Value::Null);
    let names: Vec<String> = cx.raw_schemas.keys().cloned().collect();
    for name in &names {
        cx.def_names.insert(name.to_ascii_lowercase());
    }
    for name in &names {
        schema::convert_component(&mut cx, name);
    }
    // Author's order; each converted once.
    for name in names {
        let converted = cx.memo.remove(&name).unwrap_or_else(|| json!({}));
        cx.definitions.insert(name, converted);
    }
    let mut shared_params = Map::new();
    if let Some(params) = comps.get("parameters").and_then(Value::as_object) {
        for (name, p) in params {
            let at = join("/components/parameters", name);
            match parameter(&mut cx, &main, p, &at) {
                Some(Value::Object(conv)) => {
                    shared_params.insert(name.clone(), Value::Object(conv));
                }
                _ => {
                    cx.dropped_params.insert(name.clone());
                }
            }
        }
    }
    let mut shared_responses = Map::new();
    if let Some(responses) = comps.get("responses").and_then(Value::as_object) {
        for (name, r) in responses {
            let at = join("/components/responses", name);
            let mut produces = Vec::new();
            let conv = response(&mut cx, &main, r, &at, &mut produces);
            shared_responses.insert(name.clone(), conv);
        }
    }
    let security_defs = security_schemes(&mut cx, &main, comps.get("securitySchemes"));

    let mut paths = Map::new();
    for (path, item) in d
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let at = join("/paths", path);
        if let Some(converted) = path_item(&mut cx, &main, item, &at, &shared_responses) {
            paths.insert(path.clone(), converted);
        }
    }
    out.insert("paths".into(), Value::Object(paths));
    let external = std::mem::take(&mut cx.external_definitions);
    cx.definitions.extend(external);
    if !cx.definitions.is_empty() {
        out.insert(
            "definitions".into(),
            Value::Object(std::mem::take(&mut cx.definitions)),
        );
    }
    if !shared_params.is_empty() {
        out.insert("parameters".into(), Value::Object(shared_params));
    }
    if !shared_responses.is_empty() {
        out.insert("responses".into(), Value::Object(shared_responses));
    }
    let kept: HashSet<String> = security_defs.keys().cloned().collect();
    if !security_defs.is_empty() {
        out.insert("securityDefinitions".into(), Value::Object(security_defs));
    }
    if let Some(sec) = d.get("security") {
        out.insert("security".into(), requirements(sec, &kept));
    }
    for (what, at) in [("webhooks", "/webhooks")] {
        if d.get(what)
            .and_then(Value::as_object)
            .is_some_and(|w| !w.is_empty())
        {
            cx.in_file(&main)
                .report(
                    &DROPPED,
                    at,
                    format!("`{what}` have no Swagger 2.0 form and were dropped"),
                )
                .set_help(
                    "model them as a connector trigger (x-ms-trigger) by hand if flows need them",
                );
        }
    }
    let mut doc = Value::Object(out);
    if let Some(h) = &opts.host {
        apply_host(&mut doc, h);
    }
    Imported {
        doc,
        diagnostics: cx.report.finish(),
        secrets: Vec::new(),
    }
}

/// Security requirements without the schemes that were dropped.
fn requirements(list: &Value, kept: &HashSet<String>) -> Value {
    let mut outv = Vec::new();
    for req in list.as_array().into_iter().flatten() {
        let Some(m) = req.as_object() else { continue };
        if m.is_empty() {
            outv.push(json!({}));
            continue;
        }
        let filtered: Map<String, Value> = m
            .iter()
            .filter(|(k, _)| kept.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !filtered.is_empty() {
            outv.push(Value::Object(filtered));
        }
    }
    Value::Array(outv)
}

/// Fills a server URL's variables from `--server-var` and their defaults.
fn server_url(cx: &mut Conv, loc: &Loc, server: &Value, at: &str) -> String {
    let mut url = server
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    let vars = server.get("variables").and_then(Value::as_object);
    while let Some(s) = url.find('{') {
        let Some(len) = url[s..].find('}') else { break };
        let name = url[s + 1..s + len].to_string();
        let value = cx
            .opts
            .server_vars
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                vars.and_then(|v| v.get(&name))
                    .and_then(|v| v.get("default"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
        let value = match value {
            Some(v) => v,
            None => {
                cx.in_file(loc)
                    .report_as(
                        &SERVER,
                        Severity::Error,
                        at,
                        format!("server variable `{name}` has no default"),
                    )
                    .set_help(format!("pass --server-var {name}=VALUE"));
                String::new()
            }
        };
        url.replace_range(s..s + len + 1, &value);
    }
    url
}

fn servers(cx: &mut Conv, d: &Value, out: &mut Map<String, Value>) {
    let main = cx.main.clone();
    let list: Vec<Value> = d
        .get("servers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let index = cx.opts.server.unwrap_or(0);
    let chosen = list.get(index);
    if cx.opts.server.is_some() && chosen.is_none() {
        cx.in_file(&main).report_as(
            &SERVER,
            Severity::Error,
            "/servers",
            format!(
                "--server {index} does not exist: the definition has {} servers (counted from 0)",
                list.len()
            ),
        );
    }
    let url = match chosen {
        Some(s) => server_url(cx, &main, s, &format!("/servers/{index}")),
        None => "/".into(),
    };
    if list.len() > 1 {
        let others: Vec<String> = list
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(_, s)| s.get("url").and_then(Value::as_str).map(str::to_string))
            .collect();
        cx.in_file(&main)
            .report(
                &SERVER,
                "/servers",
                format!(
                    "the definition has {} servers; the connector uses `{url}`; not used: {}",
                    list.len(),
                    others.join(", ")
                ),
            )
            .set_help("choose another with --server N (counted from 0)");
    }
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r.to_string()),
        None => (None, url.clone()),
    };
    // `host:port/base` without a scheme names a host too; only `/base` is relative.
    let (host, base) = if scheme.is_some() || !(rest.starts_with('/') || rest.is_empty()) {
        match rest.find('/') {
            Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
            None => (rest.clone(), String::new()),
        }
    } else {
        (String::new(), rest.clone())
    };
    if host.is_empty() && cx.opts.host.is_none() {
        let at = if list.is_empty() { "" } else { "/servers" };
        cx.in_file(&main)
            .report_as(
                &SERVER,
                Severity::Error,
                at,
                format!("the server URL `{url}` has no host, so the connector has none"),
            )
            .set_help("pass --host api.example.com");
    }
    if !host.is_empty() {
        out.insert("host".into(), json!(host));
    }
    let base = base.trim_end_matches('/');
    out.insert(
        "basePath".into(),
        json!(if base.is_empty() { "/" } else { base }),
    );
    out.insert(
        "schemes".into(),
        json!([scheme.unwrap_or_else(|| "https".into())]),
    );
}

const JSON_FIRST: fn(&str) -> u8 = |mime| {
    let m = mime.to_ascii_lowercase();
    if m == "application/json" {
        0
    } else if m.ends_with("+json") || m.contains("/json") {
        1
    } else if m == "*/*" {
        2
    } else {
        3
    }
};

/// The media types of a `content` map, JSON first, then in the author's order.
fn media_order(content: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = content.keys().collect();
    keys.sort_by_key(|k| JSON_FIRST(k));
    keys
}

fn push_unique(list: &mut Vec<String>, v: &str) {
    if !list.iter().any(|x| x == v) {
        list.push(v.to_string());
    }
}

/// A path item: its operations, with path-level parameters kept at the path level.
fn path_item(
    cx: &mut Conv,
    loc: &Loc,
    item: &Value,
    at: &str,
    shared_responses: &Map<String, Value>,
) -> Option<Value> {
    let (loc, at, item) = cx.deref(loc, item, at)?;
    let at = at.as_str();
    let m = item.as_object()?;
    let mut out = Map::new();
    let root_servers = cx.main.doc.get("servers").cloned();
    if let Some(s) = m.get("servers")
        && Some(s) != root_servers.as_ref()
    {
        cx.in_file(&loc).report_as(
            &SERVER,
            Severity::Warning,
            join(at, "servers"),
            "this path has its own servers; the connector calls the definition's host for it",
        );
    }
    if let Some(params) = m.get("parameters").and_then(Value::as_array) {
        let list = parameter_list(cx, &loc, params, &join(at, "parameters"));
        if !list.is_empty() {
            out.insert("parameters".into(), Value::Array(list));
        }
    }
    for (key, op) in m {
        let op_at = join(at, key);
        if METHODS.contains(&key.as_str()) {
            out.insert(
                key.clone(),
                operation(cx, &loc, op, &op_at, m, shared_responses),
            );
        } else if key == "trace" {
            cx.in_file(&loc).report(
                &DROPPED,
                &op_at,
                "the TRACE operation has no Swagger 2.0 form and was dropped",
            );
        } else if key.starts_with("x-") {
            out.insert(key.clone(), op.clone());
        }
    }
    Some(Value::Object(out))
}

fn parameter_list(cx: &mut Conv, loc: &Loc, params: &[Value], at: &str) -> Vec<Value> {
    let mut list = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let pat = format!("{at}/{i}");
        // A reference to a shared parameter stays a reference when it converted.
        if let Some(r) = p.get("$ref").and_then(Value::as_str)
            && loc.same(&cx.main)
            && let Some(name) = r.strip_prefix("#/components/parameters/")
        {
            let name = unescape_token(name);
            if cx.dropped_params.contains(&name) {
                continue;
            }
            list.push(json!({"$ref": format!("#/parameters/{}", escape_token(&name))}));
            continue;
        }
        if let Some(conv) = parameter(cx, loc, p, &pat) {
            list.push(conv);
        }
    }
    list
}

/// A parameter (not a body): its schema flattened into the parameter, style to collectionFormat.
fn parameter(cx: &mut Conv, loc: &Loc, p: &Value, at: &str) -> Option<Value> {
    let (loc, at, p) = cx.deref(loc, p, at)?;
    let at = at.as_str();
    let m = p.as_object()?;
    let name = m
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let location = m
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !matches!(location.as_str(), "query" | "header" | "path" | "cookie") {
        cx.in_file(&loc).report(&PARAMETER, at,
            format!(
                "parameter `{name}` is `in: {location}`, which is not a parameter location; dropped"
            ),
        )
        .set_help("use query, header or path");
        return None;
    }
    if location == "cookie" {
        cx.in_file(&loc).report(
            &PARAMETER,
            at,
            format!("cookie parameter `{name}` has no Swagger 2.0 form and was dropped"),
        );
        return None;
    }
    if m.contains_key("content") {
        cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` is described by `content` (a media type), which Swagger 2.0 parameters cannot be; dropped"));
        return None;
    }
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("in".into(), json!(location));
    for key in ["description", "required", "allowEmptyValue"] {
        if let Some(v) = m.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if location == "path" {
        out.insert("required".into(), json!(true));
    }
    let schema = m
        .get("schema")
        .cloned()
        .unwrap_or_else(|| json!({"type": "string"}));
    let flat = schema::flatten(cx, &loc, &schema, &join(at, "schema"));
    let is_array = flat.get("type").and_then(Value::as_str) == Some("array");
    if flat.get("type").and_then(Value::as_str) == Some("object") || flat.get("type").is_none() {
        let style = m.get("style").and_then(Value::as_str).unwrap_or("");
        if style == "deepObject" {
            cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` uses `style: deepObject`, which Swagger 2.0 cannot describe; it is sent as one string"));
        } else if flat.get("type").is_some() {
            cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` is an object, which Swagger 2.0 parameters cannot be; it is sent as one string"));
        }
        let mut s = flat.clone();
        s.retain(|k, _| k == "description" || k == "default" || k.starts_with("x-"));
        out.insert("type".into(), json!("string"));
        out.extend(s);
    } else {
        out.extend(flat);
    }
    if is_array {
        let style = m
            .get("style")
            .and_then(Value::as_str)
            .unwrap_or(match location.as_str() {
                "query" => "form",
                _ => "simple",
            });
        let explode = m
            .get("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        let format = match (style, explode) {
            ("form", true) => {
                cx.in_file(&loc).report(&PARAMETER, at, format!("array parameter `{name}` repeats itself per value (form, explode), which the platform does not support; sent comma-separated (csv) instead"));
                "csv"
            }
            ("spaceDelimited", _) => "ssv",
            ("pipeDelimited", _) => "pipes",
            _ => "csv",
        };
        out.insert("collectionFormat".into(), json!(format));
    }
    if let Some(ex) = m.get("example").or_else(|| {
        m.get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.get("value"))
    }) {
        out.insert("x-example".into(), ex.clone());
    }
    for (k, v) in m {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    Some(Value::Object(out))
}

fn operation(
    cx: &mut Conv,
    loc: &Loc,
    op: &Value,
    at: &str,
    item: &Map<String, Value>,
    shared_responses: &Map<String, Value>,
) -> Value {
    let Some(m) = op.as_object() else {
        return json!({"responses": {"200": {"description": "OK"}}});
    };
    let mut out = Map::new();
    for key in [
        "tags",
        "summary",
        "description",
        "externalDocs",
        "operationId",
    ] {
        if let Some(v) = m.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if !out.contains_key("summary")
        && let Some(s) = item.get("summary")
    {
        out.insert("summary".into(), s.clone());
    }
    if !out.contains_key("description")
        && let Some(s) = item.get("description")
    {
        out.insert("description".into(), s.clone());
    }
    let mut params = match m.get("parameters").and_then(Value::as_array) {
        Some(list) => parameter_list(cx, loc, list, &join(at, "parameters")),
        None => Vec::new(),
    };
    let mut consumes = Vec::new();
    if let Some(body) = m.get("requestBody") {
        request_body(
            cx,
            loc,
            body,
            &join(at, "requestBody"),
            m,
            &mut params,
            &mut consumes,
        );
    }
    if !consumes.is_empty() {
        out.insert("consumes".into(), json!(consumes));
    }
    let mut produces = Vec::new();
    let mut responses = Map::new();
    for (code, r) in m
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let rat = join(&join(at, "responses"), code);
        if let Some(reference) = r.get("$ref").and_then(Value::as_str)
            && loc.same(&cx.main)
            && let Some(name) = reference.strip_prefix("#/components/responses/")
        {
            let name = unescape_token(name);
            // The shared response's media types still count for `produces`.
            if let Some(shared) = cx
                .main
                .doc
                .pointer(&format!("/components/responses/{}", escape_token(&name)))
                .and_then(|r| r.get("content"))
                .and_then(Value::as_object)
            {
                if let Some(first) = media_order(shared).first() {
                    push_unique(&mut produces, first);
                }
                for k in shared.keys() {
                    push_unique(&mut produces, k);
                }
            }
            if shared_responses.contains_key(&name) {
                responses.insert(
                    code.clone(),
                    json!({"$ref": format!("#/responses/{}", escape_token(&name))}),
                );
                continue;
            }
        }
        responses.insert(code.clone(), response(cx, loc, r, &rat, &mut produces));
    }
    if produces.len() > 1 {
        produces.retain(|p| p != "*/*");
    }
    if !produces.is_empty() {
        out.insert("produces".into(), json!(produces));
    }
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    if responses.is_empty() {
        responses.insert("200".into(), json!({"description": "OK"}));
    }
    out.insert("responses".into(), Value::Object(responses));
    if m.get("deprecated") == Some(&Value::Bool(true)) {
        out.insert("deprecated".into(), json!(true));
    }
    if let Some(sec) = m.get("security") {
        let kept: HashSet<String> = cx
            .main
            .doc
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
            .map(|s| {
                s.iter()
                    .filter(|(_, v)| scheme_kept(v))
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default();
        out.insert("security".into(), requirements(sec, &kept));
    }
    if m.get("callbacks")
        .and_then(Value::as_object)
        .is_some_and(|c| !c.is_empty())
    {
        cx.in_file(loc).report(
            &DROPPED,
            join(at, "callbacks"),
            "callbacks have no Swagger 2.0 form and were dropped",
        );
    }
    if let Some(s) = m.get("servers")
        && Some(s) != cx.main.doc.get("servers")
    {
        cx.in_file(loc).report_as(
            &SERVER,
            Severity::Warning,
            join(at, "servers"),
            "this operation has its own servers; the connector calls the definition's host for it",
        );
    }
    for (k, v) in m {
        if k.starts_with("x-") && k != "x-bodyName" {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn request_body(
    cx: &mut Conv,
    loc: &Loc,
    body: &Value,
    at: &str,
    op: &Map<String, Value>,
    params: &mut Vec<Value>,
    consumes: &mut Vec<String>,
) {
    let Some((loc, at, body)) = cx.deref(loc, body, at) else {
        return;
    };
    let at = at.as_str();
    let Some(content) = body.get("content").and_then(Value::as_object) else {
        return;
    };
    let order = media_order(content);
    let Some(first) = order.first().map(|s| s.to_string()) else {
        return;
    };
    for k in content.keys() {
        push_unique(consumes, k);
    }
    let chosen = &content[&first];
    let cat = join(&join(at, "content"), &first);
    let raw_schema = chosen.get("schema").cloned().unwrap_or_else(|| json!({}));
    // Different schemas under several media types (form and JSON, say) are reported once.
    let differs = content.iter().any(|(k, v)| {
        *k != first && v.get("schema").is_some() && v.get("schema") != Some(&raw_schema)
    });
    if differs {
        cx.in_file(&loc).report(
            &BODY,
            at,
            format!(
                "the request body's media types have different schemas; the `{first}` one is used"
            ),
        );
    }
    let required = body
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let lower = first.to_ascii_lowercase();
    if lower == "application/x-www-form-urlencoded" || lower.starts_with("multipart/") {
        let Some((sloc, sat, resolved)) = cx.deref(&loc, &raw_schema, &join(&cat, "schema")) else {
            return;
        };
        let req: Vec<&str> = resolved
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, prop) in resolved
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let pat = join(&join(&sat, "properties"), name);
            let flat = schema::flatten(cx, &sloc, prop, &pat);
            let mut p = Map::new();
            p.insert("name".into(), json!(name));
            p.insert("in".into(), json!("formData"));
            p.insert("required".into(), json!(req.contains(&name.as_str())));
            let binary = flat.get("format").and_then(Value::as_str) == Some("binary")
                || flat.get("contentMediaType").is_some()
                || (flat.get("type").and_then(Value::as_str) == Some("array")
                    && flat
                        .get("items")
                        .and_then(|i| i.get("format"))
                        .and_then(Value::as_str)
                        == Some("binary"));
            if binary {
                if let Some(d) = flat.get("description") {
                    p.insert("description".into(), d.clone());
                }
                p.insert("type".into(), json!("file"));
            } else if matches!(
                flat.get("type").and_then(Value::as_str),
                Some("object") | None
            ) {
                if let Some(d) = flat.get("description") {
                    p.insert("description".into(), d.clone());
                }
                p.insert("type".into(), json!("string"));
                cx.in_file(&sloc).report(&BODY, &pat, format!("form field `{name}` is an object, which Swagger 2.0 form parameters cannot be; it is sent as one string"));
            } else {
                p.extend(flat);
                if p.get("type").and_then(Value::as_str) == Some("array") {
                    p.insert("collectionFormat".into(), json!("csv"));
                }
            }
            params.push(Value::Object(p));
        }
        return;
    }
    let name = op
        .get("x-bodyName")
        .or_else(|| body.get("x-bodyName"))
        .and_then(Value::as_str)
        .unwrap_or("body")
        .to_string();
    let mut schema = schema::convert(cx, &loc, raw_schema, &join(&cat, "schema"));
    if lower.starts_with("application/octet-stream")
        || (lower.starts_with("image/")
            || lower.starts_with("audio/")
            || lower.starts_with("video/"))
            && schema.get("type").is_none()
    {
        schema = json!({"type": "string", "format": "binary"});
    }
    if let (Some(ex), Some(s)) = (chosen.get("example"), schema.as_object_mut())
        && !s.contains_key("$ref")
    {
        s.insert("example".into(), ex.clone());
    }
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!("body"));
    if let Some(d) = body.get("description") {
        p.insert("description".into(), d.clone());
    }
    p.insert("required".into(), json!(required));
    p.insert("schema".into(), schema);
    params.push(Value::Object(p));
}

fn response(cx: &mut Conv, loc: &Loc, r: &Value, at: &str, produces: &mut Vec<String>) -> Value {
    let Some((loc, at, r)) = cx.deref(loc, r, at) else {
        return json!({"description": "Response"});
    };
    let at = at.as_str();
    let mut out = Map::new();
    let description = r.get("description").and_then(Value::as_str).unwrap_or("");
    out.insert(
        "description".into(),
        json!(if description.is_empty() {
            "Response"
        } else {
            description
        }),
    );
    if let Some(content) = r.get("content").and_then(Value::as_object) {
        for k in content.keys() {
            push_unique(produces, k);
        }
        if let Some(first) = media_order(content).first().map(|s| s.to_string()) {
            let media = &content[&first];
            let sat = join(&join(&join(at, "content"), &first), "schema");
            if let Some(s) = media.get("schema") {
                out.insert("schema".into(), schema::convert(cx, &loc, s.clone(), &sat));
            }
            let example = media.get("example").cloned().or_else(|| {
                media
                    .get("examples")
                    .and_then(Value::as_object)
                    .and_then(|e| e.values().next())
                    .and_then(|e| e.get("value"))
                    .cloned()
            });
            if let Some(ex) = example {
                out.insert("examples".into(), json!({ first: ex }));
            }
        }
    }
    if let Some(headers) = r.get("headers").and_then(Value::as_object) {
        let mut h = Map::new();
        for (name, header) in headers {
            let hat = join(&join(at, "headers"), name);
            let Some((hloc, hat2, header)) = cx.deref(&loc, header, &hat) else {
                continue;
            };
            let schema = header
                .get("schema")
                .cloned()
                .unwrap_or_else(|| json!({"type": "string"}));
            let mut flat = schema::flatten(cx, &hloc, &schema, &join(&hat2, "schema"));
            if matches!(
                flat.get("type").and_then(Value::as_str),
                Some("object") | None
            ) {
                flat.insert("type".into(), json!("string"));
            }
            if let Some(d) = header.get("description") {
                flat.insert("description".into(), d.clone());
            }
            h.insert(name.clone(), Value::Object(flat));
        }
        if !h.is_empty() {
            out.insert("headers".into(), Value::Object(h));
        }
    }
    if r.get("links")
        .and_then(Value::as_object)
        .is_some_and(|l| !l.is_empty())
    {
        cx.in_file(&loc).report(
            &DROPPED,
            join(at, "links"),
            "response links have no Swagger 2.0 form and were dropped",
        );
    }
    for (k, v) in r.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

/// Whether a security scheme converts to something (so requirements may name it).
fn scheme_kept(s: &Value) -> bool {
    match s.get("type").and_then(Value::as_str) {
        Some("http") => matches!(
            s.get("scheme")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("basic" | "bearer")
        ),
        Some("apiKey") => matches!(
            s.get("in").and_then(Value::as_str),
            Some("header" | "query")
        ),
        Some("oauth2") => s
            .get("flows")
            .and_then(Value::as_object)
            .is_some_and(|f| !f.is_empty()),
        Some("openIdConnect") => true,
        _ => false,
    }
}

fn security_schemes(cx: &mut Conv, loc: &Loc, schemes: Option<&Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, s) in schemes.and_then(Value::as_object).into_iter().flatten() {
        let at = join("/components/securitySchemes", name);
        let Some((sloc, sat, s)) = cx.deref(loc, s, &at) else {
            continue;
        };
        let mut d = Map::new();
        if let Some(desc) = s.get("description") {
            d.insert("description".into(), desc.clone());
        }
        match s.get("type").and_then(Value::as_str).unwrap_or_default() {
            "http" => match s
                .get("scheme")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("basic") => {
                    d.insert("type".into(), json!("basic"));
                }
                Some("bearer") => {
                    d.insert("type".into(), json!("apiKey"));
                    d.insert("in".into(), json!("header"));
                    d.insert("name".into(), json!("Authorization"));
                    cx.in_file(&sloc).report_as(&SECURITY, Severity::Info, &sat, format!("http bearer scheme `{name}` became an API key in the `Authorization` header: users enter `Bearer <token>`"));
                }
                other => {
                    cx.in_file(&sloc).report(&SECURITY, &sat, format!("http `{}` scheme `{name}` cannot be used by Power Platform; dropped", other.unwrap_or("?")))
                        .set_help("closest supported option: basic (--auth basic) or an API key (--auth apikey)");
                    continue;
                }
            },
            "apiKey" => {
                let location = s.get("in").and_then(Value::as_str).unwrap_or("header");
                if location == "cookie" {
                    cx.in_file(&sloc).report(&SECURITY, &sat, format!("API key `{name}` is sent in a cookie, which Swagger 2.0 and the platform cannot do; dropped"))
                        .set_help("closest supported option: an API key in a header (--auth apikey --api-key-in header)");
                    continue;
                }
                d.insert("type".into(), json!("apiKey"));
                d.insert("in".into(), json!(location));
                d.insert(
                    "name".into(),
                    s.get("name").cloned().unwrap_or_else(|| json!(name)),
                );
            }
            "oauth2" => {
                let flows = s
                    .get("flows")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let scopes = |f: &Value| f.get("scopes").cloned().unwrap_or_else(|| json!({}));
                if let Some(f) = flows.get("authorizationCode") {
                    d.insert("type".into(), json!("oauth2"));
                    d.insert("flow".into(), json!("accessCode"));
                    d.insert(
                        "authorizationUrl".into(),
                        f.get("authorizationUrl")
                            .cloned()
                            .unwrap_or_else(|| json!("")),
                    );
                    d.insert(
                        "tokenUrl".into(),
                        f.get("tokenUrl").cloned().unwrap_or_else(|| json!("")),
                    );
                    d.insert("scopes".into(), scopes(f));
                    let others: Vec<&String> =
                        flows.keys().filter(|k| *k != "authorizationCode").collect();
                    if !others.is_empty() {
                        cx.in_file(&sloc).report_as(&SECURITY, Severity::Info, &sat, format!("OAuth 2.0 scheme `{name}` keeps its authorizationCode flow; the other flows ({}) were left out", others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
                    }
                } else if let Some((flow, f)) = flows.iter().next() {
                    let (two, why) = match flow.as_str() {
                        "implicit" => (
                            "implicit",
                            "the platform signs users in with the authorization code flow",
                        ),
                        "password" => (
                            "password",
                            "the platform signs users in with the authorization code flow",
                        ),
                        _ => (
                            "application",
                            "the platform cannot use the client credentials flow",
                        ),
                    };
                    d.insert("type".into(), json!("oauth2"));
                    d.insert("flow".into(), json!(two));
                    if let Some(u) = f.get("authorizationUrl") {
                        d.insert("authorizationUrl".into(), u.clone());
                    }
                    if two != "implicit" {
                        d.insert(
                            "tokenUrl".into(),
                            f.get("tokenUrl").cloned().unwrap_or_else(|| json!("")),
                        );
                    }
                    d.insert("scopes".into(), scopes(f));
                    cx.in_file(&sloc).report(&SECURITY, &sat, format!("OAuth 2.0 scheme `{name}` uses the `{flow}` flow; {why}"))
                        .set_help("closest supported option: the authorization code flow (--auth oauth2 --authorization-url ... --token-url ...)");
                } else {
                    cx.in_file(&sloc).report(
                        &SECURITY,
                        &sat,
                        format!("OAuth 2.0 scheme `{name}` has no flows; dropped"),
                    );
                    continue;
                }
            }
            "openIdConnect" => {
                let discovery = s
                    .get("openIdConnectUrl")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let a = cx.opts.authorization_url.clone();
                let t = cx.opts.token_url.clone();
                if a.is_none() || t.is_none() {
                    cx.in_file(&sloc).report_as(&SECURITY, Severity::Error, &sat, format!("OpenID Connect scheme `{name}` became OAuth 2.0 authorization code, which needs the authorization and token URLs (listed at {discovery})"))
                        .set_help("pass --authorization-url and --token-url");
                }
                d.insert("type".into(), json!("oauth2"));
                d.insert("flow".into(), json!("accessCode"));
                d.insert(
                    "authorizationUrl".into(),
                    json!(a.unwrap_or_else(|| discovery.clone())),
                );
                d.insert("tokenUrl".into(), json!(t.unwrap_or(discovery)));
                d.insert("scopes".into(), json!({"openid": "openid"}));
            }
            other => {
                cx.in_file(&sloc).report(&SECURITY, &sat, format!("security scheme `{name}` of type `{other}` cannot be used by Power Platform; dropped"));
                continue;
            }
        }
        out.insert(name.clone(), Value::Object(d));
    }
    out
}
