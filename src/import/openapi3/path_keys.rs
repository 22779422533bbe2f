//! Keys of `paths` that Swagger 2.0 cannot hold as they are, rewritten: a query (`?refresh`)
//! becomes query parameters, a brace outside a variable is URL-encoded. Each rewritten
//! operation stays traced to where it came from.

use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

use super::codes::PATH;
use super::{Conv, Loc};
use crate::diagnostic::{percent_decode, pointer, unescape_token};
use crate::import::Route;
use crate::import::provenance::Provenance;
use crate::swagger::METHODS;
use crate::value::Lookup;

/// `paths` with the query or fragment of each key that has one (`/oauth/token?grant=refresh`,
/// `/#Action=List`) taken out: its operations move to the path without it, each sending the
/// query's values as required internal query parameters (reported). An operation whose method
/// the path already has is written at a path of its own and routed back to it when the options
/// allow ([`ImportOptions::route_shared_paths`](crate::import::ImportOptions)), and left out
/// otherwise (reported either way): one path holds one operation per method.
pub(super) fn query_in_paths(
    cx: &mut Conv,
    main: &Loc,
    paths: Map<String, Value>,
    definition_params: &Map<String, Value>,
    provenance: &mut Provenance,
) -> (Map<String, Value>, Vec<Route>) {
    if !paths.keys().any(|p| split(p).is_some()) {
        return (paths, Vec::new());
    }
    let route = cx.opts.route_shared_paths;
    // The paths without a query come first: an operation written without one keeps its place
    // when a query's operation has the same method.
    let mut out = Map::with_capacity(paths.len());
    let mut with_query = Vec::new();
    for (path, item) in paths {
        match split(&path) {
            Some((base, query, fragment)) => {
                let parts = (
                    base.to_string(),
                    query.to_string(),
                    fragment.map(str::to_string),
                );
                with_query.push((path, parts, item));
            }
            None => {
                out.insert(path, item);
            }
        }
    }
    // Each path written by its shape (see [`shape`]), which the platform tells paths apart by:
    // an operation joins a path of another spelling of its shape neither as it is (a
    // duplicate) nor in it (another URL).
    let mut shapes: HashMap<String, String> = out.keys().map(|p| (shape(p), p.clone())).collect();
    // The shapes a routed operation's path may not have: those of every path of the API.
    let mut taken: HashSet<String> = (out.keys())
        .chain(with_query.iter().map(|(_, (base, _, _), _)| base))
        .map(|p| shape(p))
        .collect();
    let mut routes = Vec::new();
    for (path, (base, query, fragment), item) in with_query {
        let Value::Object(mut item) = item else {
            continue;
        };
        let at = pointer(["paths", path.as_str()]);
        // A name that is a variable (`?{field}=1`) names no parameter Swagger 2.0 can declare.
        let (named_by_variable, pairs): (Vec<_>, Vec<_>) = query_pairs(&query)
            .into_iter()
            .partition(|(k, _)| k.contains(['{', '}']));
        let has_query = path.split('#').next().is_some_and(|p| p.contains('?'));
        let what = match (has_query, fragment.is_some()) {
            (true, true) => "a query and a fragment",
            (true, false) => "a query",
            (false, _) => "a fragment",
        };
        // The path item's own parameters go into each operation (the path it joins may have
        // others).
        let shared = match item.remove("parameters") {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        // Another spelling of the path, when the definition has one.
        let like = shapes.get(&shape(&base)).filter(|p| **p != base).cloned();
        let moving = Moving {
            key: &path,
            shared: &shared,
            pairs: &pairs,
            definition_params,
        };
        let mut told = Told::default();
        let mut moved = Vec::new();
        // The operations whose method the path has already, to be routed.
        let mut held = Vec::new();
        if like.is_some() {
            held.extend(
                item.into_iter()
                    .filter(|(key, _)| METHODS.contains(&key.as_str())),
            );
        } else {
            shapes.insert(shape(&base), base.clone());
            let target = out
                .entry(base.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(target) = target else {
                continue;
            };
            for (key, op) in item {
                if !METHODS.contains(&key.as_str()) {
                    // An extension of the path item: kept unless the path has its own.
                    target.entry(key).or_insert(op);
                    continue;
                }
                if target.contains_key(&key) {
                    held.push((key, op));
                    continue;
                }
                let Value::Object(mut op) = op else { continue };
                moving.ready(&mut op, &base, &mut told);
                moving.trace(provenance, &key, &base);
                moved.push(key.to_uppercase());
                target.insert(key, Value::Object(op));
            }
        }
        // What `base` has already, in the words of the warnings.
        let holds = |method: &str| match &like {
            Some(other) => format!("which the platform takes for the definition's `{other}`"),
            None => format!("which has a {method} operation already"),
        };
        if !route {
            for (key, op) in std::mem::take(&mut held) {
                let method = key.to_uppercase();
                let id = op
                    .field("operationId")
                    .and_then(Value::as_str)
                    .map(|id| format!("operation `{id}` ("))
                    .unwrap_or_else(|| "the operation (".into());
                let what = what.trim_start_matches("a ");
                cx.in_file(main)
                    .report(
                        &PATH,
                        pointer(["paths", path.as_str(), key.as_str()]),
                        format!(
                            "{id}{method} `{path}`) was left out: without its {what} the path is \
                             `{base}`, {}, and a path holds one operation per method",
                            holds(&method)
                        ),
                    )
                    .set_help(format!(
                        "convert into a connector folder (--out-dir) to keep it: it is then \
                         written at a path of its own, which a route policy in \
                         apiProperties.json sends to `{base}`"
                    ));
            }
        }
        let mut routed = Vec::new();
        let mut own = String::new();
        if !held.is_empty() {
            own = own_path(&base, fragment.as_deref().unwrap_or(&query), &mut taken);
            shapes.insert(shape(&own), own.clone());
            let item = out
                .entry(own.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(item) = item else {
                continue;
            };
            for (key, op) in held {
                let Value::Object(mut op) = op else { continue };
                moving.ready(&mut op, &base, &mut told);
                moving.trace(provenance, &key, &own);
                routed.push(key.to_uppercase());
                routes.push(Route {
                    path: own.clone(),
                    method: key.clone(),
                    to: base.clone(),
                });
                item.insert(key, Value::Object(op));
            }
        }
        if moved.is_empty() && routed.is_empty() {
            continue;
        }
        let sent = (pairs.iter())
            .filter(|(k, _)| told.added.contains(k.as_str()))
            .map(|(k, v)| format!("`{k}={v}`"))
            .collect::<Vec<_>>();
        let given = (pairs.iter())
            .filter(|(k, _)| told.asked.contains(k.as_str()))
            .map(|(k, v)| format!("`{k}={v}`"))
            .collect::<Vec<_>>();
        let kept_own = (pairs.iter())
            .filter(|(k, _)| !told.added.contains(k.as_str()) && !told.asked.contains(k.as_str()))
            .map(|(k, _)| format!("`{k}`"))
            .collect::<Vec<_>>();
        let mut done = Vec::new();
        if !moved.is_empty() {
            done.push(format!("{} moved to `{base}`", operations(&moved)));
        }
        if !routed.is_empty() {
            let (are, them) = if routed.len() == 1 {
                ("is", "it")
            } else {
                ("are", "them")
            };
            let has = match &like {
                Some(other) => format!("the platform takes `{base}` for `{other}`"),
                None if routed.len() == 1 => {
                    format!("`{base}` has a {} operation already", routed[0])
                }
                None => format!("`{base}` has operations of these methods already"),
            };
            done.push(format!(
                "{} {are} written at `{own}` ({has}), and a route policy in apiProperties.json \
                 sends {them} to `{base}`",
                operations(&routed),
            ));
        }
        let mut message = format!(
            "path `{path}` holds {what}, which Swagger 2.0 paths cannot: {}",
            done.join("; ")
        );
        if !sent.is_empty() {
            message += &format!(
                ", sending {} as required internal query parameters",
                sent.join(", ")
            );
        }
        if !given.is_empty() {
            message += &format!(
                ", sending {} as required query parameters the user gives",
                given.join(", ")
            );
        }
        if !kept_own.is_empty() {
            let whose = if moved.len() + routed.len() == 1 {
                "the operation's own parameter"
            } else {
                "the operations' own parameters"
            };
            message += &format!(", keeping {whose} for {}", kept_own.join(", "));
        }
        if !named_by_variable.is_empty() {
            let listed: Vec<String> = (named_by_variable.iter())
                .map(|(k, v)| format!("`{k}={v}`"))
                .collect();
            message += &format!(
                "; {} {} dropped: a variable as a query's name is not a parameter Swagger 2.0 \
                 can declare",
                listed.join(", "),
                if listed.len() == 1 { "is" } else { "are" }
            );
        }
        if let Some(f) = &fragment {
            message += &format!(" (the fragment `#{f}`, which is never sent, is dropped)");
        }
        told.unplaced.sort();
        told.unplaced.dedup();
        if !told.unplaced.is_empty() {
            let names: Vec<String> = told.unplaced.iter().map(|n| format!("`{n}`")).collect();
            message += &if let [one] = names.as_slice() {
                format!("; path parameter {one} was dropped: `{base}` has no variable for it")
            } else {
                format!(
                    "; path parameters {} were dropped: `{base}` has no variable for them",
                    names.join(", ")
                )
            };
        }
        let help = if !routed.is_empty() {
            format!(
                "keep apiProperties.json beside the definition: without its route policy, the \
                 operation calls `{own}`, which the API does not have"
            )
        } else if !has_query {
            "a fragment is never sent: write the path without it in the OpenAPI document".into()
        } else {
            "if the query's values are the user's to choose, make them visible parameters in \
             the OpenAPI document (`in: query`) and take the query out of the path"
                .into()
        };
        cx.in_file(main).report(&PATH, at, message).set_help(help);
    }
    (out, routes)
}

/// What an operation moved off a path key with a query or fragment takes with it.
struct Moving<'a> {
    /// The path key, as written.
    key: &'a str,
    /// The path item's own parameters.
    shared: &'a [Value],
    /// The query's `name=value` pairs.
    pairs: &'a [(String, String)],
    definition_params: &'a Map<String, Value>,
}

/// What readying the operations of a path key did, for its warning.
#[derive(Default)]
struct Told<'p> {
    /// The query's names sent as internal constants.
    added: HashSet<&'p str>,
    /// The query's names the user gives (`q={term}`).
    asked: HashSet<&'p str>,
    /// Path parameters dropped: the path has no variable for them.
    unplaced: Vec<String>,
}

impl<'a> Moving<'a> {
    /// Readies `op` for `path` (the key without its query or fragment): the path item's own
    /// parameters and the query's values added, and the path parameters `path` has no
    /// variable for dropped.
    fn ready(&self, op: &mut Map<String, Value>, path: &str, told: &mut Told<'a>) {
        let (constants, variables) =
            add_constant_parameters(op, self.shared, self.pairs, self.definition_params);
        told.added.extend(constants);
        told.asked.extend(variables);
        told.unplaced
            .extend(drop_unplaced(op, path, self.definition_params));
    }

    /// Traces the operation of `method` written at `path` to where the key's was.
    fn trace(&self, provenance: &mut Provenance, method: &str, path: &str) {
        if let Some(source) = provenance.source_of(self.key, method).map(str::to_string) {
            provenance.operation(path, method, source);
        }
    }
}

/// What tells paths apart on the platform: paths of one shape are one path. Letter case, a
/// trailing slash and the names of variables do not count (`/Items/{id}/` is `/items/{}`).
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_variable = false;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                in_variable = true;
                out.push('{');
            }
            '}' if in_variable => {
                in_variable = false;
                out.push('}');
            }
            _ if in_variable => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// "its GET operation", or "its operations (GET, POST)".
