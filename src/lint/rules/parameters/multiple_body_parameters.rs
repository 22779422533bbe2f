use crate::lint::{Definition, Emitter};
use crate::swagger::Parameter;

crate::declare_rule! {
    /// An operation or a path item has more than one body parameter.
    ///
    /// ## What
    /// An operation's `parameters`, a path item's `parameters`, or the two together (a path-item
    /// body the operation does not override by name) declare two or more `in: body` parameters.
    ///
    /// ## Why
    /// A request has one body; Swagger 2.0 allows one body parameter, and Microsoft's validator
    /// rejects the definition (`OperationParametersContainMultipleBodyParameters` for an
    /// operation, `PathParametersContainMultipleBodyParameters` for a path item).
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
        microsoft: [
            "OperationParametersContainMultipleBodyParameters",
            "PathParametersContainMultipleBodyParameters",
        ],
    }
}

const HELP: &str = "merge them into one body schema with a property each";

fn check(cx: &Definition, out: &mut Emitter) {
    for path in cx.parameter_lists() {
        let item = &path.path_item;
        let inherited = bodies(&item.entries);
        for (index, extra) in inherited.iter().skip(1) {
            out.emit(
                cx.src,
                item.entry_pointer(*index),
                format!(
                    "{} has more than one body parameter (`{}` and `{}`)",
                    item.label(),
                    inherited[0].1.name().unwrap_or("?"),
                    extra.name().unwrap_or("?")
                ),
            )
            .set_help(HELP);
        }
        for op in &path.operations {
            let own = bodies(&op.entries);
            for (index, extra) in own.iter().skip(1) {
                out.emit(
                    cx.src,
                    op.entry_pointer(*index),
                    format!(
                        "{} has more than one body parameter (`{}` and `{}`)",
                        op.label(),
                        own[0].1.name().unwrap_or("?"),
                        extra.name().unwrap_or("?")
                    ),
                )
                .set_help(HELP);
            }
            // A path-item body the operation does not override by name is a second body.
            if let Some((index, first)) = own.first()
                && let Some((_, other)) = inherited
                    .iter()
                    .find(|(_, b)| !own.iter().any(|(_, o)| o.name() == b.name()))
            {
                out.emit(
                    cx.src,
                    op.entry_pointer(*index),
                    format!(
                        "{} has a body parameter `{}` besides its path item's body parameter `{}`",
                        op.label(),
                        first.name().unwrap_or("?"),
                        other.name().unwrap_or("?")
                    ),
                )
                .set_help(HELP);
            }
        }
    }
}

fn bodies<'l, 'a>(entries: &'l [(usize, Parameter<'a>)]) -> Vec<&'l (usize, Parameter<'a>)> {
    entries
        .iter()
        .filter(|(_, p)| p.location() == Some("body"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn two_bodies_in_a_list_or_across_lists_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/items": {"post": {"parameters": [
                    {"name": "a", "in": "body", "schema": {}},
                    {"$ref": "#/parameters/B"}
                ]}},
                "/other": {
                    "parameters": [{"name": "p", "in": "body", "schema": {}},
                                   {"name": "q", "in": "body", "schema": {}}],
                    "put": {"parameters": [{"name": "p", "in": "body", "schema": {}}]}
                },
                "/third": {
                    "parameters": [{"name": "p", "in": "body", "schema": {}}],
                    "post": {"parameters": [{"name": "c", "in": "body", "schema": {}}]}
                }},
                "parameters": {"B": {"name": "b", "in": "body", "schema": {}}}}"##,
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
                    "/paths/~1other/parameters/1",
                    "path /other has more than one body parameter (`p` and `q`)"
                ),
                (
                    "CCF306",
                    "/paths/~1other/put/parameters/0",
                    "PUT /other has a body parameter `p` besides its path item's body parameter `q`"
                ),
                (
                    "CCF306",
                    "/paths/~1third/post/parameters/0",
                    "POST /third has a body parameter `c` besides its path item's body parameter `p`"
                ),
            ]
        );
    }

    #[test]
    fn one_body_or_an_overriding_body_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/items": {"post": {"parameters": [
                    {"name": "a", "in": "body", "schema": {}},
                    {"name": "q", "in": "query", "type": "string"}
                ]}},
                "/other": {
                    "parameters": [{"name": "p", "in": "body", "schema": {}}],
                    "put": {"parameters": [{"name": "p", "in": "body", "schema": {}}]},
                    "post": {}
                }}}"#,
        );
        assert!(found.is_empty());
    }
}
