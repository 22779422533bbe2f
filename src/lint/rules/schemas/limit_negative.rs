use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A length, item or property count limit is negative.
    ///
    /// ## What
    /// `maxLength`, `minLength`, `maxItems`, `minItems`, `maxProperties` or `minProperties` of a
    /// schema, non-body parameter, `items` or response header is below zero.
    ///
    /// ## Why
    /// Lengths and counts are never negative; Microsoft's validator rejects such a limit (one rule
    /// per keyword, such as `MaxLengthMustBeGreaterThanOrEqualToZero`).
    ///
    /// ## Example
    /// ```json
    /// "name": {"type": "string", "maxLength": -1}
    /// ```
    ///
    /// ## Fix
    /// Remove the limit when there is none (`-1` is not "unlimited" here), or set it to zero or
    /// more.
    pub static RULE = Definition(check) {
        code: "CCF140",
        name: "limit-negative",
        severity: Error,
        microsoft: [
            "MaxItemsMustBeGreaterThanOrEqualToZero",
            "MaxLengthMustBeGreaterThanOrEqualToZero",
            "MaxPropertiesMustBeGreaterThanOrEqualToZero",
            "MinItemsMustBeGreaterThanOrEqualToZero",
            "MinLengthMustBeGreaterThanOrEqualToZero",
            "MinPropertiesMustBeGreaterThanOrEqualToZero",
        ],
    }
}

const LIMITS: &[&str] = &[
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
];

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::MAX_LENGTH
            | keyword::MIN_LENGTH
            | keyword::MAX_ITEMS
            | keyword::MIN_ITEMS
            | keyword::MAX_PROPERTIES
            | keyword::MIN_PROPERTIES, &mut |h: &Holder| {
        for key in LIMITS {
            let Some(v) = h.field(key) else { continue };
            if v.as_f64().is_some_and(|n| n < 0.0) {
                out.emit(
                    cx.src,
                    h.pointer_to(cx, key),
                    format!("`{key}` is {v}; it must be zero or more"),
                );
            }
        }
    });
}


#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn negative_limits_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "q", "in": "query", "type": "string", "maxLength": -1}]}}},
                "definitions": {"L": {"type": "array", "items": {}, "minItems": -2}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF140", "/definitions/L/minItems", "`minItems` is -2; it must be zero or more"),
                (
                    "CCF140",
                    "/paths/~1a/get/parameters/0/maxLength",
                    "`maxLength` is -1; it must be zero or more"
                ),
            ]
        );
    }

    #[test]
    fn zero_and_positive_limits_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"S": {"type": "string", "minLength": 0, "maxLength": 5}}}"#,
        );
        assert!(found.is_empty());
    }
}
