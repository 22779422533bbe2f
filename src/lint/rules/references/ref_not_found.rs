use super::shared::{Fault, each_fault};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `$ref` names a definition, parameter or response that does not exist.
    ///
    /// ## What
    /// A reference such as `#/definitions/Pet`, `#/parameters/Id` or `#/responses/NotFound` names
    /// an entry that the definition's `definitions`, `parameters` or `responses` does not have
    /// (often a typo, a different letter case, or an entry deleted while its users stayed).
    ///
    /// ## Why
    /// Microsoft's validator rejects the definition (SchemaReferenceNotFound,
    /// ParameterReferenceNotFound, ResponseReferenceNotFound). Before that, a dangling parameter
    /// reference makes an operation lose the parameter silently: a path variable then looks
    /// undeclared.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"$ref": "#/parameters/Id"}]
    /// ```
    /// with no `Id` under the root `parameters`.
    ///
    /// ## Fix
    /// Add the missing entry, or correct the name in the reference (the match is exact, letter
    /// case included).
    pub static RULE = Definition(check) {
        code: "CCF120",
        name: "ref-not-found",
        severity: Error,
        microsoft: ["SchemaReferenceNotFound", "ParameterReferenceNotFound", "ResponseReferenceNotFound"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    each_fault(cx, |r, fault| {
        if let Fault::NotFound { kind, name, target } = fault {
            let section = kind.section();
            let d = out.emit(
                cx.src,
                index.pointer_to(r.id, "$ref"),
                format!(
                    "{} `{target}` is not found: there is no {} `{name}`",
                    kind.label(),
                    kind.target()
                ),
            );
            if let Some(similar) = similar(cx, section, name) {
                d.set_help(format!("did you mean `{similar}`?"));
            } else {
                d.set_help(format!("add `{name}` under `{section}` or correct the reference"));
            }
        }
    });
}

/// An existing entry of `section` whose name differs from `name` only in letter case.
fn similar<'a>(cx: &Definition<'a>, section: &str, name: &str) -> Option<&'a str> {
    cx.doc
        .get(section)?
        .as_object()?
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn dangling_references_are_reported_at_the_ref() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "parameters": {"Id": {"name": "id", "in": "path", "required": true, "type": "string"}},
                "definitions": {"Pet": {"type": "object", "properties": {
                    "owner": {"$ref": "#/definitions/Owner"}}}},
                "paths": {"/pets/{id}": {"get": {
                    "parameters": [{"$ref": "#/parameters/id"}],
                    "responses": {"404": {"$ref": "#/responses/NotFound"},
                                  "200": {"description": "OK", "schema": {"$ref": "#/definitions/Pet"}}}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF120",
                    "/definitions/Pet/properties/owner/$ref",
                    "schema reference `#/definitions/Owner` is not found: there is no definition `Owner`"
                ),
                (
                    "CCF120",
                    "/paths/~1pets~1{id}/get/parameters/0/$ref",
                    "parameter reference `#/parameters/id` is not found: there is no shared parameter `id`"
                ),
                (
                    "CCF120",
                    "/paths/~1pets~1{id}/get/responses/404/$ref",
                    "response reference `#/responses/NotFound` is not found: there is no shared response `NotFound`"
                ),
            ]
        );
        assert_eq!(found[1].help.as_deref(), Some("did you mean `Id`?"));
    }

    #[test]
    fn resolving_references_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "parameters": {"Id": {"name": "id", "in": "path", "required": true, "type": "string"}},
                "responses": {"NotFound": {"description": "missing"}},
                "definitions": {"A/B": {"type": "object"}},
                "paths": {"/pets/{id}": {"get": {
                    "parameters": [{"$ref": "#/parameters/Id"}],
                    "responses": {"404": {"$ref": "#/responses/NotFound"},
                                  "200": {"description": "OK", "schema": {"$ref": "#/definitions/A~1B"}}}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
