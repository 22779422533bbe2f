use crate::value::Lookup;
use serde_json::Value;

use super::shared::definitions;
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An OAuth 2.0 definition uses the client-credentials or password flow, which the platform
    /// does not support.
    ///
    /// ## What
    /// An `oauth2` security definition has `"flow": "application"` (client credentials) or
    /// `"flow": "password"` (resource owner password).
    ///
    /// ## Why
    /// Power Platform custom connectors sign users in with the authorization-code flow
    /// (`accessCode`); they do not support the client-credentials flow, nor the password flow.
    /// None of the accepted connectors uses either.
    ///
    /// ## Example
    /// ```json
    /// "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://login.contoso.com/token", "scopes": {}}
    /// ```
    ///
    /// ## Fix
    /// Use `"flow": "accessCode"` with `authorizationUrl` and `tokenUrl` if the API offers it. For
    /// a service-to-service API, use an API key, or fetch the token in custom code (script.csx).
    pub static RULE = Definition(check) {
        code: "CCF506",
        name: "oauth-flow-unsupported",
        severity: Error,
        microsoft: ["P4 no client-credentials OAuth"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = definitions(cx.doc) else {
        return;
    };
    for (name, def) in defs {
        if def.field("type").and_then(Value::as_str) != Some("oauth2") {
            continue;
        }
        let what = match def.field("flow").and_then(Value::as_str) {
            Some("application") => "`application` (client credentials)",
            Some("password") => "`password` (resource owner password)",
            _ => continue,
        };
        out.emit(
            cx.src,
            pointer(["securityDefinitions", name, "flow"]),
            format!("security definition `{name}` uses the OAuth 2.0 flow {what}, which Power Platform does not support"),
        )
        .set_help("use the `accessCode` flow, or an API key");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn client_credentials_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF506",
                "/securityDefinitions/oauth/flow",
                "security definition `oauth` uses the OAuth 2.0 flow `application` (client credentials), which Power Platform does not support"
            )]
        );
    }

    #[test]
    fn the_authorization_code_flow_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
