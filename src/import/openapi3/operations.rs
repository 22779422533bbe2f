//! Path items and their operations.
use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::HashSet;

use super::bodies::{self, request_body};
use super::codes::*;
use super::parameters::parameter_list;
use super::responses::response;
use super::security::{requirements, scheme_kept};
use super::{Conv, Loc, join, media_order};
use crate::diagnostic::{Severity, escape_token, unescape_token};
use crate::import::media::push_exact;
use crate::swagger::METHODS;

/// Path items from which the operations of a definition are converted on the pool: below, a
/// share of them is too little work to hand to another thread.
const SHARED_OUT_FROM: usize = 16;

/// The paths, each path item converted, and the operations written in place in the input
/// (by path and method), not in a path item another file or a `$ref` holds. `taken` is the
/// document's `paths` when they were taken out of it, to be taken apart (and converted on the
/// pool when there are many and `share_out` allows); otherwise each path item of `d` is
/// copied.
pub(super) fn paths(
    cx: &mut Conv,
    d: &Value,
    taken: Option<Map<String, Value>>,
    shared_responses: &Map<String, Value>,
    share_out: bool,
) -> (Map<String, Value>, Vec<(String, String)>) {
    match taken {
        Some(paths)
            if share_out && paths.len() >= SHARED_OUT_FROM && rayon::current_num_threads() > 1 =>
        {
            shared_out(cx, paths, shared_responses)
        }
        Some(paths) => path_items(cx, paths.into_iter(), shared_responses),
        None => {
            let items = (d.field("paths").and_then(Value::as_object).into_iter())
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone()));
            path_items(cx, items, shared_responses)
        }
    }
}

/// The paths converted in shares on the pool, each by a [fork](Conv::fork) of `cx`, and
/// joined back in their order: what the operations share (request bodies that become
/// definitions, the form budget) is settled so that the result is what converting them one
/// after another gives.
fn shared_out(
    cx: &mut Conv,
    paths: Map<String, Value>,
    shared_responses: &Map<String, Value>,
) -> (Map<String, Value>, Vec<(String, String)>) {
    use rayon::prelude::*;
    bodies::prepare_shared_bodies(cx, &paths);
    // A few shares a thread, for the threads to even out path items of different sizes.
    let per_share = paths.len().div_ceil(rayon::current_num_threads() * 4);
    let mut items = paths.into_iter();
    let shares: Vec<Vec<(String, Value)>> = std::iter::from_fn(|| {
        let share: Vec<(String, Value)> = items.by_ref().take(per_share).collect();
        (!share.is_empty()).then_some(share)
    })
    .collect();
    let converted: Vec<_> = {
        let forks: Vec<Conv> = shares.iter().map(|_| cx.fork()).collect();
        shares
            .into_par_iter()
            .zip(forks)
            .map(|(share, mut fork)| {
                let (paths, in_place) = path_items(&mut fork, share.into_iter(), shared_responses);
                (paths, in_place, fork.into_share())
            })
            .collect()
    };
    let mut paths = Map::new();
    let mut in_place = Vec::new();
    let mut form_uses = Vec::new();
    for (share_paths, share_in_place, share) in converted {
        paths.extend(share_paths);
        in_place.extend(share_in_place);
        form_uses.extend(cx.join(share));
    }
    bodies::settle_forms(cx, form_uses, &mut paths);
    (paths, in_place)
}

/// [`paths`] of the path `items`, one after another.
fn path_items(
    cx: &mut Conv,
    items: impl Iterator<Item = (String, Value)>,
    shared_responses: &Map<String, Value>,
) -> (Map<String, Value>, Vec<(String, String)>) {
    let main = cx.main.clone();
    let mut paths = Map::new();
    let mut in_place = Vec::new();
    for (path, item) in items {
        let at = join("/paths", &path);
        if item.field("$ref").is_none() {
            let methods = item.as_object().into_iter().flatten().map(|(k, _)| k);
            in_place.extend(
                methods
                    .filter(|k| METHODS.contains(&k.as_str()))
                    .map(|k| (path.clone(), k.clone())),
            );
        }
        if let Some(converted) = path_item(cx, &main, item, &at, &path, shared_responses) {
            paths.insert(path, converted);
        }
    }
    (paths, in_place)
}

