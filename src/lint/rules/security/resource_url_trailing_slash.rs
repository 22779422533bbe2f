use crate::value::Lookup;
use serde_json::Value;

use super::shared::connection_parameters;
use crate::diagnostic::{Severity, pointer};
use crate::lint::{ApiProperties, Emitter};

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
    pub static RULE = ApiProperties(check) {
        code: "CCF502",
        name: "resource-url-trailing-slash",
        severity: Error,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let mut sites: Vec<(String, &Value)> = Vec::new();
    for (key, param) in connection_parameters(cx.doc) {
        sites.push((pointer(["properties", "connectionParameters", key]), param));
    }
    if let Some(sets) = cx
        .doc
        .pointer("/properties/connectionParameterSets/values")
        .and_then(Value::as_array)
    {
        for (i, set) in sets.iter().enumerate() {
            if let Some(params) = set.field("parameters").and_then(Value::as_object) {
                for (key, param) in params {
                    let base = pointer(["properties", "connectionParameterSets", "values"]);
                    sites.push((format!("{base}/{i}{}", pointer(["parameters", key])), param));
                }
            }
        }
    }
    for (base, param) in sites {
        let Some(settings) = param.field("oAuthSettings") else {
            continue;
        };
        if settings.field("identityProvider").and_then(Value::as_str) != Some("aad") {
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
                        cx.src,
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
                    cx.src,
                    at,
                    format!("resourceUri \"{uri}\" must equal the API's Application ID URI character for character, trailing slash included"),
                )
                .set_help("compare it with the Application ID URI in the app registration");
            }
        }
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

#[cfg(test)]
mod tests {
    use super::{RULE, known_resource};
    use crate::lint::test_support::{findings, lint_api_properties};

    fn aad_resource(uri: &str) -> String {
        format!(
            r#"{{"properties": {{"connectionParameters": {{"token": {{
                "type": "oauthSetting",
                "oAuthSettings": {{
                    "identityProvider": "aad",
                    "customParameters": {{"resourceUri": {{"value": "{uri}"}}}}
                }}
            }}}}}}}}"#
        )
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

    #[test]
    fn a_slash_after_an_app_service_host_is_reported() {
        let found = lint_api_properties(&RULE, &aad_resource("https://contoso.azurewebsites.net/"));
        assert_eq!(
            findings(&found),
            [(
                "CCF502",
                "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri/value",
                "resourceUri \"https://contoso.azurewebsites.net/\" has a trailing slash, but an Azure Functions or App Service API is registered as \"https://contoso.azurewebsites.net\""
            )]
        );
    }

    #[test]
    fn the_registered_form_passes() {
        let found = lint_api_properties(&RULE, &aad_resource("https://management.azure.com/"));
        assert!(found.is_empty());
    }
}
