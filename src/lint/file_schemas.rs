//! apiProperties.json and settings.json checked against JSON Schemas of their own
//! (`schemas/api-properties.schema.json`, `schemas/settings.schema.json`), each compiled once per
//! process. A failure becomes a finding at the offending node with a message that says what the
//! node should be. A subschema marked `"x-severity": "warning"` makes its failures warnings, and
//! a value that differs from an allowed one only in letter case is a warning too.

use crate::value::Lookup;
use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diagnostic::{Severity, escape_token, unescape_token};
use crate::swagger::structure::{capitalised, expected_type, json_type, shown, subject};

/// The apiProperties.json schema's text, as shipped in `schemas/`.
pub const API_PROPERTIES_SCHEMA: &str = include_str!("../../schemas/api-properties.schema.json");
/// The settings.json schema's text, as shipped in `schemas/`.
pub const SETTINGS_SCHEMA: &str = include_str!("../../schemas/settings.schema.json");

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator,
}

fn compile(text: &str) -> Compiled {
    let schema: Value = serde_json::from_str(text).expect("the bundled schema is JSON");
    let validator =
        jsonschema::draft7::new(&schema).expect("the bundled schema is a valid draft-07 schema");
    Compiled { schema, validator }
}

static API_PROPERTIES: LazyLock<Compiled> = LazyLock::new(|| compile(API_PROPERTIES_SCHEMA));
static SETTINGS: LazyLock<Compiled> = LazyLock::new(|| compile(SETTINGS_SCHEMA));

/// One problem found by a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The offending node (the unexpected key itself, the wrong value, or the object that lacks
    /// a key).
    pub pointer: String,
    pub message: String,
    pub severity: Severity,
    /// What to do, when the schema knows.
    pub help: Option<String>,
}

/// The problems of an apiProperties.json document.
pub fn check_api_properties(doc: &Value) -> Vec<Finding> {
    check(&API_PROPERTIES, doc, "apiProperties.json")
}

/// The problems of a settings.json document.
pub fn check_settings(doc: &Value) -> Vec<Finding> {
    check(&SETTINGS, doc, "settings.json")
}

fn check(compiled: &Compiled, doc: &Value, file: &str) -> Vec<Finding> {
    if compiled.validator.is_valid(doc) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for error in compiled.validator.iter_errors(doc) {
        let at = error.instance_path().as_str().to_string();
        let (marked, title) = along(&compiled.schema, error.schema_path().as_str());
        let mut severity = if marked {
            Severity::Warning
        } else {
            Severity::Error
        };
        let instance = error.instance();
        let (message, help) = match error.kind() {
            ValidationErrorKind::Type { kind } => (
                format!(
                    "{} must be {}, not {}",
                    subject(&at),
                    expected_type(kind),
                    json_type(instance)
                ),
                None,
            ),
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
                let spelled = instance.as_str().and_then(|s| {
                    allowed
                        .iter()
                        .find(|a| a.eq_ignore_ascii_case(s))
                        .map(String::as_str)
                });
                match spelled {
                    Some(canonical) => {
                        severity = Severity::Warning;
                        (
                            format!(
                                "{} is written {}; the documented spelling is `{canonical}`",
                                subject(&at),
                                shown(instance)
                            ),
                            Some(format!("write `{canonical}`")),
                        )
                    }
                    None => (
                        format!(
                            "{} is {}; {file} allows {}",
                            subject(&at),
                            shown(instance),
                            allowed.join(", ")
                        ),
                        None,
                    ),
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                (
                    format!(
                        "{} has no `{name}`",
                        capitalised(title.as_deref().unwrap_or("this object"))
                    ),
                    Some(format!("add `{name}` to this object")),
                )
            }
            ValidationErrorKind::AnyOf { .. } => (
                format!(
                    "{} must be `true` or `false`, not {}",
                    subject(&at),
                    shown(instance)
                ),
                None,
            ),
            ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. } => {
                let key = at
                    .rsplit('/')
                    .next()
                    .map(unescape_token)
                    .unwrap_or_default();
                (
                    format!("`{key}` is not a {file} field; the connector tools ignore it"),
                    Some("check the spelling, or remove it".into()),
                )
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    out.push(Finding {
                        pointer: format!("{at}/{}", escape_token(key)),
                        message: format!("`{key}` is not a {file} field"),
                        severity,
                        help: None,
                    });
                }
                continue;
            }
            ValidationErrorKind::Pattern { .. } => (
                format!(
                    "{} is {}; it should be an https URL",
                    subject(&at),
                    shown(instance)
                ),
                None,
            ),
            ValidationErrorKind::MinItems { .. } => {
                (format!("{} must not be empty", subject(&at)), None)
            }
            ValidationErrorKind::Minimum { .. } => {
                (format!("{} must not be negative", subject(&at)), None)
            }
            _ => (format!("{} is not valid here: {error}", subject(&at)), None),
        };
        out.push(Finding {
            pointer: at,
            message,
            severity,
            help,
        });
    }
    out
}

