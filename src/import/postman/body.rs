//! Request bodies: raw (JSON or text), form fields, GraphQL and binary, to a body or form
//! parameters.

use serde_json::{Map, Value, json};

use super::codes::*;
use super::model::{Body, Request};
use super::op::{param, set_description};
use super::variables::{credential_name, only_references, redact};
use super::{Cx, Tell};
use crate::Severity;
use crate::import::infer::{MAX_EXAMPLE_DEPTH, MAX_SCHEMA_DEPTH, Shape, depth};
use crate::import::media::{is_form, push_media_type};
use crate::import::vars::Vars;

pub(super) fn build_body(
    body: &Body,
    req: &Request,
    label: &str,
    vars: &Vars,
    cx: &mut Cx,
    params: &mut Vec<Map<String, Value>>,
    consumes: &mut Vec<String>,
) {
    let at = &req.body_pointer;
    match body {
        Body::Raw { text, language } => {
            let declared_json =
                language.as_deref() == Some("json") || consumes.iter().any(|c| c.contains("json"));
            let lang_mime = match language.as_deref() {
                Some("xml") => Some("application/xml"),
                Some("html") => Some("text/html"),
                Some("javascript") => Some("application/javascript"),
                Some("text") => Some("text/plain"),
                _ => None,
            };
            let as_json = if declared_json || (lang_mime.is_none() && looks_json(text)) {
                match parse_json(text, vars) {
                    Some(v) => Some(v),
                    None => {
                        cx.report.report(&BODY, at, format!("the JSON body of {label} does not parse; it is described as a string"));
                        None
                    }
                }
            } else {
                None
            };
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            match as_json {
                Some((mut example, secret)) => {
                    if consumes.is_empty() {
                        consumes.push("application/json".into());
                    }
                    let mut shape = Shape::default();
                    let cut = shape.absorb(&example);
                    let mut schema = shape.to_schema();
                    let deep = report_depth(
                        cx,
                        at,
                        || format!("the JSON body of {label}"),
                        &example,
                        cut,
                    );
                    let mut found = Vec::new();
                    redact(&mut example, &mut found);
                    report_redacted(cx, at, format!("the body of {label}"), &found);
                    if !secret
                        && !deep
                        && let Some(m) = schema.as_object_mut()
                    {
                        m.insert("example".into(), example);
                    }
                    p.insert("schema".into(), schema);
                }
                None => {
                    if consumes.is_empty() {
                        consumes.push(lang_mime.unwrap_or("text/plain").into());
                    }
                    p.insert("schema".into(), json!({"type": "string"}));
                }
            }
            params.push(p);
        }
        Body::UrlEncoded(fields) | Body::FormData(fields) => {
            let multipart = matches!(body, Body::FormData(_));
            let form = if multipart {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let is_form =
                |c: &String| c == "multipart/form-data" || c == "application/x-www-form-urlencoded";
            if !consumes.is_empty() && !consumes.iter().any(is_form) {
                // Form fields are sent as a form: `formData` with another media type is one
                // the platform rejects (`form-data-mime-type`).
                cx.report
                    .report(
                        &BODY,
                        at,
                        format!(
                            "{label} sends a form body but its `Content-Type` header says {}; \
                             the form's media type `{form}` is used",
                            consumes.join(", ")
                        ),
                    )
                    .set_help("remove the header in Postman, or set it to the form's media type");
                consumes.clear();
            }
            if consumes.is_empty() {
                consumes.push(form.into());
            }
            for f in fields {
                if f.key.is_empty() {
                    continue;
                }
                if f.disabled {
                    cx.report.report(
                        &EXCLUDED,
                        &f.pointer,
                        format!("disabled form field `{}` of {label} left out", f.key),
                    );
                    continue;
                }
                if params
                    .iter()
                    .any(|p| p["name"] == f.key && p["in"] == "formData")
                {
                    continue;
                }
                if f.is_file && f.several_files {
                    // Swagger 2.0 has no form field of several files.
                    cx.report
                        .report_as(
                            &EXCLUDED,
                            Severity::Warning,
                            &f.pointer,
                            format!(
                                "form field `{}` of {label} sends several files; the connector \
                                 sends one (Swagger 2.0 has no field of several files)",
                                f.key
                            ),
                        )
                        .set_help(
                            "if the API takes them under other names too, add a file field \
                             for each",
                        );
                }
                let r = vars.resolve(&f.value);
                let ty = if f.is_file { "file" } else { "string" };
                let mut p = param(&f.key, "formData", ty);
                set_description(&mut p, &f.description, vars);
                if credential_name(&f.key) && !f.value.is_empty() && !only_references(&f.value) {
                    cx.secret(
                        at,
                        format!("form field `{}` of {label}", f.key),
                        &[&f.value],
                    );
                } else if !f.is_file
                    && !r.text.is_empty()
                    && r.unresolved.is_empty()
                    && !r.secret
                    && !cx.withheld(
                        &f.pointer,
                        format!("form field `{}` of {label}", f.key),
                        &f.key,
                        &r.text,
                    )
                {
                    p.insert("x-example".into(), json!(r.text));
                }
                params.push(p);
            }
            if multipart
                && consumes
                    .iter()
                    .any(|c| c == "application/x-www-form-urlencoded")
            {
                consumes.retain(|c| c != "application/x-www-form-urlencoded");
                if consumes.is_empty() {
                    cx.report
                        .report(
                            &BODY,
                            at,
                            format!(
                                "{label} sends a form-data body but its `Content-Type` header \
                                 says application/x-www-form-urlencoded; the form's media type \
                                 `{form}` is used"
                            ),
                        )
                        .set_help(
                            "remove the header in Postman, or set it to the form's media type",
                        );
                    consumes.push(form.into());
                }
            }
        }
        Body::GraphQl { query, variables } => {
            push_media_type(consumes, "application/json");
            // A credential written into the query itself (`login(token: "...")`) is masked.
            let mut query = query.clone();
            if crate::secrets::mask_graphql(&mut query) {
                cx.secret_as(
                    &format!("{at}/graphql/query"),
                    format!("the GraphQL query of {label}"),
                    "a credential written into it",
                    &[],
                );
            }
            let mut example = json!({"query": query});
            if let Some((mut v, secret)) = variables
                .as_deref()
                .filter(|v| !v.trim().is_empty())
                .and_then(|v| parse_json(v, vars))
            {
                let mut found = Vec::new();
                redact(&mut v, &mut found);
                report_redacted(cx, at, format!("the GraphQL variables of {label}"), &found);
                // Variables that take a secret from a variable are left out whole.
                if !secret {
                    example["variables"] = v;
                }
            }
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            p.insert(
                "schema".into(),
                json!({"type": "object", "required": ["query"], "properties": {
                "query": {"type": "string", "description": "The GraphQL query"},
                "variables": {"type": "object", "description": "The query's variables"}
            }, "example": example}),
            );
            params.push(p);
        }
        Body::Binary => {
            // A body parameter sent as a form is one the platform rejects
            // (`string-binary-form-urlencoded`, `form-data-mime-type`).
            if consumes.iter().any(|c| is_form(c)) {
                cx.report
                    .report(
                        &BODY,
                        at,
                        format!(
                            "{label} sends a file as its whole body but its `Content-Type` \
                             header says {}; the file is sent as `application/octet-stream`",
                            consumes.join(", ")
                        ),
                    )
                    .set_help(
                        "set the header in Postman to the file's media type, or send the file \
                         as a field of a form-data body",
                    );
                consumes.retain(|c| !is_form(c));
            }
            if consumes.is_empty() {
                consumes.push("application/octet-stream".into());
            }
            let mut p = param("body", "body", "");
            p.remove("type");
            p.insert("required".into(), json!(true));
            p.insert(
                "schema".into(),
                json!({"type": "string", "format": "binary"}),
            );
            params.push(p);
        }
    }
}

/// Reads JSON text with variables resolved; unresolved `{{x}}` outside strings become null.
pub(super) fn parse_json(text: &str, vars: &Vars) -> Option<(Value, bool)> {
    // Most bodies use no variable: they are read as they are, without a resolved copy.
    if memchr::memmem::find(text.as_bytes(), b"{{").is_none()
        && let Ok((v, _)) = crate::source::json::parse_strict(text)
    {
        return Some((v, false));
    }
    let r = vars.resolve(text);
    if let Ok((v, _)) = crate::source::json::parse_strict(&r.text) {
        return Some((v, r.secret));
    }
    // Lenient: comments and trailing commas, as Postman's editor allows.
    if let Ok(src) = crate::source::load_bytes("body.json", r.text.as_bytes())
        && src.syntax == crate::source::Syntax::Json
    {
        return Some((src.value, r.secret));
    }
    if let Ok(v) = serde_json::from_str::<Value>(&null_outside_strings(&r.text, |_| true)) {
        return Some((v, r.secret));
    }
    // A variable that stands for a whole value but whose value is empty or blank (`"id":
    // {{id}}`, set by a script at run time and exported as ""): null, as one without a value
    // is.
    let blanked = null_outside_strings(text, |name| {
        vars.get(name).is_some_and(|v| v.trim().is_empty())
    });
    if blanked == text {
        return None;
    }
    let r = vars.resolve(&blanked);
    serde_json::from_str::<Value>(&null_outside_strings(&r.text, |_| true))
        .ok()
        .map(|v| (v, r.secret))
}

/// `text` with each `{{variable}}` that stands for a whole JSON value (outside any string), and
/// whose name `blank` accepts, replaced by `null`; one inside a string stays as written, part of
/// the string.
fn null_outside_strings(text: &str, blank: impl Fn(&str) -> bool) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied) = (0, 0);
    while let Some(i) = memchr::memchr2(b'"', b'{', &b[at..]).map(|i| at + i) {
        if b[i] == b'"' {
            at = crate::source::json::skip_string(b, i).unwrap_or(b.len());
        } else if let Some(end) = text[i..].strip_prefix("{{").and_then(|v| v.find("}}")) {
            at = i + end + 4;
            if blank(text[i + 2..i + 2 + end].trim()) {
                out.push_str(&text[copied..i]);
                out.push_str("null");
                copied = at;
            }
        } else {
            at = i + 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

pub(super) fn looks_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

/// Reports the fields `redact` took out of an example of `what`, once at `at`.
pub(super) fn report_redacted(
    cx: &mut impl Tell,
    at: &str,
    what: String,
    found: &[(String, String)],
) {
    if found.is_empty() {
        return;
    }
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in found {
        let k = if k == "[]" { "a list item" } else { k.as_str() };
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
    let fields = keys
        .iter()
        .map(|k| {
            if *k == "a list item" {
                k.to_string()
            } else {
                format!("`{k}`")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    cx.secret(at, format!("{what} (field {fields})"), &values);
}

/// Reports a JSON example whose schema was cut at [`MAX_SCHEMA_DEPTH`] (`cut`) or that nests
/// deeper than [`MAX_EXAMPLE_DEPTH`]; returns whether the example itself is too deep to keep.
pub(super) fn report_depth(
    cx: &mut impl Tell,
    at: &str,
    what: impl FnOnce() -> String,
    example: &Value,
    cut: bool,
) -> bool {
    if !cut {
        return false;
    }
    let levels = depth(example);
    let deep = levels > MAX_EXAMPLE_DEPTH;
    let dropped = if deep {
        format!("; the example is left out (examples are kept up to {MAX_EXAMPLE_DEPTH} levels)")
    } else {
        String::new()
    };
    cx.tell(
        &BODY,
        at,
        format!(
            "{} nests {levels} levels deep: its schema describes the first {MAX_SCHEMA_DEPTH} \
             levels, and deeper objects and arrays have no type{dropped}",
            what()
        ),
    );
    deep
}

#[cfg(test)]
mod tests {
    use super::{null_outside_strings, parse_json};
    use crate::import::vars::Vars;
    use serde_json::json;

    #[test]
    fn a_variable_standing_for_a_value_whose_value_is_empty_is_null() {
        let mut vars = Vars::default();
        vars.add_fallback([
            ("id".to_string(), String::new()),
            ("name".to_string(), "Ann".to_string()),
            ("note".to_string(), String::new()),
            ("flag".to_string(), " ".to_string()),
        ]);
        let body = r#"{"id": {{id}}, "name": "{{name}}", "note": "{{note}}", "n": {{unset}},
                       "on": {{flag}}}"#;
        let (v, secret) = parse_json(body, &vars).expect("parses");
        assert_eq!(
            v,
            json!({"id": null, "name": "Ann", "note": "", "n": null, "on": null})
        );
        assert!(!secret);
    }

    #[test]
    fn only_variables_standing_for_values_become_null() {
        assert_eq!(
            null_outside_strings(
                r#"{"user": "{{user}}", "ts": {{ts}}, "n": [{{a}}, 1]}"#,
                |_| true
            ),
            r#"{"user": "{{user}}", "ts": null, "n": [null, 1]}"#
        );
        // Escaped quotes do not end a string; an unclosed variable is left as it is.
        assert_eq!(
            null_outside_strings(r#"{"q": "say \"{{w}}\" é", "x": {{y"#, |_| true),
            r#"{"q": "say \"{{w}}\" é", "x": {{y"#
        );
    }
}
