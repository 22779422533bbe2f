use crate::diagnostic::pointer;
use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// iconBrandColor is not a #RRGGBB colour.
    ///
    /// ## What
    /// `properties.iconBrandColor` in apiProperties.json is not a colour of the form `#RRGGBB`.
    ///
    /// ## Why
    /// The platform uses it as the connector icon's background and rejects other forms.
    ///
    /// ## Example
    /// `"iconBrandColor": "blue"`
    ///
    /// ## Fix
    /// Use six hex digits, e.g. `"#007ee5"`.
    pub static RULE = ApiProperties(check) {
        code: "CCF404",
        name: "brand-color-invalid",
        severity: Error,
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let Some(v) = cx.doc.pointer("/properties/iconBrandColor") else {
        return;
    };
    let ok = v.as_str().is_some_and(|s| {
        s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
    });
    if !ok {
        out.emit(
            cx.src,
            pointer(["properties", "iconBrandColor"]),
            format!("`iconBrandColor` {v} is not a #RRGGBB colour"),
        )
        .set_help("use six hex digits, e.g. \"#007ee5\"");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn a_colour_name_is_reported() {
        let found = lint_api_properties(&RULE, r#"{"properties": {"iconBrandColor": "blue"}}"#);
        assert_eq!(
            findings(&found),
            [(
                "CCF404",
                "/properties/iconBrandColor",
                "`iconBrandColor` \"blue\" is not a #RRGGBB colour"
            )]
        );
    }

    #[test]
    fn six_hex_digits_pass() {
        let found = lint_api_properties(&RULE, r##"{"properties": {"iconBrandColor": "#007ee5"}}"##);
        assert!(found.is_empty());
    }
}
