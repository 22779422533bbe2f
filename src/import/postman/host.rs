//! The connector's one host: the most common among the requests, and what the others lose.

use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Value, json};

use super::Cx;
use super::codes::*;
use super::op::{HostKey, Op};
use crate::diagnostic::{Diagnostic, Severity};
use crate::import::provenance::Server;

/// Chooses the host and reports the requests that call another. `given` says `--host` was
/// passed: the host it names is written over the chosen one later, so a missing or unreachable
/// host is not reported and the other hosts are reported against `--host`.
///
/// Every request to the chosen scheme and host calls the same server, whichever base path its
/// URL had: the base path is the longest one (up to the most common) they all call under, and
/// the rest of each URL its path. `https://h/api/v1/things` beside `{{baseUrl}}/orders` (with
/// `{{baseUrl}}` = `https://h/api/v1`) is `/things` under `/api/v1`; `https://h/health` beside
/// them makes the base path `/`.
pub(super) fn choose(ops: &mut [Op], given: bool, cx: &mut Cx) -> Option<HostKey> {
    let mut chosen = most_common(ops);
    if let Some(k) = chosen.as_mut() {
        let on_host = |op: &Op| {
            op.host_key
                .as_ref()
                .is_some_and(|h| (&h.scheme, &h.host) == (&k.scheme, &k.host))
        };
        let fulls: Vec<String> = ops
            .iter()
            .filter(|op| on_host(op))
            .map(super::request::full_path)
            .collect();
        let mut base = k.base.clone();
        while !fulls.iter().all(|f| super::request::under(f, &base)) {
            base.truncate(base.rfind('/').unwrap_or(0));
        }
        for op in ops.iter_mut().filter(|op| on_host(op)) {
            super::request::rebase(op, &base);
        }
        k.base = base;
    }
    if !given {
        check(chosen.as_ref(), ops, cx);
    }
    if let Some(k) = &chosen {
        report_others(k, ops, given, cx);
    }
    chosen
}

/// The most common host among the requests (first seen wins a tie).
fn most_common(ops: &[Op]) -> Option<HostKey> {
    vote(ops.iter().filter_map(|op| op.host_key.clone()), |a, b| {
        a == b
    })
}

/// The most common of `items` by `same`, the first seen winning a tie.
fn vote<T>(items: impl IntoIterator<Item = T>, same: impl Fn(&T, &T) -> bool) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(c, _)| same(c, &item)) {
            Some(e) => e.1 += 1,
            None => counts.push((item, 1)),
        }
    }
    let mut best: Option<(T, usize)> = None;
    for (item, n) in counts {
        if best.as_ref().is_none_or(|(_, b)| n > *b) {
            best = Some((item, n));
        }
    }
    best.map(|(item, _)| item)
}

