use crate::lint::file_schemas::check_api_properties;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// apiProperties.json does not have the shape the platform reads.
    ///
    /// ## What
    /// apiProperties.json is checked against `schemas/api-properties.schema.json`: `properties`
    /// is there; each connection parameter (in `connectionParameters` and in each
    /// `connectionParameterSets` value) has a `type` of `string`, `securestring`,
    /// `oauthSetting`, `gatewaySetting`, `int` or `bool`; its `uiDefinition` constraints are
    /// booleans (or `"true"`/`"false"`) and a whole `tabIndex`; OAuth settings have an
    /// `identityProvider`, string `clientId`, a list of `scopes` and custom parameters of the form
    /// `{"value": "..."}`; `capabilities` is a list of `actions`, `triggers`, `gateway`, `cloud`
    /// (a warning otherwise); policy template instances have a `templateId` and `parameters`, an
    /// operation list in `x-ms-apimTemplate-operationName` and a `policySection` of `Request`
    /// or `Response`; `publisher`, `stackOwner` are strings and `scriptOperations` a list of
    /// them. Keys the schema does not know are allowed. A value that differs from an allowed one
    /// only in letter case is a warning.
    ///
    /// ## Why
    /// The platform reads these keys to build the connection dialog, the sign-in and the
    /// policies; a wrong type or value fails the import or silently drops the setting.
    ///
    /// ## Example
    /// ```json
    /// "api_key": {"type": "password", "uiDefinition": {"constraints": {"tabIndex": "2"}}}
    /// ```
    ///
    /// ## Fix
    /// Use the type or value the message names (`"type": "securestring"`, `"tabIndex": 2`).
    pub static RULE = ApiProperties(check) {
        code: "CCF405",
        name: "properties-schema",
        severity: Error,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    for f in check_api_properties(cx.doc) {
        let d = out.emit_as(f.severity, cx.src, f.pointer, f.message);
        if let Some(help) = f.help {
            d.set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn a_wrong_parameter_type_is_reported_at_its_node() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {"key": {"type": "password"}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF405",
                "/properties/connectionParameters/key/type",
                "`type` is `password`; apiProperties.json allows string, securestring, oauthSetting, gatewaySetting, int, bool"
            )]
        );
    }

    #[test]
    fn a_documented_file_passes() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"connectionParameters": {"key": {"type": "securestring"}}, "capabilities": ["actions"]}}"#,
        );
        assert!(found.is_empty());
    }
}
