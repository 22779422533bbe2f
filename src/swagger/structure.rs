//! The definition's structure checked against `schemas/connector-swagger.schema.json`, the
//! connector subset of Swagger 2.0 written as a JSON Schema: which keys each object may hold,
//! their types and allowed values. The schema is compiled once per process. Its failures become
//! findings a person can act on: a kind (what Microsoft's validator calls it), the node, and a
//! message that says what the object allows.

use crate::value::Lookup;
use std::borrow::Cow;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{Map, Value};

use crate::diagnostic::escape_token;

crate::declare_code! {
    /// A definition that `convert` or `fix` made is not valid connector Swagger 2.0, so it was
    /// not written.
    ///
    /// ## What
    /// Before writing a definition, `convert` and `fix` check it against the connector subset of
    /// Swagger 2.0 (`schemas/connector-swagger.schema.json`, the same check as the lint rules
    /// `unknown-property` to `required-property-missing`) and for path templates that validators
    /// reject (`path-template-invalid`: a stray brace, an empty `{}`), and that each `$ref` names
    /// something in the same file (`ref-not-found`, and `ref-not-valid` for a reference into
    /// another file: a connector is imported as one file). When it fails, no file is
    /// written (neither the definition nor `apiProperties.json`), each problem is reported at its
    /// node, and the exit status is 1.
    ///
    /// ## Why
    /// An invalid definition is rejected on import; writing it would only move the error later.
    ///
    /// ## Example
    /// `ccforge fix api.json` on a definition whose parameter has `"in": "Query"`.
    ///
    /// ## Fix
    /// Correct the node the message names in the input (`ccforge lint` on it shows where), or
    /// report the input if it is valid and the converted output is not.
    pub static INVALID_OUTPUT = Input {
        code: "CCF013",
        name: "invalid-output",
        severity: Error,
    }
}

/// The codes of the output check, for the registry.
pub static CODES: &[&crate::diagnostic::Code] = &[&INVALID_OUTPUT];

/// `message` continuing a sentence: its first word in lower case, unless it is an acronym or a
/// name written with capitals inside (`JSON`, `OpenAPI`).
fn within_sentence(message: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = message.chars();
    match (chars.next(), message.split(' ').next()) {
        (Some(first), Some(word))
            if first.is_ascii_uppercase() && word[1..].chars().all(|c| c.is_ascii_lowercase()) =>
        {
            format!("{}{}", first.to_ascii_lowercase(), chars.as_str()).into()
        }
        _ => message.into(),
    }
}

/// The output check: an error per structural problem (`findings`, from [`check`]) of the
/// definition in the file `name`, which was not written; nothing when it may be written.
pub fn refusals(findings: &[Finding], name: &str) -> Vec<crate::diagnostic::Diagnostic> {
    findings
        .iter()
        .map(|f| {
            INVALID_OUTPUT
                .diagnostic(format!("not written: {}", within_sentence(&f.message)))
                .with_help(match (&f.missing, f.kind) {
                    (Some(key), _) => format!("add `{key}` to this object in the input"),
                    (None, Kind::PathTemplate) => "close each template variable within its \
                        segment and name it; write a literal brace as `%7B` or `%7D`"
                        .to_string(),
                    (None, Kind::DanglingRef) => "add what it names to this file (a schema \
                        under `definitions`, a parameter under `parameters`, a response under \
                        `responses`), or point the `$ref` at an entry that exists"
                        .to_string(),
                    (None, Kind::ExternalRef) => "copy what it names into this file (a schema \
                        under `definitions`, a parameter under `parameters`, a response under \
                        `responses`) and point the `$ref` there: `#/definitions/NAME`"
                        .to_string(),
                    (None, _) => {
                        "correct this node in the input, or report the input if it is valid"
                            .to_string()
                    }
                })
                .in_file(name)
                .at_pointer(f.pointer.clone())
        })
        .collect()
}

/// The schema's text, as shipped in `schemas/`.
pub const SCHEMA: &str = include_str!("../../schemas/connector-swagger.schema.json");

static PARSED: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(SCHEMA).expect("the bundled schema is JSON"));

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    jsonschema::draft7::new(&PARSED).expect("the bundled schema is a valid draft-07 schema")
});

