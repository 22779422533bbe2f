use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A lower bound is greater than its upper bound.
    ///
    /// ## What
    /// In a schema, non-body parameter, `items` or response header, `minimum` is greater than
    /// `maximum`, `minItems` than `maxItems`, or `minLength` than `maxLength`.
    ///
    /// ## Why
    /// No value can satisfy both bounds; Microsoft's validator rejects the pair
    /// (`MinimumShouldBeLessThanOrEqualToMaximum`, `MinItemsShouldBeLessThanOrEqualToMaxItems`,
    /// `MinLengthShouldBeLessThanOrEqualToMaxLength`).
    ///
    /// ## Example
    /// ```json
    /// "code": {"type": "string", "minLength": 8, "maxLength": 4}
    /// ```
    ///
    /// ## Fix
    /// Swap the values if they were entered the wrong way round, or correct the one that is wrong.
    pub static RULE = Definition(check) {
        code: "CCF141",
        name: "min-above-max",
        severity: Error,
        microsoft: [
            "MinimumShouldBeLessThanOrEqualToMaximum",
            "MinItemsShouldBeLessThanOrEqualToMaxItems",
            "MinLengthShouldBeLessThanOrEqualToMaxLength",
        ],
    }
}

const PAIRS: &[(&str, &str)] = &[
    ("minimum", "maximum"),
    ("minItems", "maxItems"),
    ("minLength", "maxLength"),
];

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::MINIMUM | keyword::MIN_ITEMS | keyword::MIN_LENGTH, &mut |h: &Holder| {
        for (min, max) in PAIRS {
            let (Some(lo), Some(hi)) = (h.field(min), h.field(max)) else {
                continue;
            };
            let (Some(l), Some(u)) = (lo.as_f64(), hi.as_f64()) else {
                continue;
            };
            if l > u {
                out.emit(
                    cx.src,
                    h.pointer_to(cx, min),
                    format!("`{min}` {lo} is greater than `{max}` {hi}"),
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
    fn crossed_bounds_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"C": {"type": "string", "minLength": 8, "maxLength": 4},
                "N": {"type": "number", "minimum": 1.5, "maximum": 1}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF141", "/definitions/C/minLength", "`minLength` 8 is greater than `maxLength` 4"),
                ("CCF141", "/definitions/N/minimum", "`minimum` 1.5 is greater than `maximum` 1"),
            ]
        );
    }

    #[test]
    fn ordered_and_equal_bounds_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"C": {"type": "array", "items": {}, "minItems": 2, "maxItems": 2},
                "N": {"type": "integer", "minimum": -5, "maximum": 5}}}"#,
        );
        assert!(found.is_empty());
    }
}
