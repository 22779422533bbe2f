use crate::value::Lookup;
use serde_json::Value;

use super::shared::{connection_parameters, is_credential_name, is_credential_parameter};
use crate::diagnostic::{Severity, pointer};
use crate::lint::{Definition, Emitter};
use crate::source::Source;

crate::declare_rule! {
    /// The API needs auth but the definition declares none (or declares it inconsistently).
    ///
    /// ## What
    /// The API evidently needs authentication (an `Authorization`, API key or token header or query
    /// parameter, 401/403 responses, or an auth connection parameter in apiProperties.json) but
    /// `securityDefinitions` is missing or empty. Also reported: apiProperties.json's auth kind
    /// disagreeing with the swagger's (error).
    ///
    /// When apiProperties.json defines an OAuth connection (a connection parameter of type
    /// `oauthSetting`), the platform signs in with it and accepts a definition without
    /// `securityDefinitions` (13 accepted connectors do this): that is only an info finding, as a
    /// tool reading the swagger alone sees no auth. A credential injected by a `setheader` or
    /// `setqueryparameter` policy template, or an `oauth2generic` or `aadcertificate` connection,
    /// needs no definition at all.
    ///
    /// A requirement naming an undefined scheme is `security-requirement-undefined`; several
    /// definitions are `several-security-definitions`.
    ///
    /// ## Why
    /// Without a security definition the connection dialog asks for nothing, so every call fails
    /// with 401 after import; an `Authorization` header parameter instead shows the token as a
    /// plain input on every action.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"name": "Authorization", "in": "header", "type": "string"}]
    /// ```
    /// with no `securityDefinitions`.
    ///
    /// ## Fix
    /// Declare the scheme, for example `"securityDefinitions": {"api_key": {"type": "apiKey", "in":
    /// "header", "name": "Authorization"}}`, and remove the header parameter from the operations.
    pub static RULE = Definition(check) {
        code: "CCF501",
        name: "missing-security-definitions",
        severity: Error,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let defs = cx.doc.field("securityDefinitions").and_then(Value::as_object);
    let empty = defs.is_none_or(|d| d.is_empty());

    if empty {
        // oauth2generic and aadcertificate connectors authenticate without a swagger definition.
        let generic = cx.api_properties.is_some_and(|p| {
            connection_parameters(&p.value).any(|(_, v)| {
                matches!(
                    v.pointer("/oAuthSettings/identityProvider")
                        .and_then(Value::as_str),
                    Some("oauth2generic" | "aadcertificate")
                )
            })
        });
        // Any other OAuth connection of apiProperties.json is what the platform signs in with.
        let oauth_in_properties = cx.api_properties.is_some_and(|p| {
            connection_parameters(&p.value)
                .any(|(_, v)| v.field("type").and_then(Value::as_str) == Some("oauthSetting"))
        });
        // Credentials injected by a policy template need no security definition.
        let injected = cx.api_properties.is_some_and(|p| {
            p.value
                .pointer("/properties/policyTemplateInstances")
                .and_then(Value::as_array)
                .is_some_and(|list| {
                    list.iter().any(|t| {
                        t.field("templateId")
                            .and_then(Value::as_str)
                            .is_some_and(|id| {
                                id.eq_ignore_ascii_case("setheader")
                                    || id.eq_ignore_ascii_case("setqueryparameter")
                            })
                    })
                })
        });
        if !generic
            && !injected
            && let Some((file, at, what, strong)) = auth_evidence(cx)
        {
            let ptr = if defs.is_some() {
                "/securityDefinitions"
            } else {
                ""
            };
            let located = if std::ptr::eq(file, cx.src) {
                format!("{what} (at {at})")
            } else {
                format!("{what} (in {})", file.name)
            };
            let state = if defs.is_some() { "empty" } else { "missing" };
            if oauth_in_properties {
                out.emit_as(
                    Severity::Info,
                    cx.src,
                    ptr,
                    format!("`securityDefinitions` is {state}; the platform signs in with the OAuth connection in apiProperties.json, which a tool reading the definition alone does not see"),
                )
                .set_help("add the matching `oauth2` definition so that the definition describes its own auth");
            } else {
                // A 401/403 response alone is weaker evidence than a credential parameter.
                let severity = if strong {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out.emit_as(
                    severity,
                    cx.src,
                    ptr,
                    format!("the API needs authentication, as {located} shows, but `securityDefinitions` is {state}"),
                )
                .set_help("declare the scheme in `securityDefinitions` (apiKey, basic or oauth2) and drop credential parameters from the operations");
            }
        }
    }

    // apiProperties' auth kind versus the swagger's.
    let (Some(props), Some(defs)) = (cx.api_properties, defs) else {
        return;
    };
    if props
        .value
        .pointer("/properties/connectionParameterSets")
        .is_some()
    {
        return;
    }
    let Some((first_name, first_def)) = defs.iter().next() else {
        return;
    };
    let Some(swagger_kind) = swagger_auth_kind(first_def) else {
        return;
    };
    let props_kinds: Vec<(String, AuthKind)> = connection_parameters(&props.value)
        .filter_map(|(k, v)| param_auth_kind(k, v).map(|kind| (k.clone(), kind)))
        .collect();
    if props_kinds.is_empty() {
        if swagger_kind == AuthKind::OAuth2 {
            out.emit(
                cx.src,
                pointer(["securityDefinitions", first_name]),
                format!("`{first_name}` is OAuth 2.0 but apiProperties.json has no `oauthSetting` connection parameter"),
            )
            .set_help("add a `token` connection parameter of type `oauthSetting` to apiProperties.json");
        }
        return;
    }
    let oauth_props = props_kinds.iter().find(|(_, k)| *k == AuthKind::OAuth2);
    let mismatch = match swagger_kind {
        AuthKind::OAuth2 => oauth_props.is_none(),
        AuthKind::Basic | AuthKind::ApiKey => oauth_props.is_some(),
    };
    if mismatch {
        let (key, kind) = oauth_props.unwrap_or(&props_kinds[0]);
        out.emit(
            props,
            pointer(["properties", "connectionParameters", key]),
            format!(
                "apiProperties.json's `{key}` is {} auth, but the swagger's security definition `{first_name}` is {}",
                kind.describe(),
                swagger_kind.describe()
            ),
        )
        .set_help("make the connection parameters and `securityDefinitions` describe the same auth");
    }
}

/// The first piece of evidence that the API needs authentication: (file, pointer, what).
/// The last member says whether the evidence is strong (a credential) or circumstantial (a
/// 401/403 response).
fn auth_evidence<'a>(cx: &Definition<'a>) -> Option<(&'a Source, String, String, bool)> {
    if let Some(shared) = cx.doc.field("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            if let Some(p) = p.as_object().filter(|p| is_credential_parameter(p)) {
                let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
                return Some((
                    cx.src,
                    pointer(["parameters", key]),
                    format!("the `{name}` parameter"),
                    true,
                ));
            }
        }
    }
    for op in cx.operations {
        for p in op.params.iter() {
            if is_credential_parameter(p.value) {
                return Some((
                    cx.src,
                    p.pointer(),
                    format!(
                        "the `{}` parameter of {}",
                        p.name().unwrap_or("?"),
                        op.label()
                    ),
                    true,
                ));
            }
        }
    }
    if let Some(props) = cx.api_properties {
        for (key, param) in connection_parameters(&props.value) {
            if param_auth_kind(key, param).is_some() {
                return Some((
                    props,
                    pointer(["properties", "connectionParameters", key]),
                    format!("the `{key}` connection parameter in apiProperties.json"),
                    true,
                ));
            }
        }
    }
    for op in cx.operations {
        if let Some(responses) = op.op.field("responses").and_then(Value::as_object) {
            for code in ["401", "403"] {
                if responses.contains_key(code) {
                    return Some((
                        cx.src,
                        pointer(["paths", op.path, op.method, "responses", code]),
                        format!("the {code} response of {}", op.label()),
                        false,
                    ));
                }
            }
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthKind {
    OAuth2,
    Basic,
    ApiKey,
}

impl AuthKind {
    fn describe(self) -> &'static str {
        match self {
            AuthKind::OAuth2 => "OAuth 2.0",
            AuthKind::Basic => "basic",
            AuthKind::ApiKey => "API key",
        }
    }
}

/// What kind of auth a connection parameter stands for, if any.
fn param_auth_kind(key: &str, param: &Value) -> Option<AuthKind> {
    let t = param.field("type").and_then(Value::as_str)?;
    if t == "oauthSetting" {
        return Some(AuthKind::OAuth2);
    }
    if t == "securestring" && !key.starts_with("token:") {
        let k = key.to_ascii_lowercase();
        if k == "password" {
            return Some(AuthKind::Basic);
        }
        if is_credential_name(&k) || k.contains("key") || k.contains("token") {
            return Some(AuthKind::ApiKey);
        }
    }
    None
}

fn swagger_auth_kind(def: &Value) -> Option<AuthKind> {
    match def.field("type").and_then(Value::as_str)? {
        "oauth2" => Some(AuthKind::OAuth2),
        "basic" => Some(AuthKind::Basic),
        "apiKey" => Some(AuthKind::ApiKey),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition, lint_files};

    #[test]
    fn an_authorization_header_without_definitions_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "Authorization", "in": "header", "type": "string"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF501",
                "",
                "the API needs authentication, as the `Authorization` parameter of GET /a (at /paths/~1a/get/parameters/0) shows, but `securityDefinitions` is missing"
            )]
        );
    }

    #[test]
    fn api_properties_disagreeing_with_the_definition_is_reported_there() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "paths": {},
                    "securityDefinitions": {"basic": {"type": "basic"}}}"#,
            ),
            Some(
                r#"{"properties": {"connectionParameters": {
                    "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad"}}
                }}}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF501",
                "/properties/connectionParameters/token",
                "apiProperties.json's `token` is OAuth 2.0 auth, but the swagger's security definition `basic` is basic"
            )]
        );
        assert_eq!(found[0].file.as_deref(), Some("apiProperties.json"));
    }

    #[test]
    fn an_oauth_connection_in_api_properties_is_only_a_note() {
        let found = lint_files(
            &RULE,
            Some(r#"{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}}"#),
            Some(
                r#"{"properties": {"connectionParameters": {
                    "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad"}}
                }}}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF501",
                "",
                "`securityDefinitions` is missing; the platform signs in with the OAuth connection in apiProperties.json, which a tool reading the definition alone does not see"
            )]
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Info);
    }

    #[test]
    fn a_declared_scheme_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0",
                "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "Authorization"}},
                "security": [{"api_key": []}],
                "paths": {"/a": {"get": {"responses": {"401": {"description": "no"}}}}}}"#,
        );
        assert!(found.is_empty());
    }
}