/// A path item: its operations, with path-level parameters kept at the path level.
fn path_item(
    cx: &mut Conv,
    loc: &Loc,
    item: Value,
    at: &str,
    path: &str,
    shared_responses: &Map<String, Value>,
) -> Option<Value> {
    let (loc, at, item) = cx.deref_owned(loc, item, at)?;
    let at = at.as_str();
    let Value::Object(mut m) = item else {
        return None;
    };
    let mut out = Map::new();
    if let Some(s) = m.field("servers")
        && super::servers::leave_out_chosen(cx, s)
    {
        cx.in_file(&loc).report_as(
            &SERVER,
            Severity::Warning,
            join(at, "servers"),
            "this path has its own servers; the connector calls the definition's host for it",
        );
    }
    if let Some(params) = m.field("parameters").and_then(Value::as_array) {
        let list = parameter_list(cx, &loc, params, &join(at, "parameters"), path);
        if !list.is_empty() {
            out.insert("parameters".into(), Value::Array(list));
        }
    }
    let keys: Vec<String> = m.keys().cloned().collect();
    for key in keys {
        let op_at = join(at, &key);
        if METHODS.contains(&key.as_str()) {
            // Taken out, leaving the path item's own members for the operation to read.
            let op = m.get_mut(&key).map(Value::take).unwrap_or_default();
            if cx.form_uses.is_some() {
                cx.operation = Some((path.to_string(), key.clone()));
            }
            let converted = operation(cx, &loc, op, &op_at, path, &m, shared_responses);
            out.insert(key, converted);
        } else if key == "trace" {
            cx.in_file(&loc)
                .report(
                    &DROPPED,
                    &op_at,
                    "the TRACE operation has no Swagger 2.0 form and was dropped",
                )
                .set_help("a connector cannot call TRACE; nothing to do unless flows need it");
        } else if key.starts_with("x-") {
            let v = m.get_mut(&key).map(Value::take).unwrap_or_default();
            out.insert(key, v);
        }
    }
    Some(Value::Object(out))
}

