use crate::value::Lookup;
use serde_json::{Map, Value};

use super::shared::{oauth_settings, provider};
use crate::diagnostic::Severity;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// An OAuth connection lacks a setting its provider requires (aad: resourceUri; oauth2:
    /// authorizationUrl, tokenUrl).
    ///
    /// ## What
    /// The `customParameters` of an OAuth connection parameter lack one its identity provider
    /// requires: `resourceUri` for `aad` and `aadcertificate`; `authorizationUrl` and `tokenUrl`
    /// for `oauth2` (errors), unless the definition's `oauth2` security definition gives that URL
    /// (its `authorizationUrl` or `tokenUrl`), which the platform then uses. A missing `loginUri`, `tenantId` (aad) or `refreshUrl` (oauth2), or
    /// an empty `clientId`, is a warning: the platform has defaults, or the value is filled in at
    /// creation.
    ///
    /// ## Why
    /// Without the resource URL Azure AD issues no token for the API; without the URLs a generic
    /// OAuth 2.0 sign-in cannot start.
    ///
    /// ## Example
    /// ```json
    /// "customParameters": {"loginUri": {"value": "https://login.windows.net"}, "tenantId": {"value": "common"}}
    /// ```
    ///
    /// ## Fix
    /// Add the missing parameter, e.g. `"resourceUri": {"value":
    /// "https://contoso.azurewebsites.net"}`.
    pub static RULE = ApiProperties(check) {
        code: "CCF402",
        name: "oauth-parameter-missing",
        severity: Error,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let definition = cx.definition.map(|d| &d.value);
    for (at, s) in oauth_settings(cx.doc) {
        let Some(p) = provider(s).map(str::to_ascii_lowercase) else {
            continue;
        };
        let (required, recommended): (&[&str], &[&str]) = match p.as_str() {
            "aad" => (&["resourceUri"], &["loginUri", "tenantId"]),
            "aadcertificate" => (&["resourceUri"], &[]),
            "oauth2" => (&["authorizationUrl", "tokenUrl"], &["refreshUrl"]),
            _ => continue,
        };
        let where_ = if s.has("customParameters") {
            format!("{at}/customParameters")
        } else {
            at.clone()
        };
        let levels = required
            .iter()
            .map(|n| (n, None))
            .chain(recommended.iter().map(|n| (n, Some(Severity::Warning))));
        for (name, severity) in levels {
            let (key, value) = match custom(s, name) {
                Some((key, value)) => (Some(key), Some(value)),
                None => (None, None),
            };
            if has_value(value) || (p == "oauth2" && in_definition(definition, name)) {
                continue;
            }
            // A parameter that is there with an empty value is named as such, at its place.
            let (pointer, message) = match key {
                Some(key) => (
                    format!("{where_}/{}", crate::diagnostic::escape_token(key)),
                    format!("the `{p}` connection's `{key}` custom parameter has no value"),
                ),
                None => (
                    where_.clone(),
                    format!("the `{p}` connection has no `{name}` custom parameter"),
                ),
            };
            let d = match severity {
                Some(severity) => out.emit_as(severity, cx.src, &pointer, message),
                None => out.emit(cx.src, &pointer, message),
            };
            d.set_help(format!(
                "set `\"{name}\": {{\"value\": \"...\"}}` in `customParameters`"
            ));
        }
        if p != "aadcertificate"
            && s.field("clientId")
                .and_then(Value::as_str)
                .is_none_or(|c| c.trim().is_empty())
        {
            out.emit_as(
                Severity::Warning,
                cx.src,
                if s.has("clientId") {
                    format!("{at}/clientId")
                } else {
                    at.clone()
                },
                format!("the `{p}` connection has no `clientId`"),
            )
            .set_help("set the OAuth app's client (application) id; the secret is entered when the connector is created");
        }
    }
}

