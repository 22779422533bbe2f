use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// `exclusiveMaximum` or `exclusiveMinimum` without the bound it qualifies.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header has `exclusiveMaximum` without
    /// `maximum`, or `exclusiveMinimum` without `minimum`. A flag set to `false` says nothing and
    /// is left alone (accepted connectors have those).
    ///
    /// ## Why
    /// In Swagger 2.0 these keywords are flags that say whether `maximum` / `minimum` itself is
    /// allowed; alone they mean nothing, and Microsoft's validator rejects them
    /// (`ExclusiveMaximumRequiresMaximum`, `ExclusiveMinimumRequiresMinimum`). A number there
    /// usually comes from JSON Schema drafts where the keyword holds the bound itself.
    ///
    /// ## Example
    /// ```json
    /// "ratio": {"type": "number", "exclusiveMaximum": 1}
    /// ```
    ///
    /// ## Fix
    /// Add the bound (`"maximum": 1, "exclusiveMaximum": true`), or remove the flag.
    pub static RULE = Definition(check) {
        code: "CCF142",
        name: "exclusive-bound-alone",
        severity: Error,
        microsoft: ["ExclusiveMaximumRequiresMaximum", "ExclusiveMinimumRequiresMinimum"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::EXCLUSIVE_MAXIMUM | keyword::EXCLUSIVE_MINIMUM, &mut |h: &Holder| {
        for (flag, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")] {
            let set = h.field(flag).is_some_and(|v| v != &serde_json::Value::Bool(false));
            if set && !h.has(bound) {
                out.emit(
                    cx.src,
                    h.pointer_to(cx, flag),
                    format!("`{flag}` is set without `{bound}`"),
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
    fn a_flag_without_its_bound_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"R": {"type": "number", "exclusiveMaximum": 1,
                "minimum": 0, "exclusiveMinimum": true}, "F": {"type": "number", "exclusiveMinimum": false}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF142", "/definitions/R/exclusiveMaximum", "`exclusiveMaximum` is set without `maximum`")]
        );
    }

    #[test]
    fn flags_with_their_bounds_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"R": {"type": "number", "maximum": 1, "exclusiveMaximum": true}}}"#,
        );
        assert!(found.is_empty());
    }
}
