use super::shared::{definitions, requirements};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A security requirement names a scheme that `securityDefinitions` does not define.
    ///
    /// ## What
    /// An entry of `security`, at the root or on an operation, names a scheme that is not a key
    /// of `securityDefinitions`.
    ///
    /// ## Why
    /// Microsoft's validator reports it (`SecurityRequirementMustBeDefined`), and the requirement
    /// means nothing. The import does not enforce it (about 20 accepted connectors, certified ones
    /// among them, name undefined schemes: the platform signs in with the first security
    /// definition whatever `security` says), so it is a warning.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": {"api_key": {...}},
    /// "security": [{"API Key": []}]
    /// ```
    ///
    /// ## Fix
    /// Use the name of the definition (`"api_key"`), or remove the requirement.
    pub static RULE = Definition(check) {
        code: "CCF508",
        name: "security-requirement-undefined",
        severity: Warning,
        microsoft: ["SecurityRequirementMustBeDefined"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let defs = definitions(cx.doc);
    for req in requirements(cx) {
        if defs.is_some_and(|d| d.contains_key(req.name)) {
            continue;
        }
        out.emit(
            cx.src,
            req.pointer(),
            format!(
                "security requirement names `{}`, which `securityDefinitions` does not define",
                req.name
            ),
        )
        .set_help("use the name of a security definition, or remove the requirement");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_undefined_scheme_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {"api_key": {"type": "apiKey", "name": "k", "in": "header"}},
                "security": [{"API Key": []}],
                "paths": {"/a": {"get": {"security": [{"api_key": []}, {"oauth": []}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF508",
                    "/security/0/API Key",
                    "security requirement names `API Key`, which `securityDefinitions` does not define"
                ),
                (
                    "CCF508",
                    "/paths/~1a/get/security/1/oauth",
                    "security requirement names `oauth`, which `securityDefinitions` does not define"
                ),
            ]
        );
    }

    #[test]
    fn defined_schemes_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {"api_key": {"type": "apiKey", "name": "k", "in": "header"}},
                "security": [{"api_key": []}], "paths": {"/a": {"get": {"security": []}}}}"#,
        );
        assert!(found.is_empty());
    }
}