fn operations(methods: &[String]) -> String {
    if let [one] = methods {
        format!("its {one} operation")
    } else {
        format!("its operations ({})", methods.join(", "))
    }
}

/// A path for the operations of a key that `base` cannot hold: `base`, then `virtual/` and a
/// segment made from the key's query or fragment `text`, of a [`shape`] no path in `taken`
/// has, to which it is added.
fn own_path(base: &str, text: &str, taken: &mut HashSet<String>) -> String {
    // A value that says what the operation does (`Action=CreateQueue`) names it alone; a
    // flag or a number (`purge=true`) goes with its name.
    let words: Vec<String> = (query_pairs(text).into_iter())
        .map(|(name, value)| {
            let says = value.chars().any(|c| c.is_ascii_alphabetic())
                && !value.eq_ignore_ascii_case("true")
                && !value.eq_ignore_ascii_case("false");
            match () {
                _ if value.is_empty() => name,
                _ if says => value,
                _ => format!("{name}-{value}"),
            }
        })
        .collect();
    let mut segment = String::new();
    for c in words.join("-").chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~') {
            segment.push(c);
        } else if !segment.is_empty() && !segment.ends_with('-') {
            segment.push('-');
        }
    }
    let segment = segment.trim_end_matches('-');
    let segment = if segment.is_empty() {
        "operation"
    } else {
        segment
    };
    let stem = format!("{}/virtual/{segment}", base.trim_end_matches('/'));
    let mut path = stem.clone();
    let mut n = 1;
    while taken.contains(&shape(&path)) {
        n += 1;
        path = format!("{stem}-{n}");
    }
    taken.insert(shape(&path));
    path
}

