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
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let vars = swagger::template_variables(op.path);
        for p in op.params.iter() {
            if p.location() != Some("path") {
                continue;
            }
            let Some(name) = p.name() else { continue };
            if !vars.contains(&name) {
                out.emit(
                    cx.src,
                    p.member_pointer("name"),
                    format!(
                        "path parameter `{name}` of {} does not appear in the path",
                        op.label()
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
