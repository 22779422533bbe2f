use crate::value::Lookup;
use serde_json::Value;

use super::shared::definitions;
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A security definition has a property its type (or OAuth flow) does not take.
    ///
    /// ## What
    /// A member of a `securityDefinitions` entry is not one Swagger 2.0 gives its `type`:
    /// `basic` takes `type` and `description`; `apiKey` also `name` and `in`; `oauth2` also
    /// `flow`, `authorizationUrl`, `tokenUrl` and `scopes`, where `implicit` has no `tokenUrl`
    /// and `password` and `application` have no `authorizationUrl`. `x-` extensions are allowed
    /// everywhere. An unknown `type` is left to the structure rules.
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition; a stray `in` on an OAuth definition or
    /// `flow` on an API key usually means two schemes were merged by mistake.
    ///
    /// ## Example
    /// ```json
    /// "oauth": {"type": "oauth2", "flow": "accessCode", "in": "header", ...}
    /// ```
    ///
    /// ## Fix
    /// Remove the property, or split the entry into the two schemes it mixes.
    pub static RULE = Definition(check) {
        code: "CCF504",
        name: "security-scheme-property-invalid",
        severity: Error,
        microsoft: ["SecuritySchemePropertyNotValid"],
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
        for key in def.keys() {
            if key.starts_with("x-") {
                continue;
            }
            let verdict = allowed(kind, flow, key);
            let Some(allowed_for_type) = verdict else {
                // Unknown type: not this rule's business.
                break;
            };
            if allowed_for_type {
                continue;
            }
            let what = match (kind, flow) {
                ("oauth2", Some(f)) if matches!(key.as_str(), "authorizationUrl" | "tokenUrl") => {
                    format!("the `{f}` flow")
                }
                _ => format!("type `{kind}`"),
            };
            out.emit(
                cx.src,
                pointer(["securityDefinitions", name, key]),
                format!("security definition `{name}` has `{key}`, which is not valid for {what}"),
            )
            .set_help("remove the property");
        }
    }
}

/// Whether `key` belongs in a definition of this type and flow; `None` for an unknown type.
fn allowed(kind: &str, flow: Option<&str>, key: &str) -> Option<bool> {
    let common = matches!(key, "type" | "description");
    Some(match kind {
        "basic" => common,
        "apiKey" => common || matches!(key, "name" | "in"),
        "oauth2" => {
            common
                || matches!(key, "flow" | "scopes")
                || (key == "authorizationUrl" && !matches!(flow, Some("password" | "application")))
                || (key == "tokenUrl" && flow != Some("implicit"))
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn properties_of_another_type_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "implicit", "in": "header",
                    "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}},
                "key": {"type": "apiKey", "name": "k", "in": "header", "flow": "accessCode"}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF504",
                    "/securityDefinitions/oauth/in",
                    "security definition `oauth` has `in`, which is not valid for type `oauth2`"
                ),
                (
                    "CCF504",
                    "/securityDefinitions/oauth/tokenUrl",
                    "security definition `oauth` has `tokenUrl`, which is not valid for the `implicit` flow"
                ),
                (
                    "CCF504",
                    "/securityDefinitions/key/flow",
                    "security definition `key` has `flow`, which is not valid for type `apiKey`"
                ),
            ]
        );
    }

    #[test]
    fn valid_definitions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a",
                    "tokenUrl": "https://t", "scopes": {}, "description": "d", "x-ms-note": 1},
                "key": {"type": "apiKey", "name": "k", "in": "query"},
                "basic": {"type": "basic"},
                "odd": {"type": "custom", "anything": true}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
