//! Responses: the first media type's schema and example, headers flattened.
use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

use super::codes::*;
use super::parameters::{Simple, reduce_simple};
use super::{Conv, Loc, join, media_order, schema};
use crate::import::media::push_exact;

/// A response, taken apart (its schema and example are moved into the conversion).
pub(super) fn response(
    cx: &mut Conv,
    loc: &Loc,
    r: Value,
    at: &str,
    produces: &mut Vec<String>,
) -> Value {
    let Some((loc, at, mut r)) = cx.deref_owned(loc, r, at) else {
        return json!({"description": "Response"});
    };
    let at = at.as_str();
    let mut out = Map::new();
    let description = r.field("description").and_then(Value::as_str).unwrap_or("");
    out.insert(
        "description".into(),
        json!(if description.is_empty() {
            "Response"
        } else {
            description
        }),
    );
    let content = r.field_mut("content").map(Value::take);
    if let Some((cloc, cat, content)) =
        content.and_then(|c| cx.media_types(&loc, Cow::Owned(c), &join(at, "content")))
    {
        let mut content = content.into_owned();
        for k in content.keys() {
            push_exact(produces, k);
        }
        if let Some(first) = media_order(&content).first().map(|s| s.to_string())
            && let Some(media) = content.get_mut(&first).map(Value::take)
            && let Some((cloc, mat, mut media)) = cx.deref_owned(&cloc, media, &join(&cat, &first))
        {
            let sat = join(&mat, "schema");
            if let Some(s) = media.field_mut("schema").map(Value::take) {
                out.insert("schema".into(), schema::convert(cx, &cloc, s, &sat));
            }
            let example = media.field_mut("example").map(Value::take).or_else(|| {
                media
                    .field_mut("examples")
                    .and_then(Value::as_object_mut)
                    .and_then(|e| e.values_mut().next())
                    .and_then(|e| e.field_mut("value"))
                    .map(Value::take)
            });
            if let Some(ex) = example {
                let mut holder = Map::new();
                holder.insert("example".into(), ex);
                cx.withhold(
                    &cloc,
                    &mat,
                    || "this response".into(),
                    None,
                    &mut holder,
                    &["example"],
                );
                if let Some(ex) = holder.remove("example") {
                    // Moved in, not copied (as `json!` would, through serialization).
                    let examples = Map::from_iter([(first, ex)]);
                    out.insert("examples".into(), Value::Object(examples));
                }
            }
        }
    }
    if let Some(headers) = r.field("headers").and_then(Value::as_object) {
        let mut h = Map::new();
        for (name, header) in headers {
            let hat = join(&join(at, "headers"), name);
            let Some((hloc, hat2, header)) = cx.deref(&loc, header, &hat) else {
                continue;
            };
            let string = json!({"type": "string"});
            let schema = header.field("schema").unwrap_or(&string);
            let mut flat = schema::flatten(cx, &hloc, schema, &join(&hat2, "schema"));
            if matches!(
                flat.field("type").and_then(Value::as_str),
                Some("object") | None
            ) {
                flat.insert("type".into(), json!("string"));
            }
            if let Some(d) = header.field("description") {
                flat.insert("description".into(), d.clone());
            }
            cx.withhold(
                &hloc,
                &hat2,
                || format!("response header `{name}`"),
                Some(name),
                &mut flat,
                schema::VALUE_KEYS,
            );
            reduce_simple(cx, &hloc, Simple::Header, name, &mut flat, &hat2);
            h.insert(name.clone(), Value::Object(flat));
        }
        if !h.is_empty() {
            out.insert("headers".into(), Value::Object(h));
        }
    }
    if r.field("links")
        .and_then(Value::as_object)
        .is_some_and(|l| !l.is_empty())
    {
        cx.in_file(&loc)
            .report(
                &DROPPED,
                join(at, "links"),
                "response links have no Swagger 2.0 form and were dropped",
            )
            .set_help(
                "a flow passes one action's output to the next itself; to let the designer \
                 offer values from another operation, add `x-ms-dynamic-values` by hand",
            );
    }
    for (k, v) in r.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}
