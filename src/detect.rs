//! Which kind of document a parsed file is.

use crate::value::Lookup;
use serde_json::Value;
use std::fmt;

use crate::diagnostic::Diagnostic;

crate::declare_code! {
    /// The document is none of the formats ccforge reads.
    ///
    /// ## What
    /// The file parsed, but it is not Swagger 2.0, OpenAPI 3.x, a Postman collection or
    /// environment, nor a connector's apiProperties.json or settings.json.
    ///
    /// ## Why
    /// ccforge cannot tell what to check.
    ///
    /// ## Example
    /// `package.json` passed to `ccforge lint`.
    ///
    /// ## Fix
    /// Pass a supported file, or fix the key that marks the format (`swagger: "2.0"`, `openapi:
    /// 3.0.3`, `info.schema`).
    pub static UNKNOWN_FORMAT = Input {
        code: "CCF005",
        name: "unknown-format",
        severity: Error,
        fatal: true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    PostmanV1,
    PostmanV2_0,
    PostmanV2_1,
    PostmanEnvironment,
    Swagger2,
    OpenApi30,
    OpenApi31,
    ApiProperties,
    Settings,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::PostmanV1 => "Postman collection v1",
            Format::PostmanV2_0 => "Postman collection v2.0",
            Format::PostmanV2_1 => "Postman collection v2.1",
            Format::PostmanEnvironment => "Postman environment",
            Format::Swagger2 => "Swagger 2.0 (OpenAPI 2.0)",
            Format::OpenApi30 => "OpenAPI 3.0",
            Format::OpenApi31 => "OpenAPI 3.1",
            Format::ApiProperties => "connector apiProperties.json",
            Format::Settings => "connector settings.json",
        }
    }

    pub fn is_postman(self) -> bool {
        matches!(
            self,
            Format::PostmanV1 | Format::PostmanV2_0 | Format::PostmanV2_1
        )
    }

    pub fn is_openapi3(self) -> bool {
        matches!(self, Format::OpenApi30 | Format::OpenApi31)
    }
}

