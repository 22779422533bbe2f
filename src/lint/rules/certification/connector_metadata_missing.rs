use crate::value::Lookup;
use serde_json::Value;

use super::shared::{ENTRIES, entry_name};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-connector-metadata` is missing, or lacks Website, Privacy policy or Categories.
    ///
    /// ## What
    /// The root `x-ms-connector-metadata` list is missing, or has no entry (by `propertyName`, any
    /// case) with a non-empty `propertyValue` for `Website`, `Privacy policy` or `Categories`.
    /// Certification profile.
    ///
    /// ## Why
    /// Certification requires the three entries; Microsoft's certification validator reports
    /// `ConnectorMetadataPropertiesMissing`.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://contoso.com"}]
    /// ```
    ///
    /// ## Fix
    /// Add the missing entries. `ccforge fix --profile certification` writes placeholders where
    /// they
    /// go (see `placeholder-unfilled`).
    pub static RULE = Definition(check) {
        code: "CCF478",
        name: "connector-metadata-missing",
        severity: Error,
        profile: Certification,
        microsoft: ["ConnectorMetadataPropertiesMissing"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(list) = cx.doc.field("x-ms-connector-metadata") else {
        out.emit(cx.src, "", "the definition has no `x-ms-connector-metadata`; certification requires Website, Privacy policy and Categories")
            .set_help("add the list (`ccforge fix --profile certification` writes placeholders)");
        return;
    };
    let Some(list) = list.as_array() else {
        out.emit(cx.src, "/x-ms-connector-metadata", "`x-ms-connector-metadata` is not a list of `propertyName`/`propertyValue` entries");
        return;
    };
    let missing: Vec<&str> = ENTRIES
        .iter()
        .copied()
        .filter(|name| {
            !list.iter().any(|e| {
                entry_name(e).is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
                    && e.field("propertyValue").and_then(Value::as_str).is_some_and(|v| !v.trim().is_empty())
            })
        })
        .collect();
    if !missing.is_empty() {
        out.emit(
            cx.src,
            "/x-ms-connector-metadata",
            format!("`x-ms-connector-metadata` has no {}", missing.join(", ")),
        )
        .set_help("certification requires Website, Privacy policy and Categories entries");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn missing_entries_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://contoso.com"}, {"propertyName": "Categories", "propertyValue": ""}]}"#);
        assert_eq!(
            findings(&found),
            [("CCF478", "/x-ms-connector-metadata", "`x-ms-connector-metadata` has no Privacy policy, Categories")]
        );
        let found = lint_definition(&RULE, r#"{"swagger": "2.0"}"#);
        assert_eq!(findings(&found)[0].1, "");
    }

    #[test]
    fn all_entries_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://contoso.com"}, {"propertyName": "Privacy Policy", "propertyValue": "https://contoso.com/p"}, {"propertyName": "Categories", "propertyValue": "Data"}]}"#).is_empty());
    }
}
