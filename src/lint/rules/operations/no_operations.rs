use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The definition has no operations.
    ///
    /// ## What
    /// `paths` holds no operation: it is empty, or its path items have no method. (A definition
    /// without `paths` gets `required-property-missing` instead.)
    ///
    /// ## Why
    /// A connector's actions and triggers are its operations. One without any imports as a
    /// connector that flows, apps and agents can add but never use, which is almost always a
    /// mistake: the wrong file, a collection whose requests all failed to convert, an OpenAPI
    /// definition that only declares webhooks, or a selection (`--include`, `--tag`) that
    /// matched nothing.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Things", "version": "1.0" }, "paths": {} }
    /// ```
    ///
    /// ## Fix
    /// Add the API's operations, or check that the file is the one you meant. When converting,
    /// the requests or operations that could not be converted are reported where they are.
    pub static RULE = Definition(check) {
        code: "CCF234",
        name: "no-operations",
        severity: Warning,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    // Without `paths` at all, `required-property-missing` says so.
    if cx.operations.is_empty() && cx.doc.field("paths").is_some() {
        out.emit(
            cx.src,
            "/paths",
            "the definition has no operations: the connector would have no actions or triggers",
        )
        .set_help(
            "add the API's operations, or check that this is the file you meant; when converting, \
             what could not be converted is reported where it is",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn empty_paths_are_reported() {
        for doc in [
            r#"{"swagger": "2.0", "paths": {}}"#,
            r#"{"swagger": "2.0", "paths": {"/things": {"parameters": []}}}"#,
        ] {
            assert_eq!(
                findings(&lint_definition(&RULE, doc)),
                [(
                    "CCF234",
                    "/paths",
                    "the definition has no operations: the connector would have no actions or triggers"
                )],
                "{doc}"
            );
        }
    }

    #[test]
    fn missing_paths_are_left_to_the_structure_rule() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0"}"#).is_empty());
    }

    #[test]
    fn one_operation_passes() {
        let doc = r#"{"swagger": "2.0", "paths": {"/things": {"get": {}}}}"#;
        assert!(lint_definition(&RULE, doc).is_empty());
    }
}