impl Format {
    /// The description with its indefinite article, and what an API description is:
    /// `an OpenAPI 3.0 definition`, `a Postman environment`.
    pub fn with_article(self) -> String {
        match self {
            Format::OpenApi30 | Format::OpenApi31 => format!("an {} definition", self.describe()),
            Format::Swagger2 => format!("a {} definition", self.describe()),
            _ => format!("a {}", self.describe()),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The formats ccforge reads, for error messages.
pub const ACCEPTED: &str = "Swagger 2.0, OpenAPI 3.0 and 3.1, Postman collections v1, v2.0 and v2.1 \
(also inside a {\"collection\": ...} export), Postman environments, connector apiProperties.json \
and settings.json";

/// Why a document is not one ccforge knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub reason: String,
    /// Pointer of the node that decided it, if any.
    pub pointer: String,
}

impl Unknown {
    /// The `unknown-format` error for this document, at the node that decided it.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        UNKNOWN_FORMAT
            .diagnostic(format!(
                "ccforge does not know this kind of document: {}",
                self.reason
            ))
            .with_help(format!("ccforge reads {ACCEPTED}"))
            .in_file(file)
            .at_pointer(self.pointer.as_str())
    }
}

/// The `unknown-format` error for a document ccforge knows but `command` cannot take.
pub fn wrong_format(format: Format, command: &str, help: &str, file: &str) -> Diagnostic {
    let d = UNKNOWN_FORMAT
        .diagnostic(format!(
            "this is {}, which {command}",
            format.with_article()
        ))
        .in_file(file)
        .at_pointer("");
    if help.is_empty() {
        d
    } else {
        d.with_help(help)
    }
}

/// Checks that the file given to `--env` is a Postman environment: a collection or a definition
/// there would resolve no variable, silently.
pub fn expect_environment(value: &Value, file: &str) -> Result<(), Diagnostic> {
    match detect(value, file) {
        Ok(Format::PostmanEnvironment) => Ok(()),
        Ok(format) => Err(wrong_format(
            format,
            "--env cannot use: it takes a Postman environment (an export of Postman's Environments, \
             with a `values` list)",
            "export the environment from Postman, or give single variables with --var NAME=VALUE",
            file,
        )),
        Err(unknown) => Err(unknown.diagnostic(file)),
    }
}

/// The codes of this layer, for the registry.
pub static CODES: &[&crate::diagnostic::Code] = &[&UNKNOWN_FORMAT];

const SETTINGS_KEYS: &[&str] = &[
    "connectorId",
    "environment",
    "apiDefinition",
    "apiProperties",
    "icon",
    "script",
    "powerAppsUrl",
    "powerAppsApiVersion",
    "flowUrl",
    "flowApiVersion",
];

/// Decides the format from content. `file_name` only breaks ties for the connector files.
pub fn detect(value: &Value, file_name: &str) -> Result<Format, Unknown> {
    let Some(obj) = value.as_object() else {
        return Err(Unknown {
            reason: "the document's root is not an object".into(),
            pointer: String::new(),
        });
    };
    if let Some(v) = obj.field("swagger") {
        return match v {
            Value::String(_) | Value::Number(_) => Ok(Format::Swagger2),
            _ => Err(Unknown {
                reason: "`swagger` is present but is not a version string".into(),
                pointer: "/swagger".into(),
            }),
        };
    }
    if let Some(v) = obj.field("openapi") {
        let version = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        return if version.starts_with("3.0") {
            Ok(Format::OpenApi30)
        } else if version.starts_with("3.1") {
            Ok(Format::OpenApi31)
        } else {
            Err(Unknown {
                reason: format!("OpenAPI version `{version}` is not 3.0 or 3.1"),
                pointer: "/openapi".into(),
            })
        };
    }
    if let Some(inner) = obj.field("collection")
        && obj.len() <= 2
        && inner.is_object()
    {
        return detect(inner, file_name).map_err(|u| Unknown {
            pointer: format!("/collection{}", u.pointer),
            ..u
        });
    }
    if let Some(schema) = obj
        .field("info")
        .and_then(|i| i.field("schema"))
        .and_then(Value::as_str)
    {
        if schema.contains("collection/v2.1") {
            return Ok(Format::PostmanV2_1);
        }
        if schema.contains("collection/v2.0") {
            return Ok(Format::PostmanV2_0);
        }
        if schema.contains("collection/v1") {
            return Ok(Format::PostmanV1);
        }
    }
    if obj.field("item").is_some_and(Value::is_array)
        && obj.field("info").is_some_and(Value::is_object)
    {
        // A v2 collection without a schema URL: v2.1 is what Postman exports today.
        return Ok(Format::PostmanV2_1);
    }
    // A v2 collection reduced to its items (newman runs them): requests or folders in `item`.
    if obj
        .field("item")
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items.iter().any(|i| {
                i.field("request").is_some() || i.field("item").is_some_and(Value::is_array)
            })
        })
    {
        return Ok(Format::PostmanV2_1);
    }
    if obj.field("requests").is_some_and(Value::is_array)
        && (obj.has("order") || obj.has("folders") || obj.has("name"))
    {
        return Ok(Format::PostmanV1);
    }
    if obj.field("values").is_some_and(Value::is_array)
        && (obj.has("_postman_variable_scope") || obj.has("name"))
    {
        return Ok(Format::PostmanEnvironment);
    }
    let lower = file_name.to_ascii_lowercase();
    if let Some(props) = obj.field("properties").and_then(Value::as_object)
        && (props.has("connectionParameters")
            || props.has("iconBrandColor")
            || props.has("capabilities")
            || props.has("policyTemplateInstances")
            || lower.ends_with("apiproperties.json"))
    {
        return Ok(Format::ApiProperties);
    }
    if !obj.is_empty() && obj.keys().all(|k| SETTINGS_KEYS.contains(&k.as_str())) {
        return Ok(Format::Settings);
    }
    if lower.ends_with("settings.json") && obj.is_empty() {
        return Ok(Format::Settings);
    }
    // The Runner's export of a run: its results, with the collection named by id only.
    if obj.field("results").is_some_and(Value::is_array)
        && (obj.has("collection_id") || obj.has("totalPass"))
    {
        return Err(Unknown {
            reason: "it holds the results of a Postman collection run (the Runner's export), \
                     not the collection: export the collection itself from Postman"
                .into(),
            pointer: "/results".into(),
        });
    }
    Err(Unknown {
        reason: "it has none of the keys that mark a format ccforge reads (`swagger`, `openapi`, \
                 `info.schema`, `requests`, `properties.connectionParameters`, ...)"
            .into(),
        pointer: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_each_format() {
        let cases = [
            (json!({"swagger": "2.0"}), Format::Swagger2),
            (json!({"swagger": 2.0}), Format::Swagger2),
            (json!({"openapi": "3.0.3"}), Format::OpenApi30),
            (json!({"openapi": "3.1.0"}), Format::OpenApi31),
            (
                json!({"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}),
                Format::PostmanV2_1,
            ),
            (
                json!({"info": {"schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"}, "item": []}),
                Format::PostmanV2_0,
            ),
            (
                json!({"collection": {"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}}),
                Format::PostmanV2_1,
            ),
            (
                json!({"id": "1", "name": "x", "order": [], "requests": []}),
                Format::PostmanV1,
            ),
            (
                json!({"variable": [], "item": [{"name": "r", "request": "https://example.com"}]}),
                Format::PostmanV2_1,
            ),
            (
                json!({"properties": {"connectionParameters": {}}}),
                Format::ApiProperties,
            ),
            (
                json!({"connectorId": "", "environment": "x"}),
                Format::Settings,
            ),
            (
                json!({"name": "env", "values": [], "_postman_variable_scope": "environment"}),
                Format::PostmanEnvironment,
            ),
        ];
        for (v, f) in cases {
            assert_eq!(detect(&v, "x.json"), Ok(f), "{v}");
        }
    }

    #[test]
    fn unknown_formats_say_why() {
        assert!(
            detect(&json!({"openapi": "4.0"}), "x")
                .unwrap_err()
                .reason
                .contains("4.0")
        );
        assert!(detect(&json!({"name": "pkg"}), "package.json").is_err());
        assert!(detect(&json!({"item": [{"name": "not a request"}]}), "x").is_err());
        assert!(detect(&json!([1]), "x").is_err());
        let run = json!({"id": "7dd3", "name": "Deep dive", "collection_id": "0931",
                         "totalPass": 12, "results": [{"name": "Create order"}]});
        let why = detect(&run, "x").unwrap_err();
        assert_eq!(why.pointer, "/results");
        assert!(
            why.reason
                .starts_with("it holds the results of a Postman collection run"),
            "{}",
            why.reason
        );
    }
}
