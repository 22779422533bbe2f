use crate::value::Lookup;
use serde_json::Value;

use super::shared::oauth_settings;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// An OAuth connection does not use a per-connector redirect URL.
    ///
    /// ## What
    /// Under the certification profile, each OAuth connection parameter must use
    /// `"redirectMode": "GlobalPerConnector"`, and its `redirectUrl`, when given, must be a
    /// per-connector consent URL (`https://global.consent.azure-apim.net/redirect/<name>`), not
    /// the shared one or a URL of the service. (`redirect-mode` reports unknown modes and
    /// mismatches under every profile.)
    ///
    /// ## Why
    /// Since February 2024 new and updated OAuth connectors must have their own redirect URI;
    /// the review sends back connectors on the shared one, and the service's OAuth app must list
    /// the per-connector URI.
    ///
    /// ## Example
    /// `"redirectMode": "Global", "redirectUrl": "https://global.consent.azure-apim.net/redirect"`
    ///
    /// ## Fix
    /// `"redirectMode": "GlobalPerConnector"`; drop `redirectUrl` (the platform assigns it) and
    /// register the URI it shows in the OAuth app.
    pub static RULE = ApiProperties(check) {
        code: "CCF411",
        name: "oauth-redirect-url",
        severity: Error,
        profile: Certification,
        microsoft: ["C8 OAuth redirect URLs"],
    }
}

fn per_connector(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    host.to_ascii_lowercase().ends_with(".consent.azure-apim.net")
        && path
            .strip_prefix("redirect/")
            .is_some_and(|name| !name.is_empty() && !name.contains(['/', '?', '&']))
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    for (at, s) in oauth_settings(cx.doc) {
        let mode = s.field("redirectMode").and_then(Value::as_str);
        if !mode.is_some_and(|m| m.eq_ignore_ascii_case("GlobalPerConnector")) {
            let (pointer, shown) = match mode {
                Some(m) => (format!("{at}/redirectMode"), format!("`{m}`")),
                None => (at.clone(), "not set".to_string()),
            };
            out.emit(
                cx.src,
                pointer,
                format!("the OAuth redirect mode is {shown}; certification needs `GlobalPerConnector` (a redirect URI of the connector's own)"),
            )
            .set_help("set `\"redirectMode\": \"GlobalPerConnector\"` and register the connector's redirect URI in the OAuth app");
        }
        match s.field("redirectUrl") {
            None | Some(Value::Null) => {}
            Some(Value::String(url)) if per_connector(url) => {}
            Some(v) => {
                let shown = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                out.emit(
                    cx.src,
                    format!("{at}/redirectUrl"),
                    format!("`redirectUrl` {shown} is not a per-connector redirect URL (https://global.consent.azure-apim.net/redirect/<connector-name>)"),
                )
                .set_help("drop `redirectUrl`; the platform assigns the per-connector one");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    fn props(settings: &str) -> String {
        format!(
            r#"{{"properties": {{"connectionParameters": {{"token": {{"type": "oauthSetting", "oAuthSettings": {settings}}}}}}}}}"#
        )
    }

    #[test]
    fn the_shared_redirect_is_reported() {
        let found = lint_api_properties(
            &RULE,
            &props(r#"{"identityProvider": "oauth2", "redirectMode": "Global", "redirectUrl": "https://global.consent.azure-apim.net/redirect"}"#),
        );
        let at: Vec<&str> = findings(&found).into_iter().map(|f| f.1).collect();
        assert_eq!(
            at,
            [
                "/properties/connectionParameters/token/oAuthSettings/redirectMode",
                "/properties/connectionParameters/token/oAuthSettings/redirectUrl"
            ]
        );
    }

    #[test]
    fn a_per_connector_redirect_passes() {
        let found = lint_api_properties(
            &RULE,
            &props(r#"{"identityProvider": "oauth2", "redirectMode": "GlobalPerConnector", "redirectUrl": "https://global.consent.azure-apim.net/redirect/contoso"}"#),
        );
        assert!(found.is_empty());
    }
}
