//! Changes to an operation's parameters: paired by name and location, path variables by their
//! position in the path, and a body with a body whatever their names.

use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::changes::*;
use super::{Direction, Level, Out, schema, str_of};
use crate::swagger::Operation;

fn pname<'a>(p: &crate::swagger::Parameter<'a>) -> &'a str {
    p.name().unwrap_or_default()
}

fn ploc<'a>(p: &crate::swagger::Parameter<'a>) -> &'a str {
    p.location().unwrap_or_default()
}

fn param_key(p: &crate::swagger::Parameter) -> (String, String) {
    (pname(p).to_string(), ploc(p).to_string())
}

pub(super) fn parameters(
    old_doc: &Value,
    o: &Operation,
    new_doc: &Value,
    n: &Operation,
    out: &mut Out,
) {
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
    // A template variable renamed in place: the same number of variables, and at one position
    // a name that only the old path has and one that only the new path has. A path that gained
    // or lost variables pairs none (`/tenants/{tenantId}/cards/{cardId}` becoming
    // `/cards/{cardId}` lost `tenantId`; it did not rename it).
    let mut renamed: Vec<(String, String)> = Vec::new();
    if ov.len() == nv.len() {
        for (a, b) in ov.iter().zip(&nv) {
            if a != b && !nv.contains(a) && !ov.contains(b) {
                renamed.push((a.clone(), b.clone()));
            }
        }
    }
    // Indexes by name and location: operations with thousands of parameters compare in one
    // pass over each list.
    type Key<'k> = (&'k str, &'k str);
    let mut new_by: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut new_by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, q) in n.params.iter().enumerate() {
        new_by.entry((pname(q), ploc(q))).or_default().push(j);
        new_by_name.entry(pname(q)).or_default().push(j);
    }
    let mut old_by: HashMap<Key, usize> = HashMap::new();
    let mut old_locs: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in &o.params {
        *old_by.entry((pname(p), ploc(p))).or_default() += 1;
        old_locs.entry(pname(p)).or_default().push(ploc(p));
    }
    let old_body = o.params.iter().any(|p| ploc(p) == "body");
    // A parameter declared twice (an error of its own) pairs occurrence by occurrence, so that
    // a definition compared with itself shows no change.
    let find_new = |name: &str, loc: &str, rank: usize| {
        let same = new_by.get(&(name, loc))?;
        same.get(rank).or(same.first()).map(|&j| &n.params[j])
    };
    // The new parameters with no old one to pair with.
    let added: Vec<&crate::swagger::Parameter> = n
        .params
        .iter()
        .filter(|q| {
            let (name, loc) = (pname(q), ploc(q));
            let paired = old_by.contains_key(&(name, loc))
                || (loc == "path"
                    && renamed
                        .iter()
                        .any(|(a, b)| b == name && old_locs.contains_key(a.as_str())))
                || (loc == "body" && old_body)
                || old_locs
                    .get(name)
                    .is_some_and(|locs| locs.iter().any(|l| *l != loc));
            !paired
        })
        .collect();
    // A removed query or header parameter is likely renamed when exactly one parameter of its
    // location and type was added.
    let drift = out.drift;
    fn ty(v: &Map<String, Value>) -> Option<&str> {
        v.field("type").and_then(Value::as_str)
    }
    // The added parameters by location and type: how many, and the first one's name.
    let mut added_kinds: HashMap<(&str, Option<&str>), (usize, &str)> = HashMap::new();
    for q in &added {
        added_kinds
            .entry((ploc(q), ty(q.value)))
            .or_insert((0, pname(q)))
            .0 += 1;
    }
    let renamed_to = |p: &crate::swagger::Parameter| {
        if drift || !matches!(ploc(p), "query" | "header") {
            return String::new();
        }
        match added_kinds.get(&(ploc(p), ty(p.value))) {
            Some((1, name)) => format!(" (renamed to `{name}`?)"),
            _ => String::new(),
        }
    };
    // An operation has one body: a definition that declares two (invalid) loses it once.
    let mut body_gone = false;
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for p in &o.params {
        let (name, loc) = param_key(p);
        let rank = {
            let count = seen.entry((pname(p), ploc(p))).or_default();
            *count += 1;
            *count - 1
        };
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
        match find_new(&target, &loc, rank) {
            Some(q) => {
                // The API reads a path variable by position; only the connector's name reaches
                // flows.
                if target != name && !out.drift {
                    out.push(&PARAMETER_RENAMED, Level::Breaking, op, Some(p.pointer()), Some(q.pointer()), format!("path parameter `{name}` was renamed `{target}`: flows pass parameters by name"));
                }
                parameter(old_doc, p, new_doc, q, op, out);
            }
            None => {
                let moved = new_by_name
                    .get(name.as_str())
                    .into_iter()
                    .flatten()
                    .map(|&j| &n.params[j])
                    .find(|q| ploc(q) != loc);
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
                        } else if !body_gone {
                            body_gone = true;
                            let (kind, level, message) = if out.drift {
                                (
                                    &PARAMETER_NOT_IN_API,
                                    Level::Warning,
                                    "the connector sends a request body, which the API does not declare",
                                )
                            } else {
                                (
                                    &PARAMETER_REMOVED,
                                    Level::Breaking,
                                    "the request body was removed",
                                )
                            };
                            out.push(kind, level, op, Some(p.pointer()), None, message.into());
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
                        format!("{loc} parameter `{name}` was removed{}", renamed_to(p)),
                    ),
                }
            }
        }
    }
    for q in added.iter().copied() {
        let (name, loc) = param_key(q);
        let required = q.value.field("required") == Some(&Value::Bool(true));
        let has_default = q.value.has("default");
        let internal = str_of(q.value.field("x-ms-visibility")) == Some("internal");
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
                (false, _) if required && internal && has_default => format!(
                    "{loc} parameter `{name}` was added: required, but internal with a default the connector sends"
                ),
                (false, _) if required && has_default => format!(
                    "{loc} parameter `{name}` was added: required, with a default"
                ),
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
    let req = |v: &Map<String, Value>| v.field("required") == Some(&Value::Bool(true));
    if !req(p.value) && req(q.value) && !q.value.has("default") {
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
                .and_then(|d| d.field("operationId").or_else(|| d.field("operationid")))
                .cloned()
        };
        let (a, b) = (target(p.value), target(q.value));
        // The target operation was renamed, and the call follows it.
        let follows = match (&a, &b) {
            (Some(Value::String(a)), Some(Value::String(b))) => out.renamed.get(a) == Some(b),
            _ => false,
        };
        if a.is_some() && a != b && !follows {
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
        |v: &Map<String, Value>| str_of(v.field("x-ms-visibility")).map(str::to_ascii_lowercase);
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
    let default = |v: &Map<String, Value>| v.field("default").cloned();
    // Outside a body a value travels as text: `"1"` and `1` send the same request.
    let sent = |v: Option<Value>| match v {
        Some(Value::String(s)) if ploc(p) != "body" => Some(Value::String(s)),
        Some(v @ (Value::Number(_) | Value::Bool(_))) if ploc(p) != "body" => {
            Some(Value::String(v.to_string()))
        }
        v => v,
    };
    if !out.drift
        && vis(q.value).as_deref() == Some("internal")
        && default(p.value).is_some()
        && sent(default(p.value)) != sent(default(q.value))
    {
        let shown = |v: Option<Value>| v.map_or("nothing".to_string(), |v| v.to_string());
        out.push(
            &PARAMETER_DEFAULT_CHANGED,
            Level::Warning,
            op,
            Some(p.pointer()),
            Some(q.pointer()),
            format!(
                "internal parameter `{name}` now sends {} instead of {}: every existing flow sends the new value",
                shown(default(q.value)),
                shown(default(p.value))
            ),
        );
    }
    if ploc(p) == "body" {
        let (Some(a), Some(b)) = (p.value.field("schema"), q.value.field("schema")) else {
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
