use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `swagger` must be the string "2.0".
    ///
    /// ## What
    /// The root `swagger` member is not exactly the string `"2.0"`.
    ///
    /// ## Why
    /// Power Platform imports only Swagger 2.0 and rejects a number `2.0` or any other version.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": 2.0 }
    /// ```
    ///
    /// ## Fix
    /// Write `"swagger": "2.0"`.
    pub static RULE = Definition(check) {
        code: "CCF101",
        name: "swagger-version",
        severity: Error,
        microsoft: ["SpecificationVersionIncorrect"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    match cx.doc.field("swagger") {
        Some(Value::String(s)) if s == "2.0" => {}
        Some(v) => {
            out.emit(
                cx.src,
                "/swagger",
                format!("`swagger` is {v}, not the string \"2.0\""),
            )
            .set_help("write \"swagger\": \"2.0\"");
        }
        None => {
            out.emit(cx.src, "", "the document has no `swagger` member")
                .set_help("add \"swagger\": \"2.0\" at the top");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_number_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": 2.0, "paths": {}}"#);
        assert_eq!(
            findings(&found),
            [("CCF101", "/swagger", "`swagger` is 2.0, not the string \"2.0\"")]
        );
    }

    #[test]
    fn a_missing_version_is_reported_at_the_root() {
        let found = lint_definition(&RULE, r#"{"paths": {}}"#);
        assert_eq!(
            findings(&found),
            [("CCF101", "", "the document has no `swagger` member")]
        );
    }

    #[test]
    fn the_string_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {}}"#).is_empty());
    }
}
