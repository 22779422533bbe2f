//! Credential detection and the connection parameters of apiProperties.json.

use crate::value::Lookup;
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
    use crate::swagger::schemas::member;
    matches!(
        member(p, "in").and_then(Value::as_str),
        Some("header" | "query")
    ) && member(p, "name")
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

/// One security requirement: where it is written, the scheme name and the value it gives.
pub(super) struct Requirement<'a> {
    /// The operation whose `security` holds it, or `None` for the root's.
    op: Option<&'a crate::swagger::Operation<'a>>,
    /// Its index in the `security` list.
    index: usize,
    pub name: &'a str,
    pub value: &'a Value,
}

impl Requirement<'_> {
    /// Pointer of the requirement's member (the scheme name), e.g. `/security/0/api_key`.
    pub fn pointer(&self) -> String {
        let list = match self.op {
            Some(op) => op.pointer_to("security"),
            None => "/security".to_string(),
        };
        format!(
            "{list}/{}/{}",
            self.index,
            crate::diagnostic::escape_token(self.name)
        )
    }
}

/// Every security requirement, at the root and on each operation, in document order. Lists and
/// entries that are not arrays and objects are skipped (the structure rules report them).
pub(super) fn requirements<'a>(cx: &crate::lint::Definition<'a>) -> Vec<Requirement<'a>> {
    let mut out = Vec::new();
    let mut add = |list: Option<&'a Value>, op: Option<&'a crate::swagger::Operation<'a>>| {
        let Some(list) = list.and_then(Value::as_array) else {
            return;
        };
        for (index, req) in list.iter().enumerate() {
            let Some(req) = req.as_object() else { continue };
            for (name, value) in req {
                out.push(Requirement {
                    op,
                    index,
                    name,
                    value,
                });
            }
        }
    };
    add(cx.doc.field("security"), None);
    for op in cx.operations {
        add(op.op.field("security"), Some(op));
    }
    out
}

/// The security definitions, when `securityDefinitions` is an object.
pub(super) fn definitions(doc: &Value) -> Option<&Map<String, Value>> {
    doc.field("securityDefinitions").and_then(Value::as_object)
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
