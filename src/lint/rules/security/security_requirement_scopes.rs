use crate::value::Lookup;
use serde_json::Value;

use super::shared::{definitions, requirements};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A security requirement for an API key or basic scheme lists scopes.
    ///
    /// ## What
    /// A `security` requirement naming an `apiKey` or `basic` definition has a non-empty list;
    /// only OAuth 2.0 requirements take scopes.
    ///
    /// ## Why
    /// Microsoft's validator reports it (`SecurityRequirementMustHaveEmptyValue`): the scopes mean
    /// nothing for such a scheme. The platform ignores the list when signing in, so it is a
    /// warning.
    ///
    /// ## Example
    /// ```json
    /// "security": [{"api_key": ["read"]}]
    /// ```
    ///
    /// ## Fix
    /// Write an empty list: `[{"api_key": []}]`.
    pub static RULE = Definition(check) {
        code: "CCF510",
        name: "security-requirement-scopes",
        severity: Warning,
        microsoft: ["SecurityRequirementMustHaveEmptyValue"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = definitions(cx.doc) else {
        return;
    };
    for req in requirements(cx) {
        let Some(kind) = defs
            .get(req.name)
            .and_then(|d| d.field("type"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        if kind == "oauth2" || req.value.as_array().is_none_or(Vec::is_empty) {
            continue;
        }
        out.emit(
            cx.src,
            req.pointer(),
            format!(
                "security requirement `{}` lists scopes, but its definition is of type `{kind}`, which takes none",
                req.name
            ),
        )
        .set_help("write an empty list: `[]`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn scopes_on_an_api_key_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {"api_key": {"type": "apiKey", "name": "k", "in": "header"}},
                "security": [{"api_key": ["read"]}]}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF510",
                "/security/0/api_key",
                "security requirement `api_key` lists scopes, but its definition is of type `apiKey`, which takes none"
            )]
        );
    }

    #[test]
    fn empty_lists_and_oauth_scopes_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {"api_key": {"type": "apiKey", "name": "k", "in": "header"},
                "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"r": ""}}},
                "security": [{"api_key": []}, {"oauth": ["r"]}]}"#,
        );
        assert!(found.is_empty());
    }
}
