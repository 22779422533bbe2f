use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// The connector offers several authentication types (connectionParameterSets).
    ///
    /// ## What
    /// `properties.connectionParameterSets` in apiProperties.json gives users a choice of
    /// authentication types. This is information, not a problem: such a connector is created and
    /// updated with Microsoft's CLI (`paconn`, `pac connector`); the portal's custom connector
    /// wizard cannot edit it.
    ///
    /// ## Why
    /// Saving the connector from the portal wizard drops or breaks the parameter sets.
    ///
    /// ## Example
    /// `"connectionParameterSets": {"uiDefinition": {...}, "values": [{"name": "oauth", ...}, {"name": "apikey", ...}]}`
    ///
    /// ## Fix
    /// Nothing to fix; maintain the connector with the CLI and from source control.
    pub static RULE = ApiProperties(check) {
        code: "CCF412",
        name: "multi-auth-cli-only",
        severity: Info,
        microsoft: ["P7 multi-auth not in wizard"],
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    if cx.doc.pointer("/properties/connectionParameterSets").is_some() {
        out.emit(
            cx.src,
            "/properties/connectionParameterSets",
            "several authentication types (connectionParameterSets): update this connector with the CLI; the portal wizard cannot edit it",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn parameter_sets_are_noted() {
        let found = lint_api_properties(&RULE, r#"{"properties": {"connectionParameterSets": {"values": []}}}"#);
        assert_eq!(findings(&found).len(), 1);
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Info);
        assert!(lint_api_properties(&RULE, r#"{"properties": {"connectionParameters": {}}}"#).is_empty());
    }
}
