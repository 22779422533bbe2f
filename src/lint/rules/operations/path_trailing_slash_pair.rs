use std::collections::HashMap;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// Both `/x` and `/x/` are defined.
    ///
    /// ## What
    /// The definition has a path both with and without a trailing slash.
    ///
    /// ## Why
    /// The two can route to the same endpoint; defining both is usually a way around the
    /// duplicate-path check and confuses users who see two near-identical actions. Microsoft's
    /// validator does not treat them as the same path (its PathRedefined compares paths ignoring
    /// letter case only, see path-redefined), so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/items": {...}, "/items/": {...} }
    /// ```
    ///
    /// ## Fix
    /// Merge the operations under one path.
    pub static RULE = Definition(check) {
        code: "CCF202",
        name: "path-trailing-slash-pair",
        severity: Warning,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let all: Vec<&str> = swagger::paths(cx.doc).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for &path in &all {
        if path.len() > 1 && path.ends_with('/') {
            let bare = path.trim_end_matches('/');
            let bare = if bare.is_empty() { "/" } else { bare };
            if all.contains(&bare) {
                if let Some(first) = seen.get(bare) {
                    out.emit(
                        cx.src,
                        pointer(["paths", path]),
                        format!("path `{path}` repeats `{bare}` and `{first}` with extra slashes"),
                    );
                    continue;
                }
                seen.insert(bare, path);
                out.emit(
                    cx.src,
                    pointer(["paths", path]),
                    format!("both `{bare}` and `{path}` are defined"),
                )
                .set_help("merge the operations under one path");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_path_with_and_without_the_slash_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/items": {}, "/items/": {}, "/items//": {}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF202", "/paths/~1items~1", "both `/items` and `/items/` are defined"),
                (
                    "CCF202",
                    "/paths/~1items~1~1",
                    "path `/items//` repeats `/items` and `/items/` with extra slashes"
                ),
            ]
        );
    }

    #[test]
    fn a_lone_trailing_slash_passes() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/items/": {}}}"#);
        assert!(found.is_empty());
    }
}
