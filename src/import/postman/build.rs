//! The Postman model to a Swagger 2.0 document.

use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

use super::codes::*;
use super::model::{Auth, Body, Collection, Entry, Request, SavedResponse};
use crate::diagnostic::{Declared, Reporter, Severity};
use crate::import::infer::{Shape, infer, merge};
use crate::import::vars::{Vars, is_secret_name};
use crate::import::{ImportOptions, Imported, apply_host, split_url};
use crate::swagger::METHODS;
use crate::swagger::naming::{id_from_route, pascal, unique};

/// The conversion's context: its findings and what it remembers between requests.
struct Out<'a> {
    report: Reporter<'a>,
    /// Secrets already reported, by pointer.
    secrets_seen: HashSet<String>,
    /// Auth blocks already converted, by pointer (inherited auth is converted once).
    auth_cache: HashMap<String, Option<(String, Value)>>,
    /// The secret values found, to mask them in code frames.
    secrets: Vec<String>,
}

impl Out<'_> {
    fn secret(&mut self, at: &str, what: String, values: &[&str]) {
        for v in values {
            let v = v.trim();
            if !v.is_empty() && !self.secrets.iter().any(|s| s == v) {
                self.secrets.push(v.to_string());
            }
        }
        if self.secrets_seen.insert(at.to_string()) {
            self.report.report(&SECRET, at, format!("{what} holds a secret; it is not written to the output"))
                .set_help("rotate it if the collection was shared, and keep it in an uncommitted environment as {{variable}}");
        }
    }
}