/// Reports a host that is missing, an unresolved variable, or unreachable from the platform.
fn check(chosen: Option<&HostKey>, ops: &[Op], cx: &mut Cx) {
    match chosen {
        None => {
            // A variable set to "" is one without a value, and one set to a path alone (`/`,
            // which generators write) names no host: the user is to give it.
            let found = ops
                .iter()
                .find_map(|op| op.host_from.as_ref().map(|from| (op, from)));
            match found {
                Some((op, (names, value))) => {
                    let (listed, vars) = listed_and_flags(names);
                    let gave = match (names.len(), value.is_empty()) {
                        (1, true) => "whose value is empty".to_string(),
                        (_, true) => "whose values are empty".to_string(),
                        (_, false) => format!("which gives the path `{value}` and no host"),
                    };
                    cx.report
                        .report_as(
                            &UNRESOLVED_VARIABLE,
                            Severity::Error,
                            &op.pointer,
                            format!(
                                "the host comes from {listed}, {gave}, and the collection cannot be converted without a host: pass {vars}, an environment with it (--env FILE), or the host (--host api.example.com)"
                            ),
                        )
                        .set_help("the connector needs a host; Postman takes the base URL from the environment, which the conversion needs too");
                    cx.fatal = true;
                }
                // Requests with relative URLs only: written without a host, as an OpenAPI
                // definition whose server names none.
                None => {
                    cx.report.report_as(&UNRESOLVED_VARIABLE, Severity::Error, "", "no request has a host, so the connector has none")
                        .set_help("pass --host api.example.com (or --var for the variable that holds the base URL)");
                }
            }
        }
        Some(k) if k.host.contains("{{") => {
            let first = first_calling(k, ops);
            let names = variable_names(&k.host);
            let (listed, vars) = listed_and_flags(&names);
            let what = if names.len() == 1 && k.host == format!("{{{{{}}}}}", names[0]) {
                format!("the host is the variable {listed}, which has no value")
            } else {
                format!("the host `{}` uses {listed}, which has no value", k.host)
            };
            cx.report
                .report_as(
                    &UNRESOLVED_VARIABLE,
                    Severity::Error,
                    &first,
                    format!(
                        "{what}, and the collection cannot be converted without a host: pass {vars}, an environment with it (--env FILE), or the host (--host api.example.com)"
                    ),
                )
                .set_help(
                    "the connector needs a host; a {{variable}} left in it makes an invalid definition",
                );
            cx.fatal = true;
        }
        Some(k) if let Some(problem) = crate::swagger::host_problem(&k.host) => {
            // The variables it came from are named, with their flags: a template environment
            // (`https://api.{region}.example.com`) is fixed in the variable, not the requests.
            let names = first_op_calling(k, ops)
                .map(|o| o.host_vars.as_slice())
                .unwrap_or_default();
            let (from, give) = if names.is_empty() {
                (
                    String::new(),
                    "a value for the variable that holds the base URL (--var NAME=VALUE"
                        .to_string(),
                )
            } else {
                let (listed, vars) = listed_and_flags(names);
                (
                    format!(" (from {listed})"),
                    format!("{listed} a value without the placeholder ({vars}"),
                )
            };
            cx.report
                .report_as(
                    &UNRESOLVED_VARIABLE,
                    Severity::Error,
                    first_calling(k, ops),
                    format!(
                        "the host `{}`{from} is not a host name (it {problem}), and the \
                         collection cannot be converted without one: pass the host (--host \
                         api.example.com), or give {give}, or an environment with it: --env \
                         FILE)",
                        k.host
                    ),
                )
                .set_help(
                    "the host comes from the requests' URLs and the collection's variables; a \
                     placeholder left in a variable's value (`{baseUrl}`) makes an invalid \
                     definition",
                );
            cx.fatal = true;
        }
        Some(k) => {
            if crate::swagger::is_loopback_host(&k.host) {
                cx.report
                    .report(
                        &HOSTS,
                        first_calling(k, ops),
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

/// Where the first request that calls `host` is, to place what is said of the host.
fn first_calling(host: &HostKey, ops: &[Op]) -> String {
    first_op_calling(host, ops)
        .map(|o| o.pointer.clone())
        .unwrap_or_default()
}

/// The first request that calls `host`.
fn first_op_calling<'a>(host: &HostKey, ops: &'a [Op]) -> Option<&'a Op> {
    ops.iter().find(|o| o.host_key.as_ref() == Some(host))
}

/// Reports each request whose host is not the connector's.
fn report_others(chosen: &HostKey, ops: &[Op], given: bool, cx: &mut Cx) {
    let k = chosen;
    for op in ops {
        if let Some(h) = &op.host_key
            && h != k
        {
            let msg = if given {
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
            cx.report.report(&HOSTS, &op.pointer, msg);
        }
    }
}

/// The names of the `{{name}}` references in a text, in order, each once.
/// `{{a}}, {{b}}` and the flags that give them values, `--var a=VALUE --var b=VALUE`, each
/// quoted when a shell would split it.
fn listed_and_flags(names: &[String]) -> (String, String) {
    let listed = names
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let flags = names
        .iter()
        // Quoted as a shell needs it: names may hold spaces (`{{v2 API domain}}`).
        .map(|n| {
            format!(
                "--var {}",
                crate::diagnostic::shell_word(&format!("{n}=VALUE"))
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    (listed, flags)
}

pub(super) fn variable_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_string();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
        rest = &after[end + 2..];
    }
    names
}

/// Whether `d` is the import's finding that a request calls another host than the connector's.
/// The host is chosen over the whole collection; when a selection or a split leaves requests
/// out, [`rehost`] chooses it again and tells these anew.
pub fn is_other_host(d: &Diagnostic) -> bool {
    std::ptr::eq(d.meta, &HOSTS) && d.pointer().is_some_and(|p| !p.is_empty())
}

/// What [`rehost`] found.
#[derive(Debug, Default)]
pub struct Rehosted {
    /// Whether `host`, `basePath` or `schemes` changed.
    pub changed: bool,
    /// The operations (path, method) whose requests call another host, and what to tell.
    pub others: Vec<((String, String), String)>,
}

/// Chooses the host again for the operations `keys` of `doc`, what a selection kept or one part
/// of a split (`among` says which, in the messages): the most common among the servers their
/// requests call (with no variable left in the host), first seen winning a tie, written into
/// `doc` unless `given` (`--host` sets it). Without one, `doc` keeps its host.
pub fn rehost(
    doc: &mut Value,
    keys: &[(String, String)],
    servers: &HashMap<(String, String), Server>,
    given: bool,
    among: &str,
) -> Rehosted {
    // A host left as a `{{variable}}` is never chosen here: the import has told what to pass
    // for it, and the definition keeps a host it can be written with.
    let voted = vote(
        keys.iter()
            .filter_map(|k| servers.get(k))
            .filter(|s| !s.host.contains("{{")),
        |a, b| same(a, b),
    )
    .cloned();
    // Without a host to choose, the document's stands, and the others are told against it.
    let (chosen, why) = match voted {
        Some(s) => (s, format!("the most common {among}")),
        None => {
            let field = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or_default();
            let Some(host) = doc.field("host").and_then(Value::as_str) else {
                return Rehosted::default();
            };
            let scheme = doc
                .pointer("/schemes/0")
                .and_then(Value::as_str)
                .unwrap_or("https");
            let base = field("basePath");
            let server = Server {
                scheme: scheme.to_string(),
                host: host.to_string(),
                base: if base == "/" {
                    String::new()
                } else {
                    base.to_string()
                },
                request: String::new(),
            };
            (server, "the collection's".to_string())
        }
    };
    let chosen = &chosen;
    let mut out = Rehosted::default();
    if !given && let Some(root) = doc.as_object_mut() {
        let base = if chosen.base.is_empty() {
            "/"
        } else {
            &chosen.base
        };
        for (field, value) in [
            ("host", json!(chosen.host)),
            ("basePath", json!(base)),
            ("schemes", json!([chosen.scheme])),
        ] {
            if root.get(field) != Some(&value) {
                root.insert(field.into(), value);
                out.changed = true;
            }
        }
    }
    for k in keys {
        let Some(s) = servers.get(k).filter(|s| !same(s, chosen)) else {
            continue;
        };
        let calls = format!(
            "request `{}` calls {}://{}{}",
            s.request, s.scheme, s.host, s.base
        );
        let message = if given {
            format!("{calls}; the connector's host is set by --host")
        } else {
            format!(
                "{calls}, but the connector's host is {}://{}{} ({why}); the operation is kept and will call that host",
                chosen.scheme, chosen.host, chosen.base
            )
        };
        out.others.push((k.clone(), message));
    }
    out
}

/// Whether two requests call the same server.
fn same(a: &Server, b: &Server) -> bool {
    (&a.scheme, &a.host, &a.base) == (&b.scheme, &b.host, &b.base)
}
