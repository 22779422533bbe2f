//! Request bodies: a body parameter, or form parameters for form media types.
//!
//! A JSON body shared under `components/requestBodies` is converted once, into a definition that
//! every operation using it refers to: copied into each, a large shared body grows the output
//! (and the memory) with the number of operations.
use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::HashSet;

use super::codes::*;
use super::parameters::{Simple, reduce_simple};
use super::{Conv, Loc, join, media_order, schema};
use crate::diagnostic::Severity;
use crate::diagnostic::{escape_token, unescape_token};
use crate::import::media::push_exact;
use crate::swagger::METHODS;

/// Form parameters the operations of one definition may get in all: a hundred times what a
/// 1 MB connector holds. A form shared by thousands of operations stops there, not at
/// gigabytes.
pub(super) const FORM_FIELDS_BUDGET: usize = 50_000;

pub(super) fn request_body(
    cx: &mut Conv,
    loc: &Loc,
    body: &Value,
    at: &str,
    op: &Map<String, Value>,
    params: &mut Vec<Value>,
    consumes: &mut Vec<String>,
) {
    let main_doc = cx.main.doc.clone();
    let op_loc = loc.clone();
    let op_at = at.strip_suffix("/requestBody").unwrap_or(at).to_string();
    // `#/components/requestBodies/NAME` in the definition itself, read in place (not copied).
    // A chain of them (`Alias` → `Pet`) is followed to the body it names.
    let shared = loc
        .same(&cx.main)
        .then(|| shared_body(&main_doc, body))
        .flatten();
    let (shared, (loc, at, body)) = match shared {
        Some((name, pointer, target)) => (
            Some(name),
            (cx.main.clone(), pointer, Cow::Borrowed(target)),
        ),
        None => match cx.deref(loc, body, at) {
            Some(resolved) => (None, resolved),
            None => return,
        },
    };
    let at = at.as_str();
    let required = body
        .field("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    // The operation's `x-bodyName`, else the (resolved) body's, where each was written.
    let given_name = match op.field("x-bodyName") {
        Some(v) => Some((v, op_loc, join(&op_at, "x-bodyName"))),
        None => body
            .field("x-bodyName")
            .map(|v| (v, loc.clone(), join(at, "x-bodyName"))),
    };
    let name = match &given_name {
        Some((Value::String(n), _, _))
            if !n.trim().is_empty() && !n.chars().any(char::is_control) =>
        {
            n.as_str()
        }
        Some((v, given_loc, given_at)) => {
            let what = match v.as_str() {
                Some(n) if n.trim().is_empty() => "is empty",
                Some(_) => "holds a control character (a line break, a tab, NUL)",
                None => "is not a string",
            };
            cx.in_file(given_loc)
                .report(
                    &BODY,
                    given_at,
                    format!("`x-bodyName` {what}; the body parameter is named `body`"),
                )
                .set_help(
                    "give the body parameter's name as a non-empty string, or remove `x-bodyName`",
                );
            "body"
        }
        None => "body",
    };
    if let Some(reference) = shared
        .as_ref()
        .and_then(|n| cx.shared_bodies.get(n))
        .cloned()
    {
        // Converted (and reported) at its first use.
        let content = (body.field("content"))
            .and_then(|c| cx.media_types(&loc, Cow::Borrowed(c), &join(at, "content")));
        for (k, _) in content.iter().flat_map(|(_, _, c)| c.iter()) {
            push_exact(consumes, k);
        }
        params.push(body_parameter(name, &body, required, reference));
        return;
    }
    let content = (body.field("content"))
        .and_then(|c| cx.media_types(&loc, Cow::Borrowed(c), &join(at, "content")));
    let first =
        (content.as_ref()).and_then(|(_, _, c)| media_order(c).first().map(|s| s.to_string()));
    let (Some((cloc, cat, content)), Some(first)) = (content, first) else {
        cx.in_file(&loc).report(
            &BODY,
            at,
            "the request body has no media type under `content`, so the operation gets no body \
             parameter; add its media type and schema (`content: {application/json: {schema: ...}}`)"
                .to_string(),
        );
        return;
    };
    for k in content.keys() {
        push_exact(consumes, k);
    }
    report_differing(cx, &loc, at, &content, &first);
    let Some((mloc, mat, chosen)) = cx.deref(&cloc, &content[&first], &join(&cat, &first)) else {
        return;
    };
    if is_form(&first) {
        let empty = json!({});
        let raw_schema = chosen.field("schema").unwrap_or(&empty);
        // A shared form is converted (and reported) once; each use copies its parameters.
        let fields = match shared.as_ref().and_then(|n| cx.shared_forms.get(n)) {
            Some(fields) => fields.clone(),
            None => {
                let fields = form_parameters(cx, &mloc, raw_schema, &mat);
                if let Some(name) = &shared {
                    cx.shared_forms.insert(name.clone(), fields.clone());
                }
                fields
            }
        };
        // A file is sent in a multipart form only: a URL-encoded one carries text.
        let file = (fields.iter())
            .find(|f| f.field("type").and_then(Value::as_str) == Some("file"))
            .and_then(|f| f.field("name").and_then(Value::as_str));
        if let Some(file) = file
            && first.eq_ignore_ascii_case("application/x-www-form-urlencoded")
            && !consumes
                .iter()
                .any(|c| c.eq_ignore_ascii_case("multipart/form-data"))
        {
            cx.in_file(&cloc)
                .report_as(
                    &BODY,
                    Severity::Warning,
                    join(&cat, &first),
                    format!(
                        "the URL-encoded form sends a file (`{file}`), which only a multipart \
                         form can carry; it is sent as `multipart/form-data`"
                    ),
                )
                .set_help(
                    "write the body under `multipart/form-data`, or send the file as text \
                     (`format: byte`, base64)",
                );
            consumes.retain(|c| !c.eq_ignore_ascii_case("application/x-www-form-urlencoded"));
            consumes.push("multipart/form-data".into());
        }
        let granted = fields.len() <= cx.form_fields_left;
        if let (Some(uses), Some(operation)) = (&mut cx.form_uses, &cx.operation) {
            // A share of the operations: its budget is settled over all of them in order.
            uses.push(FormUse {
                operation: operation.clone(),
                loc: loc.clone(),
                at: at.to_string(),
                fields: fields.len(),
                granted,
            });
        } else if !granted {
            report_form_budget(cx, &loc, at);
        }
        if !granted {
            return;
        }
        cx.form_fields_left -= fields.len();
        params.extend(fields);
        return;
    }
    let schema = json_body_schema(cx, &mloc, &mat, &first, &chosen, shared);
    params.push(body_parameter(name, &body, required, schema));
}

/// The body parameter's schema for the JSON (or other non-form) media type `first` of a
/// request body, which is `chosen`, at `cat`. A body shared as `shared` becomes a definition,
/// converted once.
fn json_body_schema(
    cx: &mut Conv,
    loc: &Loc,
    cat: &str,
    first: &str,
    chosen: &Value,
    shared: Option<String>,
) -> Value {
    let lower = first.to_ascii_lowercase();
    let empty = json!({});
    let raw_schema = chosen.field("schema").unwrap_or(&empty);
    let mut schema = schema::convert(cx, loc, raw_schema.clone(), &join(cat, "schema"));
    if lower.starts_with("application/octet-stream")
        || (lower.starts_with("image/")
            || lower.starts_with("audio/")
            || lower.starts_with("video/"))
            && schema.field("type").is_none()
    {
        schema = json!({"type": "string", "format": "binary"});
    }
    if let (Some(ex), Some(s)) = (chosen.field("example"), schema.as_object_mut())
        && !s.has("$ref")
    {
        s.insert("example".into(), ex.clone());
        cx.withhold(
            loc,
            cat,
            || "this request body".into(),
            None,
            s,
            &["example"],
        );
    }
    if let Some(shared) = shared {
        // An inline schema becomes a definition named after the shared body; a `$ref` to a
        // component schema, or a binary body, is as small as a reference already.
        if schema.field("$ref").is_none() && schema.field("format") != Some(&json!("binary")) {
            let def = cx.definition_name(&shared);
            cx.definitions.insert(def.clone(), schema);
            schema = json!({ "$ref": format!("#/definitions/{}", escape_token(&def)) });
        }
        cx.shared_bodies.insert(shared, schema.clone());
    }
    schema
}

/// A form body an operation was given fields for, on a share of the operations (see
/// [`settle_forms`]).
pub(super) struct FormUse {
    /// The operation's path and method.
    operation: (String, String),
    /// Where the body is.
    loc: Loc,
    at: String,
    /// How many fields it gave.
    fields: usize,
    /// Whether the share's budget allowed them.
    granted: bool,
}

/// Settles the form budget over the operations converted in shares, as if they had been
/// converted one after another: `uses` are the shares' form bodies in the operations' order.
/// An operation over what was left loses the form parameters its share gave it (they are the
/// last of its parameters), and running out is reported once, where it happened.
pub(super) fn settle_forms(cx: &mut Conv, uses: Vec<FormUse>, paths: &mut Map<String, Value>) {
    for u in uses {
        if u.fields <= cx.form_fields_left {
            // A share's budget is never less than what is left overall: it was granted too.
            debug_assert!(u.granted);
            cx.form_fields_left -= u.fields;
            continue;
        }
        report_form_budget(cx, &u.loc, &u.at);
        if !u.granted {
            continue;
        }
        let (path, method) = &u.operation;
        let Some(op) = paths
            .get_mut(path)
            .and_then(|item| item.field_mut(method))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if let Some(Value::Array(params)) = op.field_mut("parameters") {
            params.truncate(params.len().saturating_sub(u.fields));
            if params.is_empty() {
                op.remove("parameters");
            }
        }
    }
}

/// Converts the shared JSON request bodies the operations of `paths` use into their
/// definitions, in the order the operations first use them: before the operations are shared
/// out among threads, so that each body is converted once and the definitions are named and
/// placed as when the operations are converted one after another. What looking for them
/// would report (a broken reference) is left to the operations' conversion.
pub(super) fn prepare_shared_bodies(cx: &mut Conv, paths: &Map<String, Value>) {
    let main = cx.main.clone();
    let used = cx.quietly(|cx| {
        let mut used = Vec::new();
        let mut seen = HashSet::new();
        for (path, item) in paths {
            let at = join("/paths", path);
            let Some((loc, at, item)) = cx.deref(&main, item, &at) else {
                continue;
            };
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item.iter().filter(|(k, _)| METHODS.contains(&k.as_str())) {
                let Some((loc, _, op)) = cx.deref(&loc, op, &join(&at, method)) else {
                    continue;
                };
                if let Some(body) = op.field("requestBody")
                    && loc.same(&main)
                    && let Some((name, pointer, _)) = shared_body(&main.doc, body)
                    && seen.insert(name.clone())
                {
                    used.push((name, pointer));
                }
            }
        }
        used
    });
    for (name, pointer) in used {
        let Some(body) = main.doc.pointer(&pointer) else {
            continue;
        };
        let content = (body.field("content"))
            .and_then(|c| cx.media_types(&main, Cow::Borrowed(c), &join(&pointer, "content")));
        let Some((cloc, cat, content, first)) = content.and_then(|(l, a, c)| {
            let first = media_order(&c).first()?.to_string();
            Some((l, a, c, first))
        }) else {
            continue;
        };
        if cx.shared_bodies.contains_key(&name) || is_form(&first) {
            continue;
        }
        report_differing(cx, &main, &pointer, &content, &first);
        let Some((mloc, mat, chosen)) = cx.deref(&cloc, &content[&first], &join(&cat, &first))
        else {
            continue;
        };
        json_body_schema(cx, &mloc, &mat, &first, &chosen, Some(name));
    }
}

/// Whether a body of media type `media` is sent as a form.
fn is_form(media: &str) -> bool {
    let lower = media.to_ascii_lowercase();
    lower == "application/x-www-form-urlencoded" || lower.starts_with("multipart/")
}

/// Reports a request body (at `at`) whose media types have different schemas, of which the
/// `first` one's is used.
fn report_differing(cx: &mut Conv, loc: &Loc, at: &str, content: &Map<String, Value>, first: &str) {
    let schema = content.get(first).and_then(|c| c.field("schema"));
    let differs = content
        .iter()
        .any(|(k, v)| k != first && v.field("schema").is_some() && v.field("schema") != schema);
    if differs {
        cx.in_file(loc).report(
            &BODY,
            at,
            format!(
                "the request body's media types have different schemas; the `{first}` one is used"
            ),
        );
    }
}

/// Reports, once, that the operations' form bodies ran out of the budget at `at`.
fn report_form_budget(cx: &mut Conv, loc: &Loc, at: &str) {
    if cx.form_budget_told {
        return;
    }
    cx.form_budget_told = true;
    cx.in_file(loc)
        .report_as(
            &BODY,
            Severity::Error,
            at,
            format!(
                "the operations' form bodies add up to more than {FORM_FIELDS_BUDGET} form \
                 parameters, many times what a connector's 1 MB holds; from here on, operations \
                 get no form parameters"
            ),
        )
        .set_help(
            "send the form as one JSON body, or split the definition (convert --split-by tag)",
        );
}

/// The shared request body `body` refers to through `#/components/requestBodies/...` (through a
/// few such references at most): its name, pointer and value, when it is one of the
/// definition's own.
fn shared_body<'d>(doc: &'d Value, body: &Value) -> Option<(String, String, &'d Value)> {
    let mut r = body.field("$ref")?.as_str()?;
    for _ in 0..32 {
        let name = unescape_token(r.strip_prefix("#/components/requestBodies/")?);
        let pointer = format!("/components/requestBodies/{}", escape_token(&name));
        let target = doc.pointer(&pointer)?;
        match target.field("$ref") {
            None => return Some((name, pointer, target)),
            Some(next) => r = next.as_str()?,
        }
    }
    None
}

