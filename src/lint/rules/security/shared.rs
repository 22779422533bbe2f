//! Credential detection and the connection parameters of apiProperties.json.

use serde_json::{Map, Value};

/// Header or query parameter names that carry credentials.
pub(super) fn is_credential_name(name: &str) -> bool {
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

/// A header or query parameter whose name says it carries a credential.
pub(in crate::lint::rules) fn is_credential_parameter(p: &Map<String, Value>) -> bool {
    matches!(
        p.get("in").and_then(Value::as_str),
        Some("header" | "query")
    ) && p
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(is_credential_name)
}

/// The connection parameters of apiProperties.json.
pub(in crate::lint::rules) fn connection_parameters(
    props: &Value,
) -> impl Iterator<Item = (&String, &Value)> {
    props
        .pointer("/properties/connectionParameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
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
}
