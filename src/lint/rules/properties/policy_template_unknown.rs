use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{ApiProperties, Emitter};

/// The policy templates custom connectors use (Microsoft's policy template list and accepted
/// connectors); compared without regard to letter case, which accepted connectors vary.
const KNOWN: &[&str] = &[
    "setheader",
    "setqueryparameter",
    "setproperty",
    "dynamichosturl",
    "dynamicsubdomain",
    "routerequesttoendpoint",
    "updatenextlink",
    "pollingtrigger",
    "stringreplace",
    "stringtoarray",
    "convertobjecttoarray",
    "convertarraytoobject",
    "setvaluefromurl",
    "setconnectionstatustounauthenticated",
    "moveproperties",
    "encodepropertyvalue",
    "setheaderfromurl",
    "setqueryparameterfromurl",
    "arraytoobject",
];

crate::declare_rule! {
    /// A policy template instance names a template custom connectors do not have.
    ///
    /// ## What
    /// `templateId` of each entry of `properties.policyTemplateInstances` should be one of the
    /// policy templates custom connectors offer (`setheader`, `setqueryparameter`,
    /// `setproperty`, `dynamichosturl`, `routerequesttoendpoint`, `updatenextlink`,
    /// `pollingtrigger`, `stringreplace`, `convertobjecttoarray`, `convertarraytoobject`,
    /// `setvaluefromurl`, ...), in any letter case. A warning: the list grows.
    ///
    /// ## Why
    /// An unknown template is rejected on import, or does nothing.
    ///
    /// ## Example
    /// `"templateId": "setheaders"`
    ///
    /// ## Fix
    /// Use the template's id as the portal writes it (`setheader`).
    pub static RULE = ApiProperties(check) {
        code: "CCF414",
        name: "policy-template-unknown",
        severity: Warning,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let instances = cx
        .doc
        .pointer("/properties/policyTemplateInstances")
        .and_then(Value::as_array);
    for (i, instance) in instances.into_iter().flatten().enumerate() {
        let Some(id) = instance.field("templateId").and_then(Value::as_str) else {
            continue;
        };
        if !KNOWN.iter().any(|k| k.eq_ignore_ascii_case(id)) {
            out.emit(
                cx.src,
                format!("/properties/policyTemplateInstances/{i}/templateId"),
                format!("`{id}` is not a policy template custom connectors offer"),
            )
            .set_help("check the template id (for example setheader, dynamichosturl, routerequesttoendpoint)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn an_unknown_template_is_reported_and_known_ones_pass() {
        let found = lint_api_properties(
            &RULE,
            r#"{"properties": {"policyTemplateInstances": [
                {"templateId": "SetHeader", "parameters": {}},
                {"templateId": "setheaders", "parameters": {}}]}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF414",
                "/properties/policyTemplateInstances/1/templateId",
                "`setheaders` is not a policy template custom connectors offer"
            )]
        );
    }
}
