//! Authentication: security definitions and the apiProperties connection settings.

use serde_json::{Map, Value};

use crate::diagnostic::{Severity, pointer};
use crate::lint::{ApiProperties, Definition, Emitter};
use crate::source::Source;

crate::declare_rule! {
    /// The API needs auth but the definition declares none (or declares it inconsistently).
    ///
    /// ## What
    /// The API evidently needs authentication (an `Authorization`, API key or token header or query
    /// parameter, 401/403 responses, or an auth connection parameter in apiProperties.json) but
    /// `securityDefinitions` is missing or empty. Also reported: a `security` requirement naming a
    /// scheme that is not defined (error); more than one security definition (warning: the platform
    /// silently uses the first); apiProperties.json's auth kind disagreeing with the swagger's
    /// (error).
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
    pub static MISSING_SECURITY_DEFINITIONS = Definition(missing_security_definitions) {
        code: "CCF501",
        name: "missing-security-definitions",
        severity: Error,
    }
}

crate::declare_rule! {
    /// An Azure AD resourceUri whose trailing slash is wrong for a known resource.
    ///
    /// ## What
    /// The Azure AD `resourceUri` in apiProperties.json has a trailing slash where the resource
    /// needs none, or lacks one where it is needed: `https://management.core.windows.net/` and
    /// `https://management.azure.com/` need it; an Azure Functions or App Service host
    /// (`https://<app>.azurewebsites.net`) must not have it. For any other value an info finding
    /// reminds you that it must equal the API's Application ID URI character for character.
    ///
    /// ## Why
    /// A missing or extra slash imports fine and then fails at sign-in with an AAD error about the
    /// resource.
    ///
    /// ## Example
    /// ```json
    /// "resourceUri": { "value": "https://contoso.azurewebsites.net/" }
    /// ```
    ///
    /// ## Fix
    /// Copy the Application ID URI from the app registration exactly.
    pub static RESOURCE_URL_TRAILING_SLASH = ApiProperties(resource_url_trailing_slash) {
        code: "CCF502",
        name: "resource-url-trailing-slash",
        severity: Error,
    }
}

/// Header or query parameter names that carry credentials.
fn is_credential_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let n = n.trim();
    n == "authorization"
        || n == "proxy-authorization"
        || n.contains("api-key")
        || n.contains("apikey")
        || n.contains("api_key")
        || n.contains("subscription-key")
        || matches!(
            n,
            "token"
                | "access_token"
                | "accesstoken"
                | "access-token"
                | "auth_token"
                | "authtoken"
                | "auth-token"
                | "x-auth-token"
                | "x-access-token"
                | "bearer"
        )
}

pub(crate) fn is_credential_parameter(p: &Map<String, Value>) -> bool {
    matches!(
        p.get("in").and_then(Value::as_str),
        Some("header" | "query")
    ) && p
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(is_credential_name)
}