/// A path key's parts: the path, its query and its fragment, when it has a query or a fragment.
fn split(path: &str) -> Option<(&str, &str, Option<&str>)> {
    if path.starts_with("x-") {
        return None;
    }
    let cut = path.find(['?', '#'])?;
    let (rest, fragment) = match path.split_once('#') {
        Some((rest, f)) => (rest, Some(f)),
        None => (path, None),
    };
    let query = rest.get(cut + 1..).filter(|_| rest[cut..].starts_with('?'));
    let base = &path[..cut];
    Some((
        if base.is_empty() { "/" } else { base },
        query.unwrap_or(""),
        fragment,
    ))
}

/// The `name=value` pairs of a query, decoded (`refresh` alone has the empty value), each name
/// once.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| percent_decode(&s.replace('+', " ")).unwrap_or_else(|| s.to_string());
    let mut seen = HashSet::new();
    query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k), decode(v))
        })
        .filter(|(k, _)| !k.is_empty() && seen.insert(k.clone()))
        .collect()
}

/// Adds to an operation the path item's `shared` parameters it does not override, and one
/// required query parameter per query pair it does not have already: an internal one that sends
/// the pair's value, or, for a value that is a variable (`id={id}`), one the user gives (the path
/// parameter of that name, moved). Returns the names of both kinds.
fn add_constant_parameters<'p>(
    op: &mut Map<String, Value>,
    shared: &[Value],
    pairs: &'p [(String, String)],
    definition_params: &Map<String, Value>,
) -> (Vec<&'p str>, Vec<&'p str>) {
    let (mut added, mut asked) = (Vec::new(), Vec::new());
    let params = op
        .entry("parameters")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(params) = params else {
        return (added, asked);
    };
    // A parameter's name and place, through a `$ref` to one the definition shares.
    let name_in = |p: &Value| -> Option<(String, String)> {
        let p = match p.field("$ref").and_then(Value::as_str) {
            Some(r) => definition_params.get(&unescape_token(r.strip_prefix("#/parameters/")?))?,
            None => p,
        };
        let name = p.field("name").and_then(Value::as_str)?;
        let place = p.field("in").and_then(Value::as_str)?;
        Some((name.to_string(), place.to_string()))
    };
    let has = |params: &[Value], name: &str, place: &str| {
        params
            .iter()
            .any(|p| name_in(p).is_some_and(|(n, i)| n == name && i == place))
    };
    for p in shared {
        let Some((name, place)) = name_in(p) else {
            // A shared parameter this conversion cannot name: kept.
            params.push(p.clone());
            continue;
        };
        let (name, place) = (name.as_str(), place.as_str());
        if !has(params, name, place) {
            params.push(p.clone());
        }
    }
    for (name, value) in pairs {
        if has(params, name, "query") {
            // The operation's own parameter, which may take only the value the path sends
            // (`?type=book` beside `enum: [book]`): a constant, sent as the path sends it
            // rather than shown as a choice of one.
            let own = (params.iter_mut())
                .find(|p| name_in(p).is_some_and(|(n, i)| n == *name && i == "query"));
            if let Some(Value::Object(p)) = own
                && let Some(Value::Array(only)) = p.field("enum")
                && let [only] = only.as_slice()
                && match only {
                    Value::String(s) => s == value,
                    Value::Number(n) => value.parse::<f64>().ok() == n.as_f64(),
                    Value::Bool(b) => value.parse::<bool>().ok() == Some(*b),
                    _ => false,
                }
            {
                let only = only.clone();
                p.insert("required".into(), json!(true));
                p.insert("default".into(), only);
                p.insert("x-ms-visibility".into(), json!("internal"));
                added.push(name.as_str());
            }
            continue;
        }
        // `?id={id}`: the value is the user's, given by the path parameter it names (which
        // the path without its query no longer has), or by a new one.
        if let Some(var) = template_variable(value) {
            let declared = params.iter().position(|p| {
                p.field("name").and_then(Value::as_str) == Some(var)
                    && p.field("in").and_then(Value::as_str) == Some("path")
            });
            let p = match declared.map(|i| params.remove(i)) {
                Some(Value::Object(mut m)) => {
                    m.insert("name".into(), json!(name));
                    m.insert("in".into(), json!("query"));
                    Value::Object(m)
                }
                _ => json!({"name": name, "in": "query", "required": true, "type": "string"}),
            };
            params.push(p);
            asked.push(name.as_str());
            continue;
        }
        params.push(json!({
            "name": name,
            "in": "query",
            "required": true,
            "type": "string",
            "default": value,
            "x-ms-visibility": "internal",
        }));
        added.push(name.as_str());
    }
    if params.is_empty() {
        op.remove("parameters");
    }
    (added, asked)
}

