use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::escape_token;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// A policy template names an operation or a connection parameter that does not exist.
    ///
    /// ## What
    /// In `properties.policyTemplateInstances`, each name in a template's
    /// `x-ms-apimTemplate-operationName` must be an `operationId` of the definition (checked
    /// when the definition is there), and each `@connectionParameters('name')` in its parameter
    /// values must name a connection parameter (of `connectionParameters` or of a parameter set).
    /// Names are compared without regard to letter case, as accepted connectors rely on. It is a
    /// warning: the platform accepts the file, and the policy silently does nothing.
    ///
    /// ## Why
    /// A template applied to an operation that was renamed or removed no longer runs; a
    /// connection parameter that does not exist gives an empty value (an empty host for
    /// `dynamichosturl`, an empty header for `setheader`).
    ///
    /// ## Example
    /// ```json
    /// {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('hostname')"}}
    /// ```
    /// when the connection parameter is `host`.
    ///
    /// ## Fix
    /// Use the operation's current `operationId` and the connection parameter's name.
    pub static RULE = ApiProperties(check) {
        code: "CCF413",
        name: "policy-template-reference",
        severity: Warning,
    }
}

/// The connection parameter names that `@connectionParameters('...')` calls in `text` use, with
/// their byte offsets.
fn references(text: &str) -> Vec<&str> {
    const CALL: &str = "connectionParameters(";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(CALL) {
        rest = &rest[i + CALL.len()..];
        let arg = rest.trim_start();
        if let Some(quoted) = arg.strip_prefix('\'')
            && let Some(end) = quoted.find('\'')
        {
            out.push(&quoted[..end]);
        }
    }
    out
}

fn strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                strings(x, format!("{at}/{}", escape_token(k)), out);
            }
        }
        _ => {}
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let Some(instances) = cx
        .doc
        .pointer("/properties/policyTemplateInstances")
        .and_then(Value::as_array)
    else {
        return;
    };
    let operations: Option<Vec<&str>> = cx.definition.map(|d| {
        d.value
            .field("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.values())
            .filter_map(Value::as_object)
            .flat_map(|item| item.values())
            .filter_map(|op| op.field("operationId").and_then(Value::as_str))
            .collect()
    });
    let mut parameters: Vec<&str> = Vec::new();
    let props = cx.doc.field("properties");
    if let Some(m) = props
        .and_then(|p| p.field("connectionParameters"))
        .and_then(Value::as_object)
    {
        parameters.extend(m.keys().map(String::as_str));
    }
    for set in props
        .and_then(|p| p.pointer("/connectionParameterSets/values"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(m) = set.field("parameters").and_then(Value::as_object) {
            parameters.extend(m.keys().map(String::as_str));
        }
    }
    for (i, instance) in instances.iter().enumerate() {
        let base = format!("/properties/policyTemplateInstances/{i}/parameters");
        let Some(params) = instance.field("parameters") else {
            continue;
        };
        if let Some(ops) = &operations {
            let named = params
                .field("x-ms-apimTemplate-operationName")
                .and_then(Value::as_array);
            for (j, name) in named.into_iter().flatten().enumerate() {
                let Some(name) = name.as_str() else { continue };
                if !ops.iter().any(|o| o.eq_ignore_ascii_case(name)) {
                    out.emit(
                        cx.src,
                        format!("{base}/x-ms-apimTemplate-operationName/{j}"),
                        format!("the policy template applies to `{name}`, which is no operation of the definition"),
                    )
                    .set_help("use the operation's current operationId, or remove the name");
                }
            }
        }
        let mut values = Vec::new();
        strings(params, base, &mut values);
        for (at, text) in values {
            for name in references(text) {
                if !parameters.iter().any(|p| p.eq_ignore_ascii_case(name)) {
                    out.emit(
                        cx.src,
                        &at,
                        format!("the policy template reads connection parameter `{name}`, which apiProperties.json does not define"),
                    )
                    .set_help(if parameters.is_empty() {
                        "define the connection parameter in `connectionParameters`".to_string()
                    } else {
                        format!("connection parameters: {}", parameters.join(", "))
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_files};

    const DEF: &str = r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}}}}"#;

    #[test]
    fn unknown_operations_and_connection_parameters_are_reported() {
        let found = lint_files(
            &RULE,
            Some(DEF),
            Some(
                r#"{"properties": {"connectionParameters": {"host": {"type": "string"}},
                "policyTemplateInstances": [{"templateId": "dynamichosturl", "title": "t", "parameters": {
                    "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('hostname')/api",
                    "x-ms-apimTemplate-operationName": ["listitems", "GetItem"]}}]}}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF413",
                    "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/1",
                    "the policy template applies to `GetItem`, which is no operation of the definition"
                ),
                (
                    "CCF413",
                    "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate",
                    "the policy template reads connection parameter `hostname`, which apiProperties.json does not define"
                ),
            ]
        );
    }

    #[test]
    fn existing_names_pass() {
        let found = lint_files(
            &RULE,
            Some(DEF),
            Some(
                r#"{"properties": {"connectionParameters": {"host": {"type": "string"}},
                "policyTemplateInstances": [{"templateId": "dynamichosturl", "title": "t", "parameters": {
                    "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('Host', 'x')/api",
                    "x-ms-apimTemplate-operationName": ["ListItems"]}}]}}"#,
            ),
        );
        assert!(found.is_empty());
    }
}
