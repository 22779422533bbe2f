
use super::shared::definitions;
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// More than one security definition: the platform uses only the first.
    ///
    /// ## What
    /// `securityDefinitions` has more than one entry. It is a warning; an info when
    /// apiProperties.json declares `connectionParameterSets` (several ways to sign in), where
    /// the connection sets, not the definitions, decide.
    ///
    /// ## Why
    /// Power Platform silently uses the first security definition and ignores the others, so an
    /// API key declared second, say, is never asked for.
    ///
    /// ## Example
    /// ```json
    /// "securityDefinitions": {"oauth": {"type": "oauth2", ...}, "key": {"type": "apiKey", ...}}
    /// ```
    ///
    /// ## Fix
    /// Keep the one definition the connector uses; for several ways to sign in, use
    /// `connectionParameterSets` in apiProperties.json.
    pub static RULE = Definition(check) {
        code: "CCF507",
        name: "several-security-definitions",
        severity: Warning,
        microsoft: ["P3 first security definition used"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(defs) = definitions(cx.doc) else {
        return;
    };
    if defs.len() < 2 {
        return;
    }
    let sets = cx.api_properties.is_some_and(|p| {
        p.value
            .pointer("/properties/connectionParameterSets")
            .is_some_and(|s| !s.is_null())
    });
    let severity = if sets {
        Severity::Info
    } else {
        Severity::Warning
    };
    let first = defs.keys().next().map(String::as_str).unwrap_or_default();
    out.emit_as(
        severity,
        cx.src,
        "/securityDefinitions",
        format!(
            "{} security definitions are declared; Power Platform silently uses only the first (`{first}`)",
            defs.len()
        ),
    )
    .set_help("keep one definition, or use connectionParameterSets in apiProperties.json for several auth options");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition, lint_files};

    const TWO: &str = r#"{"swagger": "2.0", "securityDefinitions": {
        "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}},
        "key": {"type": "apiKey", "name": "k", "in": "header"}
    }}"#;

    #[test]
    fn two_definitions_are_reported() {
        let found = lint_definition(&RULE, TWO);
        assert_eq!(
            findings(&found),
            [(
                "CCF507",
                "/securityDefinitions",
                "2 security definitions are declared; Power Platform silently uses only the first (`oauth`)"
            )]
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn with_connection_sets_it_is_a_note() {
        let found = lint_files(
            &RULE,
            Some(TWO),
            Some(r#"{"properties": {"connectionParameterSets": {"values": []}}}"#),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
    }

    #[test]
    fn one_definition_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "securityDefinitions": {"basic": {"type": "basic"}}}"#,
        );
        assert!(found.is_empty());
    }
}
