use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// `multipleOf` is zero or negative.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header has a `multipleOf` that is not
    /// greater than zero.
    ///
    /// ## Why
    /// Only a positive divisor makes sense; Microsoft's validator rejects the rest
    /// (`MultipleOfMustBeGreaterThanZero`).
    ///
    /// ## Example
    /// ```json
    /// "quantity": {"type": "integer", "multipleOf": 0}
    /// ```
    ///
    /// ## Fix
    /// Set a positive `multipleOf`, or remove it.
    pub static RULE = Definition(check) {
        code: "CCF139",
        name: "multiple-of-not-positive",
        severity: Error,
        microsoft: ["MultipleOfMustBeGreaterThanZero"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::MULTIPLE_OF, &mut |h: &Holder| {
        let Some(m) = h.field("multipleOf").and_then(Value::as_f64) else {
            return;
        };
        if m <= 0.0 {
            out.emit(
                cx.src,
                h.pointer_to(cx, "multipleOf"),
                format!("`multipleOf` is {}; it must be greater than zero", h.value["multipleOf"]),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn zero_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Q": {"type": "integer", "multipleOf": 0}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF139", "/definitions/Q/multipleOf", "`multipleOf` is 0; it must be greater than zero")]
        );
    }

    #[test]
    fn a_positive_divisor_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Q": {"type": "number", "multipleOf": 0.5}}}"#,
        );
        assert!(found.is_empty());
    }
}
