use crate::value::Lookup;
use serde_json::Value;

use super::shared::oauth_settings;
use crate::connector::properties::GLOBAL_REDIRECT;
use crate::diagnostic::Severity;
use crate::lint::{ApiProperties, Emitter};
use crate::source::Source;

crate::declare_rule! {
    /// redirectMode is not Global, GlobalPerConnector or Direct, or disagrees with redirectUrl.
    ///
    /// ## What
    /// `oAuthSettings.redirectMode` must be `Global`, `GlobalPerConnector` or `Direct` (an error
    /// otherwise; a warning when only the letter case differs, or when it is missing). The
    /// `redirectUrl` must fit the mode (warnings): `Global` uses
    /// `https://global.consent.azure-apim.net/redirect`; `GlobalPerConnector` uses a per-connector
    /// URL ending in `/redirect/<connector-name>`, so the shared URL there means the app
    /// registration lists the wrong one. `Global` itself is reported as info: new OAuth connectors
    /// must use `GlobalPerConnector` (since February 2024).
    ///
    /// ## Why
    /// The identity provider rejects a sign-in whose redirect URI is not registered, with an error
    /// long after import.
    ///
    /// ## Example
    /// ```json
    /// "redirectMode": "GlobalPerConnector", "redirectUrl": "https://global.consent.azure-apim.net/redirect"
    /// ```
    ///
    /// ## Fix
    /// Use `GlobalPerConnector`, drop `redirectUrl` (the platform assigns it), and register the URL
    /// the connector shows after creation in the OAuth app.
    pub static RULE = ApiProperties(check) {
        code: "CCF403",
        name: "redirect-mode",
        severity: Error,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    for (at, s) in oauth_settings(cx.doc) {
        let url = s.field("redirectUrl").and_then(Value::as_str).unwrap_or("");
        let url_at = format!("{at}/redirectUrl");
        let mode = match s.field("redirectMode") {
            None => {
                emit_missing(out, cx.src, &at);
                continue;
            }
            Some(Value::String(m)) => m.as_str(),
            Some(_) => {
                out.emit(
                    cx.src,
                    format!("{at}/redirectMode"),
                    "`redirectMode` is not a string",
                );
                continue;
            }
        };
        let canonical = ["Global", "GlobalPerConnector", "Direct"]
            .into_iter()
            .find(|c| c.eq_ignore_ascii_case(mode));
        let mode_at = format!("{at}/redirectMode");
        let Some(canonical) = canonical else {
            out.emit(
                cx.src,
                &mode_at,
                format!(
                    "`redirectMode` is `{mode}`, not one of Global, GlobalPerConnector, Direct"
                ),
            )
            .set_help("use GlobalPerConnector");
            continue;
        };
        if canonical != mode {
            out.emit_as(
                Severity::Warning,
                cx.src,
                &mode_at,
                format!(
                    "`redirectMode` is written `{mode}`; the platform's spelling is `{canonical}`"
                ),
            );
        }
        let shared = url
            .trim_end_matches('/')
            .eq_ignore_ascii_case(GLOBAL_REDIRECT);
        match canonical {
            "Global" => {
                out.emit_as(
                    Severity::Info,
                    cx.src,
                    &mode_at,
                    "`Global` redirect mode: new OAuth connectors must use `GlobalPerConnector` (a per-connector redirect URI)",
                );
                if !url.is_empty() && !shared {
                    out.emit_as(
                        Severity::Warning,
                        cx.src,
                        &url_at,
                        format!("`redirectUrl` `{url}` does not fit the `Global` mode, whose redirect URI is {GLOBAL_REDIRECT}"),
                    );
                }
            }
            "GlobalPerConnector" if !url.is_empty() => {
                let per_connector = url
                    .strip_prefix(GLOBAL_REDIRECT)
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|name| !name.is_empty() && !name.contains(['/', '?', '&']));
                if shared {
                    out.emit_as(
                        Severity::Warning,
                        cx.src,
                        &url_at,
                        format!("`GlobalPerConnector` sends the per-connector URI `{GLOBAL_REDIRECT}/<connector-name>`, not the shared `{url}`"),
                    )
                    .set_help("drop `redirectUrl` and register the URI the connector shows after creation in the OAuth app");
                } else if !per_connector {
                    out.emit_as(
                        Severity::Warning,
                        cx.src,
                        &url_at,
                        format!("`redirectUrl` `{url}` is not a per-connector redirect URI ({GLOBAL_REDIRECT}/<connector-name>)"),
                    )
                    .set_help("drop `redirectUrl`; the platform assigns it");
                }
            }
            _ => {}
        }
    }
}

fn emit_missing(out: &mut Emitter, src: &Source, at: &str) {
    out.emit_as(
        Severity::Warning,
        src,
        at,
        "the OAuth settings have no `redirectMode`; the platform then uses the shared Global redirect URI",
    )
    .set_help("add `\"redirectMode\": \"GlobalPerConnector\"`");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    fn settings(oauth_settings: &str) -> String {
        format!(
            r#"{{"properties": {{"connectionParameters": {{"token": {{
                "type": "oauthSetting", "oAuthSettings": {oauth_settings}
            }}}}}}}}"#
        )
    }

    #[test]
    fn an_unknown_mode_is_reported() {
        let found = lint_api_properties(&RULE, &settings(r#"{"redirectMode": "Sometimes"}"#));
        assert_eq!(
            findings(&found),
            [(
                "CCF403",
                "/properties/connectionParameters/token/oAuthSettings/redirectMode",
                "`redirectMode` is `Sometimes`, not one of Global, GlobalPerConnector, Direct"
            )]
        );
    }

    #[test]
    fn the_shared_url_with_per_connector_mode_is_reported() {
        let found = lint_api_properties(
            &RULE,
            &settings(
                r#"{"redirectMode": "GlobalPerConnector",
                    "redirectUrl": "https://global.consent.azure-apim.net/redirect"}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF403",
                "/properties/connectionParameters/token/oAuthSettings/redirectUrl",
                "`GlobalPerConnector` sends the per-connector URI `https://global.consent.azure-apim.net/redirect/<connector-name>`, not the shared `https://global.consent.azure-apim.net/redirect`"
            )]
        );
    }

    #[test]
    fn per_connector_mode_and_url_pass() {
        let found = lint_api_properties(
            &RULE,
            &settings(
                r#"{"redirectMode": "GlobalPerConnector",
                    "redirectUrl": "https://global.consent.azure-apim.net/redirect/contoso"}"#,
            ),
        );
        assert!(found.is_empty());
    }
}
