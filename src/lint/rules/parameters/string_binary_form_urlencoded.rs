use crate::value::Lookup;
use std::collections::HashSet;

use serde_json::{Map, Value};

use super::shared::{Consumes, MULTIPART, URLENCODED};
use crate::diagnostic::{escape_token, pointer, unescape_token};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A file-like (string/binary) value is sent by an operation that consumes only
    /// `application/x-www-form-urlencoded`.
    ///
    /// ## What
    /// An operation's `consumes` lists `application/x-www-form-urlencoded` but not
    /// `multipart/form-data`, and one of its parameters is `type: file` or
    /// `type: string, format: binary` (or its body schema, or one of that schema's top-level
    /// properties, is `string`/`binary`).
    ///
    /// ## Why
    /// A URL-encoded form carries text fields only; binary content needs a multipart form.
    /// Microsoft's validator rejects the definition (`StringBinaryNotSupportedForFormUrlEncoded`).
    ///
    /// ## Example
    /// ```json
    /// "consumes": ["application/x-www-form-urlencoded"],
    /// "parameters": [{"name": "file", "in": "formData", "type": "file"}]
    /// ```
    ///
    /// ## Fix
    /// Consume `multipart/form-data` instead, or send the value as text (e.g. base64 with
    /// `"format": "byte"`).
    pub static RULE = Definition(check) {
        code: "CCF318",
        name: "string-binary-form-urlencoded",
        severity: Error,
        microsoft: ["StringBinaryNotSupportedForFormUrlEncoded"],
    }
}

fn is_string_binary(m: &Map<String, Value>) -> bool {
    m.field("type").and_then(Value::as_str) == Some("string")
        && m.field("format").and_then(Value::as_str) == Some("binary")
}

fn is_file(m: &Map<String, Value>) -> bool {
    m.field("type").and_then(Value::as_str) == Some("file")
}

fn check(cx: &Definition, out: &mut Emitter) {
    // Shared parameters and definitions are reported once, for the first operation that uses them.
    let mut reported: HashSet<String> = HashSet::new();
    for op in cx.operations {
        let consumes = Consumes::of(cx.doc, op);
        if !consumes.has(URLENCODED) || consumes.has(MULTIPART) {
            continue;
        }
        let mut report = |at: String, what: String| {
            if reported.insert(at.clone()) {
                out.emit(
                    cx.src,
                    at,
                    format!(
                        "{what} is string/binary, but {} consumes only `{URLENCODED}`",
                        op.label()
                    ),
                )
                .set_help(format!("consume \"{MULTIPART}\" instead"));
            }
        };
        for p in op.params.iter() {
            let name = p.name().unwrap_or("?");
            if p.location() != Some("body") {
                if is_file(p.value) {
                    report(p.member_pointer("type"), format!("parameter `{name}` (type file)"));
                } else if is_string_binary(p.value) {
                    report(p.member_pointer("format"), format!("parameter `{name}`"));
                }
                continue;
            }
            let Some(schema) = p.value.field("schema").and_then(Value::as_object) else {
                continue;
            };
            // The body schema, or the definition it refers to.
            let (schema, at) = match schema.field("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let Some(key) = r.strip_prefix("#/definitions/") else {
                        continue;
                    };
                    let key = unescape_token(key);
                    let Some(target) = cx
                        .doc
                        .field("definitions")
                        .and_then(|d| d.get(&key))
                        .and_then(Value::as_object)
                    else {
                        continue;
                    };
                    (target, pointer(["definitions", &key]))
                }
                None => (schema, p.member_pointer("schema")),
            };
            if is_string_binary(schema) {
                report(at, format!("the body of parameter `{name}`"));
                continue;
            }
            for (prop, value) in schema
                .field("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if let Some(value) = value.as_object()
                    && (is_string_binary(value) || is_file(value))
                {
                    report(
                        format!("{at}/properties/{}", escape_token(prop)),
                        format!("property `{prop}` of the body"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn binary_fields_with_url_encoded_consumes_are_reported_once() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "consumes": ["application/x-www-form-urlencoded"],
                "paths": {
                    "/a": {"post": {"parameters": [
                        {"name": "f", "in": "formData", "type": "file"},
                        {"name": "g", "in": "formData", "type": "string", "format": "binary"}
                    ]}},
                    "/b": {"post": {"parameters": [
                        {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Upload"}}
                    ]}},
                    "/c": {"put": {"parameters": [
                        {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Upload"}}
                    ]}}
                },
                "definitions": {"Upload": {"type": "object", "properties": {
                    "content": {"type": "string", "format": "binary"},
                    "name": {"type": "string"}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF318",
                    "/paths/~1a/post/parameters/0/type",
                    "parameter `f` (type file) is string/binary, but POST /a consumes only `application/x-www-form-urlencoded`"
                ),
                (
                    "CCF318",
                    "/paths/~1a/post/parameters/1/format",
                    "parameter `g` is string/binary, but POST /a consumes only `application/x-www-form-urlencoded`"
                ),
                (
                    "CCF318",
                    "/definitions/Upload/properties/content",
                    "property `content` of the body is string/binary, but POST /b consumes only `application/x-www-form-urlencoded`"
                ),
            ]
        );
    }

    #[test]
    fn multipart_or_text_fields_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"post": {"consumes": ["multipart/form-data", "application/x-www-form-urlencoded"],
                    "parameters": [{"name": "f", "in": "formData", "type": "file"}]}},
                "/b": {"post": {"consumes": ["application/x-www-form-urlencoded"],
                    "parameters": [{"name": "t", "in": "formData", "type": "string"}]}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
