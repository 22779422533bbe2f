use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation has more than one body parameter, or body and formData together.
    ///
    /// ## What
    /// An operation declares two or more `in: body` parameters, or body and formData parameters
    /// together.
    ///
    /// ## Why
    /// A request has one body; Swagger 2.0 allows one body parameter and never both kinds.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"in": "body", "name": "a"}, {"in": "body", "name": "b"}]
    /// ```
    ///
    /// ## Fix
    /// Merge them into one body schema with a property each.
    pub static RULE = Definition(check) {
        code: "CCF306",
        name: "multiple-body-parameters",
        severity: Error,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let params = &op.params;
        let bodies: Vec<_> = params
            .iter()
            .filter(|p| p.location() == Some("body"))
            .collect();
        for extra in bodies.iter().skip(1) {
            out.emit(
                cx.src,
                extra.pointer(),
                format!(
                    "{} has more than one body parameter (`{}` and `{}`)",
                    op.label(),
                    bodies[0].name().unwrap_or("?"),
                    extra.name().unwrap_or("?")
                ),
            )
            .set_help("merge them into one body schema with a property each");
        }
        if let Some(first_body) = bodies.first()
            && let Some(form) = params.iter().find(|p| p.location() == Some("formData"))
        {
            out.emit(
                cx.src,
                form.pointer(),
                format!(
                    "{} has both a body parameter (`{}`) and formData parameters",
                    op.label(),
                    first_body.name().unwrap_or("?")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn two_bodies_and_a_body_with_form_data_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/items": {"post": {"parameters": [
                {"name": "a", "in": "body", "schema": {}},
                {"name": "b", "in": "body", "schema": {}},
                {"name": "f", "in": "formData", "type": "string"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF306",
                    "/paths/~1items/post/parameters/1",
                    "POST /items has more than one body parameter (`a` and `b`)"
                ),
                (
                    "CCF306",
                    "/paths/~1items/post/parameters/2",
                    "POST /items has both a body parameter (`a`) and formData parameters"
                ),
            ]
        );
    }

    #[test]
    fn one_body_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/items": {"post": {"parameters": [
                {"name": "a", "in": "body", "schema": {}},
                {"name": "q", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
