use serde_json::Value;

use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// iconBrandColor is the default blue #007ee5 or white #ffffff.
    ///
    /// ## What
    /// Under the certification profile, `properties.iconBrandColor` must be the brand's own
    /// colour: not `#007ee5` (the colour the portal fills in) and not `#ffffff` (white, on
    /// which a white icon disappears). Letter case does not matter.
    ///
    /// ## Why
    /// The certification review sends connectors back with the default or a white colour.
    ///
    /// ## Example
    /// `"iconBrandColor": "#007ee5"`
    ///
    /// ## Fix
    /// Use the brand's colour as `#RRGGBB` (independent publishers use `#da3b01`).
    pub static RULE = ApiProperties(check) {
        code: "CCF408",
        name: "brand-color-default",
        severity: Error,
        profile: Certification,
        microsoft: ["C3 iconBrandColor not #007ee5/#ffffff"],
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let Some(color) = cx
        .doc
        .pointer("/properties/iconBrandColor")
        .and_then(Value::as_str)
    else {
        return;
    };
    let what = match color.trim().to_ascii_lowercase().as_str() {
        "#007ee5" => "the portal's default blue",
        "#ffffff" => "white",
        _ => return,
    };
    out.emit(
        cx.src,
        "/properties/iconBrandColor",
        format!("`iconBrandColor` is {color}, {what}; certification needs the brand's own colour"),
    )
    .set_help("use the brand's colour as #RRGGBB");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_api_properties};

    #[test]
    fn the_default_blue_is_reported() {
        let found = lint_api_properties(&RULE, r##"{"properties": {"iconBrandColor": "#007EE5"}}"##);
        assert_eq!(
            findings(&found),
            [(
                "CCF408",
                "/properties/iconBrandColor",
                "`iconBrandColor` is #007EE5, the portal's default blue; certification needs the brand's own colour"
            )]
        );
        assert_eq!(RULE.code.profile, crate::diagnostic::Profile::Certification);
    }

    #[test]
    fn a_brand_colour_passes() {
        assert!(lint_api_properties(&RULE, r##"{"properties": {"iconBrandColor": "#1b365d"}}"##).is_empty());
    }
}
