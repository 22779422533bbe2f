use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// A key meant as an extension is not spelled `x-...`.
    ///
    /// ## What
    /// A key the object does not allow that looks like a vendor extension but does not start
    /// with a lowercase `x-`: `X-ms-summary`, `X-MS-VISIBILITY`, `x_ms_summary`.
    ///
    /// ## Why
    /// Only keys starting with `x-` are extensions; any other unknown key is rejected on import
    /// (`ExtensionNameNotValid`), and a misspelt `x-ms-*` key does nothing in the designer.
    ///
    /// ## Example
    /// ```json
    /// {"name": "q", "in": "query", "type": "string", "X-ms-summary": "Query"}
    /// ```
    ///
    /// ## Fix
    /// Spell it with a lowercase `x-` (`x-ms-summary`).
    pub static RULE = Definition(check) {
        code: "CCF112",
        name: "extension-name-invalid",
        severity: Error,
        microsoft: ["ExtensionNameNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::ExtensionName, |f| {
        let key = crate::diagnostic::unescape_token(f.pointer.rsplit('/').next()?);
        Some(format!(
            "write `x-{}`",
            key.get(2..)?.replace('_', "-").to_ascii_lowercase()
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_uppercase_extension_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "X-ms-visibility": "internal", "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF112",
                "/paths/~1a/get/X-ms-visibility",
                "`X-ms-visibility` is not a valid extension name: extension keys start with a lowercase `x-`"
            )]
        );
        assert_eq!(found[0].help.as_deref(), Some("write `x-ms-visibility`"));
    }

    #[test]
    fn lowercase_extensions_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "x-ms-visibility": "internal", "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