/// The first piece of evidence that the API needs authentication: (file, pointer, what).
/// The last member says whether the evidence is strong (a credential) or circumstantial (a
/// 401/403 response).
fn auth_evidence<'a>(
    cx: &Definition<'a>,
    swagger: &'a Source,
) -> Option<(&'a Source, String, String, bool)> {
    let doc = &swagger.value;
    if let Some(shared) = doc.get("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            if let Some(p) = p.as_object().filter(|p| is_credential_parameter(p)) {
                let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
                return Some((
                    swagger,
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
                    swagger,
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
        if let Some(responses) = op.op.get("responses").and_then(Value::as_object) {
            for code in ["401", "403"] {
                if responses.contains_key(code) {
                    return Some((
                        swagger,
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

/// The connection parameters of apiProperties.json.
pub(crate) fn connection_parameters(props: &Value) -> impl Iterator<Item = (&String, &Value)> {
    props
        .pointer("/properties/connectionParameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
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
    let t = param.get("type").and_then(Value::as_str)?;
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
    match def.get("type").and_then(Value::as_str)? {
        "oauth2" => Some(AuthKind::OAuth2),
        "basic" => Some(AuthKind::Basic),
        "apiKey" => Some(AuthKind::ApiKey),
        _ => None,
    }
}

fn missing_security_definitions(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    let doc = &src.value;
    let defs = doc.get("securityDefinitions").and_then(Value::as_object);
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
        // Credentials injected by a policy template need no security definition.
        let injected = cx.api_properties.is_some_and(|p| {
            p.value
                .pointer("/properties/policyTemplateInstances")
                .and_then(Value::as_array)
                .is_some_and(|list| {
                    list.iter().any(|t| {
                        t.get("templateId")
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
            && let Some((file, at, what, strong)) = auth_evidence(cx, src)
        {
            let ptr = if defs.is_some() {
                "/securityDefinitions"
            } else {
                ""
            };
            let located = if std::ptr::eq(file, src) {
                format!("{what} (at {at})")
            } else {
                format!("{what} (in {})", file.name)
            };
            // A 401/403 response alone is weaker evidence than a credential parameter.
            let severity = if strong {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.emit_as(
                    severity,
                    src,
                    ptr,
                    format!("the API needs authentication, as {located} shows, but `securityDefinitions` is {}",
                        if defs.is_some() { "empty" } else { "missing" }),
                )
                .set_help("declare the scheme in `securityDefinitions` (apiKey, basic or oauth2) and drop credential parameters from the operations");
        }
    }

    // Requirements naming undefined schemes, at the root and on each operation.
    // With no definitions at all the missing definitions are the finding; a dangling name is
    // then only a warning.
    let dangling = if empty {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut check_requirements = |list: Option<&Value>, base: String| {
        let Some(list) = list.and_then(Value::as_array) else {
            return;
        };
        for (i, req) in list.iter().enumerate() {
            let Some(req) = req.as_object() else { continue };
            for name in req.keys() {
                if !defs.is_some_and(|d| d.contains_key(name)) {
                    out.emit_as(
                        dangling,
                        src,
                        format!("{base}/{i}/{}", crate::diagnostic::escape_token(name)),
                        format!("security requirement names `{name}`, which `securityDefinitions` does not define"),
                    )
                    .set_help("define the scheme in `securityDefinitions`, or correct the name");
                }
            }
        }
    };
    check_requirements(doc.get("security"), "/security".to_string());
    for op in cx.operations {
        check_requirements(op.op.get("security"), op.pointer_to("security"));
    }

    if let Some(defs) = defs
        && defs.len() > 1
    {
        let first = defs.keys().next().map(String::as_str).unwrap_or_default();
        out.emit_as(
                Severity::Warning,
                src,
                "/securityDefinitions",
                format!(
                    "{} security definitions are declared; Power Platform silently uses only the first (`{first}`)",
                    defs.len()
                ),
            )
            .set_help("keep one definition, or use connectionParameterSets in apiProperties.json for several auth options");
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
                src,
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

/// Known resources and whether their Application ID URI ends in `/`.
fn known_resource(uri: &str) -> Option<(bool, &'static str)> {
    let bare = uri.trim_end_matches('/').to_ascii_lowercase();
    match bare.as_str() {
        "https://management.core.windows.net" => Some((true, "Azure Service Management")),
        "https://management.azure.com" => Some((true, "Azure Resource Manager")),
        _ => {
            let host = bare
                .strip_prefix("https://")
                .or_else(|| bare.strip_prefix("http://"))?;
            if !host.contains('/') && host.ends_with(".azurewebsites.net") {
                Some((false, "an Azure Functions or App Service API"))
            } else {
                None
            }
        }
    }
}

fn is_placeholder(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.is_empty()
        || v.contains("{{")
        || v.contains("[[")
        || v.contains('<')
        || l.contains("your")
        || l.contains("dummy")
}

fn resource_url_trailing_slash(cx: &ApiProperties, out: &mut Emitter) {
    let props = cx.src;
    let mut sites: Vec<(String, &Value)> = Vec::new();
    for (key, param) in connection_parameters(&props.value) {
        sites.push((pointer(["properties", "connectionParameters", key]), param));
    }
    if let Some(sets) = props
        .value
        .pointer("/properties/connectionParameterSets/values")
        .and_then(Value::as_array)
    {
        for (i, set) in sets.iter().enumerate() {
            if let Some(params) = set.get("parameters").and_then(Value::as_object) {
                for (key, param) in params {
                    let base = pointer(["properties", "connectionParameterSets", "values"]);
                    sites.push((format!("{base}/{i}{}", pointer(["parameters", key])), param));
                }
            }
        }
    }
    for (base, param) in sites {
        let Some(settings) = param.get("oAuthSettings") else {
            continue;
        };
        if settings.get("identityProvider").and_then(Value::as_str) != Some("aad") {
            continue;
        }
        let Some(uri) = settings
            .pointer("/customParameters/resourceUri/value")
            .and_then(Value::as_str)
        else {
            continue;
        };
        let at = format!("{base}/oAuthSettings/customParameters/resourceUri/value");
        if is_placeholder(uri) {
            continue;
        }
        match known_resource(uri) {
            Some((needs_slash, what)) => {
                let has = uri.ends_with('/');
                if has != needs_slash {
                    let fixed = if needs_slash {
                        format!("{uri}/")
                    } else {
                        uri.trim_end_matches('/').to_string()
                    };
                    out.emit(
                        props,
                        at,
                        format!(
                            "resourceUri \"{uri}\" {} a trailing slash, but {what} is registered as \"{fixed}\"",
                            if has { "has" } else { "lacks" }
                        ),
                    )
                    .set_help(format!("write \"{fixed}\"; sign-in fails with an AAD error otherwise"));
                }
            }
            None => {
                out.emit_as(
                    Severity::Info,
                    props,
                    at,
                    format!("resourceUri \"{uri}\" must equal the API's Application ID URI character for character, trailing slash included"),
                )
                .set_help("compare it with the Application ID URI in the app registration");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names() {
        for n in [
            "Authorization",
            "x-api-key",
            "Ocp-Apim-Subscription-Key",
            "api_key",
            "access_token",
        ] {
            assert!(is_credential_name(n), "{n}");
        }
        for n in [
            "pageToken",
            "nextToken",
            "continuationToken",
            "key",
            "keyword",
        ] {
            assert!(!is_credential_name(n), "{n}");
        }
    }

    #[test]
    fn resources() {
        assert_eq!(
            known_resource("https://management.azure.com").map(|r| r.0),
            Some(true)
        );
        assert_eq!(
            known_resource("https://x.azurewebsites.net/").map(|r| r.0),
            Some(false)
        );
        assert!(known_resource("https://graph.microsoft.com").is_none());
    }
}
