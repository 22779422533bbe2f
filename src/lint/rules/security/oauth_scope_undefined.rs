use crate::value::Lookup;
use serde_json::Value;

use super::shared::{definitions, requirements};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An OAuth security requirement asks for a scope its definition does not declare.
    ///
    /// ## What
    /// A `security` requirement naming an `oauth2` definition lists a scope that is not a key of
    /// that definition's `scopes`.
    ///
    /// ## Why
    /// Microsoft's validator reports it (`OAuthSecurityRequirementValueMustBeScopeName`). The
    /// scopes the sign-in asks for come from apiProperties.json, so the import does not enforce
    /// it (six accepted connectors do it), and it is a warning: the definition no longer
    /// documents what the connector asks for.
    ///
    /// ## Example
    /// ```json
    /// "oauth": {"type": "oauth2", ..., "scopes": {"read": "Read"}},
    /// "security": [{"oauth": ["write"]}]
    /// ```
    ///
    /// ## Fix
    /// Declare the scope in the definition's `scopes`, or correct its name.
    pub static RULE = Definition(check) {
        code: "CCF509",
        name: "oauth-scope-undefined",
        severity: Warning,
        microsoft: ["OAuthSecurityRequirementValueMustBeScopeName"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = definitions(cx.doc) else {
        return;
    };
    for req in requirements(cx) {
        let Some(def) = defs.get(req.name) else { continue };
        if def.field("type").and_then(Value::as_str) != Some("oauth2") {
            continue;
        }
        let Some(scopes) = req.value.as_array() else {
            continue;
        };
        let declared = def.field("scopes").and_then(Value::as_object);
        for (i, scope) in scopes.iter().enumerate() {
            let Some(scope) = scope.as_str() else { continue };
            if declared.is_some_and(|d| d.contains_key(scope)) {
                continue;
            }
            out.emit(
                cx.src,
                format!("{}/{i}", req.pointer()),
                format!(
                    "security requirement `{}` asks for scope `{scope}`, which the definition's `scopes` does not declare",
                    req.name
                ),
            )
            .set_help("declare the scope in the definition's `scopes`, or correct its name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    const DEFS: &str = r#""securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
        "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"read": "Read"}}}"#;

    #[test]
    fn an_undeclared_scope_is_reported() {
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", {DEFS}, "security": [{{"oauth": ["read", "write"]}}]}}"#),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF509",
                "/security/0/oauth/1",
                "security requirement `oauth` asks for scope `write`, which the definition's `scopes` does not declare"
            )]
        );
    }

    #[test]
    fn declared_scopes_pass() {
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", {DEFS}, "security": [{{"oauth": ["read"]}}, {{"oauth": []}}]}}"#),
        );
        assert!(found.is_empty());
    }
}