fn operation(
    cx: &mut Conv,
    loc: &Loc,
    op: Value,
    at: &str,
    path: &str,
    item: &Map<String, Value>,
    shared_responses: &Map<String, Value>,
) -> Value {
    let empty = || json!({"responses": {"200": {"description": "OK"}}});
    // Operations kept in files of their own are `$ref`s (bundlers resolve them, though OpenAPI
    // allows them only for path items): read where they lead, relative to that file.
    let Some((loc, at, op)) = cx.deref_owned(loc, op, at) else {
        return empty();
    };
    let (loc, at) = (&loc, at.as_str());
    let Value::Object(mut m) = op else {
        return empty();
    };
    let m = &mut m;
    let mut out = Map::new();
    for key in [
        "tags",
        "summary",
        "description",
        "externalDocs",
        "operationId",
    ] {
        if let Some(v) = m.get(key)
            && (key != "externalDocs" || cx.keeps_docs(loc, v, &join(at, key)))
        {
            let mut v = v.clone();
            if key == "tags"
                && let Value::Array(tags) = &mut v
            {
                // A tag listed twice is the same tag; Swagger 2.0 lists each once.
                crate::value::keep_first_of_each(tags);
            }
            out.insert(key.into(), v);
        }
    }
    if !out.has("summary")
        && let Some(s) = item.field("summary")
    {
        out.insert("summary".into(), s.clone());
    }
    if !out.has("description")
        && let Some(s) = item.field("description")
    {
        out.insert("description".into(), s.clone());
    }
    let mut params = match m.field("parameters").and_then(Value::as_array) {
        Some(list) => parameter_list(cx, loc, list, &join(at, "parameters"), path),
        None => Vec::new(),
    };
    let mut consumes = Vec::new();
    if let Some(body) = m.field("requestBody") {
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
    // Taken apart by their conversion: nothing below reads them again.
    let written = match m.field_mut("responses").map(Value::take) {
        Some(Value::Object(written)) => written,
        _ => Map::new(),
    };
    for (code, r) in written {
        let rat = join(&join(at, "responses"), &code);
        if let Some(reference) = r.field("$ref").and_then(Value::as_str)
            && loc.same(&cx.main)
            && let Some(name) = reference.strip_prefix("#/components/responses/")
        {
            let name = unescape_token(name);
            // The shared response's media types still count for `produces`. What following
            // its `content` reports is reported where the shared response is converted.
            let main = cx.main.clone();
            let pointer = format!("/components/responses/{}/content", escape_token(&name));
            if let Some(content) = main.doc.pointer(&pointer) {
                let shared =
                    cx.quietly(|cx| cx.media_types(&main, Cow::Borrowed(content), &pointer));
                if let Some((_, _, shared)) = shared {
                    if let Some(first) = media_order(&shared).first() {
                        push_exact(&mut produces, first);
                    }
                    for k in shared.keys() {
                        push_exact(&mut produces, k);
                    }
                }
            }
            if shared_responses.contains_key(&name) {
                responses.insert(
                    code,
                    json!({"$ref": format!("#/responses/{}", escape_token(&name))}),
                );
                continue;
            }
        }
        let converted = response(cx, loc, r, &rat, &mut produces);
        responses.insert(code, converted);
    }
    let mut responses = status_ranges(cx, loc, responses, at);
    if produces.len() > 1 && produces.iter().any(|p| p == "*/*") {
        produces.retain(|p| p != "*/*");
        // An example given for `*/*` is one of the media types left.
        for r in responses.values_mut() {
            let Some(examples) = r.field_mut("examples").and_then(Value::as_object_mut) else {
                continue;
            };
            if let Some(example) = examples.remove("*/*")
                && !examples.contains_key(&produces[0])
            {
                examples.insert(produces[0].clone(), example);
            }
        }
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
    if m.field("deprecated") == Some(&Value::Bool(true)) {
        out.insert("deprecated".into(), json!(true));
    }
    if let Some(sec) = m.field("security") {
        let kept: HashSet<String> = (cx.main.doc.field("components"))
            .and_then(|c| c.field("securitySchemes"))
            .and_then(Value::as_object)
            .map(|s| {
                s.iter()
                    .filter(|(_, v)| scheme_kept(v))
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(list) = requirements(cx, loc, sec, &join(at, "security"), &kept) {
            out.insert("security".into(), list);
        }
    }
    if m.field("callbacks")
        .and_then(Value::as_object)
        .is_some_and(|c| !c.is_empty())
    {
        cx.in_file(loc)
            .report(
                &DROPPED,
                join(at, "callbacks"),
                "callbacks have no Swagger 2.0 form and were dropped",
            )
            .set_help(
                "model a callback as a connector trigger (`x-ms-trigger`) by hand if flows need it",
            );
    }
    if let Some(s) = m.field("servers")
        && super::servers::leave_out_chosen(cx, s)
    {
        cx.in_file(loc).report_as(
            &SERVER,
            Severity::Warning,
            join(at, "servers"),
            "this operation has its own servers; the connector calls the definition's host for it",
        );
    }
    for (k, v) in std::mem::take(m) {
        if k == "x-ms-pageable" && crate::swagger::names_no_next_link(&v) {
            cx.in_file(loc).report_as(
                &DROPPED,
                Severity::Info,
                join(at, "x-ms-pageable"),
                "`x-ms-pageable` names no next link (AutoRest's way to say the operation returns \
                 one page), which the platform rejects; dropped",
            );
            continue;
        }
        if k.starts_with("x-") && k != "x-bodyName" {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

/// The range of a status key such as `2XX` or `5xx`: its first digit.
fn status_range(key: &str) -> Option<char> {
    let b = key.as_bytes();
    (b.len() == 3
        && (b'1'..=b'5').contains(&b[0])
        && b[1..].iter().all(|c| matches!(c, b'X' | b'x')))
    .then(|| b[0] as char)
}

/// Responses keyed by a status range, which Swagger 2.0 lacks: `2XX` becomes `200` unless an
/// explicit 2xx exists, any other range becomes `default` unless there is one; the rest are
/// dropped. Each is reported at its response; the order of the others is kept.
fn status_ranges(
    cx: &mut Conv,
    loc: &Loc,
    responses: Map<String, Value>,
    at: &str,
) -> Map<String, Value> {
    if !responses.keys().any(|k| status_range(k).is_some()) {
        return responses;
    }
    let explicit_2xx = responses
        .keys()
        .find(|k| k.len() == 3 && k.starts_with('2') && k.bytes().all(|b| b.is_ascii_digit()))
        .cloned();
    let mut has_default = responses.has("default");
    let mut has_200 = false;
    let mut default_from: Option<String> = None;
    let mut out = Map::new();
    for (key, r) in responses {
        let Some(first) = status_range(&key) else {
            out.insert(key, r);
            continue;
        };
        let rat = join(&join(at, "responses"), &key);
        let message = if first == '2' {
            match &explicit_2xx {
                Some(code) => format!(
                    "the `{key}` response was dropped: Swagger 2.0 has no status ranges, and the operation already has a `{code}` response"
                ),
                None if has_200 => format!(
                    "the `{key}` response was dropped: Swagger 2.0 has no status ranges, and `200` is already taken"
                ),
                None => {
                    has_200 = true;
                    out.insert("200".into(), r);
                    format!("the `{key}` response became `200`: Swagger 2.0 has no status ranges")
                }
            }
        } else if has_default {
            match &default_from {
                Some(range) => format!(
                    "the `{key}` response was dropped: Swagger 2.0 has no status ranges, and `default` already holds the `{range}` response"
                ),
                None => format!(
                    "the `{key}` response was dropped: Swagger 2.0 has no status ranges, and the operation already has a `default` response"
                ),
            }
        } else {
            has_default = true;
            default_from = Some(key.clone());
            out.insert("default".into(), r);
            format!("the `{key}` response became `default`: Swagger 2.0 has no status ranges")
        };
        cx.in_file(loc)
            .report(&RESPONSE_RANGE, rat, message)
            .set_help("give the API's actual status codes if they are known");
    }
    out
}