/// What kind of structural problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A key the object does not allow (not an `x-` extension).
    UnknownKey,
    /// A key a schema object does not allow: a JSON Schema keyword Swagger 2.0 lacks.
    UnknownSchemaKeyword,
    /// A key that looks like an extension but is not spelled `x-...`.
    ExtensionName,
    /// A key beside `$ref` in a reference object.
    RefSibling,
    /// A value of the wrong JSON type.
    Type,
    /// A value outside the allowed ones.
    NotInEnum,
    /// A required key is missing.
    Missing,
    /// A response key that is neither `default` nor a three-digit status code.
    ResponseKey,
    /// An operation's `responses` with no response in it.
    NoResponses,
    /// A number below its allowed minimum (a negative length or count).
    Bound,
    /// A path whose template is malformed (a stray brace, an empty variable), which the schema
    /// cannot express: checked beside it.
    PathTemplate,
    /// A `$ref` into another file or a URL (checked beside the schema).
    ExternalRef,
    /// A `$ref` that names nothing in the document (checked beside the schema).
    DanglingRef,
}

/// One structural problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// The offending node: the unexpected key itself, the value of the wrong type, or the object
    /// that lacks a required key.
    pub pointer: String,
    pub message: String,
    /// For [`Kind::Missing`], the key that is missing.
    pub missing: Option<String>,
    /// The kind of object the finding is in, by its name in the schema's `definitions`
    /// (`bodyParameter`, `items`, `schema`, ...; empty for the root).
    pub object: &'static str,
}

/// Every structural problem of `doc`, in document order of the validator's walk.
pub fn check(doc: &Value) -> Vec<Finding> {
    let mut out: Vec<Finding> = (super::paths(doc))
        .filter_map(|path| {
            Some(Finding {
                kind: Kind::PathTemplate,
                pointer: crate::diagnostic::pointer(["paths", path]),
                message: format!("path `{path}` {}", super::template_problem(path)?),
                missing: None,
                object: "",
            })
        })
        .collect();
    let mut tokens = Vec::new();
    unresolved_refs(doc, doc, &mut tokens, &mut out);
    let validator = &*VALIDATOR;
    if validator.is_valid(doc) {
        return out;
    }
    for error in validator.iter_errors(doc) {
        let before = out.len();
        let at = error.instance_path().as_str().to_string();
        let definition = static_name(definition_of(error.schema_path().as_str()));
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    out.push(unknown_key(&at, definition, key, instance));
                }
            }
            ValidationErrorKind::Type { kind } => {
                out.push(Finding {
                    missing: None,
                    object: "",
                    kind: Kind::Type,
                    message: format!(
                        "{} must be {}, not {}",
                        subject(&at),
                        expected_type(kind),
                        json_type(instance)
                    ),
                    pointer: at,
                });
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                out.push(Finding {
                    missing: None,
                    object: "",
                    kind: Kind::NotInEnum,
                    message: format!(
                        "{} is {}; allowed: {}",
                        subject(&at),
                        shown(instance),
                        allowed.join(", ")
                    ),
                    pointer: at,
                });
            }
            ValidationErrorKind::AnyOf { .. } => out.push(any_of(&at, instance)),
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                out.push(Finding {
                    missing: Some(name.to_string()),
                    object: "",
                    kind: Kind::Missing,
                    message: format!(
                        "{} has no `{name}`: Swagger 2.0 requires it there",
                        capitalised(label(definition).unwrap_or("this object"))
                    ),
                    pointer: at,
                });
            }
            ValidationErrorKind::MinProperties { .. } => out.push(Finding {
                missing: None,
                object: "",
                kind: Kind::NoResponses,
                message: "the operation's `responses` is empty: Swagger 2.0 requires at least one"
                    .into(),
                pointer: at,
            }),
            ValidationErrorKind::Minimum { .. } => out.push(Finding {
                missing: None,
                object: "",
                kind: Kind::Bound,
                message: format!("{} must not be negative", subject(&at)),
                pointer: at,
            }),
            _ => out.push(Finding {
                missing: None,
                object: "",
                kind: Kind::Type,
                message: format!("{} is not valid here: {error}", subject(&at)),
                pointer: at,
            }),
        }
        for f in &mut out[before..] {
            f.object = definition;
        }
    }
    out
}

/// Keys whose values are data (examples, defaults, extensions), where a `$ref` key is a value
/// like any other, not a reference.
fn holds_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum") || key.starts_with("x-")
}

/// Keys whose values are maps of names: a member named `$ref` there is an entry, not a reference.
fn holds_names(key: &str) -> bool {
    matches!(
        key,
        "properties" | "definitions" | "parameters" | "responses" | "paths"
    )
}

