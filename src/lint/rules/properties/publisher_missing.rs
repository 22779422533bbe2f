use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// apiProperties.json has no publisher or no stackOwner.
    ///
    /// ## What
    /// Under the certification profile, `properties.publisher` (who publishes the connector)
    /// and `properties.stackOwner` (who owns the service behind it) must both be non-empty
    /// strings. Independent publishers put their own name in `publisher` and the service's
    /// owner in `stackOwner`.
    ///
    /// ## Why
    /// The certification review checks both; the catalogue shows them.
    ///
    /// ## Example
    /// `"properties": {"iconBrandColor": "#1b365d", "capabilities": []}`
    ///
    /// ## Fix
    /// Add `"publisher": "Contoso"` and `"stackOwner": "Contoso"`.
    pub static RULE = ApiProperties(check) {
        code: "CCF410",
        name: "publisher-missing",
        severity: Error,
        profile: Certification,
        microsoft: ["C6 publisher & stackOwner in apiProperties"],
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let Some(props) = cx.doc.field("properties").and_then(Value::as_object) else {
        return;
    };
    for key in ["publisher", "stackOwner"] {
        match props.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => {
                out.emit(
                    cx.src,
                    format!("/properties/{key}"),
                    format!("`{key}` is empty; certification needs it"),
                )
                .set_help(format!("set `{key}` to the company's name"));
            }
            None => {
                out.emit(
                    cx.src,
                    "/properties",
                    format!("apiProperties.json has no `{key}`; certification needs it"),
                )
                .set_help(format!("add `\"{key}\": \"<company name>\"`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn missing_and_empty_owners_are_reported() {
        let found = lint_api_properties(&RULE, r#"{"properties": {"publisher": " "}}"#);
        assert_eq!(
            findings(&found),
            [
                ("CCF410", "/properties/publisher", "`publisher` is empty; certification needs it"),
                ("CCF410", "/properties", "apiProperties.json has no `stackOwner`; certification needs it"),
            ]
        );
    }

    #[test]
    fn both_set_pass() {
        let found = lint_api_properties(&RULE, r#"{"properties": {"publisher": "C", "stackOwner": "C"}}"#);
        assert!(found.is_empty());
    }
}
