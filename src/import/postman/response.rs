//! Saved responses (examples) to responses: one schema per status code inferred from every
//! example, the first example kept.

use serde_json::{Map, Value, json};

use super::body::{looks_json, parse_json};
use super::codes::*;
use super::model::SavedResponse;
use super::op::mime_base;
use super::variables::redact;
use super::{Cx, Tell};
use crate::diagnostic::Code;
use crate::import::infer::Shape;
use crate::import::media::push_media_type;
use crate::import::vars::Vars;
use crate::swagger::is_mime_type;
use crate::swagger::size::{Dropped, Lengths, Lines, member_lengths};

/// A request's responses, worked out on their own (in parallel with other requests'), with
/// what working them out found, to be told when the request becomes an operation.
pub(super) struct Worked {
    pub responses: Map<String, Value>,
    /// The media types of the saved responses, in order.
    pub produces: Vec<String>,
    pub told: Told,
    /// The example each status code keeps, not yet in `responses` (see [`Pending`]).
    pub examples: Vec<Pending>,
}

/// The example kept for one status code, held as the saved response's text until the whole
/// collection is read: only then is it known whether the examples alone are over the size
/// budget (see [`settle_examples`]). Its parsed tree, several times the text's size, is not
/// kept meanwhile.
pub(super) struct Pending {
    pub code: String,
    mime: String,
    body: String,
    /// What it adds to the written definition (in the budget's layout; zero without one).
    bytes: Lengths,
}

/// Findings kept in order, to be told to the conversion later.
#[derive(Default)]
pub(super) struct Told(Vec<Finding>);

enum Finding {
    Report(&'static Code, String, String),
    Secret(String, String, Vec<String>),
}

impl Tell for Told {
    fn tell(&mut self, code: &'static Code, at: &str, message: String) {
        self.0.push(Finding::Report(code, at.to_string(), message));
    }

