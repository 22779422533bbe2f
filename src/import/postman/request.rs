//! Each request to an operation: its method, path and path parameters, its query parameters and
//! headers; the body, saved responses and auth are added by their own modules.

use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

use super::Cx;
use super::auth::register_auth;
use super::codes::*;
use super::host::variable_names;
use super::model::{Collection, Entry, Request};
use super::op::{HostKey, Op, mime_base, param, set_description};
use super::variables::{credential_name, only_references};
use super::{auth, body, merge, response};
use crate::Severity;
use crate::import::ahead::Ahead;
use crate::import::media::push_media_type;
use crate::import::split_url;
use crate::import::vars::{Resolved, Vars};
use crate::secrets::{PerCall, is_flag, is_mask, per_call_credential};
use crate::swagger::size::Lines;
use crate::swagger::{METHODS, is_mime_type};

/// The operations of a collection's requests, in order, one for each request that can be one
/// (see [`merge_same`] for those with the same method and path). The requests' saved responses are
/// taken from `col`: they are the bulk of a large collection, and nothing reads them afterwards.
pub(super) fn operations(
    col: &mut Collection,
    vars: &Vars,
    lines: Option<Lines>,
    cx: &mut Cx,
) -> Vec<Op> {
    for s in &col.skipped {
        cx.report
            .report(&SKIPPED, &s.pointer, format!("item skipped: {}", s.reason));
    }
    // The saved responses are most of the work (every example body is parsed and its schema
    // inferred) and depend on nothing else: they are worked out on the pool while the requests
    // become operations here, and what they found is told in order as each operation takes its
    // responses.
    let saved: Vec<_> = col
        .requests
        .iter_mut()
        .map(|req| (std::mem::take(&mut req.responses), label(req)))
        .collect();
    let requests = &col.requests;
    Ahead::run(
        saved,
        |(saved, label)| response::responses(saved, &label, vars, lines),
        |ahead| {
            requests
                .iter()
                .enumerate()
                .filter_map(|(i, req)| build_op(req, vars, cx, || ahead.take(i)))
                .collect()
        },
    )
}

/// `ops` with the requests of one method and path merged into one operation, in order. Done
/// once the host is chosen: a request whose URL spells the connector's base path out calls the
/// same operation as one that takes it from a `{{baseUrl}}`.
///
/// A path spelt with other letter cases than an earlier request's (`/feeds` after `/Feeds`) is
/// written as the earlier one, with a warning: the platform rejects paths that differ only in
/// letter case, and a collection that calls both spellings calls one endpoint.
pub(super) fn merge_same(ops: Vec<Op>, cx: &mut Cx) -> Vec<Op> {
    let mut merged: Vec<Op> = Vec::with_capacity(ops.len());
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    // The first path of each spelling in lower case, and the request that calls it.
    let mut spelt: HashMap<String, (String, String)> = HashMap::new();
    for mut op in ops {
        let lower = op.canon.to_ascii_lowercase();
        match spelt.get(&lower) {
            Some((path, name)) if *path != op.path && same_but_letter_case(path, &op.path) => {
                cx.report
                    .report(
                        &PATH_TEMPLATE,
                        &op.pointer,
                        format!(
                            "request `{}` calls `{}`, which differs from `{path}` (request `{name}`) only in letter case; written as `{path}`, since the platform rejects paths that differ only in letter case",
                            op.name, op.path
                        ),
                    )
                    .set_help("if the API tells the two apart, convert them into separate connectors");
                op.path = path.clone();
                op.canon = canonical(&op.path);
            }
            Some(_) => {}
            None => {
                spelt.insert(lower.clone(), (op.path.clone(), op.name.clone()));
            }
        }
        let key = (op.method.clone(), lower);
        match index.get(&key) {
            Some(&i) => merge::merge_into(&mut merged[i], op, cx),
            None => {
                index.insert(key, merged.len());
                merged.push(op);
            }
        }
    }
    merged
}

/// Whether `s` is a URL scheme as RFC 3986 spells one (`https`, `grpc`, `coap+tcp`).
fn is_scheme(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
}

/// Whether two paths differ only in the letter case of their text, their parameters named alike.
fn same_but_letter_case(a: &str, b: &str) -> bool {
    let params = |p: &str| -> Vec<String> {
        p.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
            .collect()
    };
    a.eq_ignore_ascii_case(b) && params(a) == params(b)
}

