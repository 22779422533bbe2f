use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The definition has more operations than any accepted connector (219).
    ///
    /// ## What
    /// The definition has more than 219 operations (one per path and method).
    ///
    /// ## Why
    /// The platform caps the number of operations in a connector
    /// (`TotalOperationsCountExceedsMaxAllowed`), but Microsoft does not publish the cap. 219 is
    /// the most operations any of the 1,031 accepted connectors has, so a definition within it is
    /// known to import; above it, the import may be refused. It is a warning because the real cap
    /// may be higher. `[limits]` in ccforge.toml changes the number: `too-many-operations = 300`.
    ///
    /// ## Example
    /// A definition with 250 operations.
    ///
    /// ## Fix
    /// Split the API into several connectors by area, or leave out operations that flows and apps
    /// do not need.
    pub static RULE = Definition(check) {
        code: "CCF231",
        name: "too-many-operations",
        severity: Warning,
        microsoft: ["TotalOperationsCountExceedsMaxAllowed", "P9 TotalOperationsCountExceedsMaxAllowed"],
        limit: 219,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let n = cx.operations.len();
    let limit = out.limit();
    if n as u64 > limit.value {
        out.emit(
            cx.src,
            "/paths",
            format!(
                "the definition has {n} operations; {}",
                limit.reason(|n| format!("no accepted connector has more than {n}, and the platform's cap is unpublished"))
            ),
        )
        .set_help("split the API into several connectors, or leave out operations nobody needs");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    fn with_operations(n: usize) -> String {
        let paths: Vec<String> = (0..n)
            .map(|i| format!(r#""/p{i}": {{"get": {{}}}}"#))
            .collect();
        format!(r#"{{"swagger": "2.0", "paths": {{{}}}}}"#, paths.join(","))
    }

    #[test]
    fn too_many_operations_are_reported() {
        let found = lint_definition(&RULE, &with_operations(220));
        assert_eq!(
            findings(&found),
            [(
                "CCF231",
                "/paths",
                "the definition has 220 operations; no accepted connector has more than 219, and the platform's cap is unpublished"
            )]
        );
    }

    #[test]
    fn the_most_seen_passes() {
        assert!(lint_definition(&RULE, &with_operations(219)).is_empty());
    }
}
