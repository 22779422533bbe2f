use super::shared::{Fault, each_fault};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `$ref` points somewhere a connector may not reference.
    ///
    /// ## What
    /// A reference that is a well-formed pointer but not one a connector can use here:
    /// - a `parameters` list entry must name `#/parameters/NAME`, an operation's response
    ///   `#/responses/NAME`, and a schema `#/definitions/NAME`, so `{"$ref": "#/definitions/Id"}`
    ///   in a parameter list or `#/parameters/Id` in a schema is reported;
    /// - a reference names a whole entry, never a node inside one
    ///   (`#/definitions/Pet/properties/owner`);
    /// - a reference stays in the document: `common.json#/definitions/Pet` or a URL is reported.
    ///
    /// ## Why
    /// Microsoft's validator rejects these (SchemaReferenceNotValid, ParameterReferenceNotValid,
    /// ResponseReferenceNotValid), and the connector repository's schema allows `$ref` only to
    /// top-level definitions, parameters and responses. A connector is one file: nothing outside
    /// it is imported.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"$ref": "#/definitions/Id"}],
    /// "schema": {"$ref": "#/definitions/Pet/properties/owner"}
    /// ```
    ///
    /// ## Fix
    /// Move what is referenced to its own top-level entry in the right section (a shared parameter
    /// under `parameters`, a schema under `definitions`) and reference that; copy external
    /// definitions into the file. `ccforge fix` (and `convert`) does it for a schema inside a
    /// definition (`fix-inner-refs`).
    pub static RULE = Definition(check) {
        code: "CCF121",
        name: "ref-not-valid",
        severity: Error,
        microsoft: [
            "SchemaReferenceNotValid",
            "ParameterReferenceNotValid",
            "ResponseReferenceNotValid",
            "S: $ref only to top-level definitions/parameters/responses",
        ],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    each_fault(cx, |r, fault| {
        if let Fault::NotValid(reason) = fault {
            let d = out.emit(cx.src, index.pointer_to(r.id, "$ref"), reason);
            if r.target.as_str().is_some_and(crate::swagger::references::is_external) {
                d.set_help(
                    "copy what it names into this file (a schema under `definitions`, a parameter \
                     under `parameters`, a response under `responses`) and reference it there \
                     (`#/definitions/NAME`): a connector is one file, and neither the platform \
                     nor ccforge reads another file for a Swagger 2.0 definition",
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
    fn misplaced_nested_and_external_references_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "parameters": {"Id": {"name": "id", "in": "query", "type": "string"}},
                "definitions": {"Pet": {"type": "object", "properties": {
                    "owner": {"type": "object"},
                    "same": {"$ref": "#/definitions/Pet/properties/owner"},
                    "far": {"$ref": "common.json#/definitions/Owner"},
                    "param": {"$ref": "#/parameters/Id"}}}},
                "paths": {"/pets": {"get": {
                    "parameters": [{"$ref": "#/definitions/Pet"}],
                    "responses": {"200": {"$ref": "#/definitions/Pet"}}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF121",
                    "/definitions/Pet/properties/same/$ref",
                    "schema reference `#/definitions/Pet/properties/owner` points inside `#/definitions/Pet`; only a whole definition can be referenced"
                ),
                (
                    "CCF121",
                    "/definitions/Pet/properties/far/$ref",
                    "schema reference `common.json#/definitions/Owner` points outside this document"
                ),
                (
                    "CCF121",
                    "/definitions/Pet/properties/param/$ref",
                    "schema reference `#/parameters/Id` must point into `#/definitions/`"
                ),
                (
                    "CCF121",
                    "/paths/~1pets/get/parameters/0/$ref",
                    "parameter reference `#/definitions/Pet` must point into `#/parameters/`"
                ),
                (
                    "CCF121",
                    "/paths/~1pets/get/responses/200/$ref",
                    "response reference `#/definitions/Pet` must point into `#/responses/`"
                ),
            ]
        );
        // Only the reference to another file is told to copy what it names into this one.
        let copy: Vec<bool> = (found.iter())
            .map(|d| d.help.as_deref().is_some_and(|h| h.contains("copy what it names")))
            .collect();
        assert_eq!(copy, [false, true, false, false, false]);
    }

    #[test]
    fn references_to_top_level_entries_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "parameters": {"Id": {"name": "id", "in": "query", "type": "string"}},
                "definitions": {"Pet": {"type": "object", "properties": {
                    "$ref": {"type": "string"},
                    "kids": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}}},
                "paths": {"/pets": {"get": {
                    "parameters": [{"$ref": "#/parameters/Id"}],
                    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pet"}}}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