/// Whether a text is only variable references (no literal secret in it).
fn only_references(text: &str) -> bool {
    let mut rest = text.trim();
    while let Some(r) = rest.strip_prefix("{{") {
        match r.find("}}") {
            Some(i) => rest = r[i + 2..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty() || rest.eq_ignore_ascii_case("bearer") || rest.eq_ignore_ascii_case("basic")
}

/// The name of a security definition equal to `def`, registered under `base` when new.
fn register_auth(auth_names: &mut Vec<(String, Value)>, base: &str, def: Value) -> String {
    if let Some((n, _)) = auth_names.iter().find(|(_, d)| *d == def) {
        return n.clone();
    }
    let mut taken: HashSet<String> = auth_names
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    let n = unique(base, &mut taken);
    auth_names.push((n.clone(), def));
    n
}

/// One operation being built.
struct Op {
    method: String,
    path: String,
    canon: String,
    host_key: Option<HostKey>,
    operation: Map<String, Value>,
    params: Vec<Map<String, Value>>,
    consumes: Vec<String>,
    produces: Vec<String>,
    responses: Map<String, Value>,
    security: Option<String>,
    pointer: String,
    name: String,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct HostKey {
    scheme: String,
    host: String,
    base: String,
}

fn push_unique(list: &mut Vec<String>, v: &str) {
    let v = v.trim();
    if !v.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
}

fn infer_scalar(v: &str) -> &'static str {
    if v.parse::<i64>().is_ok() {
        "integer"
    } else if v.parse::<f64>().is_ok() && !v.eq_ignore_ascii_case("nan") && !v.contains("inf") {
        "number"
    } else if v == "true" || v == "false" {
        "boolean"
    } else {
        "string"
    }
}

/// Example value of a parameter, typed as inferred.
fn typed_example(v: &str, ty: &str) -> Value {
    match ty {
        "integer" => v.parse::<i64>().map(Value::from).unwrap_or(json!(v)),
        "number" => v
            .parse::<f64>()
            .ok()
            .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
            .unwrap_or(json!(v)),
        "boolean" => json!(v == "true"),
        _ => json!(v),
    }
}

/// Removes secret-looking fields from an example, returning their names and values.
fn redact(v: &mut Value, found: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                if is_secret_name(&k)
                    && m[&k]
                        .as_str()
                        .is_some_and(|s| !s.is_empty() && !only_references(s))
                {
                    let value = m
                        .remove(&k)
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    found.push((k, value));
                } else if let Some(child) = m.get_mut(&k) {
                    redact(child, found);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact(x, found)),
        _ => {}
    }
}

/// Reads JSON text with variables resolved; unresolved `{{x}}` outside strings become null.
fn parse_json(text: &str, vars: &Vars) -> Option<(Value, bool)> {
    let r = vars.resolve(text);
    if let Ok(v) = serde_json::from_str::<Value>(&r.text) {
        return Some((v, r.secret));
    }
    // Lenient: comments and trailing commas, as Postman's editor allows.
    if let Ok(src) = crate::source::load_bytes("body.json", r.text.as_bytes())
        && src.syntax == crate::source::Syntax::Json
    {
        return Some((src.value, r.secret));
    }
    let mut t = r.text.clone();
    while let Some(s) = t.find("{{") {
        let Some(e) = t[s..].find("}}") else { break };
        t.replace_range(s..s + e + 2, "null");
    }
    serde_json::from_str::<Value>(&t)
        .ok()
        .map(|v| (v, r.secret))
}

fn looks_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

fn mime_base(v: &str) -> String {
    v.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Auth to a security definition (name, definition), or a diagnostic.
fn security_of(auth: &Auth, vars: &Vars, out: &mut Out) -> Option<(String, Value)> {
    let field = |k: &str| {
        auth.field(k)
            .map(|v| vars.resolve(v).text)
            .unwrap_or_default()
    };
    // Secrets in the auth fields.
    let secret_fields = [
        "password",
        "token",
        "value",
        "clientSecret",
        "accessToken",
        "refreshToken",
        "secretKey",
        "consumerSecret",
        "tokenSecret",
        "authKey",
        "privateKey",
        "secret",
        "sessionToken",
        "access_token",
    ];
    for (k, v) in &auth.fields {
        if secret_fields.contains(&k.as_str())
            && let Some(s) = v.as_str()
            && !s.is_empty()
            && !only_references(s)
        {
            out.secret(
                &auth.pointer,
                format!("the `{}` auth's `{k}` field", auth.kind),
                &[s],
            );
        }
    }
    let unsupported = |out: &mut Out, what: &str, closest: &str| {
        out.report.report(&AUTH, &auth.pointer, format!("{what} auth cannot be used by Power Platform custom connectors; it was not converted"))
            .set_help(format!("closest supported option: {closest}; choose it with --auth"));
    };
    match auth.kind.as_str() {
        "noauth" => None,
        "basic" => Some(("basic_auth".into(), json!({"type": "basic"}))),
        "apikey" => {
            let name = field("key");
            let name = if name.is_empty() {
                "api_key".to_string()
            } else {
                name
            };
            let location = if field("in") == "query" {
                "query"
            } else {
                "header"
            };
            Some((
                "api_key".into(),
                json!({"type": "apiKey", "in": location, "name": name}),
            ))
        }
        "bearer" => {
            out.report.report_as(&AUTH, Severity::Info, &auth.pointer, "bearer auth became an API key in the `Authorization` header: users enter `Bearer <token>` as the key");
            Some((
                "bearer_auth".into(),
                json!({"type": "apiKey", "in": "header", "name": "Authorization"}),
            ))
        }
        "oauth2" => {
            let grant = field("grant_type");
            match grant.as_str() {
                "" | "authorization_code" | "authorization_code_with_pkce" => {
                    let (a, t) = (field("authUrl"), field("accessTokenUrl"));
                    if a.is_empty() || t.is_empty() {
                        out.report
                            .report(
                                &AUTH,
                                &auth.pointer,
                                "the OAuth 2.0 auth has no authorization or token URL",
                            )
                            .set_help("pass --authorization-url and --token-url");
                    }
                    let scopes: Map<String, Value> = field("scope")
                        .split([' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(|s| (s.to_string(), json!(s)))
                        .collect();
                    Some((
                        "oauth2_auth".into(),
                        json!({"type": "oauth2", "flow": "accessCode",
                        "authorizationUrl": a, "tokenUrl": t, "scopes": scopes}),
                    ))
                }
                "client_credentials" => {
                    unsupported(
                        out,
                        "OAuth 2.0 client credentials",
                        "an API key (--auth apikey) or OAuth 2.0 authorization code (--auth oauth2), since the platform signs users in",
                    );
                    None
                }
                "password_credentials" => {
                    unsupported(
                        out,
                        "OAuth 2.0 password",
                        "OAuth 2.0 authorization code (--auth oauth2 with --authorization-url and --token-url)",
                    );
                    None
                }
                "implicit" => {
                    unsupported(
                        out,
                        "OAuth 2.0 implicit",
                        "OAuth 2.0 authorization code (--auth oauth2)",
                    );
                    None
                }
                other => {
                    unsupported(
                        out,
                        &format!("OAuth 2.0 `{other}` grant"),
                        "OAuth 2.0 authorization code (--auth oauth2)",
                    );
                    None
                }
            }
        }
        "digest" | "ntlm" => {
            unsupported(out, &auth.kind, "basic (--auth basic) over HTTPS");
            None
        }
        "oauth1" => {
            unsupported(
                out,
                "OAuth 1.0",
                "OAuth 2.0 authorization code (--auth oauth2) if the API offers it, else an API key",
            );
            None
        }
        "hawk" | "awsv4" | "akamai" | "edgegrid" | "jwt" | "asap" => {
            unsupported(
                out,
                &auth.kind,
                "an API key (--auth apikey), or request signing in custom code (script.csx)",
            );
            None
        }
        other => {
            unsupported(out, &format!("`{other}`"), "an API key (--auth apikey)");
            None
        }
    }
}

struct ParsedUrl {
    host_key: Option<HostKey>,
    /// Path segments, each literal text or a parameter.
    segments: Vec<Seg>,
    raw_query: String,
}

enum Seg {
    Text(String),
    /// Template mixing text and parameters, e.g. `v{version}`.
    Template(String, Vec<(String, Option<String>)>),
}

fn parse_url(raw: &str, vars: &Vars) -> ParsedUrl {
    let raw = raw.trim();
    let (no_frag, _) = raw.split_once('#').unwrap_or((raw, ""));
    let (mut main, query) = match no_frag.find('?') {
        Some(i) => (no_frag[..i].to_string(), no_frag[i + 1..].to_string()),
        None => (no_frag.to_string(), String::new()),
    };
    // A leading {{baseUrl}} is resolved whole: its path part becomes the base path.
    let mut base = String::new();
    if main.starts_with("{{")
        && let Some(end) = main.find("}}")
    {
        let lead = &main[..end + 2];
        let r = vars.resolve(lead);
        if r.unresolved.is_empty() {
            let (_, _, p) = split_url(&r.text);
            base = p.unwrap_or_default();
            main = format!("{}{}", r.text, &main[end + 2..]);
        }
    }
    let (scheme, rest) = match main.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r.to_string()),
        None => (String::new(), main.clone()),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
        None => (rest.clone(), String::new()),
    };
    let host = vars.resolve(&authority);
    let host_key = (!host.text.is_empty()).then(|| HostKey {
        scheme: if scheme.is_empty() {
            "https".into()
        } else {
            scheme
        },
        host: if host.unresolved.is_empty() {
            host.text.to_ascii_lowercase()
        } else {
            host.text
        },
        base: base.clone(),
    });
    let path = match path.strip_prefix(&base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            rest.to_string()
        }
        _ => path,
    };
    let mut segments = Vec::new();
    for seg in path.split('/').skip(1) {
        if let Some(name) = seg.strip_prefix(':').filter(|n| !n.is_empty()) {
            segments.push(Seg::Template(
                format!("{{{name}}}"),
                vec![(name.to_string(), None)],
            ));
            continue;
        }
        if !seg.contains("{{") {
            segments.push(Seg::Text(seg.to_string()));
            continue;
        }
        // {{var}} in the path: a path parameter, with the variable's value as its example.
        let mut text = String::new();
        let mut params = Vec::new();
        let mut rest = seg;
        while let Some(s) = rest.find("{{") {
            let Some(e) = rest[s + 2..].find("}}") else {
                break;
            };
            text.push_str(&rest[..s]);
            let name = rest[s + 2..s + 2 + e].trim().to_string();
            let value = vars.resolve(&format!("{{{{{name}}}}}"));
            let example = (value.unresolved.is_empty() && !value.secret).then_some(value.text);
            text.push_str(&format!("{{{name}}}"));
            params.push((name, example));
            rest = &rest[s + 2 + e + 2..];
        }
        text.push_str(rest);
        segments.push(Seg::Template(text, params));
    }
    ParsedUrl {
        host_key,
        segments,
        raw_query: query,
    }
}

fn param(name: &str, location: &str, ty: &str) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!(location));
    p.insert("required".into(), json!(location == "path"));
    p.insert("type".into(), json!(ty));
    p
}