/// The `in: body` parameter carrying `schema`.
fn body_parameter(name: &str, body: &Value, required: bool, schema: Value) -> Value {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!("body"));
    if let Some(d) = body.field("description") {
        p.insert("description".into(), d.clone());
    }
    p.insert("required".into(), json!(required));
    p.insert("schema".into(), schema);
    Value::Object(p)
}

/// The `formData` parameters of a form body's schema, one per property.
fn form_parameters(cx: &mut Conv, loc: &Loc, raw_schema: &Value, cat: &str) -> Vec<Value> {
    let mut params = Vec::new();
    let Some((sloc, sat, resolved)) = cx.deref(loc, raw_schema, &join(cat, "schema")) else {
        return params;
    };
    // The schema and the `allOf` parts it is made of (a common way to extend a form), each
    // with its place; a property is taken from the first that has it. The schema itself is
    // read where it is; only `allOf` parts are copied (they are read out of the list of parts).
    let mut parts: Vec<(Loc, String, Cow<Value>)> = vec![(sloc, sat, resolved)];
    let mut i = 0;
    while i < parts.len() && parts.len() < 64 {
        let all: Vec<Value> = parts[i]
            .2
            .field("allOf")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (k, part) in all.iter().enumerate() {
            let at = join(&join(&parts[i].1, "allOf"), &k.to_string());
            let from = parts[i].0.clone();
            if let Some((l, a, v)) = cx.deref(&from, part, &at) {
                parts.push((l, a, Cow::Owned(v.into_owned())));
            }
        }
        i += 1;
    }
    let req: HashSet<&str> = parts
        .iter()
        .flat_map(|(_, _, v)| v.field("required").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    // Each field once (a set: a form may have thousands), by the part it comes from.
    let mut seen: HashSet<&str> = HashSet::new();
    let listed: Vec<(usize, &str, &Value)> = parts
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, v))| {
            v.field("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(move |(name, prop)| (i, name.as_str(), prop))
        })
        .filter(|(_, name, _)| seen.insert(name))
        .collect();
    if listed.is_empty() {
        let (l, a, v) = &parts[0];
        let alternatives = ["oneOf", "anyOf"].iter().find(|k| v.get(**k).is_some());
        cx.in_file(l).report(
            &BODY,
            a,
            match alternatives {
                Some(k) => format!(
                    "the form's schema is a `{k}`, which Swagger 2.0 form parameters cannot list; the operation gets no form parameters"
                ),
                None => "the form's schema lists no properties, so the operation gets no form parameters".to_string(),
            },
        );
    }
    for &(part, name, prop) in &listed {
        let (sloc, sat) = (&parts[part].0, parts[part].1.as_str());
        let pat = join(&join(sat, "properties"), name);
        let flat = schema::flatten(cx, sloc, prop, &pat);
        let mut p = Map::new();
        p.insert("name".into(), json!(name));
        p.insert("in".into(), json!("formData"));
        p.insert("required".into(), json!(req.contains(name)));
        let binary = flat.field("format").and_then(Value::as_str) == Some("binary")
            || flat.field("contentMediaType").is_some()
            || (flat.field("type").and_then(Value::as_str) == Some("array")
                && flat
                    .field("items")
                    .and_then(|i| i.field("format"))
                    .and_then(Value::as_str)
                    == Some("binary"));
        if binary {
            if let Some(d) = flat.field("description") {
                p.insert("description".into(), d.clone());
            }
            p.insert("type".into(), json!("file"));
        } else if matches!(
            flat.field("type").and_then(Value::as_str),
            Some("object") | None
        ) {
            if let Some(d) = flat.field("description") {
                p.insert("description".into(), d.clone());
            }
            p.insert("type".into(), json!("string"));
            cx.in_file(sloc).report(&BODY, &pat, format!("form field `{name}` is an object, which Swagger 2.0 form parameters cannot be; it is sent as one string"));
        } else {
            p.extend(flat);
            if p.field("type").and_then(Value::as_str) == Some("array") {
                p.insert("collectionFormat".into(), json!("csv"));
            }
        }
        reduce_simple(cx, sloc, Simple::Parameter, name, &mut p, &pat);
        cx.withhold(
            sloc,
            &pat,
            || format!("form field `{name}`"),
            Some(name),
            &mut p,
            crate::secrets::VALUE_KEYS,
        );
        params.push(Value::Object(p));
    }
    params
}
