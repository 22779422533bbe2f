use crate::value::Lookup;
use serde_json::Value;

use super::shared::{CATEGORIES, entry_name, is_placeholder};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A category in `x-ms-connector-metadata` is not one of the documented ones.
    ///
    /// ## What
    /// An entry of the `Categories` value (semicolon-separated) is not one of AI, Business
    /// Management,
    /// Business Intelligence, Collaboration, Commerce, Communication, Content and Files, Finance,
    /// Data,
    /// Human Resources, Internet of Things, IT Operations, Lifestyle and Entertainment, Marketing,
    /// Productivity, Sales and CRM, Security, Social Media, Website (exactly, letter case
    /// included).
    /// Certification profile.
    ///
    /// ## Why
    /// Microsoft's certification validator reports `InvalidConnectorCategory`; the catalogue files
    /// connectors under these categories only.
    ///
    /// ## Example
    /// ```json
    /// {"propertyName": "Categories", "propertyValue": "CRM;Productivity"}
    /// ```
    ///
    /// ## Fix
    /// Choose from the list: `Sales and CRM;Productivity`.
    pub static RULE = Definition(check) {
        code: "CCF479",
        name: "connector-category-invalid",
        severity: Error,
        profile: Certification,
        microsoft: ["InvalidConnectorCategory"],
    }
}

/// The Categories entry's value and its pointer.
fn categories(doc: &Value) -> Option<(&str, String)> {
    let list = doc.field("x-ms-connector-metadata")?.as_array()?;
    list.iter().enumerate().find_map(|(i, e)| {
        let named = entry_name(e).is_some_and(|n| n.trim().eq_ignore_ascii_case("Categories"));
        let value = e.field("propertyValue").and_then(Value::as_str)?;
        (named && !is_placeholder(value))
            .then(|| (value, format!("/x-ms-connector-metadata/{i}/propertyValue")))
    })
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some((value, at)) = categories(cx.doc) else {
        return;
    };
    for c in value.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        if CATEGORIES.contains(&c) {
            continue;
        }
        let close = CATEGORIES.iter().find(|k| k.eq_ignore_ascii_case(c));
        let d = out.emit(cx.src, at.as_str(), format!("`{c}` is not one of the documented connector categories"));
        match close {
            Some(k) => d.set_help(format!("write it as `{k}`")),
            None => d.set_help(format!("choose from: {}", CATEGORIES.join(", "))),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn unknown_categories_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Categories", "propertyValue": "CRM; Productivity"}]}"#);
        assert_eq!(
            findings(&found),
            [("CCF479", "/x-ms-connector-metadata/0/propertyValue", "`CRM` is not one of the documented connector categories")]
        );
    }

    #[test]
    fn documented_categories_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Categories", "propertyValue": "Sales and CRM;Productivity"}]}"#).is_empty());
    }
}