/// A finding for each `$ref` under `node` that a single-file import cannot follow: one into
/// another file or a URL, or one naming nothing in `doc`. `tokens` lead from `doc` to `node`.
fn unresolved_refs<'a>(
    doc: &Value,
    node: &'a Value,
    tokens: &mut Vec<Cow<'a, str>>,
    out: &mut Vec<Finding>,
) {
    match node {
        Value::Object(map) => {
            let names = tokens.last().is_some_and(|k| holds_names(k));
            for (key, value) in map {
                if names {
                    // Entries by name: each is an object of its own.
                } else if key == "$ref" {
                    if let Some((kind, message)) = value.as_str().and_then(|t| unresolved(doc, t)) {
                        out.push(Finding {
                            kind,
                            pointer: crate::diagnostic::pointer(
                                tokens.iter().map(|t| t.as_ref()).chain(["$ref"]),
                            ),
                            message,
                            missing: None,
                            object: "reference",
                        });
                    }
                    continue;
                } else if holds_data(key) {
                    continue;
                }
                if value.is_object() || value.is_array() {
                    tokens.push(Cow::Borrowed(key));
                    unresolved_refs(doc, value, tokens, out);
                    tokens.pop();
                }
            }
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                if value.is_object() || value.is_array() {
                    tokens.push(Cow::Owned(i.to_string()));
                    unresolved_refs(doc, value, tokens, out);
                    tokens.pop();
                }
            }
        }
        _ => {}
    }
}

/// Why reference `target` cannot be followed within `doc`, or None when it can.
fn unresolved(doc: &Value, target: &str) -> Option<(Kind, String)> {
    let Some(fragment) = target.strip_prefix('#') else {
        return Some((
            Kind::ExternalRef,
            format!(
                "`$ref` `{target}` points outside this file: a connector is imported as one file"
            ),
        ));
    };
    let decoded;
    let fragment = if fragment.contains('%') {
        decoded = crate::diagnostic::percent_decode(fragment)?;
        decoded.as_str()
    } else {
        fragment
    };
    if doc.pointer(fragment).is_some() {
        return None;
    }
    Some((
        Kind::DanglingRef,
        format!("`$ref` `{target}` names nothing in this file"),
    ))
}

/// The name of the schema definition a keyword location sits in: `items` for
/// `/definitions/items/additionalProperties`, `""` for the root.
fn definition_of(schema_path: &str) -> &str {
    match schema_path.rfind("/definitions/") {
        Some(i) => {
            let rest = &schema_path[i + "/definitions/".len()..];
            rest.split('/').next().unwrap_or_default()
        }
        None => "",
    }
}

/// The schema's own copy of a definition name, which lives as long as the schema.
fn static_name(name: &str) -> &'static str {
    PARSED
        .field("definitions")
        .and_then(Value::as_object)
        .and_then(|d| d.get_key_value(name))
        .map_or("", |(k, _)| k.as_str())
}

/// The schema definition named `name` (the root for `""`).
fn definition(name: &str) -> Option<&'static Map<String, Value>> {
    if name.is_empty() {
        return PARSED.as_object();
    }
    PARSED.field("definitions")?.get(name)?.as_object()
}

/// The human label of a definition ("a non-body parameter").
fn label(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("the document root");
    }
    definition(name)?.field("title")?.as_str()
}

fn unknown_key(at: &str, definition_name: &str, key: &str, instance: &Value) -> Finding {
    let pointer = format!("{at}/{}", escape_token(key));
    let what = label(definition_name).unwrap_or("this object");
    if definition_name == "responses" {
        return Finding {
            missing: None,
            object: "",
            kind: Kind::ResponseKey,
            message: format!(
                "response key `{key}` is neither `default` nor a three-digit HTTP status code"
            ),
            pointer,
        };
    }
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("x-") || lower.starts_with("x_") {
        return Finding {
            missing: None,
            object: "",
            kind: Kind::ExtensionName,
            message: format!(
                "`{key}` is not a valid extension name: extension keys start with a lowercase `x-`"
            ),
            pointer,
        };
    }
    if definition_name == "reference" || instance.field("$ref").is_some() && what.contains("ref") {
        return Finding {
            missing: None,
            object: "",
            kind: Kind::RefSibling,
            message: format!(
                "`{key}` is not allowed beside `$ref`: a reference to a shared parameter or response holds only `$ref`"
            ),
            pointer,
        };
    }
    let allowed: Vec<&str> = definition(definition_name)
        .and_then(|d| d.field("properties"))
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|p| p.keys())
        .map(String::as_str)
        .collect();
    let kind = if definition_name == "schema" {
        Kind::UnknownSchemaKeyword
    } else {
        Kind::UnknownKey
    };
    let message = match allowed.iter().find(|a| a.eq_ignore_ascii_case(key)) {
        Some(meant) => format!("`{key}` is not allowed in {what}: did you mean `{meant}`?"),
        None => format!(
            "`{key}` is not allowed in {what}: Swagger 2.0 allows only {} there (and `x-` extensions)",
            allowed.join(", ")
        ),
    };
    Finding {
        kind,
        missing: None,
        object: "",
        message,
        pointer,
    }
}