fn set_description(p: &mut Map<String, Value>, d: &str, vars: &Vars) {
    if !d.is_empty() {
        let r = vars.resolve(d);
        let text = if r.secret { d.to_string() } else { r.text };
        p.insert("description".into(), json!(text));
    }
}

const AUTOMATIC_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "accept-encoding",
    "user-agent",
    "cache-control",
    "postman-token",
    "transfer-encoding",
];

/// A request to an operation. Returns None (with a diagnostic) when it cannot be one.
fn build_op(
    req: &Request,
    vars: &Vars,
    out: &mut Out,
    auth_names: &mut Vec<(String, Value)>,
) -> Option<Op> {
    let method = req.method.to_ascii_lowercase();
    let label = if req.name.is_empty() {
        format!("{} {}", req.method, req.url.raw)
    } else {
        format!("`{}`", req.name)
    };
    if !METHODS.contains(&method.as_str()) {
        out.report.report(
            &SKIPPED,
            &req.pointer,
            format!(
                "request {label} uses the method {}, which Swagger 2.0 cannot describe; skipped",
                req.method
            ),
        );
        return None;
    }
    if req.url.raw.trim().is_empty() {
        out.report.report(
            &SKIPPED,
            &req.pointer,
            format!("request {label} has no URL; skipped"),
        );
        return None;
    }
    let url = parse_url(&req.url.raw, vars);
    let mut params: Vec<Map<String, Value>> = Vec::new();

    // Path.
    let mut path = String::new();
    for seg in &url.segments {
        path.push('/');
        match seg {
            Seg::Text(t) => {
                let r = vars.resolve(t);
                path.push_str(&r.text);
            }
            Seg::Template(text, names) => {
                path.push_str(text);
                for (name, example) in names {
                    let mut p = param(name, "path", "string");
                    let var = req.url.variables.iter().find(|v| &v.key == name);
                    if let Some(v) = var {
                        set_description(&mut p, &v.description, vars);
                    }
                    let ex = var
                        .map(|v| vars.resolve(&v.value))
                        .filter(|r| !r.text.is_empty() && r.unresolved.is_empty() && !r.secret)
                        .map(|r| r.text)
                        .or_else(|| example.clone());
                    if let Some(ex) = ex.filter(|e| !e.is_empty()) {
                        p.insert("x-example".into(), json!(ex));
                    }
                    if !params
                        .iter()
                        .any(|q| q["name"] == p["name"] && q["in"] == "path")
                    {
                        params.push(p);
                    }
                }
            }
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    let canon = {
        let mut c = String::new();
        let mut depth = 0;
        for ch in path.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    c.push('{');
                }
                '}' => {
                    depth -= 1;
                    c.push('}');
                }
                _ if depth > 0 => {}
                _ => c.push(ch),
            }
        }
        c
    };

    let mut op = Map::new();
    if let Some(folder) = req.folders.last().filter(|f| !f.is_empty()) {
        op.insert("tags".into(), json!([folder]));
    }
    if !req.name.is_empty() {
        op.insert("summary".into(), json!(req.name));
    }
    if !req.description.is_empty() {
        op.insert("description".into(), json!(req.description));
    }

    // Auth.
    let mut security = None;
    let effective = req.auth.as_ref().filter(|a| a.kind != "noauth");
    let converted = effective.and_then(|a| match out.auth_cache.get(&a.pointer) {
        Some(c) => c.clone(),
        None => {
            let c = security_of(a, vars, out);
            out.auth_cache.insert(a.pointer.clone(), c.clone());
            c
        }
    });
    if let Some((name, def)) = converted {
        let name = register_auth(auth_names, &name, def);
        security = Some(name);
    }

    // Query.
    let query: Vec<Entry> = match &req.url.query {
        Some(q) => q.clone(),
        None => url
            .raw_query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                Entry {
                    key: k.to_string(),
                    value: v.to_string(),
                    pointer: req.url.pointer.clone(),
                    ..Default::default()
                }
            })
            .collect(),
    };
    for q in &query {
        if q.key.is_empty() {
            continue;
        }
        if q.disabled {
            out.report.report(
                &EXCLUDED,
                &q.pointer,
                format!("disabled query parameter `{}` of {label} left out", q.key),
            );
            continue;
        }
        if params
            .iter()
            .any(|p| p["name"] == q.key && p["in"] == "query")
        {
            continue;
        }
        let r = vars.resolve(&q.value);
        if is_secret_name(&q.key) {
            if !q.value.is_empty() && !only_references(&q.value) {
                out.secret(
                    &q.pointer,
                    format!("query parameter `{}` of {label}", q.key),
                    &[&q.value],
                );
            }
            if security.is_none() {
                let def = json!({"type": "apiKey", "in": "query", "name": q.key});
                let name = register_auth(auth_names, "api_key", def);
                security = Some(name);
                continue;
            }
        }
        let ty = if r.unresolved.is_empty() && !r.text.is_empty() {
            infer_scalar(&r.text)
        } else {
            "string"
        };
        let mut p = param(&q.key, "query", ty);
        set_description(&mut p, &q.description, vars);
        if !r.text.is_empty() && r.unresolved.is_empty() && !r.secret && !is_secret_name(&q.key) {
            p.insert("x-example".into(), typed_example(&r.text, ty));
        }
        params.push(p);
    }

    // Headers.
    let mut consumes = Vec::new();
    let mut produces = Vec::new();
    for h in &req.headers {
        let lower = h.key.to_ascii_lowercase();
        if h.key.is_empty() || AUTOMATIC_HEADERS.contains(&lower.as_str()) {
            continue;
        }
        if h.disabled {
            out.report.report(
                &EXCLUDED,
                &h.pointer,
                format!("disabled header `{}` of {label} left out", h.key),
            );
            continue;
        }
        let r = vars.resolve(&h.value);
        match lower.as_str() {
            "content-type" => push_unique(&mut consumes, &mime_base(&r.text)),
            "accept" => {
                for m in r.text.split(',') {
                    let m = mime_base(m);
                    if m != "*/*" {
                        push_unique(&mut produces, &m);
                    }
                }
            }
            _ if lower == "authorization" || is_secret_name(&h.key) => {
                if !h.value.is_empty() && !only_references(&h.value) {
                    out.secret(
                        &h.pointer,
                        format!("header `{}` of {label}", h.key),
                        &[&h.value],
                    );
                }
                if security.is_none() {
                    let v = r.text.trim().to_ascii_lowercase();
                    let def = if lower == "authorization" && v.starts_with("basic ") {
                        json!({"type": "basic"})
                    } else {
                        json!({"type": "apiKey", "in": "header", "name": h.key})
                    };
                    let base = if def["type"] == "basic" {
                        "basic_auth"
                    } else {
                        "api_key"
                    };
                    let name = register_auth(auth_names, base, def);
                    security = Some(name);
                }
            }
            _ => {
                if params.iter().any(|p| {
                    p["name"]
                        .as_str()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&h.key))
                        && p["in"] == "header"
                }) {
                    continue;
                }
                let mut p = param(&h.key, "header", "string");
                set_description(&mut p, &h.description, vars);
                if !r.text.is_empty() && r.unresolved.is_empty() && !r.secret {
                    p.insert("x-example".into(), json!(r.text));
                }
                params.push(p);
            }
        }
    }

    // Body.
    if let Some(body) = &req.body {
        if matches!(method.as_str(), "get" | "head") {
            out.report.report(&BODY_ON_GET, &req.body_pointer, format!("{} request {label} has a body, which the platform rejects; the body was left out", req.method));
        } else {
            build_body(body, req, &label, vars, out, &mut params, &mut consumes);
        }
    }

    // Saved responses.
    let mut responses = Map::new();
    let mut bodies = Vec::new();
    for r in &req.responses {
        add_response(
            r,
            &label,
            vars,
            out,
            &mut responses,
            &mut bodies,
            &mut produces,
        );
    }
    finish_responses(&mut responses, bodies);

    Some(Op {
        method,
        path,
        canon,
        host_key: url.host_key,
        operation: op,
        params,
        consumes,
        produces,
        responses,
        security,
        pointer: req.pointer.clone(),
        name: req.name.clone(),
    })
}

