use crate::value::Lookup;
use serde_json::Value;

use super::shared::definitions;
use crate::diagnostic::{Severity, pointer};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A security definition lacks a property its type (or OAuth flow) requires.
    ///
    /// ## What
    /// A `securityDefinitions` entry lacks what Swagger 2.0 requires of its `type`: `apiKey`
    /// needs `name` and `in`; `oauth2` needs `flow`, then `authorizationUrl` for `implicit` and
    /// `accessCode`, `tokenUrl` for `accessCode`, `password` and `application`, and `scopes` for
    /// every flow. A missing `scopes` is a warning (two accepted connectors lack it and the
    /// connection still works, the scopes being in apiProperties.json); the rest are errors.
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition, and without the URLs or the key's name and
    /// place the platform cannot build the sign-in or the request.
    ///
    /// ## Example
    /// ```json
    /// "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/authorize"}
    /// ```
    ///
    /// ## Fix
    /// Add the missing property, e.g. `"tokenUrl": "https://login.contoso.com/token"` and
    /// `"scopes": {}`.
    pub static RULE = Definition(check) {
        code: "CCF505",
        name: "security-scheme-property-missing",
        severity: Error,
        microsoft: ["SecuritySchemePropertyRequired"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = definitions(cx.doc) else {
        return;
    };
    for (name, def) in defs {
        let Some(def) = def.as_object() else { continue };
        let Some(kind) = def.field("type").and_then(Value::as_str) else {
            continue;
        };
        let flow = def.field("flow").and_then(Value::as_str);
        let required: &[&str] = match (kind, flow) {
            ("apiKey", _) => &["name", "in"],
            ("oauth2", None) => &["flow"],
            ("oauth2", Some("implicit")) => &["authorizationUrl", "scopes"],
            ("oauth2", Some("accessCode")) => &["authorizationUrl", "tokenUrl", "scopes"],
            ("oauth2", Some("password" | "application")) => &["tokenUrl", "scopes"],
            _ => continue,
        };
        for key in required {
            if def.contains_key(*key) {
                continue;
            }
            let for_what = match flow {
                Some(f) if kind == "oauth2" => format!("the `{f}` flow"),
                _ => format!("type `{kind}`"),
            };
            let message = format!("security definition `{name}` has no `{key}`, which {for_what} requires");
            let at = pointer(["securityDefinitions", name]);
            let d = if *key == "scopes" {
                out.emit_as(Severity::Warning, cx.src, at, message)
            } else {
                out.emit(cx.src, at, message)
            };
            d.set_help(format!("add `{key}` to the definition"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn missing_properties_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a"},
                "key": {"type": "apiKey", "in": "header"},
                "bare": {"type": "oauth2"}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF505",
                    "/securityDefinitions/oauth",
                    "security definition `oauth` has no `tokenUrl`, which the `accessCode` flow requires"
                ),
                (
                    "CCF505",
                    "/securityDefinitions/oauth",
                    "security definition `oauth` has no `scopes`, which the `accessCode` flow requires"
                ),
                (
                    "CCF505",
                    "/securityDefinitions/key",
                    "security definition `key` has no `name`, which type `apiKey` requires"
                ),
                (
                    "CCF505",
                    "/securityDefinitions/bare",
                    "security definition `bare` has no `flow`, which type `oauth2` requires"
                ),
            ]
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[1].severity, Severity::Warning);
    }

    #[test]
    fn complete_definitions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {}},
                "key": {"type": "apiKey", "name": "k", "in": "header"},
                "basic": {"type": "basic"}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