/// Removes from an operation moved to `path` the path parameters that `path` has no variable
/// for (one named only in a dropped fragment, `/send#env/{id}`): a path parameter must appear
/// in its path. Returns their names.
fn drop_unplaced(
    op: &mut Map<String, Value>,
    path: &str,
    definition_params: &Map<String, Value>,
) -> Vec<String> {
    let variables = crate::swagger::template_variables(path);
    let Some(Value::Array(params)) = op.field_mut("parameters") else {
        return Vec::new();
    };
    let mut dropped = Vec::new();
    params.retain(|p| {
        let p = match p.field("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix("#/parameters/") {
                Some(name) => match definition_params.get(&unescape_token(name)) {
                    Some(shared) => shared,
                    None => return true,
                },
                None => return true,
            },
            None => p,
        };
        let in_path = p.field("in").and_then(Value::as_str) == Some("path");
        match p.field("name").and_then(Value::as_str) {
            Some(name) if in_path && !variables.contains(&name) => {
                dropped.push(name.to_string());
                false
            }
            _ => true,
        }
    });
    if params.is_empty() {
        op.remove("parameters");
    }
    dropped
}

/// The variable a query value is, when it is one (`{id}`).
fn template_variable(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.is_empty() && !inner.contains(['{', '}'])).then_some(inner)
}

