//! apiProperties.json: the OAuth settings, the redirect mode and the brand colour.

use serde_json::{Map, Value};

use crate::diagnostic::{Severity, pointer};
use crate::lint::{ApiProperties, Emitter};
use crate::source::Source;

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
    pub static IDENTITY_PROVIDER = ApiProperties(identity_provider) {
        code: "CCF401",
        name: "identity-provider-unknown",
        severity: Error,
    }
}

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
    pub static OAUTH_PARAMETER_MISSING = ApiProperties(oauth_parameter_missing) {
        code: "CCF402",
        name: "oauth-parameter-missing",
        severity: Error,
    }
}

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
    pub static REDIRECT_MODE = ApiProperties(redirect_mode) {
        code: "CCF403",
        name: "redirect-mode",
        severity: Error,
    }
}

crate::declare_rule! {
    /// iconBrandColor is not a #RRGGBB colour.
    ///
    /// ## What
    /// `properties.iconBrandColor` in apiProperties.json is not a colour of the form `#RRGGBB`.
    ///
    /// ## Why
    /// The platform uses it as the connector icon's background and rejects other forms.
    ///
    /// ## Example
    /// `"iconBrandColor": "blue"`
    ///
    /// ## Fix
    /// Use six hex digits, e.g. `"#007ee5"`.
    pub static BRAND_COLOR = ApiProperties(brand_color) {
        code: "CCF404",
        name: "brand-color-invalid",
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

use crate::connector::properties::GLOBAL_REDIRECT;

/// Every `oauthSetting` connection parameter, with its pointer: in `connectionParameters` and in
/// each of `connectionParameterSets`.
fn oauth_settings(props: &Value) -> Vec<(String, &Map<String, Value>)> {
    let mut lists: Vec<(String, &Value)> = Vec::new();
    if let Some(p) = props.pointer("/properties/connectionParameters") {
        lists.push(("/properties/connectionParameters".into(), p));
    }
    if let Some(sets) = props
        .pointer("/properties/connectionParameterSets/values")
        .and_then(Value::as_array)
    {
        for (i, set) in sets.iter().enumerate() {
            if let Some(p) = set.get("parameters") {
                lists.push((
                    format!("/properties/connectionParameterSets/values/{i}/parameters"),
                    p,
                ));
            }
        }
    }
    let mut out = Vec::new();
    for (base, params) in lists {
        for (k, v) in params.as_object().into_iter().flatten() {
            if v.get("type").and_then(Value::as_str) == Some("oauthSetting")
                && let Some(s) = v.get("oAuthSettings").and_then(Value::as_object)
            {
                out.push((
                    format!(
                        "{base}/{}/oAuthSettings",
                        crate::diagnostic::escape_token(k)
                    ),
                    s,
                ));
            }
        }
    }
    out
}

fn provider(s: &Map<String, Value>) -> Option<&str> {
    s.get("identityProvider").and_then(Value::as_str)
}

fn identity_provider(cx: &ApiProperties, out: &mut Emitter) {
    let src = cx.src;
    for (at, s) in oauth_settings(&src.value) {
        match provider(s) {
            None => {
                out.emit(src, &at, "the OAuth connection parameter has no `identityProvider`")
                    .set_help("set `identityProvider` to `aad` for Azure AD or `oauth2` for other OAuth 2.0 services");
            }
            Some(p) if !KNOWN_PROVIDERS.iter().any(|k| k.eq_ignore_ascii_case(p)) => {
                out.emit_as(
                    Severity::Warning,
                    src,
                    format!("{at}/identityProvider"),
                    format!("identity provider `{p}` is not one custom connectors use (aad, aadcertificate, oauth2, oauth2generic)"),
                )
                .set_help("use `aad` for Azure AD or `oauth2` for other OAuth 2.0 services");
            }
            Some(_) => {}
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

fn oauth_parameter_missing(cx: &ApiProperties, out: &mut Emitter) {
    let src = cx.src;
    for (at, s) in oauth_settings(&src.value) {
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
                    src,
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
                    src,
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
                src,
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

fn redirect_mode(cx: &ApiProperties, out: &mut Emitter) {
    let src = cx.src;
    for (at, s) in oauth_settings(&src.value) {
        let url = s.get("redirectUrl").and_then(Value::as_str).unwrap_or("");
        let url_at = format!("{at}/redirectUrl");
        let mode = match s.get("redirectMode") {
            None => {
                emit_missing(out, src, &at);
                continue;
            }
            Some(Value::String(m)) => m.as_str(),
            Some(_) => {
                out.emit(
                    src,
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
                src,
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
                src,
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
                    src,
                    &mode_at,
                    "`Global` redirect mode: new OAuth connectors must use `GlobalPerConnector` (a per-connector redirect URI)",
                );
                if !url.is_empty() && !shared {
                    out.emit_as(
                        Severity::Warning,
                        src,
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
                        src,
                        &url_at,
                        format!("`GlobalPerConnector` sends the per-connector URI `{GLOBAL_REDIRECT}/<connector-name>`, not the shared `{url}`"),
                    )
                    .set_help("drop `redirectUrl` and register the URI the connector shows after creation in the OAuth app");
                } else if !per_connector {
                    out.emit_as(
                        Severity::Warning,
                        src,
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

fn brand_color(cx: &ApiProperties, out: &mut Emitter) {
    let src = cx.src;
    let Some(v) = src.value.pointer("/properties/iconBrandColor") else {
        return;
    };
    let ok = v.as_str().is_some_and(|s| {
        s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
    });
    if !ok {
        out.emit(
            src,
            pointer(["properties", "iconBrandColor"]),
            format!("`iconBrandColor` {v} is not a #RRGGBB colour"),
        )
        .set_help("use six hex digits, e.g. \"#007ee5\"");
    }
}
