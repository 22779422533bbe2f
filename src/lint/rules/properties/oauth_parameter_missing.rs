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
    /// for `oauth2` (errors). A missing `loginUri`, `tenantId` (aad) or `refreshUrl` (oauth2), or
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
        let where_ = if s.contains_key("customParameters") {
            format!("{at}/customParameters")
        } else {
            at.clone()
        };
        for name in required {
            if !has_value(custom(s, name)) {
                out.emit(
                    cx.src,
                    &where_,
                    format!("the `{p}` connection has no `{name}` custom parameter"),
                )
                .set_help(format!(
                    "add `\"{name}\": {{\"value\": \"...\"}}` to `customParameters`"
                ));
            }
        }
        for name in recommended {
            if !has_value(custom(s, name)) {
                out.emit_as(
                    Severity::Warning,
                    cx.src,
                    &where_,
                    format!("the `{p}` connection has no `{name}` custom parameter"),
                )
                .set_help(format!(
                    "add `\"{name}\": {{\"value\": \"...\"}}` to `customParameters`"
                ));
            }
        }
        if p != "aadcertificate"
            && s.get("clientId")
                .and_then(Value::as_str)
                .is_none_or(|c| c.trim().is_empty())
        {
            out.emit_as(
                Severity::Warning,
                cx.src,
                if s.contains_key("clientId") {
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

fn custom<'a>(s: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    s.get("customParameters")
        .and_then(Value::as_object)?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn has_value(v: Option<&Value>) -> bool {
    v.and_then(|v| v.get("value"))
        .is_some_and(|v| v.as_str().is_none_or(|s| !s.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

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
