use super::shared::{Fault, each_fault};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `$ref` is not a valid JSON pointer.
    ///
    /// ## What
    /// A `$ref` whose value is not a string, or a string that is not a JSON pointer into the
    /// document: it lacks the leading `#/` (`#definitions/Pet`, `definitions/Pet`), or it has a
    /// `~` that is not the escape `~0` (for `~`) or `~1` (for `/`).
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition (JsonPointerNotValid); the reference resolves
    /// to nothing.
    ///
    /// ## Example
    /// ```json
    /// "schema": {"$ref": "#definitions/Pet"}
    /// ```
    ///
    /// ## Fix
    /// Write `#/` followed by the section and the name, with `~` written `~0` and `/` written `~1`
    /// inside a name: `#/definitions/Pet`, `#/definitions/a~1b` for a definition named `a/b`.
    pub static RULE = Definition(check) {
        code: "CCF122",
        name: "ref-pointer-invalid",
        severity: Error,
        microsoft: ["JsonPointerNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    each_fault(cx, |r, fault| {
        if let Fault::Pointer(reason) = fault {
            out.emit(cx.src, index.pointer_to(r.id, "$ref"), reason);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn malformed_pointers_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "definitions": {"Pet": {"type": "object", "properties": {
                    "a": {"$ref": "#definitions/Pet"},
                    "b": {"$ref": "#/definitions/P~et"},
                    "c": {"$ref": 7},
                    "d": {"$ref": "definitions/Pet"}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF122",
                    "/definitions/Pet/properties/a/$ref",
                    "`#definitions/Pet` is not a valid JSON pointer: it must start with `#/`"
                ),
                (
                    "CCF122",
                    "/definitions/Pet/properties/b/$ref",
                    "`#/definitions/P~et` is not a valid JSON pointer: `~` must be followed by `0` or `1`, not `~e`"
                ),
                (
                    "CCF122",
                    "/definitions/Pet/properties/c/$ref",
                    "`$ref` is not a string"
                ),
                (
                    "CCF122",
                    "/definitions/Pet/properties/d/$ref",
                    "`definitions/Pet` is not a valid JSON pointer: a local reference starts with `#/`"
                ),
            ]
        );
    }

    #[test]
    fn escaped_names_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "definitions": {"a/b~c": {"type": "object"},
                    "Pet": {"type": "object", "properties": {"x": {"$ref": "#/definitions/a~1b~0c"}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
