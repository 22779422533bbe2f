use super::shared::{closest, each_holder};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An `x-ms-*` key that is not one of Microsoft's extensions.
    ///
    /// ## What
    /// A key starting with `x-ms-` on the root, `info`, a path item, an operation, a parameter,
    /// a response, a header or a schema, that is neither a Power Platform extension nor one of
    /// Microsoft's AutoRest extensions (`x-ms-enum`, `x-ms-pageable`, `x-ms-client-name`, ...).
    /// Names of headers and properties (`x-ms-request-id`) are not keys of this kind and are
    /// not reported.
    ///
    /// ## Why
    /// The platform ignores an extension it does not know, so a misspelt one (`x-ms-visibilty`,
    /// `x-ms-summmary`) silently does nothing. Accepted connectors also carry undocumented
    /// extensions the platform may read, so this is a warning, never an error.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "query", "type": "string", "x-ms-visibilty": "internal"}
    /// ```
    ///
    /// ## Fix
    /// Correct the spelling (`x-ms-visibility`), or rename a private extension to `x-...`
    /// without the `ms-`.
    pub static RULE = Definition(check) {
        code: "CCF266",
        name: "unknown-extension",
        severity: Warning,
        microsoft: ["S: root additionalProperties:false, unknown x-ms-* keys"],
    }
}

/// The `x-ms-*` extensions Microsoft documents for connectors, or uses in its own (Power
/// Platform, AutoRest and Microsoft Graph).
const KNOWN: &[&str] = &[
    "x-ms-agentic-protocol",
    "x-ms-api-annotation",
    "x-ms-api-version",
    "x-ms-apihub-cached-response",
    "x-ms-apihub-obo",
    "x-ms-azure-resource",
    "x-ms-capabilities",
    "x-ms-client-default",
    "x-ms-client-flatten",
    "x-ms-client-name",
    "x-ms-code-generation-settings",
    "x-ms-connector-metadata",
    "x-ms-deployment-version",
    "x-ms-discriminator-value",
    "x-ms-docs",
    "x-ms-docs-operation-type",
    "x-ms-dynamic-list",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-tree",
    "x-ms-dynamic-values",
    "x-ms-editor",
    "x-ms-editor-options",
    "x-ms-enum",
    "x-ms-enum-values",
    "x-ms-error-response",
    "x-ms-examples",
    "x-ms-external",
    "x-ms-header-collection-prefix",
    "x-ms-identifiers",
    "x-ms-keywords",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-media-kind",
    "x-ms-mutability",
    "x-ms-navigationProperty",
    "x-ms-no-generic-test",
    "x-ms-notification",
    "x-ms-notification-content",
    "x-ms-notification-url",
    "x-ms-odata",
    "x-ms-openai-data",
    "x-ms-openai-manifest",
    "x-ms-openai-published-to-copilots",
    "x-ms-pageable",
    "x-ms-parameter-grouping",
    "x-ms-parameter-location",
    "x-ms-parameterized-host",
    "x-ms-paths",
    "x-ms-require-user-confirmation",
    "x-ms-secret",
    "x-ms-skip-url-encoding",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-trigger",
    "x-ms-trigger-hint",
    "x-ms-trigger-metadata",
    "x-ms-url-encoding",
    "x-ms-visibility",
];

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("\"x-ms-") {
        return;
    }
    each_holder(cx, |_, holder, at| {
        for key in holder.keys() {
            if !key.starts_with("x-ms-") || KNOWN.binary_search(&key.as_str()).is_ok() {
                continue;
            }
            let d = out.emit(
                cx.src,
                at.pointer_to(cx, key),
                format!("`{key}` is not a known Microsoft extension; the platform ignores it"),
            );
            match closest(key, KNOWN.iter().copied()) {
                Some(near) => d.set_help(format!("did you mean `{near}`?")),
                None => d.set_help("keep it only if the platform is known to read it; name a private extension `x-...`"),
            };
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{KNOWN, RULE};
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn the_list_is_sorted_for_its_search() {
        assert!(KNOWN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_misspelt_extension_is_a_warning_with_a_suggestion() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "A",
                "parameters": [{"name": "id", "in": "query", "type": "string", "x-ms-visibilty": "internal"}],
                "responses": {"200": {"description": "OK", "headers": {"x-ms-request-id": {"type": "string"}}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF266", "/paths/~1a/get/parameters/0/x-ms-visibilty", "`x-ms-visibilty` is not a known Microsoft extension; the platform ignores it")]
        );
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `x-ms-visibility`?"));
    }

    #[test]
    fn known_extensions_and_header_names_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "x-ms-connector-metadata": [], "paths": {"/a": {"get": {"operationId": "A",
                "x-ms-openai-data": {}, "x-ms-visibility": "important",
                "responses": {"200": {"description": "OK", "headers": {"x-ms-request-id": {"type": "string"}},
                    "schema": {"type": "object", "properties": {"x-ms-thing": {"type": "string", "x-ms-summary": "T"}}}}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