/// A failed `anyOf`: in this schema only a schema's `type`, `items` and `additionalProperties`.
fn any_of(at: &str, instance: &Value) -> Finding {
    let last = at.rsplit('/').next().unwrap_or_default();
    let (kind, message) = match (last, instance) {
        ("type", Value::String(t)) => (
            Kind::NotInEnum,
            format!(
                "`{t}` is not a Swagger 2.0 type: use array, boolean, integer, number, object, string (or file for a form upload)"
            ),
        ),
        ("type", _) => (
            Kind::Type,
            format!(
                "{} must be a type name or a list of them, not {}",
                subject(at),
                json_type(instance)
            ),
        ),
        ("additionalProperties", _) => (
            Kind::Type,
            format!(
                "{} must be a schema or a boolean, not {}",
                subject(at),
                json_type(instance)
            ),
        ),
        _ => (
            Kind::Type,
            format!(
                "{} must be a schema or a list of schemas, not {}",
                subject(at),
                json_type(instance)
            ),
        ),
    };
    Finding {
        kind,
        message,
        pointer: at.to_string(),
        missing: None,
        object: "",
    }
}

/// "`name`" for the last token of a pointer (or "an entry" for an index, "the document" for the
/// root).
pub(crate) fn subject(at: &str) -> String {
    match at.rsplit_once('/') {
        None => "the document".into(),
        Some((_, last)) if last.parse::<usize>().is_ok() => format!("entry {last}"),
        Some((_, last)) => format!("`{}`", crate::diagnostic::unescape_token(last)),
    }
}

pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub(crate) fn expected_type(kind: &TypeKind) -> String {
    let name = |t: String| match t.as_str() {
        "array" => "an array".to_string(),
        "object" => "an object".to_string(),
        "integer" => "an integer".to_string(),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    };
    match kind {
        TypeKind::Single(t) => name(t.to_string()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| name(t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a value for a message.
pub(crate) fn shown(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() <= 40 => format!("`{s}`"),
        Value::String(_) => "a longer string".into(),
        Value::Array(_) | Value::Object(_) => json_type(v).into(),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_continues_the_sentence_it_is_put_in() {
        assert_eq!(
            within_sentence("The document root has no `paths`"),
            "the document root has no `paths`"
        );
        assert_eq!(
            within_sentence("JSON is not allowed"),
            "JSON is not allowed"
        );
        assert_eq!(within_sentence("OpenAPI keys"), "OpenAPI keys");
        assert_eq!(within_sentence("`in` is `Query`"), "`in` is `Query`");
    }

    fn found(json: &str) -> Vec<(Kind, String, String)> {
        let doc: Value = serde_json::from_str(json).unwrap();
        check(&doc)
            .into_iter()
            .map(|f| (f.kind, f.pointer, f.message))
            .collect()
    }

    const HEAD: &str = r#""swagger": "2.0", "info": {"title": "T", "version": "1"}"#;

    #[test]
    fn a_valid_definition_has_no_findings() {
        let json = format!(
            r##"{{{HEAD}, "host": "api.contoso.com", "paths": {{"/a/{{id}}": {{
                "parameters": [{{"$ref": "#/parameters/Id"}}],
                "get": {{"operationId": "Get", "x-ms-visibility": "important",
                    "parameters": [{{"name": "q", "in": "query", "type": "array", "items": {{"type": "string"}}, "collectionFormat": "multi"}},
                                   {{"name": "b", "in": "body", "schema": {{"$ref": "#/definitions/B"}}}}],
                    "responses": {{"200": {{"description": "OK", "schema": {{"type": "object", "x-nullable": true,
                        "properties": {{"a": {{"type": ["string", "null"], "format": "date-no-tz"}}}}}}}},
                                   "default": {{"$ref": "#/responses/Err"}}}}}}}}}},
                "parameters": {{"Id": {{"name": "id", "in": "path", "required": true, "type": "string"}}}},
                "responses": {{"Err": {{"description": "error"}}}},
                "definitions": {{"B": {{"type": "object", "additionalProperties": false, "required": ["a"]}}}},
                "securityDefinitions": {{"k": {{"type": "apiKey", "name": "key", "in": "header"}},
                    "o": {{"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {{}}}}}},
                "security": [{{"k": []}}]}}"##
        );
        assert_eq!(found(&json), []);
    }

    #[test]
    fn references_into_other_files_or_to_nothing_are_found_and_data_is_not_a_reference() {
        let json = format!(
            r##"{{{HEAD}, "paths": {{"/a": {{"get": {{
                "parameters": [{{"$ref": "common.json#/parameters/ApiVersion"}}],
                "responses": {{"200": {{"description": "OK", "schema": {{"$ref": "#/definitions/Missing"}},
                    "examples": {{"application/json": {{"$ref": "#/not/a/reference"}}}}}},
                    "default": {{"description": "E", "schema": {{"$ref": "#/definitions/My%20Thing"}}}}}}}}}}}},
                "definitions": {{"My Thing": {{"type": "object", "properties": {{"$ref": {{"type": "string"}}}},
                    "x-ms-dynamic-schema": {{"$ref": "elsewhere.json"}}}},
                    "Pet": {{"type": "object", "properties": {{"owner": {{"$ref": "#/definitions/Pet/properties/owner"}}}}}}}}}}"##
        );
        assert_eq!(
            found(&json),
            [
                (
                    Kind::ExternalRef,
                    "/paths/~1a/get/parameters/0/$ref".into(),
                    "`$ref` `common.json#/parameters/ApiVersion` points outside this file: a connector is imported as one file".into()
                ),
                (
                    Kind::DanglingRef,
                    "/paths/~1a/get/responses/200/schema/$ref".into(),
                    "`$ref` `#/definitions/Missing` names nothing in this file".into()
                ),
            ]
        );
    }

    #[test]
    fn keys_an_object_does_not_allow_are_named_with_what_it_allows() {
        let json = format!(
            r#"{{{HEAD}, "paths": {{"/a": {{"get": {{"responses": {{"200": {{"description": "OK"}}}},
                "parameters": [{{"name": "q", "in": "query", "type": "array",
                    "items": {{"type": "string", "description": "d", "X-Ms-Summary": "s"}}}}]}}}}}},
                "definitions": {{"A": {{"type": "object", "nullable": true}}}}}}"#
        );
        let f = found(&json);
        assert_eq!(
            f,
            [
                (
                    Kind::UnknownKey,
                    "/paths/~1a/get/parameters/0/items/description".into(),
                    "`description` is not allowed in the `items` of a non-body parameter or header: Swagger 2.0 allows only type, format, items, collectionFormat, default, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems, uniqueItems, enum, multipleOf there (and `x-` extensions)".into()
                ),
                (
                    Kind::ExtensionName,
                    "/paths/~1a/get/parameters/0/items/X-Ms-Summary".into(),
                    "`X-Ms-Summary` is not a valid extension name: extension keys start with a lowercase `x-`".into()
                ),
                (
                    Kind::UnknownSchemaKeyword,
                    "/definitions/A/nullable".into(),
                    found(&json)[2].2.clone()
                ),
            ]
        );
        assert!(
            f[2].2
                .starts_with("`nullable` is not allowed in a schema: ")
        );
    }

    #[test]
    fn types_values_required_keys_and_ref_siblings() {
        let json = format!(
            r##"{{{HEAD}, "paths": {{"/a": {{"post": {{"responses": {{"2XX": {{"description": "OK"}}}},
                "parameters": [{{"$ref": "#/parameters/P", "description": "d"}},
                               {{"name": "q", "in": "Query", "type": "string"}},
                               {{"name": "r", "in": "query", "required": "yes"}}]}},
                "put": {{"responses": {{}}}}}}}},
                "parameters": {{"P": {{"name": "p", "in": "query", "type": "string"}}}},
                "definitions": {{"A": {{"type": "text", "maxLength": -1}}}}}}"##
        );
        let f: Vec<(Kind, String)> = found(&json).into_iter().map(|f| (f.0, f.1)).collect();
        let mut f = f;
        f.sort_by(|a, b| a.1.cmp(&b.1));
        assert_eq!(
            f,
            [
                (Kind::Bound, "/definitions/A/maxLength".into()),
                (Kind::NotInEnum, "/definitions/A/type".into()),
                (
                    Kind::RefSibling,
                    "/paths/~1a/post/parameters/0/description".into()
                ),
                (Kind::NotInEnum, "/paths/~1a/post/parameters/1/in".into()),
                (Kind::Missing, "/paths/~1a/post/parameters/2".into()),
                (Kind::Type, "/paths/~1a/post/parameters/2/required".into()),
                (Kind::ResponseKey, "/paths/~1a/post/responses/2XX".into()),
                (Kind::NoResponses, "/paths/~1a/put/responses".into()),
            ]
        );
    }
}
