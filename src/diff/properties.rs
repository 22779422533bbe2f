//! What changed between two connectors' `apiProperties.json`: the connection (its parameters,
//! OAuth settings and parameter sets) and the policies applied to every request. Existing
//! connections were created against the old file; some changes make users sign in again or
//! re-create their connections.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

use super::changes::*;
use super::{Change, Level, string_set};
use crate::diagnostic::Code;
use crate::diagnostic::escape_token;

struct Cx {
    changes: Vec<Change>,
}

impl Cx {
    fn push(
        &mut self,
        code: &'static Code,
        level: Level,
        old: Option<String>,
        new: Option<String>,
        message: String,
    ) {
        self.changes.push(Change {
            code,
            rule: code.name,
            level,
            message,
            operation: None,
            old,
            new,
        });
    }
}

fn props(doc: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    doc.field("properties")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn s(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

fn ptr(base: &str, key: &str) -> String {
    format!("{base}/{}", escape_token(key))
}

/// Compares two apiProperties.json documents.
pub fn properties(old: &Value, new: &Value) -> Vec<Change> {
    let mut cx = Cx {
        changes: Vec::new(),
    };
    let (o, n) = (props(old), props(new));
    parameters(
        &mut cx,
        o.field("connectionParameters"),
        n.field("connectionParameters"),
        "/properties/connectionParameters",
        "/properties/connectionParameters",
        "",
    );
    parameter_sets(&mut cx, o, n);
    policies(&mut cx, o, n);
    capabilities(&mut cx, o, n);
    for (key, what) in [
        ("iconBrandColor", "the icon colour"),
        ("publisher", "the publisher"),
        ("stackOwner", "the stack owner"),
    ] {
        let (a, b) = (s(o.get(key)), s(n.get(key)));
        if a != b {
            let at = format!("/properties/{key}");
            cx.push(
                &CONNECTOR_METADATA_CHANGED,
                Level::Info,
                a.as_ref().map(|_| at.clone()),
                b.as_ref().map(|_| at),
                format!(
                    "{what} changed from {} to {}",
                    a.as_deref().unwrap_or("(none)"),
                    b.as_deref().unwrap_or("(none)")
                ),
            );
        }
    }
    let (a, b) = (
        string_set(o.field("scriptOperations"), false),
        string_set(n.field("scriptOperations"), false),
    );
    if a != b {
        let at = "/properties/scriptOperations".to_string();
        let diff = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
            x.difference(y).cloned().collect::<Vec<_>>().join(", ")
        };
        cx.push(
            &SCRIPT_OPERATIONS_CHANGED,
            Level::Warning,
            o.field("scriptOperations").map(|_| at.clone()),
            n.field("scriptOperations").map(|_| at),
            format!(
                "the operations that go through script.csx changed (now also: [{}]; no longer: [{}]): their requests and responses change shape",
                diff(&b, &a),
                diff(&a, &b)
            ),
        );
    }
    cx.changes
}

fn required(p: &Value) -> bool {
    match p.pointer("/uiDefinition/constraints/required") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// One table of connection parameters (the top-level one, or one set's).
fn parameters(
    cx: &mut Cx,
    old: Option<&Value>,
    new: Option<&Value>,
    base: &str,
    nbase: &str,
    what: &str,
) {
    let empty = Map::new();
    let o = old.and_then(Value::as_object).unwrap_or(&empty);
    let n = new.and_then(Value::as_object).unwrap_or(&empty);
    for (name, a) in o {
        let at = ptr(base, name);
        let Some(b) = n.get(name) else {
            cx.push(
                &CONNECTION_PARAMETER_REMOVED,
                Level::Breaking,
                Some(at),
                None,
                format!(
                    "connection parameter `{name}`{what} was removed: existing connections must be re-created"
                ),
            );
            continue;
        };
        let nat = ptr(nbase, name);
        let ty = |v: &Value| s(v.field("type")).map(|t| t.to_ascii_lowercase());
        if ty(a) != ty(b) {
            cx.push(
                &CONNECTION_PARAMETER_RETYPED,
                Level::Breaking,
                Some(format!("{at}/type")),
                Some(format!("{nat}/type")),
                format!(
                    "connection parameter `{name}`{what} changed type from {} to {}: existing connections must be re-created",
                    ty(a).unwrap_or_default(),
                    ty(b).unwrap_or_default()
                ),
            );
            continue;
        }
        if !required(a) && required(b) {
            cx.push(
                &CONNECTION_PARAMETER_MADE_REQUIRED,
                Level::Breaking,
                Some(at.clone()),
                Some(nat.clone()),
                format!(
                    "connection parameter `{name}`{what} became required: existing connections lack it"
                ),
            );
        }
        if let (Some(sa), Some(sb)) = (a.field("oAuthSettings"), b.field("oAuthSettings")) {
            oauth(
                cx,
                sa,
                &format!("{at}/oAuthSettings"),
                sb,
                &format!("{nat}/oAuthSettings"),
            );
        }
    }
    for (name, b) in n.iter().filter(|(k, _)| !o.contains_key(*k)) {
        let (kind, level, how) = if required(b) {
            (
                &CONNECTION_PARAMETER_ADDED_REQUIRED,
                Level::Breaking,
                "required",
            )
        } else {
            (&CONNECTION_PARAMETER_ADDED, Level::Info, "optional")
        };
        cx.push(
            kind,
            level,
            None,
            Some(ptr(nbase, name)),
            format!(
                "{how} connection parameter `{name}`{what} was added{}",
                if level == Level::Breaking {
                    ": existing connections lack it"
                } else {
                    ""
                }
            ),
        );
    }
}

fn oauth(cx: &mut Cx, a: &Value, at: &str, b: &Value, nat: &str) {
    let field = |v: &Value, p: &str| s(v.pointer(p));
    let pair = |p: &str| (format!("{at}{p}"), format!("{nat}{p}"));
    let idp = "/identityProvider";
    if field(a, idp).map(|x| x.to_ascii_lowercase())
        != field(b, idp).map(|x| x.to_ascii_lowercase())
    {
        let (x, y) = pair(idp);
        cx.push(
            &IDENTITY_PROVIDER_CHANGED,
            Level::Breaking,
            Some(x),
            Some(y),
            format!(
                "the identity provider changed from {} to {}: every connection must sign in again",
                field(a, idp).unwrap_or_default(),
                field(b, idp).unwrap_or_default()
            ),
        );
        return;
    }
    // The same app, resource and URLs, or users sign in again.
    for (p, what, level) in [
        ("/clientId", "the OAuth client id", Level::Warning),
        (
            "/customParameters/resourceUri/value",
            "the Azure AD resource URL",
            Level::Breaking,
        ),
        (
            "/customParameters/tenantId/value",
            "the Azure AD tenant",
            Level::Warning,
        ),
        (
            "/customParameters/authorizationUrl/value",
            "the authorization URL",
            Level::Warning,
        ),
        (
            "/customParameters/tokenUrl/value",
            "the token URL",
            Level::Warning,
        ),
        ("/redirectMode", "the redirect mode", Level::Warning),
    ] {
        let (va, vb) = (field(a, p), field(b, p));
        if va != vb {
            let (x, y) = pair(p);
            cx.push(
                &OAUTH_SETTING_CHANGED,
                level,
                va.as_ref().map(|_| x),
                vb.as_ref().map(|_| y),
                format!(
                    "{what} changed from {} to {}{}",
                    va.as_deref().unwrap_or("(none)"),
                    vb.as_deref().unwrap_or("(none)"),
                    if p == "/redirectMode" {
                        ": the app registration's redirect URL must change with it"
                    } else {
                        ": existing connections must sign in again"
                    }
                ),
            );
        }
    }
    let added: Vec<String> = string_set(b.field("scopes"), false)
        .difference(&string_set(a.field("scopes"), false))
        .cloned()
        .collect();
    if !added.is_empty() {
        let (x, y) = pair("/scopes");
        cx.push(
            &SCOPES_ADDED,
            Level::Warning,
            a.field("scopes").map(|_| x),
            Some(y),
            format!(
                "the connection asks for new scopes {}: users must consent again",
                added.join(", ")
            ),
        );
    }
}

fn parameter_sets(cx: &mut Cx, o: &Map<String, Value>, n: &Map<String, Value>) {
    let values = |m: &Map<String, Value>| -> Vec<(String, Value)> {
        m.field("connectionParameterSets")
            .and_then(|s| s.field("values"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| (s(v.field("name")).unwrap_or_default(), v.clone()))
            .collect()
    };
    let (a, b) = (values(o), values(n));
    let base = "/properties/connectionParameterSets/values";
    for (i, (name, set)) in a.iter().enumerate() {
        let at = format!("{base}/{i}");
        match b.iter().position(|(m, _)| m == name) {
            None => cx.push(
                &CONNECTION_PARAMETER_SET_REMOVED,
                Level::Breaking,
                Some(at),
                None,
                format!("the connection option `{name}` was removed: connections made with it stop working"),
            ),
            Some(j) => parameters(
                cx,
                set.field("parameters"),
                b[j].1.field("parameters"),
                &format!("{at}/parameters"),
                &format!("{base}/{j}/parameters"),
                &format!(" of connection option `{name}`"),
            ),
        }
    }
    for (j, (name, _)) in b.iter().enumerate() {
        if !a.iter().any(|(m, _)| m == name) {
            cx.push(
                &CONNECTION_PARAMETER_SET_ADDED,
                Level::Info,
                None,
                Some(format!("{base}/{j}")),
                format!("the connection option `{name}` was added"),
            );
        }
    }
}

/// Policy instances pair by template id (any letter case) and title.
fn policies(cx: &mut Cx, o: &Map<String, Value>, n: &Map<String, Value>) {
    let list = |m: &Map<String, Value>| -> Vec<(String, String, Value)> {
        m.field("policyTemplateInstances")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    s(p.field("templateId"))
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                    s(p.field("title")).unwrap_or_default(),
                    p.field("parameters").cloned().unwrap_or(Value::Null),
                )
            })
            .collect()
    };
    let (a, b) = (list(o), list(n));
    let base = "/properties/policyTemplateInstances";
    let mut matched = vec![false; b.len()];
    for (i, (id, title, params)) in a.iter().enumerate() {
        let at = format!("{base}/{i}");
        let found = b
            .iter()
            .enumerate()
            .position(|(j, (bid, btitle, _))| !matched[j] && bid == id && btitle == title);
        let label = if title.is_empty() {
            format!("`{id}`")
        } else {
            format!("`{id}` ({title})")
        };
        match found {
            None => cx.push(
                &POLICY_REMOVED,
                Level::Warning,
                Some(at),
                None,
                format!("policy {label} was removed: requests or responses change"),
            ),
            Some(j) => {
                matched[j] = true;
                if b[j].2 != *params {
                    cx.push(
                        &POLICY_CHANGED,
                        Level::Warning,
                        Some(format!("{at}/parameters")),
                        Some(format!("{base}/{j}/parameters")),
                        format!(
                            "the parameters of policy {label} changed: requests or responses change"
                        ),
                    );
                }
            }
        }
    }
    for (j, (id, title, _)) in b.iter().enumerate().filter(|(j, _)| !matched[*j]) {
        cx.push(
            &POLICY_ADDED,
            Level::Info,
            None,
            Some(format!("{base}/{j}")),
            format!(
                "policy `{id}`{} was added",
                if title.is_empty() {
                    String::new()
                } else {
                    format!(" ({title})")
                }
            ),
        );
    }
}

