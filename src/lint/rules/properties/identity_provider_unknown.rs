use super::shared::{oauth_settings, provider};
use crate::diagnostic::Severity;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// An OAuth connection parameter has no identityProvider, or one the platform does not know.
    ///
    /// ## What
    /// An `oauthSetting` connection parameter in apiProperties.json has no
    /// `oAuthSettings.identityProvider` (an error), or one other than `aad`, `aadcertificate`,
    /// `oauth2`, `oauth2generic` and the named providers seen in accepted connectors (a warning).
    ///
    /// ## Why
    /// The identity provider decides how the sign-in works; the import fails or sign-in breaks
    /// without a known one.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": {"identityProvider": "azuread", ...}
    /// ```
    ///
    /// ## Fix
    /// Use `aad` for Azure AD (Microsoft Entra ID) and `oauth2` for any other OAuth 2.0 service.
    pub static RULE = ApiProperties(check) {
        code: "CCF401",
        name: "identity-provider-unknown",
        severity: Error,
    }
}

const KNOWN_PROVIDERS: &[&str] = &[
    "aad",
    "aadcertificate",
    "oauth2",
    "oauth2generic",
    "facebook",
    "docusign",
];

fn check(cx: &ApiProperties, out: &mut Emitter) {
    for (at, s) in oauth_settings(cx.doc) {
        match provider(s) {
            None => {
                out.emit(cx.src, &at, "the OAuth connection parameter has no `identityProvider`")
                    .set_help("set `identityProvider` to `aad` for Azure AD or `oauth2` for other OAuth 2.0 services");
            }
            Some(p) if !KNOWN_PROVIDERS.iter().any(|k| k.eq_ignore_ascii_case(p)) => {
                out.emit_as(
                    Severity::Warning,
                    cx.src,
                    format!("{at}/identityProvider"),
                    format!("identity provider `{p}` is not one custom connectors use (aad, aadcertificate, oauth2, oauth2generic)"),
                )
                .set_help("use `aad` for Azure AD or `oauth2` for other OAuth 2.0 services");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn a_missing_and_an_unknown_provider_are_reported() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {
                "connectionParameters": {
                    "token": {"type": "oauthSetting", "oAuthSettings": {"clientId": "abc"}}
                },
                "connectionParameterSets": {"values": [{"name": "entra", "parameters": {
                    "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "azuread"}}
                }}]}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF401",
                    "/properties/connectionParameters/token/oAuthSettings",
                    "the OAuth connection parameter has no `identityProvider`"
                ),
                (
                    "CCF401",
                    "/properties/connectionParameterSets/values/0/parameters/token/oAuthSettings/identityProvider",
                    "identity provider `azuread` is not one custom connectors use (aad, aadcertificate, oauth2, oauth2generic)"
                ),
            ]
        );
        assert_eq!(found[1].severity, Severity::Warning);
    }

    #[test]
    fn known_providers_pass() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {
                "a": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad"}},
                "b": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "OAuth2"}}
            }}}"#,
        );
        assert!(found.is_empty());
    }
}
