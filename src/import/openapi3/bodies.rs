//! Request bodies: a body parameter, or form parameters for form media types.
use serde_json::{Map, Value, json};

use super::codes::*;
use super::parameters::{Simple, reduce_simple};
use super::{Conv, Loc, join, media_order, schema};
use crate::import::media::push_exact;

pub(super) fn request_body(
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
    let content = body.get("content").and_then(Value::as_object);
    let first = content.and_then(|c| media_order(c).first().map(|s| s.to_string()));
    let (Some(content), Some(first)) = (content, first) else {
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
            reduce_simple(cx, &sloc, Simple::Parameter, name, &mut p, &pat);
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
        cx.withhold(
            &loc,
            &cat,
            || "this request body".into(),
            None,
            s,
            &["example"],
        );
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