/// The path `op`'s request calls on its host: its base path and its own path.
pub(super) fn full_path(op: &Op) -> String {
    let base = op.host_key.as_ref().map_or("", |k| k.base.as_str());
    if op.bare && !base.is_empty() {
        return base.to_string();
    }
    format!("{base}{}", op.path)
}

/// Whether `path` is `base` or under it (`/api/v1/x` is under `/api/v1`, not under `/api/v`).
pub(super) fn under(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Makes `base`, a base path every request of `op`'s host calls under, `op`'s base path: the
/// rest of what its URL calls is its path (`/api/v1/things` under `/api/v1` is `/things`).
pub(super) fn rebase(op: &mut Op, base: &str) {
    let full = full_path(op);
    let Some(key) = op.host_key.as_mut() else {
        return;
    };
    if key.base == base || !under(&full, base) {
        return;
    }
    let rest = &full[base.len()..];
    op.path = if rest.is_empty() {
        "/".into()
    } else {
        rest.to_string()
    };
    op.canon = canonical(&op.path);
    op.bare = false;
    key.base = base.to_string();
}

/// A request to an operation. Returns None (with a diagnostic) when it cannot be one.
fn build_op(
    req: &Request,
    vars: &Vars,
    cx: &mut Cx,
    worked: impl FnOnce() -> response::Worked,
) -> Option<Op> {
    let method = req.method.to_ascii_lowercase();
    let label = label(req);
    if !describable(req, &method, &label, cx) {
        return None;
    }
    let url = parse_url(&req.url.raw, vars);
    if let Some((_, password)) = url.userinfo.as_deref().and_then(|u| u.split_once(':'))
        && !password.is_empty()
        && !only_references(password)
    {
        cx.secret(
            &req.pointer,
            format!("the URL of {label} (a password before its host)"),
            &[password],
        );
    }
    // gRPC, WebSocket, MQTT requests: a connector calls HTTP APIs only. (A scheme left as a
    // variable without a value is no scheme: the request calls the connector's host.)
    if let Some(k) = &url.host_key
        && is_scheme(&k.scheme)
        && !k.scheme.eq_ignore_ascii_case("http")
        && !k.scheme.eq_ignore_ascii_case("https")
    {
        cx.report
            .report(
                &SKIPPED,
                &req.pointer,
                format!(
                    "request {label} calls a `{}://` URL, and a connector calls HTTP and HTTPS APIs only; skipped",
                    k.scheme
                ),
            )
            .set_help("give the request an http:// or https:// URL, or leave it out of the collection");
        return None;
    }
    if let Some(seg) = &url.nested {
        cx.report.report(
            &SKIPPED,
            &req.pointer,
            format!(
                "request {label}: the path segment `{seg}` has a variable inside a variable, which has no path template form; skipped"
            ),
        ).set_help("give the segment one variable, or set its value with --var");
        return None;
    }
    for (seg, name) in &url.combined {
        cx.report
            .report(
                &PATH_TEMPLATE,
                &req.pointer,
                format!(
                    "request {label}: the path segment `{seg}` holds several variables; it became the one path parameter `{name}`, whose value is the whole segment"
                ),
            )
            .set_help("a connector's path segment holds at most one parameter");
    }
    for name in &url.blanks {
        cx.report
            .report(
                &PATH_TEMPLATE,
                &req.pointer,
                format!(
                    "request {label}: the path holds `{{{{}}}}`, which names no variable; it became the path parameter `{name}`"
                ),
            )
            .set_help("name the variable in the URL (`{{name}}`), or write the value it stands for");
    }
    let (path, params) = path_and_parameters(&url, req, &label, vars, cx);
    let mut op = Op {
        canon: canonical(&path),
        method,
        path,
        bare: url.segments.is_empty(),
        host_key: url.host_key,
        host_from: url.host_from,
        host_vars: url.host_vars,
        operation: summary(req),
        params,
        consumes: Vec::new(),
        produces: Vec::new(),
        responses: Map::new(),
        examples: Vec::new(),
        security: None,
        pointer: req.pointer.clone(),
        name: req.name.clone(),
        folder: req.folders.join("/"),
    };
    op.security = auth::of_request(req, vars, cx);
    let inferred = query(
        req,
        [&url.lead_query, &url.raw_query],
        &label,
        vars,
        cx,
        &mut op,
    );
    headers(req, &label, vars, cx, &mut op, inferred);
    if let Some(b) = &req.body {
        if matches!(op.method.as_str(), "get" | "head") {
            cx.report.report(&BODY_ON_GET, &req.body_pointer, format!("{} request {label} has a body, which the platform rejects; the body was left out", req.method));
        } else {
            body::build_body(b, req, &label, vars, cx, &mut op.params, &mut op.consumes);
        }
    }
    let worked = worked();
    worked.told.tell_to(cx);
    op.responses = worked.responses;
    op.examples = worked.examples;
    for m in &worked.produces {
        push_media_type(&mut op.produces, m);
    }
    Some(op)
}

/// How messages name a request: by its name, or by its method and URL without the query,
/// secrets masked (messages never carry a secret).
fn label(req: &Request) -> String {
    if req.name.is_empty() {
        let mut url = req
            .url
            .raw
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_string();
        crate::secrets::mask_text(&mut url);
        format!("{} {url}", req.method)
    } else {
        format!("`{}`", req.name)
    }
}

/// Whether the request has a method Swagger 2.0 describes and a URL; reports it when not.
fn describable(req: &Request, method: &str, label: &str, cx: &mut Cx) -> bool {
    if !METHODS.contains(&method) {
        cx.report.report(
            &SKIPPED,
            &req.pointer,
            format!(
                "request {label} uses the method {}, which Swagger 2.0 cannot describe; skipped",
                req.method
            ),
        );
        return false;
    }
    let raw = req.url.raw.trim();
    // `about:blank` is the placeholder Postman shows for a request whose URL was never typed.
    if raw.is_empty() || raw.eq_ignore_ascii_case("about:blank") {
        let shown = if raw.is_empty() {
            String::new()
        } else {
            format!(" (`{raw}`)")
        };
        cx.report.report(
            &SKIPPED,
            &req.pointer,
            format!("request {label} has no URL{shown}; skipped"),
        );
        return false;
    }
    true
}

/// The operation's path and its path parameters, from `:name` and `{{name}}` segments.
fn path_and_parameters(
    url: &ParsedUrl,
    req: &Request,
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
) -> (String, Vec<Map<String, Value>>) {
    let mut params: Vec<Map<String, Value>> = Vec::new();
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
                        let at = var.map_or(&req.pointer, |v| &v.pointer);
                        let what = format!("path variable `{name}` of {label}");
                        if !cx.withheld(at, what, name, &ex) {
                            p.insert("x-example".into(), json!(ex));
                        }
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
    // Postman's variables are `{{name}}` and `:name`: a single brace is the URL's own.
    if let Some(encoded) = crate::swagger::encode_stray_braces(&path) {
        cx.report
            .report(
                &PATH_TEMPLATE,
                &req.pointer,
                format!(
                    "request {label}: the path `{path}` has a brace that is not a variable; written as `{encoded}`"
                ),
            )
            .set_help("if it was meant as a variable, write it `{{name}}` or `:name` in the URL");
        path = encoded;
    }
    (path, params)
}

/// The path with its parameters' names left out (`/users/{}`): two requests whose paths differ
/// only in those names are one operation.
fn canonical(path: &str) -> String {
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
}

/// The operation's tag (its folder), summary and description.
fn summary(req: &Request) -> Map<String, Value> {
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
    op
}

/// The names of the operation's parameters in `location` (lower-cased with `lower`).
fn given_names(op: &Op, location: &str, lower: bool) -> HashSet<String> {
    op.params
        .iter()
        .filter(|p| p["in"] == location)
        .filter_map(|p| p["name"].as_str())
        .map(|n| {
            if lower {
                n.to_ascii_lowercase()
            } else {
                n.to_string()
            }
        })
        .collect()
}

/// The query parameters, from the request's list or its URL. A secret-named one becomes an API
/// key when the request has no auth (unless it is a password or signature, which belong to the
/// call): returns which one did.
/// `[lead, raw]`: the query a leading variable's value carried (read first), and the URL's own
/// query text (read when the request has no structured query).
fn query(
    req: &Request,
    [lead, raw]: [&str; 2],
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
    op: &mut Op,
) -> Option<String> {
    let mut inferred = None;
    let entries = |raw: &str| -> Vec<Entry> {
        raw.split('&')
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
            .collect()
    };
    let mut query = entries(lead);
    match &req.url.query {
        Some(q) => query.extend(q.iter().cloned()),
        None => query.extend(entries(raw)),
    }
    // The names given so far: a request with thousands of query parameters checks each once.
    let mut seen = given_names(op, "query", false);
    let mut repeated = HashSet::new();
    for q in &query {
        if q.key.is_empty() {
            continue;
        }
        if q.disabled {
            cx.report.report(
                &EXCLUDED,
                &q.pointer,
                format!("disabled query parameter `{}` of {label} left out", q.key),
            );
            continue;
        }
        if seen.contains(&q.key) {
            // `?tag=a&tag=b`: Swagger 2.0 writes repeated keys as `collectionFormat: multi`,
            // which the platform rejects; the connector sends one value.
            if repeated.insert(q.key.as_str()) {
                cx.report
                    .report_as(
                        &EXCLUDED,
                        Severity::Warning,
                        &q.pointer,
                        format!(
                            "query parameter `{}` of {label} is repeated; the connector sends \
                             one value (the platform rejects `collectionFormat: multi`, the \
                             repeated form)",
                            q.key
                        ),
                    )
                    .set_help(
                        "if the API also takes the values comma-separated, make the parameter \
                         `type: array` with `collectionFormat: csv`",
                    );
            }
            continue;
        }
        let r = vars.resolve(&q.value);
        let per_call = per_call_credential(&q.key);
        // A flag under a secret's name is a setting (`useSessionCookies=false`), no key, and an
        // id in a query string picks a resource (`?sessionId=`).
        let credential =
            credential_name(&q.key) && !is_flag(&r.text) && !crate::secrets::names_an_id(&q.key);
        if credential {
            if !q.value.is_empty() && !only_references(&q.value) && !is_mask(&q.value) {
                cx.secret(
                    &q.pointer,
                    format!("query parameter `{}` of {label}", q.key),
                    &[&q.value],
                );
            }
            if let Some(kind) = per_call {
                report_per_call(
                    cx,
                    &q.pointer,
                    &format!("query parameter `{}`", q.key),
                    label,
                    kind,
                );
            } else if op.security.is_none() {
                let def = json!({"type": "apiKey", "in": "query", "name": q.key});
                let name = register_auth(&mut cx.auth_defs, "api_key", def);
                op.security = Some(name);
                inferred = Some(format!("query parameter `{}`", q.key));
                continue;
            }
        }
        let ty = if r.unresolved.is_empty() && !r.text.is_empty() && per_call.is_none() {
            infer_scalar(&r.text)
        } else {
            "string"
        };
        let mut p = param(&q.key, "query", ty);
        if per_call == Some(PerCall::Password) {
            // Masked where the user types it.
            p.insert("format".into(), json!("password"));
        }
        set_description(&mut p, &q.description, vars);
        if !r.text.is_empty()
            && r.unresolved.is_empty()
            && !r.secret
            && !credential
            && !cx.withheld(
                &q.pointer,
                format!("query parameter `{}` of {label}", q.key),
                &q.key,
                &r.text,
            )
        {
            p.insert("x-example".into(), typed_example(&r.text, ty));
        }
        seen.insert(q.key.clone());
        op.params.push(p);
    }
    inferred
}

/// Reports a `Content-Type` or `Accept` header whose value (`r`, resolved) is not a media type,
/// and so is left out of `list` (`consumes` or `produces`). A value still holding a variable
/// with no value is left out without a word: `postman-unresolved-variable` tells the request
/// uses it.
fn not_a_media_type(cx: &mut Cx, h: &Entry, r: &Resolved, label: &str, list: &str) {
    if !r.unresolved.is_empty() {
        return;
    }
    cx.report
        .report(
            &BODY,
            &h.pointer,
            format!(
                "header `{}` of {label} is `{}`, which is not a media type; it is left out of \
                 `{list}`",
                h.key, h.value
            ),
        )
        .set_help("set the header to the type the API takes, such as `application/json`");
}

/// The headers: `Content-Type` and `Accept` give the media types, `Authorization` and
/// secret-named headers the auth (when the request has none; `inferred`: what in the request
/// became its auth already), the rest parameters.
fn headers(
    req: &Request,
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
    op: &mut Op,
    mut inferred: Option<String>,
) {
    // Header names given so far, lower-cased (names compare without case).
    let mut seen = given_names(op, "header", true);
    for h in &req.headers {
        let lower = h.key.to_ascii_lowercase();
        if h.key.is_empty() || AUTOMATIC_HEADERS.contains(&lower.as_str()) {
            continue;
        }
        if h.disabled {
            cx.report.report(
                &EXCLUDED,
                &h.pointer,
                format!("disabled header `{}` of {label} left out", h.key),
            );
            continue;
        }
        let r = vars.resolve(&h.value);
        match lower.as_str() {
            "content-type" => {
                let m = mime_base(&r.text);
                if m.is_empty() || is_mime_type(&m) {
                    push_media_type(&mut op.consumes, &m);
                } else {
                    not_a_media_type(cx, h, &r, label, "consumes");
                }
            }
            "accept" => {
                let mut invalid = false;
                for m in r.text.split(',') {
                    let m = mime_base(m);
                    // `*` (any type) says as little as `*/*`.
                    if m == "*/*" || m == "*" || m.is_empty() {
                        continue;
                    }
                    if is_mime_type(&m) {
                        push_media_type(&mut op.produces, &m);
                    } else {
                        invalid = true;
                    }
                }
                if invalid {
                    not_a_media_type(cx, h, &r, label, "produces");
                }
            }
            _ if lower == "authorization" || (credential_name(&h.key) && !is_flag(&h.value)) => {
                if !h.value.is_empty() && !only_references(&h.value) && !is_mask(&h.value) {
                    cx.secret(
                        &h.pointer,
                        format!("header `{}` of {label}", h.key),
                        &[&h.value],
                    );
                }
                let per_call = (lower != "authorization")
                    .then(|| per_call_credential(&h.key))
                    .flatten();
                if op.security.is_some() || per_call.is_some() {
                    // The request's auth is set, or this is a password or a signature: another
                    // credential-like header is something each call sends (a merchant's
                    // assertion, a second key), which the user fills in; its value is never
                    // written.
                    if lower != "authorization" && seen.insert(lower.clone()) {
                        let mut p = param(&h.key, "header", "string");
                        set_description(&mut p, &h.description, vars);
                        if per_call == Some(PerCall::Password) {
                            p.insert("format".into(), json!("password"));
                        }
                        op.params.push(p);
                        let what = format!("header `{}`", h.key);
                        if let Some(kind) = per_call {
                            report_per_call(cx, &h.pointer, &what, label, kind);
                        } else {
                            let by = inferred
                                .as_ref()
                                .map(|i| format!(" (by its {i})"))
                                .unwrap_or_default();
                            cx.report.report(
                                &AUTH,
                                &h.pointer,
                                format!(
                                    "{what} of {label} looks like a credential, and the \
                                     request's auth is set already{by}: kept as a parameter, \
                                     without its value"
                                ),
                            );
                        }
                    }
                } else {
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
                    let name = register_auth(&mut cx.auth_defs, base, def);
                    op.security = Some(name);
                    inferred = Some(format!("header `{}`", h.key));
                }
            }
            _ => {
                if !seen.insert(lower.clone()) {
                    continue;
                }
                let mut p = param(&h.key, "header", "string");
                set_description(&mut p, &h.description, vars);
                if !r.text.is_empty()
                    && r.unresolved.is_empty()
                    && !r.secret
                    && !cx.withheld(
                        &h.pointer,
                        format!("header `{}` of {label}", h.key),
                        &h.key,
                        &r.text,
                    )
                {
                    p.insert("x-example".into(), json!(r.text));
                }
                op.params.push(p);
            }
        }
    }
}

/// Reports a password or a signature (`what`, of request `label`) kept as a parameter of its
/// call rather than made the connection's key.
fn report_per_call(cx: &mut Cx, at: &str, what: &str, label: &str, kind: PerCall) {
    let (message, help) = match kind {
        PerCall::Password => (
            format!(
                "{what} of {label} is a password sent with this call (a sign-in) rather than \
                 the connection's key, so it stays a parameter the user fills in, without its \
                 value"
            ),
            "if the API signs in once and then takes a token, make that token the connection's \
             auth instead (`--auth`)",
        ),
        PerCall::Signature => (
            format!(
                "{what} of {label} is a signature, computed anew for each call, which a \
                 connection cannot hold: kept as a parameter, without its value"
            ),
            "a connector computes a signature only in custom code (script.csx); otherwise each \
             call needs the signature passed in",
        ),
    };
    cx.report.report(&AUTH, at, message).set_help(help);
}

pub(super) struct ParsedUrl {
    host_key: Option<HostKey>,
    /// Path segments, each literal text or a parameter.
    segments: Vec<Seg>,
    raw_query: String,
    /// The query the value of a leading variable carried (`{{url}}` set to
    /// `https://host/get?test=1`): sent before the request's own.
    lead_query: String,
    /// Segments of several variables, each made one parameter: (the segment, its name).
    combined: Vec<(String, String)>,
    /// The names given to its `{{}}`s, in order.
    blanks: Vec<String>,
    /// A segment with a variable inside a variable, which no template can hold.
    nested: Option<String>,
    /// The `user:password` the URL's authority carried, taken out of the host.
    userinfo: Option<String>,
    /// When the URL has no host: the variables that stood where it would be, and what they
    /// gave (`{{baseUrl}}/items` with `baseUrl` set to "" or to `/`).
    host_from: Option<(Vec<String>, String)>,
    /// The variables whose values gave the host (`{{baseUrl}}`, or `{{tenant}}` in
    /// `https://{{tenant}}.example.com`), to name them when the host is no host name.
    host_vars: Vec<String>,
}

pub(super) enum Seg {
    Text(String),
    /// Template mixing text and parameters, e.g. `v{version}`.
    Template(String, Vec<(String, Option<String>)>),
}

pub(super) fn parse_url(raw: &str, vars: &Vars) -> ParsedUrl {
    let raw = raw.trim();
    let (no_frag, _) = raw.split_once('#').unwrap_or((raw, ""));
    let (mut main, query) = match no_frag.find('?') {
        Some(i) => (no_frag[..i].to_string(), no_frag[i + 1..].to_string()),
        None => (no_frag.to_string(), String::new()),
    };
    // A leading {{baseUrl}} is resolved whole: its path part becomes the base path.
    let mut base = String::new();
    let mut lead_vars = None;
    let mut host_vars = Vec::new();
    let mut lead_query = String::new();
    if main.starts_with("{{")
        && let Some(end) = main.find("}}")
    {
        let lead = &main[..end + 2];
        let mut r = vars.resolve(lead);
        let mut after = main[end + 2..].to_string();
        // A value that is a whole URL may carry a query (`https://host/get?test=1`): Postman
        // substitutes the text, so that query, and what follows the variable, are the
        // request's query, never part of its path.
        if let Some(i) = r.text.find(['?', '#']).filter(|_| r.text != lead) {
            if r.text[i..].starts_with('?') {
                let q = &r.text[i + 1..];
                let q = q.split_once('#').map_or(q, |(q, _)| q);
                lead_query = format!("{q}{}", std::mem::take(&mut after));
            }
            r.text.truncate(i);
        }
        if r.text.is_empty() || (r.text.starts_with('/') && !r.text.starts_with("//")) {
            lead_vars = Some((variable_names(lead), r.text.clone()));
        }
        // A base URL whose host is a variable without a value (`https://{{host}}/api/v1`)
        // still gives its base path: `--host` or `--var host=...` supplies only the host.
        if r.text.starts_with('/') && !r.text.starts_with("//") {
            // A base URL that is a path alone (`/`, `/api`): the URL has no host, and its path
            // starts with the variable's (`{{baseUrl}}/v1` with `/` is `/v1`, not the host `v1`).
            main = format!("{}{after}", r.text.trim_end_matches('/'));
        } else if r.unresolved.is_empty() || r.text != lead {
            host_vars = variable_names(lead);
            let (_, _, p) = split_url(&r.text);
            base = p.filter(|p| !p.contains("{{")).unwrap_or_default();
            main = format!("{}{after}", r.text);
        }
    }
    let (scheme, rest) = match main.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r.to_string()),
        // A scheme-relative URL (`//host/path`) names its host as well.
        None => match main.strip_prefix("//") {
            Some(r) => (String::new(), r.to_string()),
            None => (String::new(), main.clone()),
        },
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
        None => (rest.clone(), String::new()),
    };
    let mut host = vars.resolve(&authority);
    if host_vars.is_empty() {
        host_vars = variable_names(&authority);
    }
    // `user:password@host`: the credentials are no part of the host, and never written.
    let mut userinfo = None;
    if let Some(at) = host.text.rfind('@') {
        userinfo = Some(host.text[..at].to_string());
        host.text = host.text[at + 1..].to_string();
    }
    let host_from = if host.text.is_empty() {
        lead_vars.or_else(|| {
            let names = variable_names(&authority);
            (!names.is_empty()).then(|| (names, String::new()))
        })
    } else {
        None
    };
    let host_key = (!host.text.is_empty()).then(|| HostKey {
        scheme: if scheme.is_empty() {
            "https".into()
        } else {
            scheme
        },
        // A host name is case-insensitive; a placeholder left in it (`{baseUrl}`) is quoted
        // in the error as the user wrote it.
        host: if host.unresolved.is_empty() && !host.text.contains('{') {
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
    let mut combined = Vec::new();
    let mut blanks = Vec::new();
    let mut nested = None;
    let count = path.split('/').count();
    for (i, seg) in path.split('/').enumerate().skip(1) {
        // `{{baseUrl}}/orgs` with a base URL ending in `/`: one separator, not an empty segment.
        if seg.is_empty() && i + 1 < count {
            continue;
        }
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
            let mut name = rest[s + 2..s + 2 + e].trim().to_string();
            let example = if name.is_empty() {
                // `{{}}` names no variable: Postman sends it as it is, a place the author left
                // to fill in. A parameter of its own, named for it, without an example.
                name = blank_name(&path, &blanks);
                blanks.push(name.clone());
                None
            } else {
                let value = vars.resolve(&format!("{{{{{name}}}}}"));
                (value.unresolved.is_empty() && !value.secret).then_some(value.text)
            };
            text.push_str(&format!("{{{name}}}"));
            params.push((name, example));
            rest = &rest[s + 2 + e + 2..];
        }
        text.push_str(rest);
        if rest.contains("}}") || params.iter().any(|(n, _)| n.contains("{{")) {
            nested.get_or_insert_with(|| seg.to_string());
            continue;
        }
        if params.len() > 1 {
            // One parameter per segment: the variables become one, named after them all.
            let name = params
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join("_");
            let whole = vars.resolve(seg);
            let example = (whole.unresolved.is_empty() && !whole.secret).then_some(whole.text);
            combined.push((seg.to_string(), name.clone()));
            segments.push(Seg::Template(format!("{{{name}}}"), vec![(name, example)]));
            continue;
        }
        segments.push(Seg::Template(text, params));
    }
    ParsedUrl {
        userinfo,
        host_from,
        host_vars,
        host_key,
        segments,
        raw_query: query,
        lead_query,
        combined,
        blanks,
        nested,
    }
}

/// The name of the next `{{}}` of `path`: `value`, `value2`, ..., one that no `{{variable}}`
/// or `:variable` of the path and no earlier `{{}}` (`given`) has.
fn blank_name(path: &str, given: &[String]) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            "value".to_string()
        } else {
            format!("value{n}")
        };
        let taken = given.contains(&name)
            || path.contains(&format!("{{{{{name}}}}}"))
            || path
                .split('/')
                .any(|s| s.strip_prefix(':') == Some(name.as_str()));
        if !taken {
            return name;
        }
        n += 1;
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

/// The type of a parameter's example value. A number only when it reads back as written: a
/// zip code `02134` or an id longer than a number's precision is text a flow must send as it is.
fn infer_scalar(v: &str) -> &'static str {
    if v.parse::<i64>().is_ok_and(|n| n.to_string() == v) {
        "integer"
    } else if v
        .parse::<f64>()
        .is_ok_and(|f| f.is_finite() && f.to_string() == v)
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_a_number_only_when_it_reads_back_as_written() {
        for (v, ty) in [
            ("42", "integer"),
            ("-7", "integer"),
            ("1.5", "number"),
            ("true", "boolean"),
            ("02134", "string"),
            ("12345678901234567890", "string"),
            ("1.50", "string"),
            ("1e5", "string"),
            ("+3", "string"),
            ("NaN", "string"),
            ("inf", "string"),
        ] {
            assert_eq!(infer_scalar(v), ty, "{v}");
        }
        assert_eq!(
            typed_example("02134", infer_scalar("02134")),
            json!("02134")
        );
    }
}
