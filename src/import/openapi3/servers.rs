//! The server: `host`, `basePath` and `schemes` from the chosen server's URL.
use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::codes::*;
use super::{Conv, Loc};
use crate::diagnostic::Severity;

/// A server's URL, a `{{name}}` in it (Postman's form of a variable, common in definitions
/// exported from Postman) read as the variable `{name}`.
fn url_of(server: &Value) -> String {
    let url = server.field("url").and_then(Value::as_str).unwrap_or("/");
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(s) = rest.find("{{") {
        let Some(len) = rest[s + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..s]);
        out.push('{');
        out.push_str(rest[s + 2..s + 2 + len].trim());
        out.push('}');
        rest = &rest[s + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether a path's or operation's `own` servers leave out the server the connector calls (the
/// definition's chosen one): a list that holds it, alone or among others, is called as every
/// other operation is.
pub(super) fn leave_out_chosen(cx: &Conv, own: &Value) -> bool {
    let root = cx.main.doc.field("servers");
    if Some(own) == root {
        return false;
    }
    let chosen = (root.and_then(Value::as_array))
        .and_then(|l| l.get(cx.opts.server.unwrap_or(0)))
        .map(url_of);
    let Some(chosen) = chosen else {
        return true;
    };
    let bare = |u: &str| u.trim_end_matches('/').to_string();
    !(own.as_array()).is_some_and(|l| l.iter().any(|s| bare(&url_of(s)) == bare(&chosen)))
}

/// Where the path of a server URL starts (its length when it has none): after the scheme and
/// the authority.
fn path_start(url: &str) -> usize {
    let after = url
        .find("://")
        .map(|i| i + 3)
        .or_else(|| url.starts_with("//").then_some(2));
    match after {
        Some(a) => url[a..].find('/').map_or(url.len(), |i| a + i),
        // `host:port/base` names a host too; `/base` has none.
        None if url.starts_with('/') => 0,
        None => url.find('/').unwrap_or(url.len()),
    }
}

/// Fills a server URL's variables from `--server-var` and their defaults; whether one of the
/// host had no value (reported). A variable of the path without a value (none, or empty) stays
/// as it is, unless `--host` is given: the operations' paths take it (see [`servers`]).
fn server_url(cx: &mut Conv, loc: &Loc, server: &Value, at: &str) -> (String, bool) {
    let mut url = url_of(server);
    let mut missing = false;
    let host_given = cx.opts.host.is_some();
    let vars = server.field("variables").and_then(Value::as_object);
    let mut from = 0;
    while let Some(s) = url[from..].find('{').map(|s| s + from) {
        // Where the path starts, in the URL as filled so far.
        let path_from = path_start(&url);
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
                    .and_then(|v| v.field("default"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
        let in_path = s >= path_from;
        let value = match value {
            Some(v) if !(in_path && v.is_empty()) => v,
            _ if in_path && !host_given => {
                from = s + len + 1;
                continue;
            }
            Some(v) => v,
            None if host_given => {
                cx.in_file(loc)
                    .report_as(
                        &SERVER,
                        Severity::Warning,
                        at,
                        format!(
                            "server variable `{name}` has no default: the host is the one --host \
                             gives, and a base path the variable would hold is left out"
                        ),
                    )
                    .set_help(format!("pass --server-var {name}=VALUE to use its value"));
                String::new()
            }
            None => {
                missing = true;
                cx.in_file(loc)
                    .report_as(
                        &SERVER,
                        Severity::Error,
                        at,
                        format!(
                            "server variable `{name}` has no default, so the connector has no host"
                        ),
                    )
                    .set_help(format!(
                        "pass --server-var {name}=VALUE, or the host with --host api.example.com"
                    ));
                String::new()
            }
        };
        url.replace_range(s..s + len + 1, &value);
        from = s + value.len();
    }
    (url, missing)
}

/// The names of the `{variables}` in a server URL, in order.
fn url_variables(url: &str) -> impl Iterator<Item = &str> {
    url.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// Returns false, with an error reported, when a `--server-var` names no variable of the chosen
/// server (a misspelt name would otherwise change nothing, silently). A value outside the
/// variable's `enum` is a warning: the connector may call a server the definition does not list.
fn server_vars_known(cx: &mut Conv, chosen: Option<&Value>, index: usize) -> bool {
    let main = cx.main.clone();
    let url = chosen.map(url_of).unwrap_or_default();
    let declared = chosen
        .and_then(|s| s.field("variables"))
        .and_then(Value::as_object);
    let mut names: Vec<&str> = declared
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .collect();
    for name in url_variables(&url) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut known = true;
    for (name, value) in &cx.opts.server_vars {
        if !names.contains(&name.as_str()) {
            let has = if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            };
            let (at, message) = match chosen {
                Some(_) => (
                    format!("/servers/{index}"),
                    format!(
                        "--server-var {name}: server {index} (`{url}`) has no variable `{name}`; \
                         its variables: {has}"
                    ),
                ),
                None => (
                    String::new(),
                    format!("--server-var {name}: the definition has no server to give it to"),
                ),
            };
            cx.in_file(&main)
                .report_as(&SERVER, Severity::Error, at, message);
            known = false;
            continue;
        }
        let allowed: Vec<&str> = declared
            .and_then(|d| d.get(name))
            .and_then(|v| v.field("enum"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if !allowed.is_empty() && !allowed.contains(&value.as_str()) {
            cx.in_file(&main).report_as(
                &SERVER,
                Severity::Warning,
                format!("/servers/{index}/variables/{}", crate::diagnostic::escape_token(name)),
                format!(
                    "--server-var {name}={value}: `{value}` is not one of the variable's values ({})",
                    allowed.join(", ")
                ),
            );
        }
    }
    known
}

/// Writes `host`, `basePath` and `schemes` into `out`. `Err` (an error reported) when
/// `--server` names a server the definition lacks, or the server gives no usable host; else
/// the part of the server's path from its first variable without a value (`/{tenant}/v1`), which
/// every path of the API is to start with ([`prefix_paths`]): a base path has no variables.
pub(super) fn servers(
    cx: &mut Conv,
    d: &Value,
    out: &mut Map<String, Value>,
) -> Result<Option<String>, ()> {
    let main = cx.main.clone();
    let list: Vec<Value> = d
        .field("servers")
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
                "--server {index} does not exist: the definition has {} (counted from 0)",
                crate::report::plural(list.len(), "server")
            ),
        );
        return Err(());
    }
    if !server_vars_known(cx, chosen, index) {
        return Err(());
    }
    let (url, missing) = match chosen {
        Some(s) => server_url(cx, &main, s, &format!("/servers/{index}")),
        None => ("/".into(), false),
    };
    // `https://user:password@host`: the credentials are no part of the host, never written and
    // never repeated in a message.
    let (url, userinfo) = crate::secrets::without_userinfo(&url);
    if userinfo {
        cx.in_file(&main)
            .report(
                &SECRET,
                format!("/servers/{index}/url"),
                "the server URL holds credentials (`user:password@`); they are not written to the output",
            )
            .set_help(
                "describe the authentication in `components.securitySchemes` (or pass --auth basic), \
                 and rotate the password if the definition was shared",
            );
    }
    // A query or fragment has no place in `host` or `basePath`; a signature or key in it is a
    // credential, which is never written or repeated.
    let url = match url.find(['?', '#']) {
        Some(i) => {
            let (kept, after) = url.split_at(i);
            let secret = crate::secrets::holds_secret(after);
            let r = cx.in_file(&main);
            if secret {
                r.report(
                    &SECRET,
                    format!("/servers/{index}/url"),
                    "the server URL's query holds a credential; the query is not written to the \
                     output",
                )
                .set_help(
                    "describe the key in `components.securitySchemes` (or pass --auth apikey), \
                     and rotate it if the definition was shared",
                );
            } else {
                r.report(
                    &SERVER,
                    format!("/servers/{index}/url"),
                    format!(
                        "the server URL `{kept}` has a query or fragment, which Swagger 2.0's \
                         `host` and `basePath` cannot hold; it is left out"
                    ),
                )
                .set_help("send it as parameters of the operations that need it");
            }
            kept.to_string()
        }
        None => url,
    };
    if list.len() > 1 {
        let others: Vec<String> = list
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(_, s)| {
                s.field("url")
                    .and_then(Value::as_str)
                    .map(|u| crate::secrets::without_userinfo(u).0)
            })
            .collect();
        cx.in_file(&main)
            .report(
                &SERVER,
                "/servers",
                format!(
                    "the definition has {}; the connector uses `{url}`; not used: {}",
                    crate::report::plural(list.len(), "server"),
                    others.join(", ")
                ),
            )
            .set_help("choose another with --server N (counted from 0)");
    }
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r.to_string()),
        // A scheme-relative URL (`//host/base`) names its host as well.
        None => match url.strip_prefix("//") {
            Some(r) => (None, r.to_string()),
            None => (None, url.clone()),
        },
    };
    let relative = scheme.is_none() && url.starts_with("//");
    // `host:port/base` without a scheme names a host too; only `/base` is relative.
    let (host, base) =
        if scheme.is_some() || relative || !(rest.starts_with('/') || rest.is_empty()) {
            match rest.find('/') {
                Some(i) => (rest[..i].to_string(), rest[i..].to_string()),
                None => (rest.clone(), String::new()),
            }
        } else {
            (String::new(), rest.clone())
        };
    // `--host` replaces the server's scheme and host (and its path, when it gives one).
    if let Some(scheme) = scheme.as_deref()
        && scheme != "http"
        && scheme != "https"
        && cx.opts.host.is_none()
    {
        let from_var = chosen.map(url_of).and_then(|u| {
            let (scheme, _) = u.split_once("://")?;
            url_variables(scheme).next().map(str::to_string)
        });
        cx.in_file(&main)
            .report_as(
                &SERVER,
                Severity::Error,
                format!("/servers/{index}/url"),
                format!(
                    "the server URL `{url}` uses `{scheme}`; a connector calls its API over \
                     `https` or `http` only"
                ),
            )
            .set_help(match from_var {
                Some(var) => format!("pass --server-var {var}=https"),
                None if list.len() > 1 => "choose a server that uses https with --server N \
                                           (counted from 0), or pass the API's address with \
                                           --host https://api.example.com"
                    .into(),
                None => "give the server an `https://` URL, or pass the API's address with \
                         --host https://api.example.com"
                    .into(),
            });
        return Err(());
    }
    // A host the variables left malformed (`--server-var tenant=` makes `.events.contoso.com`).
    if !host.is_empty()
        && cx.opts.host.is_none()
        && !missing
        && let Some(problem) = crate::swagger::host_problem(&host)
    {
        let named: Vec<String> = chosen
            .map(url_of)
            .map(|u| url_variables(&u).map(str::to_string).collect())
            .unwrap_or_default();
        cx.in_file(&main)
            .report_as(
                &SERVER,
                Severity::Error,
                format!("/servers/{index}/url"),
                format!("the server URL gives the host `{host}`, which {problem}"),
            )
            .set_help(match named.first() {
                Some(var) => format!("pass a value with --server-var {var}=VALUE, or the host with --host api.example.com"),
                None => "pass the host with --host api.example.com".into(),
            });
        return Err(());
    }
    if host.is_empty() && cx.opts.host.is_none() && !missing {
        let at = if list.is_empty() { "" } else { "/servers" };
        cx.in_file(&main)
            .report_as(
                &SERVER,
                Severity::Error,
                at,
                if list.is_empty() {
                    "the definition has no `servers`, so the connector has no host".to_string()
                } else {
                    format!("the server URL `{url}` has no host, so the connector has none")
                },
            )
            .set_help(if list.is_empty() {
                "pass --host api.example.com, or add `servers: [{url: https://api.example.com}]`"
            } else {
                "pass --host api.example.com"
            });
    }
    if !host.is_empty() && cx.opts.host.is_none() && crate::swagger::is_loopback_host(&host) {
        cx.in_file(&main)
            .report_as(
                &SERVER,
                Severity::Warning,
                format!("/servers/{index}/url"),
                format!("the host is `{host}`, which Power Platform cannot reach"),
            )
            .set_help(if list.len() > 1 {
                "choose the API's public server with --server N (counted from 0), or pass its \
                 host with --host api.example.com"
            } else {
                "pass the API's public host with --host api.example.com"
            });
    }
    if !host.is_empty() {
        out.insert("host".into(), json!(host));
    }
    // Variables left in the path: the base path stops before the first segment that has one.
    let (base, tail) =
        match base.find('{') {
            // A brace that closes no variable is left to the base path, as written.
            Some(i) if !crate::swagger::template_variables(&base[i..]).is_empty() => {
                let cut = base[..i].rfind('/').unwrap_or(0);
                let tail = base[cut..].trim_end_matches('/').to_string();
                let names: Vec<String> = crate::swagger::template_variables(&tail)
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect();
                let (these, have, them) = if names.len() == 1 {
                    ("server variable", "has", "it is a parameter")
                } else {
                    ("server variables", "have", "they are parameters")
                };
                cx.in_file(&main)
                .report_as(
                    &SERVER,
                    Severity::Warning,
                    format!("/servers/{index}/url"),
                    format!(
                        "{these} {} of the base path {have} no value: the base path stops at `{}`, \
                         every path starts with `{tail}`, and {them} of every operation",
                        names.join(", "),
                        if cut == 0 { "/" } else { &base[..cut] }
                    ),
                )
                .set_help(format!(
                    "to fix a value in the base path instead, pass --server-var {}=VALUE",
                    crate::swagger::template_variables(&tail).first().copied().unwrap_or("NAME")
                ));
                (base[..cut].to_string(), Some(tail))
            }
            _ => (base, None),
        };
    let base = base.trim_end_matches('/');
    out.insert(
        "basePath".into(),
        json!(if base.is_empty() { "/" } else { base }),
    );
    out.insert(
        "schemes".into(),
        json!([scheme.unwrap_or_else(|| "https".into())]),
    );
    Ok(tail)
}

/// `paths` with each key starting with `tail` (the server's path from its first variable
/// without a value) and each path item declaring `tail`'s variables as required string path
/// parameters, its operations followed in `provenance`. `None` when a path has a variable of the
/// same name already: the two could not be told apart.
pub(super) fn prefix_paths(
    paths: Map<String, Value>,
    tail: &str,
    provenance: &mut crate::import::provenance::Provenance,
) -> Result<Map<String, Value>, String> {
    let names = crate::swagger::template_variables(tail);
    if let Some((path, name)) = paths.keys().find_map(|p| {
        crate::swagger::template_variables(p)
            .into_iter()
            .find(|v| names.contains(v))
            .map(|v| (p.clone(), v.to_string()))
    }) {
        return Err(format!(
            "the server's variable `{name}` has no value, and path `{path}` has a variable of that \
             name too"
        ));
    }
    let mut out = Map::with_capacity(paths.len());
    for (key, mut item) in paths {
        if key.starts_with("x-") {
            out.insert(key, item);
            continue;
        }
        let to = if key == "/" {
            tail.to_string()
        } else {
            format!("{tail}{key}")
        };
        if let Some(item) = item.as_object_mut() {
            let mut params: Vec<Value> = names
                .iter()
                .map(|n| json!({"name": n, "in": "path", "required": true, "type": "string"}))
                .collect();
            if let Some(Value::Array(own)) = item.remove("parameters") {
                params.extend(own);
            }
            let rest = std::mem::take(item);
            item.insert("parameters".into(), Value::Array(params));
            item.extend(rest);
        }
        provenance.path_renamed(&key, &to);
        out.insert(to, item);
    }
    Ok(out)
}
