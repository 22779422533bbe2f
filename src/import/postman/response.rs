//! Saved responses (examples) to responses: one schema per status code inferred from every
//! example, the first example kept.

use serde_json::{Map, Value, json};

use super::Cx;
use super::body::{looks_json, parse_json};
use super::codes::*;
use super::model::{Request, SavedResponse};
use super::op::mime_base;
use super::variables::redact;
use crate::import::infer::Shape;
use crate::import::media::push_media_type;
use crate::import::vars::Vars;

/// The responses of a request's saved examples; their media types are added to `produces`.
pub(super) fn responses(
    req: &Request,
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
    produces: &mut Vec<String>,
) -> Map<String, Value> {
    let mut responses = Map::new();
    let mut bodies = Vec::new();
    for r in &req.responses {
        add_response(r, label, vars, cx, &mut responses, &mut bodies, produces);
    }
    finish_responses(&mut responses, bodies);
    responses
}

/// What the saved responses of one status code say about its body.
#[derive(Default)]
struct ResponseBody {
    json: Option<Shape>,
    text: bool,
}

impl ResponseBody {
    fn schema(&self) -> Option<Value> {
        match (&self.json, self.text) {
            (Some(s), false) => Some(s.to_schema()),
            (Some(_), true) => Some(json!({})),
            (None, true) => Some(json!({"type": "string"})),
            (None, false) => None,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_response(
    r: &SavedResponse,
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
    responses: &mut Map<String, Value>,
    bodies: &mut Vec<(String, ResponseBody)>,
    produces: &mut Vec<String>,
) {
    let code = r
        .code
        .map(|c| c.to_string())
        .unwrap_or_else(|| "200".into());
    let content_type = r
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| mime_base(&h.value));
    let description = if !r.status.is_empty() {
        r.status.clone()
    } else if !r.name.is_empty() {
        r.name.clone()
    } else {
        "OK".into()
    };
    let entry = responses
        .entry(code.clone())
        .or_insert_with(|| json!({"description": description}));
    let acc = match bodies.iter().position(|(c, _)| *c == code) {
        Some(i) => &mut bodies[i].1,
        None => {
            bodies.push((code, ResponseBody::default()));
            &mut bodies.last_mut().expect("pushed").1
        }
    };
    let Some(body) = r.body.as_deref().filter(|b| !b.trim().is_empty()) else {
        return;
    };
    let json_ct = content_type.as_deref().is_some_and(|c| c.contains("json"));
    if !(json_ct || (content_type.is_none() && looks_json(body))) {
        if let Some(ct) = &content_type {
            push_media_type(produces, ct);
        }
        acc.text = true;
        return;
    }
    let Some((mut v, secret)) = parse_json(body, vars) else {
        cx.report.report(
            &BODY,
            &r.pointer,
            format!("a saved JSON response of {label} does not parse; it is described as a string"),
        );
        acc.text = true;
        return;
    };
    push_media_type(
        produces,
        content_type.as_deref().unwrap_or("application/json"),
    );
    let cut = acc.json.get_or_insert_with(Shape::default).absorb(&v);
    let what = || format!("a saved JSON response of {label}");
    let deep = super::body::report_depth(cx, &r.pointer, what, &v, cut);
    // The first example of each status code is kept, without its secrets.
    let Some(m) = entry.as_object_mut() else {
        return;
    };
    if m.contains_key("examples") || secret || deep {
        return;
    }
    let mut found = Vec::new();
    redact(&mut v, &mut found);
    super::body::report_redacted(
        cx,
        &r.pointer,
        format!("a saved response of {label}"),
        &found,
    );
    let mime = content_type
        .filter(|_| json_ct)
        .unwrap_or_else(|| "application/json".into());
    // Built in place: `json!` would copy the example through the serializer.
    let mut examples = Map::new();
    examples.insert(mime, v);
    m.insert("examples".into(), Value::Object(examples));
}

/// Puts each status code's schema right after its description.
fn finish_responses(responses: &mut Map<String, Value>, bodies: Vec<(String, ResponseBody)>) {
    for (code, body) in bodies {
        let (Some(schema), Some(Value::Object(m))) = (body.schema(), responses.get_mut(&code))
        else {
            continue;
        };
        let rest = std::mem::take(m);
        let mut schema = Some(schema);
        for (k, v) in rest {
            let after_description = k == "description";
            m.insert(k, v);
            if after_description && let Some(s) = schema.take() {
                m.insert("schema".into(), s);
            }
        }
        if let Some(s) = schema {
            m.insert("schema".into(), s);
        }
    }
}