/// `paths` with each brace that is not part of a path variable URL-encoded (reported), and the
/// operations of a path so rewritten still traced to where they came from.
pub(super) fn literal_braces(
    cx: &mut Conv,
    main: &Loc,
    paths: Map<String, Value>,
    provenance: &mut Provenance,
) -> Map<String, Value> {
    if !paths
        .keys()
        .any(|p| crate::swagger::template_problem(p).is_some())
    {
        return paths;
    }
    // A path the encoded one would collide with keeps its place, and the other its brace.
    let given: HashSet<String> = paths.keys().cloned().collect();
    let mut out = Map::with_capacity(paths.len());
    for (path, item) in paths {
        let encoded = (!path.starts_with("x-"))
            .then(|| crate::swagger::encode_stray_braces(&path))
            .flatten();
        let Some(encoded) = encoded.filter(|e| !given.contains(e)) else {
            out.insert(path, item);
            continue;
        };
        cx.in_file(main)
            .report(
                &PATH,
                pointer(["paths", path.as_str()]),
                format!(
                    "path `{path}` has a brace that is not part of a path variable; written as `{encoded}`"
                ),
            )
            .set_help("if the brace was meant to open or close a variable, correct the path (`/items/{id}`)");
        for method in item.as_object().into_iter().flat_map(|m| m.keys()) {
            if let Some(at) = provenance.source_of(&path, method).map(str::to_string) {
                provenance.operation(&encoded, method, at);
            }
        }
        out.insert(encoded, item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_key_splits_into_path_query_and_fragment() {
        assert_eq!(split("/items"), None);
        assert_eq!(split("x-extension?a"), None);
        assert_eq!(
            split("/oauth/token?refresh"),
            Some(("/oauth/token", "refresh", None))
        );
        assert_eq!(
            split("/items?type=book&x=1#top"),
            Some(("/items", "type=book&x=1", Some("top")))
        );
        assert_eq!(split("/items#top"), Some(("/items", "", Some("top"))));
        assert_eq!(split("?a=1"), Some(("/", "a=1", None)));
        assert_eq!(
            query_pairs("refresh&type=new+book&a%20b=%2F&type=again&=x"),
            [
                ("refresh".to_string(), String::new()),
                ("type".to_string(), "new book".to_string()),
                ("a b".to_string(), "/".to_string()),
            ]
        );
    }
}
