//! Parameters (not bodies): schemas flattened into the parameter, `style` to
//! `collectionFormat`, shared ones kept as references.
use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::codes::*;
use super::{Conv, Loc, join, schema};
use crate::diagnostic::{Severity, escape_token, unescape_token};
use crate::swagger;

/// Keywords that only document: dropping them loses no constraint.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
];

/// What a simple value (non-body parameter, header) is: its own keys besides the simple ones.
#[derive(Clone, Copy)]
pub(super) enum Simple {
    Parameter,
    Header,
}

impl Simple {
    fn own(self) -> &'static [&'static str] {
        match self {
            Simple::Parameter => &["name", "in", "description", "required", "allowEmptyValue"],
            Simple::Header => &["description"],
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Simple::Parameter => "parameter",
            Simple::Header => "header",
        }
    }
}

/// Keeps only the keywords Swagger 2.0 allows in `m` (its `items`, recursively, allow the simple
/// keywords alone), and reports once what was dropped, at `at`.
pub(super) fn reduce_simple(
    cx: &mut Conv,
    loc: &Loc,
    kind: Simple,
    name: &str,
    m: &mut Map<String, Value>,
    at: &str,
) {
    let mut dropped = Vec::new();
    reduce(m, kind.own(), "", &mut dropped);
    if dropped.is_empty() {
        return;
    }
    let constraint = dropped.iter().any(|d| {
        let last = d.rsplit('.').next().unwrap_or(d);
        !ANNOTATIONS.contains(&last)
    });
    let list = dropped
        .iter()
        .map(|d| format!("`{d}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let severity = if constraint {
        Severity::Warning
    } else {
        Severity::Info
    };
    cx.in_file(loc).report_as(
        &SIMPLE_KEYWORDS,
        severity,
        at,
        format!(
            "{} `{name}`: dropped {list}, which Swagger 2.0 does not allow there",
            kind.noun()
        ),
    );
}

fn reduce(m: &mut Map<String, Value>, own: &[&str], prefix: &str, dropped: &mut Vec<String>) {
    let is_array = m.field("type").and_then(Value::as_str) == Some("array");
    m.retain(|k, _| {
        let keep = k.starts_with("x-")
            || own.contains(&k.as_str())
            || (swagger::SIMPLE_KEYWORDS.contains(&k.as_str())
                && (is_array || !matches!(k.as_str(), "items" | "collectionFormat")));
        if !keep {
            dropped.push(format!("{prefix}{k}"));
        }
        keep
    });
    if let Some(items) = m.field_mut("items").and_then(Value::as_object_mut) {
        reduce(items, &[], &format!("{prefix}items."), dropped);
    }
}

/// The parameters of a path item or operation on `path`. A path parameter the path does not
/// name is dropped with a warning: Swagger 2.0 rejects it.
pub(super) fn parameter_list(
    cx: &mut Conv,
    loc: &Loc,
    params: &[Value],
    at: &str,
    path: &str,
) -> Vec<Value> {
    let named = crate::swagger::template_variables(path);
    let mut list = Vec::new();
    // Each (in, name) once: Swagger 2.0 (like OpenAPI 3) forbids a repeat, which validators
    // reject; the first is kept.
    let mut seen: Vec<(String, String)> = Vec::new();
    // The parameters the list declares by name, which a property of an exploded object of the
    // same name gives way to: the declared one says what it is (required, its `enum`).
    let declared: Vec<(&str, &str)> = (params.iter())
        .filter_map(|p| Some((p.field("in")?.as_str()?, p.field("name")?.as_str()?)))
        .collect();
    for (i, p) in params.iter().enumerate() {
        let pat = format!("{at}/{i}");
        let field = |conv: &Value, k: &str| conv.get(k).and_then(Value::as_str).map(str::to_string);
        // A reference to a shared parameter stays a reference when it converted.
        let mut exploded_from = None;
        let converted: Vec<(Value, Option<(String, String)>)> = if let Some(r) =
            p.field("$ref").and_then(Value::as_str)
            && loc.same(&cx.main)
            && let Some(name) = r.strip_prefix("#/components/parameters/")
            && let name = unescape_token(name)
            && (cx.dropped_params.contains(&name)
                || cx.kept_params.contains_key(&name)
                || cx.exploded_params.contains_key(&name))
        {
            if let Some(exploded) = cx.exploded_params.get(&name) {
                exploded_from = Some(name.clone());
                (exploded.iter())
                    .map(|conv| (conv.clone(), field(conv, "in").zip(field(conv, "name"))))
                    .collect()
            } else {
                let Some((place, pname)) = cx.kept_params.get(&name).cloned() else {
                    continue;
                };
                vec![(
                    json!({"$ref": format!("#/parameters/{}", escape_token(&name))}),
                    Some((place, pname)),
                )]
            }
        } else {
            // A shared parameter that does not exist is resolved here, which reports it.
            match parameter(cx, loc, p, &pat) {
                Some(Value::Array(exploded)) => {
                    exploded_from = p.field("name").and_then(Value::as_str).map(str::to_string);
                    exploded
                }
                Some(conv) => vec![conv],
                None => continue,
            }
            .into_iter()
            .map(|conv| {
                let place = field(&conv, "in").zip(field(&conv, "name"));
                (conv, place)
            })
            .collect()
        };
        for (conv, place) in converted {
            if let (Some(object), Some((place, name))) = (&exploded_from, &place)
                && declared.contains(&(place.as_str(), name.as_str()))
            {
                cx.in_file(loc).report_as(
                    &PARAMETER,
                    Severity::Info,
                    &pat,
                    format!(
                        "property `{name}` of object parameter `{object}` is declared as a \
                         {place} parameter of its own, which is kept in its place"
                    ),
                );
                continue;
            }
            if let Some((place, name)) = &place
                && place == "path"
                && !named.contains(&name.as_str())
            {
                cx.in_file(loc)
                    .report(
                        &PARAMETER,
                        &pat,
                        format!(
                            "path parameter `{name}` does not appear in the path {path}; dropped"
                        ),
                    )
                    .set_help(format!(
                        "add `{{{name}}}` to the path, or make it a query parameter"
                    ));
                continue;
            }
            if let Some((place, name)) = place {
                if seen.iter().any(|(l, n)| *l == place && *n == name) {
                    cx.in_file(loc)
                        .report(
                            &PARAMETER,
                            &pat,
                            format!(
                                "{place} parameter `{name}` is listed again; the first one is kept and this one dropped"
                            ),
                        )
                        .set_help("list each parameter once; merge what the two say into the first");
                    continue;
                }
                seen.push((place, name));
            }
            list.push(conv);
        }
    }
    list
}

/// Whether an object parameter is sent one query parameter per property (`?limit=10&offset=5`):
/// `style: form` with `explode: true`, which are a query parameter's defaults.
fn sent_per_property(m: &Map<String, Value>) -> bool {
    let style = m.field("style").and_then(Value::as_str).unwrap_or("form");
    let explode = m.field("explode").and_then(Value::as_bool);
    style == "form" && explode.unwrap_or(true)
}

/// The properties of an object schema as written, its `allOf` parts' too, each with the file
/// and place it is written at; and the names it requires.
#[derive(Default)]
struct ObjectParts {
    properties: Vec<(String, Loc, String, Value)>,
    required: Vec<String>,
}

impl ObjectParts {
    /// Adds what the schema `raw`, at `at` in `loc`, says, its references followed.
    fn gather(&mut self, cx: &mut Conv, loc: &Loc, raw: &Value, at: &str, depth: usize) {
        // Deep enough for any real schema, and an end to a loop of parts.
        if depth > 8 {
            return;
        }
        let Some((loc, at, s)) = cx.deref(loc, raw, at) else {
            return;
        };
        if let Some(properties) = s.field("properties").and_then(Value::as_object) {
            let at = join(&at, "properties");
            for (name, schema) in properties {
                if !self.properties.iter().any(|(n, ..)| n == name) {
                    let place = join(&at, name);
                    self.properties
                        .push((name.clone(), loc.clone(), place, schema.clone()));
                }
            }
        }
        for name in (s
            .field("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten())
        .filter_map(Value::as_str)
        {
            self.required.push(name.to_string());
        }
        let all_of = s.field("allOf").and_then(Value::as_array).cloned();
        for (i, part) in all_of.iter().flatten().enumerate() {
            let at = join(&join(&at, "allOf"), &i.to_string());
            self.gather(cx, &loc, part, &at, depth + 1);
        }
    }
}

/// The query parameters an object query parameter `m` is sent as: one per property of `parts`,
/// required when the object is and its schema requires the property, with the property's
/// description and its part of the parameter's example.
fn per_property(
    cx: &mut Conv,
    loc: &Loc,
    m: &Map<String, Value>,
    parts: ObjectParts,
    at: &str,
) -> Vec<Value> {
    let object_required = m.field("required").and_then(Value::as_bool) == Some(true);
    let example = m.field("example").and_then(Value::as_object);
    let name = m.field("name").and_then(Value::as_str).unwrap_or_default();
    let mut out = Vec::new();
    for (property, ploc, place, schema) in &parts.properties {
        let mut raw = Map::new();
        raw.insert("name".into(), json!(property));
        raw.insert("in".into(), json!("query"));
        if let Some(d) = schema.field("description") {
            raw.insert("description".into(), d.clone());
        }
        if object_required && parts.required.contains(property) {
            raw.insert("required".into(), json!(true));
        }
        if let Some(explode) = m.field("explode") {
            raw.insert("explode".into(), explode.clone());
        }
        if let Some(ex) = example.and_then(|e| e.field(property)) {
            raw.insert("example".into(), ex.clone());
        }
        raw.insert("schema".into(), schema.clone());
        if let Some(conv) = parameter_exploding(cx, ploc, &Value::Object(raw), place, false) {
            out.push(conv);
        }
    }
    // The parameters written (a property whose conversion failed is not).
    let names = (out.iter())
        .filter_map(|p| p.field("name").and_then(Value::as_str))
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if !names.is_empty() {
        cx.in_file(loc).report_as(
            &PARAMETER,
            Severity::Info,
            at,
            format!(
                "query parameter `{name}` is an object sent one query parameter per property \
                 (`style: form`, `explode: true`): it became the query parameters {names}"
            ),
        );
    }
    out
}

/// The header parameters OpenAPI 3 says to ignore, what gives each instead, and what to do.
const IGNORED_HEADERS: [(&str, &str, &str); 3] = [
    (
        "Accept",
        "the responses' media types",
        "list the media types under each response's `content`; they become `produces`",
    ),
    (
        "Content-Type",
        "the request body's media types",
        "list the media types under `requestBody.content`; they become `consumes`",
    ),
    (
        "Authorization",
        "the security schemes",
        "describe the credential as a security scheme (`components.securitySchemes`, named in \
         `security`), so the connection asks for it once",
    ),
];

/// A parameter (not a body): its schema flattened into the parameter, style to collectionFormat.
/// An object query parameter sent one query parameter per property (`style: form`,
/// `explode: true`, the defaults) becomes those parameters: an array of them.
pub(super) fn parameter(cx: &mut Conv, loc: &Loc, p: &Value, at: &str) -> Option<Value> {
    parameter_exploding(cx, loc, p, at, true)
}

/// [`parameter`]; an object is sent as one string unless `explode_objects`.
fn parameter_exploding(
    cx: &mut Conv,
    loc: &Loc,
    p: &Value,
    at: &str,
    explode_objects: bool,
) -> Option<Value> {
    let (loc, at, p) = cx.deref(loc, p, at)?;
    let at = at.as_str();
    let m = p.as_object()?;
    let name = m
        .field("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let location = m
        .field("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !matches!(location.as_str(), "query" | "header" | "path" | "cookie") {
        let named = if name.is_empty() {
            "a parameter without a `name`".to_string()
        } else {
            format!("parameter `{name}`")
        };
        let message = if m.field("in").is_none() {
            format!("{named} has no `in`, so it is not sent anywhere; dropped")
        } else {
            format!("{named} is `in: {location}`, which is not a parameter location; dropped")
        };
        cx.in_file(&loc)
            .report(&PARAMETER, at, message)
            .set_help("give it `in: query`, `header` or `path`, and a `name`");
        return None;
    }
    if name.is_empty() {
        cx.in_file(&loc)
            .report(
                &PARAMETER,
                at,
                "a parameter without a `name` cannot be sent; dropped".to_string(),
            )
            .set_help("give it a `name`");
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
    // OpenAPI 3 ignores these header parameters: other parts of the definition say them.
    if location == "header"
        && let Some((_, said_by, help)) = IGNORED_HEADERS
            .iter()
            .find(|(header, _, _)| header.eq_ignore_ascii_case(&name))
    {
        cx.in_file(&loc)
            .report(
                &PARAMETER,
                at,
                format!(
                    "header parameter `{name}` is ignored by OpenAPI 3, which takes it from {said_by}; dropped"
                ),
            )
            .set_help(*help);
        return None;
    }
    if m.has("content") {
        cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` is described by `content` (a media type), which Swagger 2.0 parameters cannot be; dropped"));
        return None;
    }
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("in".into(), json!(location));
    for key in ["description", "required"] {
        if let Some(v) = m.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    // Swagger 2.0 allows `allowEmptyValue` on query (and form) parameters only; elsewhere
    // `false` says nothing, and `true` has no place.
    match m.field("allowEmptyValue") {
        Some(v) if location == "query" => {
            out.insert("allowEmptyValue".into(), v.clone());
        }
        Some(Value::Bool(true)) => {
            cx.in_file(&loc).report(
                &PARAMETER,
                join(at, "allowEmptyValue"),
                format!("`allowEmptyValue` of {location} parameter `{name}` has no Swagger 2.0 form (only query parameters have it); dropped"),
            );
        }
        _ => {}
    }
    if location == "path" {
        out.insert("required".into(), json!(true));
    }
    let string = json!({"type": "string"});
    let schema = m.field("schema").unwrap_or(&string);
    let flat = schema::flatten(cx, &loc, schema, &join(at, "schema"));
    let is_array = flat.field("type").and_then(Value::as_str) == Some("array");
    if explode_objects
        && location == "query"
        && sent_per_property(m)
        && flat.field("type").and_then(Value::as_str) == Some("object")
    {
        // What following the schema's references reports, flattening it has reported.
        let mut parts = ObjectParts::default();
        let schema = m.field("schema").unwrap_or(&string);
        cx.quietly(|cx| parts.gather(cx, &loc, schema, &join(at, "schema"), 0));
        if !parts.properties.is_empty() {
            return Some(Value::Array(per_property(cx, &loc, m, parts, at)));
        }
    }
    if flat.field("type").and_then(Value::as_str) == Some("object") || flat.field("type").is_none()
    {
        let style = m.field("style").and_then(Value::as_str).unwrap_or("");
        if style == "deepObject" {
            cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` uses `style: deepObject`, which Swagger 2.0 cannot describe; it is sent as one string"));
        } else if flat.field("type").is_some() {
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
            .field("style")
            .and_then(Value::as_str)
            .unwrap_or(match location.as_str() {
                "query" => "form",
                _ => "simple",
            });
        let explode = m
            .field("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        let format = match (style, explode) {
            ("form", true) => {
                cx.in_file(&loc)
                    .report(&PARAMETER, at, format!("array parameter `{name}` repeats itself per value (form, explode), which the platform does not support; sent comma-separated (csv) instead"))
                    .set_help(format!("check that the API accepts `{name}=a,b`; if it reads only repeated values, expose one parameter per value, or send them in a body"));
                "csv"
            }
            ("spaceDelimited", _) => "ssv",
            ("pipeDelimited", _) => "pipes",
            _ => "csv",
        };
        out.insert("collectionFormat".into(), json!(format));
    }
    // The parameter's own words and whether it is required are its own, not its schema's (a
    // shared schema's description is about the type, and its `required` lists properties).
    for key in ["description", "required"] {
        match m.get(key) {
            Some(v) => {
                out.insert(key.into(), v.clone());
            }
            None if key == "required" && !out.get(key).is_some_and(Value::is_boolean) => {
                out.shift_remove(key);
            }
            None => {}
        }
    }
    if location == "path" {
        out.insert("required".into(), json!(true));
    }
    if let Some(ex) = m.field("example").or_else(|| {
        m.field("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.field("value"))
    }) {
        out.insert("x-example".into(), ex.clone());
    }
    for (k, v) in m {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    cx.withhold(
        &loc,
        at,
        || format!("parameter `{name}`"),
        Some(&name),
        &mut out,
        schema::VALUE_KEYS,
    );
    reduce_simple(cx, &loc, Simple::Parameter, &name, &mut out, at);
    Some(Value::Object(out))
}
