use crate::value::Lookup;
use serde_json::Value;

use super::shared::{entry_name, is_placeholder};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-connector-metadata` lists more than two categories.
    ///
    /// ## What
    /// The `Categories` value names more than two categories (semicolon-separated). Certification
    /// profile.
    ///
    /// ## Why
    /// Certification allows at most two; Microsoft's certification validator reports
    /// `TooManyConnectorCategories`.
    ///
    /// ## Example
    /// ```json
    /// {"propertyName": "Categories", "propertyValue": "Data;Productivity;Collaboration"}
    /// ```
    ///
    /// ## Fix
    /// Keep the two that fit best.
    pub static RULE = Definition(check) {
        code: "CCF480",
        name: "too-many-categories",
        severity: Error,
        profile: Certification,
        microsoft: ["TooManyConnectorCategories"],
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
    let n = value.split(';').filter(|c| !c.trim().is_empty()).count();
    if n > 2 {
        out.emit(cx.src, at, format!("{n} categories are listed; certification allows at most two"))
            .set_help("keep the two that fit best");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn three_categories_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Categories", "propertyValue": "Data;Productivity;Collaboration"}]}"#);
        assert_eq!(
            findings(&found),
            [("CCF480", "/x-ms-connector-metadata/0/propertyValue", "3 categories are listed; certification allows at most two")]
        );
    }

    #[test]
    fn two_categories_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Categories", "propertyValue": "Data;Productivity;"}]}"#).is_empty());
    }
}