fn capabilities(cx: &mut Cx, o: &Map<String, Value>, n: &Map<String, Value>) {
    let (a, b) = (
        string_set(o.field("capabilities"), true),
        string_set(n.field("capabilities"), true),
    );
    let at = "/properties/capabilities".to_string();
    for c in a.difference(&b) {
        cx.push(
            &CAPABILITY_REMOVED,
            Level::Warning,
            o.field("capabilities").map(|_| at.clone()),
            n.field("capabilities").map(|_| at.clone()),
            format!("capability `{c}` was removed"),
        );
    }
    for c in b.difference(&a) {
        cx.push(
            &CAPABILITY_ADDED,
            Level::Info,
            o.field("capabilities").map(|_| at.clone()),
            n.field("capabilities").map(|_| at.clone()),
            format!("capability `{c}` was added"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(a: Value, b: Value) -> Vec<(&'static str, Level)> {
        properties(&a, &b)
            .into_iter()
            .map(|c| (c.rule, c.level))
            .collect()
    }

    #[test]
    fn same_file_no_change() {
        let p = json!({"properties": {"connectionParameters": {"api_key": {"type": "securestring"}},
            "iconBrandColor": "#da3b01", "capabilities": []}});
        assert!(properties(&p, &p).is_empty());
    }

    #[test]
    fn connection_changes_are_classified() {
        let old = json!({"properties": {"connectionParameters": {
            "api_key": {"type": "securestring"},
            "region": {"type": "string"},
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad",
                "clientId": "a", "scopes": ["read"], "redirectMode": "Global",
                "customParameters": {"resourceUri": {"value": "https://r.example.com"}}}}}}});
        let new = json!({"properties": {"connectionParameters": {
            "api_key": {"type": "string"},
            "tenant": {"type": "string", "uiDefinition": {"constraints": {"required": "true"}}},
            "hint": {"type": "string"},
            "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad",
                "clientId": "a", "scopes": ["read", "write"], "redirectMode": "GlobalPerConnector",
                "customParameters": {"resourceUri": {"value": "https://r.example.com/"}}}}}}});
        let got = rules(old, new);
        for want in [
            ("connection-parameter-retyped", Level::Breaking),
            ("connection-parameter-removed", Level::Breaking),
            ("connection-parameter-added-required", Level::Breaking),
            ("connection-parameter-added", Level::Info),
            ("oauth-setting-changed", Level::Breaking),
            ("oauth-setting-changed", Level::Warning),
            ("scopes-added", Level::Warning),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
    }

    #[test]
    fn sets_policies_and_capabilities() {
        let old = json!({"properties": {
            "connectionParameterSets": {"values": [{"name": "key", "parameters": {}},
                {"name": "oauth", "parameters": {"token": {"type": "oauthSetting"}}}]},
            "policyTemplateInstances": [
                {"templateId": "setheader", "title": "A", "parameters": {"x-ms-apimTemplateParameter.name": "A"}},
                {"templateId": "dynamichosturl", "title": "host", "parameters": {}}],
            "capabilities": ["actions", "gateway"]}});
        let new = json!({"properties": {
            "connectionParameterSets": {"values": [
                {"name": "oauth", "parameters": {"token": {"type": "oauthSetting"}}},
                {"name": "basic", "parameters": {}}]},
            "policyTemplateInstances": [
                {"templateId": "SetHeader", "title": "A", "parameters": {"x-ms-apimTemplateParameter.name": "B"}}],
            "capabilities": ["actions", "cloud"]}});
        let got = properties(&old, &new);
        let find = |r: &str| {
            got.iter()
                .find(|c| c.rule == r)
                .unwrap_or_else(|| panic!("{r} in {got:?}"))
        };
        assert_eq!(
            find("connection-parameter-set-removed").old.as_deref(),
            Some("/properties/connectionParameterSets/values/0")
        );
        assert_eq!(
            find("connection-parameter-set-added").new.as_deref(),
            Some("/properties/connectionParameterSets/values/1")
        );
        assert_eq!(
            find("policy-changed").new.as_deref(),
            Some("/properties/policyTemplateInstances/0/parameters")
        );
        assert_eq!(find("policy-removed").level, Level::Warning);
        assert_eq!(find("capability-removed").level, Level::Warning);
        assert_eq!(find("capability-added").level, Level::Info);
        // `oauth` moved from index 1 to 0 and did not change.
        assert!(got.iter().all(|c| !c.message.contains("`oauth`")));
    }
}