fn build_body(
    body: &Body,
    req: &Request,
    label: &str,
    vars: &Vars,
    out: &mut Out,
    params: &mut Vec<Map<String, Value>>,
    consumes: &mut Vec<String>,
) {
    let at = &req.body_pointer;
    match body {
        Body::Raw { text, language } => {
            let declared_json =
                language.as_deref() == Some("json") || consumes.iter().any(|c| c.contains("json"));
            let lang_mime = match language.as_deref() {
                Some("xml") => Some("application/xml"),
                Some("html") => Some("text/html"),
                Some("javascript") => Some("application/javascript"),
                Some("text") => Some("text/plain"),
                _ => None,
            };
            let as_json = if declared_json || (lang_mime.is_none() && looks_json(text)) {
                match parse_json(text, vars) {
                    Some(v) => Some(v),
                    None => {
                        out.report.report(&BODY, at, format!("the JSON body of {label} does not parse; it is described as a string"));
                        None
                    }
                }
            } else {
                None
            };
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            match as_json {
                Some((mut example, secret)) => {
                    if consumes.is_empty() {
                        consumes.push("application/json".into());
                    }
                    let mut schema = infer(&example);
                    let mut found = Vec::new();
                    redact(&mut example, &mut found);
                    if !found.is_empty() {
                        let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
                        let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
                        out.secret(
                            at,
                            format!("the body of {label} (field `{}`)", keys.join("`, `")),
                            &values,
                        );
                    }
                    if !secret && let Some(m) = schema.as_object_mut() {
                        m.insert("example".into(), example);
                    }
                    p.insert("schema".into(), schema);
                }
                None => {
                    if consumes.is_empty() {
                        consumes.push(lang_mime.unwrap_or("text/plain").into());
                    }
                    p.insert("schema".into(), json!({"type": "string"}));
                }
            }
            params.push(p);
        }
        Body::UrlEncoded(fields) | Body::FormData(fields) => {
            let multipart = matches!(body, Body::FormData(_));
            if consumes.is_empty() {
                consumes.push(
                    if multipart {
                        "multipart/form-data"
                    } else {
                        "application/x-www-form-urlencoded"
                    }
                    .into(),
                );
            }
            for f in fields {
                if f.key.is_empty() {
                    continue;
                }
                if f.disabled {
                    out.report.report(
                        &EXCLUDED,
                        at,
                        format!("disabled form field `{}` of {label} left out", f.key),
                    );
                    continue;
                }
                if params
                    .iter()
                    .any(|p| p["name"] == f.key && p["in"] == "formData")
                {
                    continue;
                }
                let r = vars.resolve(&f.value);
                let ty = if f.is_file { "file" } else { "string" };
                let mut p = param(&f.key, "formData", ty);
                set_description(&mut p, &f.description, vars);
                if is_secret_name(&f.key) && !f.value.is_empty() && !only_references(&f.value) {
                    out.secret(
                        at,
                        format!("form field `{}` of {label}", f.key),
                        &[&f.value],
                    );
                } else if !f.is_file && !r.text.is_empty() && r.unresolved.is_empty() && !r.secret {
                    p.insert("x-example".into(), json!(r.text));
                }
                params.push(p);
            }
            if multipart
                && consumes
                    .iter()
                    .any(|c| c == "application/x-www-form-urlencoded")
            {
                consumes.retain(|c| c != "application/x-www-form-urlencoded");
            }
        }
        Body::GraphQl { query, variables } => {
            push_unique(consumes, "application/json");
            let mut example = json!({"query": query});
            if let Some((v, _)) = variables
                .as_deref()
                .filter(|v| !v.trim().is_empty())
                .and_then(|v| parse_json(v, vars))
            {
                example["variables"] = v;
            }
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            p.insert(
                "schema".into(),
                json!({"type": "object", "required": ["query"], "properties": {
                "query": {"type": "string", "description": "The GraphQL query"},
                "variables": {"type": "object", "description": "The query's variables"}
            }, "example": example}),
            );
            params.push(p);
        }
        Body::Binary => {
            if consumes.is_empty() {
                consumes.push("application/octet-stream".into());
            }
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            p.insert(
                "schema".into(),
                json!({"type": "string", "format": "binary"}),
            );
            params.push(p);
        }
    }
}

