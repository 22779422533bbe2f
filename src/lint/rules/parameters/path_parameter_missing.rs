use std::collections::HashSet;

use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// A `{var}` in the path has no `in: path` parameter.
    ///
    /// ## What
    /// The path template names a variable that no `in: path` parameter of the operation (or its
    /// path item) declares.
    ///
    /// ## Why
    /// The importer cannot build the URL and rejects the definition.
    ///
    /// An operation with a parameter `$ref` that resolves to nothing is left out: the missing
    /// parameter may be the one that declares the variable, and ref-not-found (or ref-not-valid)
    /// reports the reference itself.
    ///
    /// ## Example
    /// ```json
    /// "/users/{id}": { "get": { "parameters": [] } }
    /// ```
    ///
    /// ## Fix
    /// Add `{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding":
    /// "single"}` (`ccforge fix` does; then give it its real type and a description).
    pub static RULE = Definition(check) {
        code: "CCF301",
        name: "path-parameter-missing",
        severity: Error,
        microsoft: ["OperationMissingPathParameter"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        if op.unresolved_parameter_refs(cx.doc).next().is_some() {
            continue;
        }
        let params = &op.params;
        let declared: HashSet<&str> = params
            .iter()
            .filter(|p| p.location() == Some("path"))
            .filter_map(|p| p.name())
            .collect();
        for var in swagger::template_variables(op.path) {
            if declared.contains(var) {
                continue;
            }
            // The first path parameter named alike in another case (in the order declared).
            let alike = params
                .iter()
                .filter(|p| p.location() == Some("path"))
                .filter_map(|p| p.name())
                .find(|d| d.eq_ignore_ascii_case(var));
            let in_query = op
                .path
                .find(['?', '#'])
                .is_some_and(|q| op.path[q..].contains(&format!("{{{var}}}")));
            let help = match alike {
                _ if in_query => format!(
                    "`{{{var}}}` is in the query the path holds: take `?…` out of the path and \
                     declare `{var}` as an `in: query` parameter"
                ),
                Some(other) => format!(
                    "names are case-sensitive: rename the parameter `{other}` to `{var}`, or the \
                     variable to `{{{other}}}`"
                ),
                None => format!(
                    "add {{\"name\": \"{var}\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-url-encoding\": \"single\"}} (`ccforge fix` does)"
                ),
            };
            out.emit(
                cx.src,
                op.pointer(),
                format!("{} uses `{{{var}}}` but declares no `in: path` parameter `{var}`", op.label()),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_undeclared_variable_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users/{id}": {"get": {"parameters": []}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF301",
                "/paths/~1users~1{id}/get",
                "GET /users/{id} uses `{id}` but declares no `in: path` parameter `id`"
            )]
        );
    }

    #[test]
    fn a_parameter_named_in_another_case_is_named_in_the_help() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users/{userId}": {"get": {"parameters": [
                {"name": "userid", "in": "path", "required": true, "type": "string"}]}}}}"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "names are case-sensitive: rename the parameter `userid` to `userId`, or the \
                 variable to `{userid}`"
            )
        );
    }

    #[test]
    fn a_variable_in_a_query_of_the_path_is_a_query_parameter_in_the_help() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/pets?{params}": {"get": {}}}}"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "`{params}` is in the query the path holds: take `?…` out of the path and \
                 declare `params` as an `in: query` parameter"
            )
        );
    }

    #[test]
    fn a_dangling_parameter_reference_is_left_to_the_reference_rules() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/users/{id}": {"get": {
                "parameters": [{"$ref": "#/parameters/Id"}]}}}}"##,
        );
        assert!(found.is_empty());
    }

    #[test]
    fn a_variable_declared_on_the_path_item_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/users/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                "get": {}
            }}}"#,
        );
        assert!(found.is_empty());
    }
}
