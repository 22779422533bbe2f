use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A path item is a `$ref`.
    ///
    /// ## What
    /// An entry of `paths` has a `$ref` member (Swagger 2.0 lets a path item be defined elsewhere,
    /// usually in another file).
    ///
    /// ## Why
    /// Microsoft's validator rejects it (PathItemRefNotSuppored, spelled so in its messages): a
    /// connector's operations must be written out in the definition.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/pets": { "$ref": "pets.json#/paths/~1pets" } }
    /// ```
    ///
    /// ## Fix
    /// Copy the path item's operations in place of the `$ref`.
    pub static RULE = Definition(check) {
        code: "CCF124",
        name: "path-item-ref",
        severity: Error,
        microsoft: ["PathItemRefNotSuppored"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(paths) = cx.doc.field("paths").and_then(Value::as_object) else {
        return;
    };
    for (path, item) in paths {
        if path.starts_with("x-") {
            continue;
        }
        if item.field("$ref").is_some() {
            out.emit(
                cx.src,
                pointer(["paths", path, "$ref"]),
                format!("path `{path}` is a `$ref`; a connector's path items must be written out"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_path_item_reference_is_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/pets": {"$ref": "pets.json#/paths/~1pets"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF124",
                "/paths/~1pets/$ref",
                "path `/pets` is a `$ref`; a connector's path items must be written out"
            )]
        );
    }

    #[test]
    fn written_out_path_items_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/pets": {"get": {"responses": {"200": {
                "description": "OK", "schema": {"$ref": "#/definitions/Pet"}}}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
