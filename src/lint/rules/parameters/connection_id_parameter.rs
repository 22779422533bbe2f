use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter is named `connectionId`, which the platform reserves.
    ///
    /// ## What
    /// A parameter is named `connectionId`.
    ///
    /// ## Why
    /// The platform adds its own `connectionId` to every call and rejects definitions that declare
    /// one (`ConnectionIdParameterNotAllowed`). Microsoft's validator also has a general
    /// `ReservedParameterIsUsed`, but publishes no list of reserved names beyond `connectionId`, so
    /// this rule checks only that one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "connectionId", "in": "path", ...}
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter.
    pub static RULE = Definition(check) {
        code: "CCF307",
        name: "connection-id-parameter",
        severity: Error,
        microsoft: ["ConnectionIdParameterNotAllowed", "ReservedParameterIsUsed"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.name() == Some("connectionId") {
            out.emit(
                cx.src,
                p.member_pointer("name"),
                "a parameter may not be named `connectionId`; the platform reserves it",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn used_and_unused_shared_parameters_are_reported_once() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/conn"}]}}},
                "parameters": {
                    "conn": {"name": "connectionId", "in": "query", "type": "string"},
                    "spare": {"name": "connectionId", "in": "header", "type": "string"}
                }}"##,
        );
        let message = "a parameter may not be named `connectionId`; the platform reserves it";
        assert_eq!(
            findings(&found),
            [
                ("CCF307", "/parameters/conn/name", message),
                ("CCF307", "/parameters/spare/name", message),
            ]
        );
    }

    #[test]
    fn other_names_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "connection", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
