use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An `in: path` parameter has no `{var}` in the path.
    ///
    /// ## What
    /// An operation declares an `in: path` parameter whose name does not appear as `{name}` in its
    /// path.
    ///
    /// ## Why
    /// The importer rejects it; usually the path or the parameter was renamed and the other was
    /// not.
    ///
    /// ## Example
    /// ```json
    /// "/users/{userId}": { "get": { "parameters": [{"name": "id", "in": "path", ...}] } }
    /// ```
    ///
    /// ## Fix
    /// Make the names agree, or remove the parameter.
    pub static RULE = Definition(check) {
        code: "CCF302",
        name: "path-parameter-unused",
        severity: Error,
        microsoft: ["PathParameterNotDefinedInTemplate"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in cx.parameter_lists() {
        let vars = swagger::template_variables(path.path_item.path);
        for list in std::iter::once(&path.path_item).chain(&path.operations) {
            for (index, p) in &list.entries {
                if p.location() != Some("path") {
                    continue;
                }
                let Some(name) = p.name() else { continue };
                if vars.contains(&name) {
                    continue;
                }
                // A shared parameter is reported at the reference: another path may use it well.
                let at = if p.is_shared() {
                    list.entry_pointer(*index)
                } else {
                    format!("{}/name", list.entry_pointer(*index))
                };
                out.emit(
                    cx.src,
                    at,
                    format!(
                        "path parameter `{name}` of {} does not appear in the path",
                        list.label()
                    ),
                )
                .set_help(format!(
                    "add `{{{name}}}` to the path, or rename the parameter to match"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_parameter_missing_from_the_path_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users/{userId}": {"get": {"parameters": [
                {"name": "userId", "in": "path", "required": true, "type": "string"},
                {"name": "id", "in": "path", "required": true, "type": "string"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF302",
                "/paths/~1users~1{userId}/get/parameters/1/name",
                "path parameter `id` of GET /users/{userId} does not appear in the path"
            )]
        );
    }

    #[test]
    fn path_item_and_shared_parameters_are_reported_at_their_entry() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/a/{id}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}},
                "/b": {
                    "parameters": [{"name": "x", "in": "path", "required": true, "type": "string"}],
                    "get": {"parameters": [{"$ref": "#/parameters/Id"}]},
                    "put": {}
                }},
                "parameters": {"Id": {"name": "id", "in": "path", "required": true, "type": "string"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF302",
                    "/paths/~1b/parameters/0/name",
                    "path parameter `x` of path /b does not appear in the path"
                ),
                (
                    "CCF302",
                    "/paths/~1b/get/parameters/0",
                    "path parameter `id` of GET /b does not appear in the path"
                ),
            ]
        );
    }

    #[test]
    fn matching_names_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
