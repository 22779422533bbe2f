use serde_json::Value;

use super::shared::product_names;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The connector's description names a Power Platform product.
    ///
    /// ## What
    /// `info.description` mentions Power Apps, Power Automate or Logic Apps (whole words, any case,
    /// with or without the inner space). Certification profile.
    ///
    /// ## Why
    /// The connector appears in all of these products, so certification keeps their names out of
    /// its
    /// description; Microsoft's certification validator reports `ValueContainsRestrictedWords`.
    ///
    /// ## Example
    /// ```json
    /// "description": "Use Contoso in Power Automate to track parcels."
    /// ```
    ///
    /// ## Fix
    /// Describe the service, not where it is used: `Track Contoso parcels from pickup to delivery.`
    pub static RULE = Definition(check) {
        code: "CCF474",
        name: "description-product-names",
        severity: Error,
        profile: Certification,
        microsoft: ["ValueContainsRestrictedWords"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(description) = cx.doc.pointer("/info/description").and_then(Value::as_str) else {
        return;
    };
    let names = product_names(description);
    if names.is_empty() {
        return;
    }
    out.emit(
        cx.src,
        "/info/description",
        format!(
            "the description names {}; certification keeps product names out of it",
            names.join(", ")
        ),
    )
    .set_help("describe the service, not the products it is used in");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn product_names_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"description": "Use Contoso in Power Automate to track parcels."}}"#);
        assert_eq!(
            findings(&found),
            [("CCF474", "/info/description", "the description names Power Automate; certification keeps product names out of it")]
        );
    }

    #[test]
    fn a_plain_description_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"description": "Track Contoso parcels."}}"#).is_empty());
    }
}