/// Whether an `oauth2` security definition of the definition gives the URL `name`
/// (`authorizationUrl` or `tokenUrl`).
fn in_definition(definition: Option<&Value>, name: &str) -> bool {
    definition
        .and_then(|d| d.field("securityDefinitions"))
        .and_then(Value::as_object)
        .is_some_and(|defs| {
            defs.values().any(|d| {
                d.field("type").and_then(Value::as_str) == Some("oauth2")
                    && d.get(name)
                        .and_then(Value::as_str)
                        .is_some_and(|u| !u.trim().is_empty())
            })
        })
}

/// The custom parameter `name` (in any case): its key as written and its value.
fn custom<'a>(s: &'a Map<String, Value>, name: &str) -> Option<(&'a str, &'a Value)> {
    s.field("customParameters")
        .and_then(Value::as_object)?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(k, v)| (k.as_str(), v))
}

fn has_value(v: Option<&Value>) -> bool {
    v.and_then(|v| v.field("value"))
        .is_some_and(|v| v.as_str().is_none_or(|s| !s.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties, lint_files};

    #[test]
    fn a_missing_resource_uri_is_reported() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {"token": {
                "type": "oauthSetting",
                "oAuthSettings": {
                    "identityProvider": "aad",
                    "clientId": "abc",
                    "customParameters": {
                        "loginUri": {"value": "https://login.windows.net"},
                        "tenantId": {"value": "common"}
                    }
                }
            }}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF402",
                "/properties/connectionParameters/token/oAuthSettings/customParameters",
                "the `aad` connection has no `resourceUri` custom parameter"
            )]
        );
    }

    #[test]
    fn an_empty_resource_uri_is_named_at_its_place() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {"token": {
                "type": "oauthSetting",
                "oAuthSettings": {
                    "identityProvider": "aad",
                    "clientId": "abc",
                    "customParameters": {
                        "loginUri": {"value": "https://login.windows.net"},
                        "tenantId": {"value": "common"},
                        "resourceUri": {"value": ""}
                    }
                }
            }}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF402",
                "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri",
                "the `aad` connection's `resourceUri` custom parameter has no value"
            )]
        );
    }

    const GENERIC: &str = r#"{"properties": {"connectionParameters": {"token": {
        "type": "oauthSetting",
        "oAuthSettings": {"identityProvider": "oauth2", "clientId": "abc", "customParameters": {}}
    }}}}"#;

    #[test]
    fn urls_given_by_the_oauth2_security_definition_count() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "securityDefinitions": {"oauth": {"type": "oauth2",
                    "flow": "accessCode", "authorizationUrl": "https://contoso.com/authorize",
                    "tokenUrl": "https://contoso.com/token", "scopes": {}}}}"#,
            ),
            Some(GENERIC),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF402",
                "/properties/connectionParameters/token/oAuthSettings/customParameters",
                "the `oauth2` connection has no `refreshUrl` custom parameter"
            )]
        );
    }

    #[test]
    fn urls_given_nowhere_are_reported() {
        let found = lint_files(
            &RULE,
            Some(r#"{"swagger": "2.0", "securityDefinitions": {"basic": {"type": "basic"}}}"#),
            Some(GENERIC),
        );
        let messages: Vec<&str> = findings(&found).into_iter().map(|f| f.2).collect();
        assert_eq!(
            messages,
            [
                "the `oauth2` connection has no `authorizationUrl` custom parameter",
                "the `oauth2` connection has no `tokenUrl` custom parameter",
                "the `oauth2` connection has no `refreshUrl` custom parameter",
            ]
        );
    }

    #[test]
    fn a_complete_aad_connection_passes() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {"token": {
                "type": "oauthSetting",
                "oAuthSettings": {
                    "identityProvider": "aad",
                    "clientId": "abc",
                    "customParameters": {
                        "loginUri": {"value": "https://login.windows.net"},
                        "tenantId": {"value": "common"},
                        "resourceUri": {"value": "https://contoso.azurewebsites.net"}
                    }
                }
            }}}}"#,
        );
        assert!(found.is_empty());
    }
}