    fn secret(&mut self, at: &str, what: String, values: &[&str]) {
        let values = values.iter().map(|v| v.to_string()).collect();
        self.0.push(Finding::Secret(at.to_string(), what, values));
    }
}

impl Told {
    /// Tells the conversion what was found, in the order it was found.
    pub(super) fn tell_to(self, cx: &mut Cx) {
        for f in self.0 {
            match f {
                Finding::Report(code, at, message) => cx.tell(code, &at, message),
                Finding::Secret(at, what, values) => {
                    let values: Vec<&str> = values.iter().map(String::as_str).collect();
                    cx.secret(&at, what, &values);
                }
            }
        }
    }
}

/// The responses of a request's saved examples (`saved`, taken from the request: each is
/// freed once read) and their media types.
/// `lines` is the layout the examples are measured in, when there is a size budget.
pub(super) fn responses(
    saved: Vec<SavedResponse>,
    label: &str,
    vars: &Vars,
    lines: Option<Lines>,
) -> Worked {
    let mut worked = Worked {
        responses: Map::new(),
        produces: Vec::new(),
        told: Told::default(),
        examples: Vec::new(),
    };
    let mut bodies = Vec::new();
    for mut r in saved {
        add_response(&mut r, label, vars, lines, &mut worked, &mut bodies);
    }
    finish_responses(&mut worked.responses, bodies);
    worked
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

fn add_response(
    r: &mut SavedResponse,
    label: &str,
    vars: &Vars,
    lines: Option<Lines>,
    worked: &mut Worked,
    bodies: &mut Vec<(String, ResponseBody)>,
) {
    let Worked {
        responses,
        produces,
        told: cx,
        examples,
    } = worked;
    let code = match (r.code, r.status.trim()) {
        (Some(c), _) => c.to_string(),
        // Postman writes both; a hand-made example may have neither (taken as a success).
        (None, "") => "200".into(),
        (None, status) => match code_of_status(status) {
            Some(c) => c.to_string(),
            None => {
                cx.tell(
                    &BODY,
                    &r.pointer,
                    format!(
                        "a saved response of {label} has no status code, and its status `{status}` \
                         is not a standard one; it is written as the `default` response"
                    ),
                );
                "default".into()
            }
        },
    };
    let content_type = r.content_type.as_deref().map(mime_base);
    let description = if !r.status.is_empty() {
        r.status.clone()
    } else if !r.name.is_empty() {
        r.name.clone()
    } else {
        "OK".into()
    };
    responses
        .entry(code.clone())
        .or_insert_with(|| json!({"description": description}));
    let acc = match bodies.iter().position(|(c, _)| *c == code) {
        Some(i) => &mut bodies[i].1,
        None => {
            bodies.push((code.clone(), ResponseBody::default()));
            &mut bodies.last_mut().expect("pushed").1
        }
    };
    let Some(body) = r.body.as_deref().filter(|b| !b.trim().is_empty()) else {
        return;
    };
    let json_ct = content_type.as_deref().is_some_and(|c| c.contains("json"));
    if !(json_ct || (content_type.is_none() && looks_json(body))) {
        if let Some(ct) = content_type.as_deref().filter(|ct| is_mime_type(ct)) {
            push_media_type(produces, ct);
        }
        acc.text = true;
        return;
    }
    let Some((mut v, secret)) = parse_json(body, vars) else {
        cx.tell(
            &BODY,
            &r.pointer,
            format!("a saved JSON response of {label} does not parse; it is described as a string"),
        );
        acc.text = true;
        return;
    };
    push_media_type(
        produces,
        content_type
            .as_deref()
            .filter(|ct| is_mime_type(ct))
            .unwrap_or("application/json"),
    );
    let cut = acc.json.get_or_insert_with(Shape::default).absorb(&v);
    let what = || format!("a saved JSON response of {label}");
    let deep = super::body::report_depth(cx, &r.pointer, what, &v, cut);
    // The first example of each status code is kept, without its secrets.
    if examples.iter().any(|p| p.code == code) || secret || deep {
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
        .filter(|ct| json_ct && is_mime_type(ct))
        .unwrap_or_else(|| "application/json".into());
    let bytes = lines.map_or_else(Lengths::default, |lines| {
        // Built in place: `json!` would copy the example through the serializer.
        let mut member = Map::new();
        member.insert(mime.clone(), v);
        // `/paths/{path}/{method}/responses/{status}`, beside at least its description.
        member_lengths(lines, 5, 2, "examples", &Value::Object(member))
    });
    examples.push(Pending {
        code,
        mime,
        body: r.body.take().unwrap_or_default(),
        bytes,
    });
}

/// The kept examples of `ops` (taken from them): left out when their own written length is
/// over `budget` (what the size pass would remove anyway, returned so that it reports them),
/// else parsed again and put into their responses.
pub(super) fn settle_examples(
    ops: &mut [super::op::Op],
    budget: Option<usize>,
    vars: &Vars,
) -> Option<Dropped> {
    use rayon::prelude::*;
    let pending = || ops.iter().flat_map(|op| &op.examples);
    let bytes: Lengths = pending().map(|p| p.bytes).sum();
    if let Some(budget) = budget
        && bytes.laid_out > budget
    {
        let count = pending().count();
        let texts: Vec<Vec<Pending>> = ops
            .iter_mut()
            .map(|op| std::mem::take(&mut op.examples))
            .collect();
        crate::memory::dispose(texts);
        return Some(Dropped { count, bytes });
    }
    ops.par_iter_mut().for_each(|op| {
        for p in std::mem::take(&mut op.examples) {
            // Read as it was the first time (it parsed then), secrets out again.
            let (Some((mut v, _)), Some(Value::Object(m))) =
                (parse_json(&p.body, vars), op.responses.get_mut(&p.code))
            else {
                continue;
            };
            redact(&mut v, &mut Vec::new());
            let mut member = Map::new();
            member.insert(p.mime, v);
            m.insert("examples".into(), Value::Object(member));
        }
    });
    None
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

/// The status code a standard reason phrase names (RFC 9110 and the common extensions), in any
/// letter case: what a saved response without a code still says.
fn code_of_status(status: &str) -> Option<u16> {
    const PHRASES: &[(u16, &str)] = &[
        (100, "Continue"),
        (101, "Switching Protocols"),
        (200, "OK"),
        (201, "Created"),
        (202, "Accepted"),
        (203, "Non-Authoritative Information"),
        (204, "No Content"),
        (205, "Reset Content"),
        (206, "Partial Content"),
        (207, "Multi-Status"),
        (300, "Multiple Choices"),
        (301, "Moved Permanently"),
        (302, "Found"),
        (303, "See Other"),
        (304, "Not Modified"),
        (307, "Temporary Redirect"),
        (308, "Permanent Redirect"),
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (402, "Payment Required"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (405, "Method Not Allowed"),
        (406, "Not Acceptable"),
        (407, "Proxy Authentication Required"),
        (408, "Request Timeout"),
        (409, "Conflict"),
        (410, "Gone"),
        (411, "Length Required"),
        (412, "Precondition Failed"),
        (413, "Content Too Large"),
        (413, "Payload Too Large"),
        (414, "URI Too Long"),
        (415, "Unsupported Media Type"),
        (416, "Range Not Satisfiable"),
        (417, "Expectation Failed"),
        (421, "Misdirected Request"),
        (422, "Unprocessable Content"),
        (422, "Unprocessable Entity"),
        (423, "Locked"),
        (424, "Failed Dependency"),
        (425, "Too Early"),
        (426, "Upgrade Required"),
        (428, "Precondition Required"),
        (429, "Too Many Requests"),
        (431, "Request Header Fields Too Large"),
        (451, "Unavailable For Legal Reasons"),
        (500, "Internal Server Error"),
        (501, "Not Implemented"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
        (504, "Gateway Timeout"),
        (505, "HTTP Version Not Supported"),
        (507, "Insufficient Storage"),
        (511, "Network Authentication Required"),
    ];
    PHRASES
        .iter()
        .find(|(_, phrase)| phrase.eq_ignore_ascii_case(status))
        .map(|&(code, _)| code)
}
