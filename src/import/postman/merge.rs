//! Requests with the same method and path, united into one operation.

use crate::value::Lookup;
use serde_json::json;
use std::collections::HashMap;

use super::Cx;
use super::codes::*;
use super::op::Op;
use crate::import::infer::merge;
use crate::import::media::push_media_type;

/// Whether `params` has one `in: kind`.
fn has_kind(params: &[serde_json::Map<String, serde_json::Value>], kind: &str) -> bool {
    params.iter().any(|p| p["in"] == kind)
}

/// Unites two operations with the same method and path.
pub(super) fn merge_into(first: &mut Op, other: Op, cx: &mut Cx) {
    let other_sends_body = has_kind(&other.params, "body");
    cx.report.report(
        &DUPLICATE,
        &other.pointer,
        format!(
            "request `{}` has the same method and path as `{}` ({} {}); merged into one operation",
            other.name,
            first.name,
            first.method.to_ascii_uppercase(),
            first.path
        ),
    );
    // Path parameters are named as in the first request.
    let first_names: Vec<String> = first
        .params
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let other_names: Vec<String> = other
        .params
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let rename: HashMap<String, String> = other_names.into_iter().zip(first_names).collect();
    // What of the other request's payload is left out, and whether it was form fields.
    let mut left_out: Vec<String> = Vec::new();
    let mut form_left_out = false;
    for mut p in other.params {
        if p["in"] == "path"
            && let Some(n) = p["name"].as_str().and_then(|n| rename.get(n))
        {
            p.insert("name".into(), json!(n));
        }
        let exists = first
            .params
            .iter()
            .any(|q| q["name"] == p["name"] && q["in"] == p["in"]);
        // One kind of payload per operation: the first request's wins.
        let has = |kind: &str| first.params.iter().any(|q| q["in"] == kind);
        if (p["in"] == "formData" && has("body")) || (p["in"] == "body" && has("formData")) {
            form_left_out = p["in"] == "formData";
            if form_left_out {
                left_out.push(format!("`{}`", p["name"].as_str().unwrap_or_default()));
            }
            continue;
        }
        if !exists {
            if p["in"] == "body" && first.params.iter().any(|q| q["in"] == "body") {
                continue;
            }
            if p["in"] != "path" {
                p.insert("required".into(), json!(false));
            }
            first.params.push(p);
        } else if p["in"] == "body"
            && let Some(q) = first.params.iter_mut().find(|q| q["in"] == "body")
            && let (Some(a), Some(b)) = (q.field("schema").cloned(), p.field("schema").cloned())
        {
            let mut a_clean = a.clone();
            let example = a_clean.as_object_mut().and_then(|m| m.remove("example"));
            let mut b_clean = b;
            if let Some(m) = b_clean.as_object_mut() {
                m.remove("example");
            }
            let mut merged = merge(a_clean, b_clean);
            if let (Some(ex), Some(m)) = (example, merged.as_object_mut()) {
                m.insert("example".into(), ex);
            }
            q.insert("schema".into(), merged);
        }
    }
    let mut examples = other.examples;
    for (code, r) in other.responses {
        match first.responses.get_mut(&code) {
            None => {
                // A new status code keeps its example; one the first request has keeps its own.
                if let Some(i) = examples.iter().position(|p| p.code == code) {
                    first.examples.push(examples.swap_remove(i));
                }
                first.responses.insert(code, r);
            }
            Some(existing) => {
                if let (Some(a), Some(b)) = (
                    existing.field("schema").cloned(),
                    r.field("schema").cloned(),
                ) {
                    existing["schema"] = merge(a, b);
                } else if let Some(b) = r.field("schema").cloned() {
                    existing["schema"] = b;
                }
            }
        }
    }
    if form_left_out {
        cx.report.report(
            &DUPLICATE,
            &other.pointer,
            format!(
                "the form {} {} of request `{}` {} left out of the merged operation: an \
                 operation has a body or form fields, and `{}` sends a body",
                if left_out.len() == 1 {
                    "field"
                } else {
                    "fields"
                },
                left_out.join(", "),
                other.name,
                if left_out.len() == 1 { "is" } else { "are" },
                first.name
            ),
        );
    } else if other_sends_body && has_kind(&first.params, "formData") {
        cx.report.report(
            &DUPLICATE,
            &other.pointer,
            format!(
                "the body of request `{}` is left out of the merged operation: an operation has \
                 a body or form fields, and `{}` sends form fields",
                other.name, first.name
            ),
        );
    }
    // The media types of a payload left out are not the operation's.
    let form_type = |c: &str| {
        matches!(
            c,
            "multipart/form-data" | "application/x-www-form-urlencoded"
        )
    };
    let first_sends_form = has_kind(&first.params, "formData");
    for c in other.consumes {
        if form_type(&c) == first_sends_form
            || !(has_kind(&first.params, "body") || first_sends_form)
        {
            push_media_type(&mut first.consumes, &c);
        }
    }
    for p in other.produces {
        push_media_type(&mut first.produces, &p);
    }
    if first.security.is_none() {
        first.security = other.security;
    }
}
