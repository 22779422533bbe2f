//! Gives the definition an `x-ms-connector-metadata` skeleton whose missing entries are
//! placeholders.

use crate::value::Lookup;
use serde_json::{Value, json};

use crate::connector::PassOut;
use crate::connector::placeholder;

crate::declare_pass! {
    /// Pass (certification): a missing `x-ms-connector-metadata`, or its missing Website, Privacy
    /// policy or Categories entry, is written as a placeholder to fill in.
    ///
    /// ## What
    /// A connector pass of the certification profile (it runs with `--profile certification` or
    /// `profile = "certification"`, or when switched on in `[passes]`). When the root
    /// `x-ms-connector-metadata` list or one of its `Website`, `Privacy policy` and `Categories`
    /// entries is missing, the entry is added with a placeholder value. Nothing is invented and
    /// nothing present is changed.
    ///
    /// ## Why
    /// Certification requires the three entries; the placeholders show where they go, and
    /// `placeholder-unfilled` reports each one until a person fills it in.
    ///
    /// ## Example
    /// A definition without the list gains
    /// `"x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://todo.invalid/website"}, ...]`.
    ///
    /// ## Fix
    /// Replace the placeholders with the publisher's website, privacy policy and one or two
    /// categories from the documented list.
    pub static CONNECTOR_METADATA = Pass(run) {
        code: "CCF615",
        name: "fix-connector-metadata",
        profile: Certification,
    }
}

/// The categories certification accepts, as Microsoft's submission guide lists them.
pub const CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// The entries certification requires, by `propertyName`.
pub const ENTRIES: &[&str] = &["Website", "Privacy policy", "Categories"];

/// The `propertyName` of a metadata entry.
pub fn entry_name(entry: &Value) -> Option<&str> {
    entry.field("propertyName").and_then(Value::as_str)
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    let list = root
        .entry("x-ms-connector-metadata")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Some(list) = list.as_array_mut() else {
        return;
    };
    let mut added = Vec::new();
    for name in ENTRIES {
        if list
            .iter()
            .any(|e| entry_name(e).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        {
            continue;
        }
        let value = match *name {
            "Website" => placeholder::url("website"),
            "Privacy policy" => placeholder::url("privacy-policy"),
            _ => placeholder::text("one or two categories from the documented list, separated by ;"),
        };
        list.push(json!({"propertyName": name, "propertyValue": value}));
        added.push(*name);
    }
    if !added.is_empty() {
        out.note(
            "/x-ms-connector-metadata",
            format!(
                "placeholder {} added: fill in the publisher's details",
                added.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_entries_become_placeholders() {
        let found = crate::connector::passes::bad_good(
            &CONNECTOR_METADATA,
            json!({"swagger": "2.0", "x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://contoso.com"}]}),
            json!({"swagger": "2.0", "x-ms-connector-metadata": [
                {"propertyName": "Website", "propertyValue": "https://contoso.com"},
                {"propertyName": "Privacy policy", "propertyValue": "https://todo.invalid/privacy-policy"},
                {"propertyName": "Categories", "propertyValue": "TODO: one or two categories from the documented list, separated by ;"}]}),
        );
        assert_eq!(
            found,
            [(
                "/x-ms-connector-metadata".to_string(),
                "placeholder Privacy policy, Categories added: fill in the publisher's details"
                    .to_string()
            )]
        );
    }
}