/// What the saved responses of one status code say about its body.
#[derive(Default)]
struct ResponseBody {
    json: Option<Shape>,
    text: bool,
}

impl ResponseBody {
    fn schema(&self) -> Option<Value> {
        match (&self.json, self.text) {
            (Some(s), false) => Some(s.to_schema()),
            (Some(_), true) => Some(json!({})),
            (None, true) => Some(json!({"type": "string"})),
            (None, false) => None,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_response(
    r: &SavedResponse,
    label: &str,
    vars: &Vars,
    out: &mut Out,
    responses: &mut Map<String, Value>,
    bodies: &mut Vec<(String, ResponseBody)>,
    produces: &mut Vec<String>,
) {
    let code = r
        .code
        .map(|c| c.to_string())
        .unwrap_or_else(|| "200".into());
    let content_type = r
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| mime_base(&h.value));
    let description = if !r.status.is_empty() {
        r.status.clone()
    } else if !r.name.is_empty() {
        r.name.clone()
    } else {
        "OK".into()
    };
    let entry = responses
        .entry(code.clone())
        .or_insert_with(|| json!({"description": description}));
    let acc = match bodies.iter().position(|(c, _)| *c == code) {
        Some(i) => &mut bodies[i].1,
        None => {
            bodies.push((code, ResponseBody::default()));
            &mut bodies.last_mut().expect("pushed").1
        }
    };
    let Some(body) = r.body.as_deref().filter(|b| !b.trim().is_empty()) else {
        return;
    };
    let json_ct = content_type.as_deref().is_some_and(|c| c.contains("json"));
    if !(json_ct || (content_type.is_none() && looks_json(body))) {
        if let Some(ct) = &content_type {
            push_unique(produces, ct);
        }
        acc.text = true;
        return;
    }
    let Some((mut v, secret)) = parse_json(body, vars) else {
        out.report.report(
            &BODY,
            &r.pointer,
            format!("a saved JSON response of {label} does not parse; it is described as a string"),
        );
        acc.text = true;
        return;
    };
    push_unique(
        produces,
        content_type.as_deref().unwrap_or("application/json"),
    );
    acc.json.get_or_insert_with(Shape::default).absorb(&v);
    // The first example of each status code is kept, without its secrets.
    let Some(m) = entry.as_object_mut() else {
        return;
    };
    if m.contains_key("examples") || secret {
        return;
    }
    let mut found = Vec::new();
    redact(&mut v, &mut found);
    if !found.is_empty() {
        let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
        out.secret(
            &r.pointer,
            format!(
                "a saved response of {label} (field `{}`)",
                keys.join("`, `")
            ),
            &values,
        );
    }
    let mime = content_type
        .filter(|_| json_ct)
        .unwrap_or_else(|| "application/json".into());
    m.insert("examples".into(), json!({ mime: v }));
}

/// Puts each status code's schema right after its description.
fn finish_responses(responses: &mut Map<String, Value>, bodies: Vec<(String, ResponseBody)>) {
    for (code, body) in bodies {
        let (Some(schema), Some(Value::Object(m))) = (body.schema(), responses.get_mut(&code))
        else {
            continue;
        };
        let rest = std::mem::take(m);
        for (k, v) in rest {
            let after_description = k == "description";
            m.insert(k, v);
            if after_description {
                m.insert("schema".into(), schema.clone());
            }
        }
        if !m.contains_key("schema") {
            m.insert("schema".into(), schema);
        }
    }
}

/// Unites two operations with the same method and path.
fn merge_into(first: &mut Op, other: Op, out: &mut Out) {
    out.report.report(
        &DUPLICATE,
        &other.pointer,
        format!(
            "request `{}` has the same method and path as `{}` ({} {}); merged into one operation",
            other.name,
            first.name,
            first.method.to_ascii_uppercase(),
            first.path
        ),
    );
    // Path parameters are named as in the first request.
    let first_names: Vec<String> = first
        .params
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let other_names: Vec<String> = other
        .params
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let rename: HashMap<String, String> = other_names.into_iter().zip(first_names).collect();
    for mut p in other.params {
        if p["in"] == "path"
            && let Some(n) = p["name"].as_str().and_then(|n| rename.get(n))
        {
            p.insert("name".into(), json!(n));
        }
        let exists = first
            .params
            .iter()
            .any(|q| q["name"] == p["name"] && q["in"] == p["in"]);
        // One kind of payload per operation: the first request's wins.
        let has = |kind: &str| first.params.iter().any(|q| q["in"] == kind);
        if (p["in"] == "formData" && has("body")) || (p["in"] == "body" && has("formData")) {
            continue;
        }
        if !exists {
            if p["in"] == "body" && first.params.iter().any(|q| q["in"] == "body") {
                continue;
            }
            if p["in"] != "path" {
                p.insert("required".into(), json!(false));
            }
            first.params.push(p);
        } else if p["in"] == "body"
            && let Some(q) = first.params.iter_mut().find(|q| q["in"] == "body")
            && let (Some(a), Some(b)) = (q.get("schema").cloned(), p.get("schema").cloned())
        {
            let mut a_clean = a.clone();
            let example = a_clean.as_object_mut().and_then(|m| m.remove("example"));
            let mut b_clean = b;
            if let Some(m) = b_clean.as_object_mut() {
                m.remove("example");
            }
            let mut merged = merge(a_clean, b_clean);
            if let (Some(ex), Some(m)) = (example, merged.as_object_mut()) {
                m.insert("example".into(), ex);
            }
            q.insert("schema".into(), merged);
        }
    }
    for (code, r) in other.responses {
        match first.responses.get_mut(&code) {
            None => {
                first.responses.insert(code, r);
            }
            Some(existing) => {
                if let (Some(a), Some(b)) =
                    (existing.get("schema").cloned(), r.get("schema").cloned())
                {
                    existing["schema"] = merge(a, b);
                } else if let Some(b) = r.get("schema").cloned() {
                    existing["schema"] = b;
                }
            }
        }
    }
    for c in other.consumes {
        push_unique(&mut first.consumes, &c);
    }
    for p in other.produces {
        push_unique(&mut first.produces, &p);
    }
    if first.security.is_none() {
        first.security = other.security;
    }
}

pub fn build(col: Collection, opts: &ImportOptions, file: &str) -> Imported {
    let mut out = Out {
        report: Reporter::new(file, &Declared),
        secrets_seen: HashSet::new(),
        auth_cache: HashMap::new(),
        secrets: Vec::new(),
    };
    let mut vars = Vars::default();
    vars.add_fallback(opts.vars.iter().cloned());
    if let Some(env) = &opts.environment {
        for v in env
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let (Some(k), Some(val)) = (
                v.get("key").and_then(Value::as_str),
                v.get("value").and_then(Value::as_str),
            ) && is_secret_name(k)
                && !val.trim().is_empty()
            {
                out.secrets.push(val.trim().to_string());
            }
        }
        let values = env
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        vars.add_fallback(
            values
                .filter(|v| v.get("enabled") != Some(&Value::Bool(false)))
                .filter_map(|v| {
                    Some((
                        v.get("key")?.as_str()?.to_string(),
                        match v.get("value")? {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        },
                    ))
                }),
        );
    }
    for v in &col.variables {
        if !v.disabled
            && is_secret_name(&v.key)
            && !v.value.is_empty()
            && !only_references(&v.value)
        {
            out.secret(
                &v.pointer,
                format!("collection variable `{}`", v.key),
                &[&v.value],
            );
        }
    }
    vars.add_fallback(
        col.variables
            .iter()
            .filter(|v| !v.disabled)
            .map(|v| (v.key.clone(), v.value.clone())),
    );

    for s in &col.skipped {
        out.report
            .report(&SKIPPED, &s.pointer, format!("item skipped: {}", s.reason));
    }
    let mut auth_defs: Vec<(String, Value)> = Vec::new();
    let mut ops: Vec<Op> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for req in &col.requests {
        let Some(op) = build_op(req, &vars, &mut out, &mut auth_defs) else {
            continue;
        };
        let key = (op.method.clone(), op.canon.to_ascii_lowercase());
        match index.get(&key) {
            Some(&i) => merge_into(&mut ops[i], op, &mut out),
            None => {
                index.insert(key, ops.len());
                ops.push(op);
            }
        }
    }

    // The host: the most common among the requests (first seen wins a tie).
    let mut counts: Vec<(HostKey, usize)> = Vec::new();
    for op in &ops {
        if let Some(k) = &op.host_key {
            match counts.iter_mut().find(|(c, _)| c == k) {
                Some(e) => e.1 += 1,
                None => counts.push((k.clone(), 1)),
            }
        }
    }
    let chosen = counts
        .iter()
        .fold(None::<&(HostKey, usize)>, |best, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|(k, _)| k.clone());
    if opts.host.is_none() {
        match &chosen {
            None => {
                out.report.report_as(&UNRESOLVED_VARIABLE, Severity::Error, "", "no request has a host, so the connector has none")
                    .set_help("pass --host api.example.com (or --var for the variable that holds the base URL)");
            }
            Some(k) if k.host.contains("{{") => {
                let first = ops
                    .iter()
                    .find(|o| o.host_key.as_ref() == Some(k))
                    .map(|o| o.pointer.clone())
                    .unwrap_or_default();
                out.report
                    .report_as(
                        &UNRESOLVED_VARIABLE,
                        Severity::Error,
                        &first,
                        format!("the host is the variable {}, which has no value", k.host),
                    )
                    .set_help(
                        "pass --var NAME=VALUE or --env FILE for it, or set the host with --host",
                    );
            }
            Some(k) => {
                let bare = k.host.split(':').next().unwrap_or_default();
                if bare == "localhost" || bare == "127.0.0.1" || bare == "0.0.0.0" {
                    out.report
                        .report(
                            &HOSTS,
                            "",
                            format!(
                                "the host is `{}`, which Power Platform cannot reach",
                                k.host
                            ),
                        )
                        .set_help("set the API's public host with --host");
                }
            }
        }
    }
    if let Some(k) = &chosen {
        for op in &ops {
            if let Some(h) = &op.host_key
                && h != k
            {
                let msg = if opts.host.is_some() {
                    format!(
                        "request `{}` calls {}://{}{}; the connector's host is set by --host",
                        op.name, h.scheme, h.host, h.base
                    )
                } else {
                    format!(
                        "request `{}` calls {}://{}{}, but the connector's host is {}://{}{} (the most common); the operation is kept and will call that host",
                        op.name, h.scheme, h.host, h.base, k.scheme, k.host, k.base
                    )
                };
                out.report.report(&HOSTS, &op.pointer, msg);
            }
        }
    }

    // Unresolved variables left anywhere else.
    for req in &col.requests {
        let mut names = Vec::new();
        let mut cycle = None;
        for text in std::iter::once(&req.url.raw)
            .chain(req.headers.iter().filter(|h| !h.disabled).map(|h| &h.value))
        {
            let r = vars.resolve(text);
            for u in r.unresolved {
                if !names.contains(&u) && !u.starts_with('$') {
                    names.push(u);
                }
            }
            cycle = cycle.or(r.cycle);
        }
        if let Some(c) = cycle {
            out.report.report(
                &UNRESOLVED_VARIABLE,
                &req.pointer,
                format!(
                    "variable `{c}` refers to itself (through other variables); left unresolved"
                ),
            );
        }
        // The host's own variables were reported above; the path's become parameters.
        let in_path: Vec<String> = names
            .iter()
            .filter(|n| {
                req.url.raw.contains(&format!("/{{{{{n}}}}}"))
                    || req.url.raw.contains(&format!("{{{{{n}}}}}/"))
            })
            .cloned()
            .collect();
        let rest: Vec<&String> = names
            .iter()
            .filter(|n| !in_path.contains(n) && !req.url.raw.starts_with(&format!("{{{{{n}}}}}")))
            .collect();
        if !rest.is_empty() {
            out.report
                .report(
                    &UNRESOLVED_VARIABLE,
                    &req.pointer,
                    format!(
                        "request `{}` uses {} with no value",
                        req.name,
                        rest.iter()
                            .map(|n| format!("{{{{{n}}}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .set_help("pass --var NAME=VALUE or --env FILE");
        }
    }

    // Root security: the collection's auth when it converts, else the most used.
    let mut use_count: HashMap<&str, usize> = HashMap::new();
    for op in &ops {
        if let Some(s) = &op.security {
            *use_count.entry(s.as_str()).or_default() += 1;
        }
    }
    let root_security = auth_defs
        .iter()
        .map(|(n, _)| n.as_str())
        .max_by_key(|n| {
            (
                use_count.get(n).copied().unwrap_or(0),
                std::cmp::Reverse(auth_defs.iter().position(|(m, _)| m == n)),
            )
        })
        .map(str::to_string);
    if let Some(root) = &root_security {
        let i = auth_defs
            .iter()
            .position(|(n, _)| n == root)
            .expect("listed");
        let d = auth_defs.remove(i);
        auth_defs.insert(0, d);
    }

    // The document.
    let mut doc = Map::new();
    doc.insert("swagger".into(), json!("2.0"));
    let mut info = Map::new();
    info.insert(
        "title".into(),
        json!(if col.name.trim().is_empty() {
            "Connector"
        } else {
            col.name.trim()
        }),
    );
    if !col.description.is_empty() {
        info.insert("description".into(), json!(col.description));
    }
    info.insert("version".into(), json!("1.0"));
    doc.insert("info".into(), Value::Object(info));
    if let Some(k) = &chosen {
        doc.insert("host".into(), json!(k.host));
        doc.insert(
            "basePath".into(),
            json!(if k.base.is_empty() { "/" } else { &k.base }),
        );
        doc.insert("schemes".into(), json!([k.scheme]));
    } else {
        doc.insert("basePath".into(), json!("/"));
        doc.insert("schemes".into(), json!(["https"]));
    }
    let mut taken_ids = HashSet::new();
    let mut paths: Map<String, Value> = Map::new();
    let mut used_tags: Vec<String> = Vec::new();
    for op in ops {
        let Op {
            method,
            path,
            mut operation,
            params,
            consumes,
            produces,
            responses,
            security,
            name,
            ..
        } = op;
        let id_base = {
            let p = pascal(&name);
            if p.is_empty() {
                id_from_route(&method, &path)
            } else {
                p
            }
        };
        let id = unique(&id_base, &mut taken_ids);
        let mut o = Map::new();
        if let Some(t) = operation.remove("tags") {
            for tag in t.as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !used_tags.iter().any(|u| u == tag) {
                    used_tags.push(tag.to_string());
                }
            }
            o.insert("tags".into(), t);
        }
        o.insert("operationId".into(), json!(id));
        o.extend(operation);
        if !consumes.is_empty()
            && params
                .iter()
                .any(|p| p["in"] == "body" || p["in"] == "formData")
        {
            o.insert("consumes".into(), json!(consumes));
        }
        if !produces.is_empty() {
            o.insert("produces".into(), json!(produces));
        }
        if !params.is_empty() {
            o.insert(
                "parameters".into(),
                Value::Array(params.into_iter().map(Value::Object).collect()),
            );
        }
        o.insert("responses".into(), Value::Object(responses));
        match (&security, &root_security) {
            (Some(s), Some(r)) if s != r => {
                o.insert("security".into(), json!([{ s: [] }]));
            }
            (None, Some(_)) => {
                o.insert("security".into(), json!([]));
            }
            _ => {}
        }
        let item = paths.entry(path).or_insert_with(|| json!({}));
        if let Some(m) = item.as_object_mut() {
            m.insert(method, Value::Object(o));
        }
    }
    doc.insert("paths".into(), Value::Object(paths));
    if !auth_defs.is_empty() {
        doc.insert(
            "securityDefinitions".into(),
            Value::Object(auth_defs.into_iter().collect()),
        );
    }
    if let Some(r) = &root_security {
        doc.insert("security".into(), json!([{ r: [] }]));
    }
    if !used_tags.is_empty() {
        let tags: Vec<Value> = used_tags
            .iter()
            .map(|t| {
                let d = col
                    .folders
                    .iter()
                    .find(|f| &f.name == t)
                    .map(|f| f.description.as_str())
                    .unwrap_or("");
                if d.is_empty() {
                    json!({"name": t})
                } else {
                    json!({"name": t, "description": d})
                }
            })
            .collect();
        doc.insert("tags".into(), Value::Array(tags));
    }
    let mut doc = Value::Object(doc);
    if let Some(h) = &opts.host {
        apply_host(&mut doc, h);
    }
    crate::connector::hoist::hoist_repeated(&mut doc, 2, 60);
    Imported {
        doc,
        diagnostics: out.report.finish(),
        secrets: out.secrets,
    }
}