/// Follows a keyword location through the schema (jumping through `$ref`s): whether a
/// subschema on the way is marked `"x-severity": "warning"`, and the `title` of the last
/// subschema with one before the failing keyword.
fn along(schema: &Value, path: &str) -> (bool, Option<String>) {
    let mut node = schema;
    let mut marked = false;
    let mut title = None;
    let segments: Vec<String> = path.split('/').skip(1).map(unescape_token).collect();
    for (i, seg) in segments.iter().enumerate() {
        if node.field("x-severity").and_then(Value::as_str) == Some("warning") {
            marked = true;
        }
        if let Some(t) = node.field("title").and_then(Value::as_str) {
            title = Some(t.to_string());
        }
        let next = if seg == "$ref" {
            node.field("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| schema.pointer(p))
        } else {
            match node {
                Value::Object(m) => m.get(seg.as_str()),
                Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            }
        };
        match next {
            Some(n) => node = n,
            None => return (marked, title),
        }
        // The failing keyword's own value is not a subschema to read.
        if i + 1 == segments.len() {
            break;
        }
    }
    (marked, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(f: fn(&Value) -> Vec<Finding>, json: &str) -> Vec<(String, String, Severity)> {
        let doc: Value = serde_json::from_str(json).unwrap();
        f(&doc)
            .into_iter()
            .map(|f| (f.pointer, f.message, f.severity))
            .collect()
    }

    #[test]
    fn wrong_types_values_and_missing_keys_are_placed_at_their_node() {
        let f = found(
            check_api_properties,
            r#"{"properties": {
                "connectionParameters": {
                    "key": {"type": "password", "uiDefinition": {"constraints": {"required": "yes", "tabIndex": "2"}}},
                    "t": {"type": "oAuthSetting", "oAuthSettings": {"clientId": "c", "scopes": "a b"}}
                },
                "capabilities": ["actions", "flows"],
                "policyTemplateInstances": [{"title": "x", "parameters": {}}]
            }}"#,
        );
        assert_eq!(
            f,
            [
                (
                    "/properties/connectionParameters/key/type".into(),
                    "`type` is `password`; apiProperties.json allows string, securestring, oauthSetting, gatewaySetting, int, bool".into(),
                    Severity::Error
                ),
                (
                    "/properties/connectionParameters/key/uiDefinition/constraints/required".into(),
                    "`required` must be `true` or `false`, not `yes`".into(),
                    Severity::Error
                ),
                (
                    "/properties/connectionParameters/key/uiDefinition/constraints/tabIndex".into(),
                    "`tabIndex` must be an integer, not a string".into(),
                    Severity::Error
                ),
                (
                    "/properties/connectionParameters/t/type".into(),
                    "`type` is written `oAuthSetting`; the documented spelling is `oauthSetting`".into(),
                    Severity::Warning
                ),
                (
                    "/properties/connectionParameters/t/oAuthSettings/scopes".into(),
                    "`scopes` must be null or an array, not a string".into(),
                    Severity::Error
                ),
                (
                    "/properties/capabilities/1".into(),
                    "entry 1 is `flows`; apiProperties.json allows actions, triggers, gateway, cloud, cloud only, composite".into(),
                    Severity::Warning
                ),
                (
                    "/properties/policyTemplateInstances/0".into(),
                    "A policy template instance has no `templateId`".into(),
                    Severity::Error
                ),
            ]
        );
    }

    #[test]
    fn settings_fields_are_strings_and_unknown_ones_warnings() {
        let f = found(
            check_settings,
            r#"{"apiDefinition": 1, "scirpt": "script.csx", "flowUrl": "http://x"}"#,
        );
        assert_eq!(
            f,
            [
                (
                    "/apiDefinition".into(),
                    "`apiDefinition` must be a string, not a number".into(),
                    Severity::Error
                ),
                (
                    "/scirpt".into(),
                    "`scirpt` is not a settings.json field; the connector tools ignore it".into(),
                    Severity::Warning
                ),
                (
                    "/flowUrl".into(),
                    "`flowUrl` is `http://x`; it should be an https URL".into(),
                    Severity::Warning
                ),
            ]
        );
    }

    #[test]
    fn documented_shapes_pass() {
        assert_eq!(
            found(
                check_api_properties,
                r##"{"properties": {"connectionParameters": {"api_key": {"type": "securestring",
                    "uiDefinition": {"displayName": "Key", "constraints": {"required": "true", "clearText": false, "tabIndex": 2}}}},
                    "iconBrandColor": "#da3b01", "capabilities": [], "publisher": "C", "stackOwner": "C",
                    "policyTemplateInstances": [{"templateId": "setheader", "title": "t", "parameters":
                        {"x-ms-apimTemplate-policySection": "Request", "x-ms-apimTemplate-operationName": ["A"]}}]}}"##
            ),
            []
        );
        assert_eq!(
            found(
                check_settings,
                r#"{"connectorId": "x", "apiDefinition": "apiDefinition.swagger.json", "powerAppsUrl": "https://api.powerapps.com"}"#
            ),
            []
        );
    }
}
