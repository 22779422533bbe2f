//! Parameters (not bodies): schemas flattened into the parameter, `style` to
//! `collectionFormat`, shared ones kept as references.
use serde_json::{Map, Value, json};

use super::codes::*;
use super::{Conv, Loc, join, schema};
use crate::diagnostic::{escape_token, unescape_token};

pub(super) fn parameter_list(cx: &mut Conv, loc: &Loc, params: &[Value], at: &str) -> Vec<Value> {
    let mut list = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let pat = format!("{at}/{i}");
        // A reference to a shared parameter stays a reference when it converted.
        if let Some(r) = p.get("$ref").and_then(Value::as_str)
            && loc.same(&cx.main)
            && let Some(name) = r.strip_prefix("#/components/parameters/")
        {
            let name = unescape_token(name);
            if cx.dropped_params.contains(&name) {
                continue;
            }
            list.push(json!({"$ref": format!("#/parameters/{}", escape_token(&name))}));
            continue;
        }
        if let Some(conv) = parameter(cx, loc, p, &pat) {
            list.push(conv);
        }
    }
    list
}

/// A parameter (not a body): its schema flattened into the parameter, style to collectionFormat.
pub(super) fn parameter(cx: &mut Conv, loc: &Loc, p: &Value, at: &str) -> Option<Value> {
    let (loc, at, p) = cx.deref(loc, p, at)?;
    let at = at.as_str();
    let m = p.as_object()?;
    let name = m
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let location = m
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !matches!(location.as_str(), "query" | "header" | "path" | "cookie") {
        cx.in_file(&loc).report(&PARAMETER, at,
            format!(
                "parameter `{name}` is `in: {location}`, which is not a parameter location; dropped"
            ),
        )
        .set_help("use query, header or path");
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
    if m.contains_key("content") {
        cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` is described by `content` (a media type), which Swagger 2.0 parameters cannot be; dropped"));
        return None;
    }
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("in".into(), json!(location));
    for key in ["description", "required", "allowEmptyValue"] {
        if let Some(v) = m.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if location == "path" {
        out.insert("required".into(), json!(true));
    }
    let schema = m
        .get("schema")
        .cloned()
        .unwrap_or_else(|| json!({"type": "string"}));
    let flat = schema::flatten(cx, &loc, &schema, &join(at, "schema"));
    let is_array = flat.get("type").and_then(Value::as_str) == Some("array");
    if flat.get("type").and_then(Value::as_str) == Some("object") || flat.get("type").is_none() {
        let style = m.get("style").and_then(Value::as_str).unwrap_or("");
        if style == "deepObject" {
            cx.in_file(&loc).report(&PARAMETER, at, format!("parameter `{name}` uses `style: deepObject`, which Swagger 2.0 cannot describe; it is sent as one string"));
        } else if flat.get("type").is_some() {
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
            .get("style")
            .and_then(Value::as_str)
            .unwrap_or(match location.as_str() {
                "query" => "form",
                _ => "simple",
            });
        let explode = m
            .get("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        let format = match (style, explode) {
            ("form", true) => {
                cx.in_file(&loc).report(&PARAMETER, at, format!("array parameter `{name}` repeats itself per value (form, explode), which the platform does not support; sent comma-separated (csv) instead"));
                "csv"
            }
            ("spaceDelimited", _) => "ssv",
            ("pipeDelimited", _) => "pipes",
            _ => "csv",
        };
        out.insert("collectionFormat".into(), json!(format));
    }
    if let Some(ex) = m.get("example").or_else(|| {
        m.get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.get("value"))
    }) {
        out.insert("x-example".into(), ex.clone());
    }
    for (k, v) in m {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    Some(Value::Object(out))
}
