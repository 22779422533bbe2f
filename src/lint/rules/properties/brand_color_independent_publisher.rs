use serde_json::Value;

use crate::lint::{ApiProperties, Emitter};

/// The colour Microsoft asks independent publishers to use.
const IP_COLOR: &str = "#da3b01";

crate::declare_rule! {
    /// An independent publisher's connector does not use iconBrandColor #da3b01.
    ///
    /// ## What
    /// Under the certification profile, a connector in an `independent-publisher-connectors/`
    /// folder (how the PowerPlatformConnectors repository tells them) must have
    /// `"iconBrandColor": "#da3b01"`.
    ///
    /// ## Why
    /// Independent publishers do not own the brand: Microsoft gives all of them one colour, and
    /// the review sends others back.
    ///
    /// ## Example
    /// `"iconBrandColor": "#1b365d"` in `independent-publisher-connectors/Contoso/`.
    ///
    /// ## Fix
    /// `"iconBrandColor": "#da3b01"`.
    pub static RULE = ApiProperties(check) {
        code: "CCF409",
        name: "brand-color-independent-publisher",
        severity: Error,
        profile: Certification,
        microsoft: ["C3 IP iconBrandColor #da3b01, no icon"],
    }
}

/// Whether a file lies in a folder of independent publishers' connectors.
pub(super) fn independent_publisher(name: &str) -> bool {
    name.replace('\\', "/")
        .to_ascii_lowercase()
        .split('/')
        .any(|part| part == "independent-publisher-connectors")
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    if !independent_publisher(&cx.src.name) {
        return;
    }
    let color = cx.doc.pointer("/properties/iconBrandColor");
    if color
        .and_then(Value::as_str)
        .is_some_and(|c| c.trim().eq_ignore_ascii_case(IP_COLOR))
    {
        return;
    }
    let (at, message) = match color {
        Some(c) => (
            "/properties/iconBrandColor",
            format!("an independent publisher's connector uses `iconBrandColor` {IP_COLOR}, not {c}"),
        ),
        None => (
            "/properties",
            format!("an independent publisher's connector needs `iconBrandColor` {IP_COLOR}"),
        ),
    };
    out.emit(cx.src, at, message)
        .set_help(format!("set `\"iconBrandColor\": \"{IP_COLOR}\"`"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_independent_publisher_folders_count() {
        assert!(independent_publisher(
            "corpus/independent-publisher-connectors/Contoso/apiProperties.json"
        ));
        assert!(!independent_publisher("certified-connectors/Contoso/apiProperties.json"));
    }
}
