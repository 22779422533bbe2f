use std::collections::HashMap;

use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// Two operations' path templates differ only in variable names.
    ///
    /// ## What
    /// Two operations with the same method have paths that are the same once variable names are
    /// ignored (and letter case, as the platform compares paths case-insensitively), such as
    /// `GET /users/{id}` and `GET /users/{userId}`. Paths that differ only in letter case are
    /// path-redefined's finding, not this one.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (DuplicateOperationPath): the two templates match exactly
    /// the same requests, so routing between them is not deterministic.
    ///
    /// ## Example
    /// ```json
    /// "/users/{id}": { "get": {...} },
    /// "/users/{userId}": { "get": {...} }
    /// ```
    ///
    /// ## Fix
    /// Keep one operation, or make the paths differ in a fixed segment (`/users/{id}` and
    /// `/users/by-email/{email}`).
    pub static RULE = Definition(check) {
        code: "CCF216",
        name: "path-duplicate",
        severity: Error,
        microsoft: ["DuplicateOperationPath"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut first: HashMap<(&str, String), usize> = HashMap::new();
    for (i, op) in cx.operations.iter().enumerate() {
        if !op.path.contains('{') {
            // Without variables, equal skeletons are equal paths (path-redefined).
            continue;
        }
        let key = (op.method, swagger::skeleton(op.path).to_lowercase());
        match first.get(&key) {
            Some(&j) => {
                let other = &cx.operations[j];
                if super::path_redefined::folded(other.path) == super::path_redefined::folded(op.path) {
                    continue;
                }
                out.emit(
                    cx.src,
                    op.pointer(),
                    format!(
                        "{} duplicates {}: the path templates differ only in variable names",
                        op.label(),
                        other.label()
                    ),
                )
                .set_help("keep one operation, or make the paths differ in a fixed segment");
            }
            None => {
                first.insert(key, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn templates_differing_only_in_names_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/users/{id}": {"get": {}, "delete": {}},
                "/Users/{userId}": {"get": {}},
                "/users/{ID}": {"get": {}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF216",
                "/paths/~1Users~1{userId}/get",
                "GET /Users/{userId} duplicates GET /users/{id}: the path templates differ only in variable names"
            )]
        );
    }

    #[test]
    fn other_methods_and_fixed_segments_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/users/{id}": {"get": {}},
                "/users/{userId}": {"delete": {}},
                "/users/{id}/": {"get": {}},
                "/users/by-email/{email}": {"get": {}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
