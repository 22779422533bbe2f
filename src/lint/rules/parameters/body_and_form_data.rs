use crate::lint::{Definition, Emitter};
use crate::swagger::Parameter;

crate::declare_rule! {
    /// An operation has both a body parameter and formData parameters.
    ///
    /// ## What
    /// An operation's `parameters`, a path item's, or the two together declare an `in: body`
    /// parameter and an `in: formData` parameter.
    ///
    /// ## Why
    /// A request body is either one payload or a form, never both: Swagger 2.0 forbids the mix and
    /// Microsoft's validator rejects it (`ParameterListContainsFormDataAndBody`).
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"in": "body", "name": "b", "schema": {...}},
    ///                {"in": "formData", "name": "f", "type": "string"}]
    /// ```
    ///
    /// ## Fix
    /// Keep one kind: move the form fields into the body schema, or the body into form fields.
    pub static RULE = Definition(check) {
        code: "CCF309",
        name: "body-and-form-data",
        severity: Error,
        microsoft: ["ParameterListContainsFormDataAndBody"],
    }
}

/// A list entry: its index and the parameter.
type Entry<'l, 'a> = &'l (usize, Parameter<'a>);

/// The first body and the first formData entry of a list.
fn kinds<'l, 'a>(entries: &'l [(usize, Parameter<'a>)]) -> (Option<Entry<'l, 'a>>, Option<Entry<'l, 'a>>) {
    let find = |loc| entries.iter().find(|(_, p)| p.location() == Some(loc));
    (find("body"), find("formData"))
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in cx.parameter_lists() {
        let item = &path.path_item;
        let (item_body, item_form) = kinds(&item.entries);
        if let (Some((_, body)), Some((index, _))) = (item_body, item_form) {
            out.emit(
                cx.src,
                item.entry_pointer(*index),
                format!(
                    "{} has both a body parameter (`{}`) and formData parameters",
                    item.label(),
                    body.name().unwrap_or("?")
                ),
            );
        }
        for op in &path.operations {
            let (own_body, own_form) = kinds(&op.entries);
            let at = match (own_body, own_form) {
                // Both in the operation's own list.
                (Some((_, body)), Some((index, _))) => Some((*index, body, "")),
                // The operation adds one kind to the path item's other kind.
                (None, Some((index, _))) if item_form.is_none() => {
                    item_body.map(|(_, body)| (*index, body, ", from its path item"))
                }
                (Some((index, body)), None) if item_body.is_none() && item_form.is_some() => {
                    Some((*index, body, ""))
                }
                _ => None,
            };
            if let Some((index, body, whence)) = at {
                out.emit(
                    cx.src,
                    op.entry_pointer(index),
                    format!(
                        "{} has both a body parameter (`{}`{whence}) and formData parameters",
                        op.label(),
                        body.name().unwrap_or("?")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn body_and_form_data_in_a_list_or_across_lists_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"post": {"parameters": [
                    {"name": "b", "in": "body", "schema": {}},
                    {"name": "f", "in": "formData", "type": "string"}
                ]}},
                "/b": {
                    "parameters": [{"name": "b", "in": "body", "schema": {}}],
                    "post": {"parameters": [{"name": "f", "in": "formData", "type": "string"}]}
                },
                "/c": {
                    "parameters": [{"name": "f", "in": "formData", "type": "string"}],
                    "post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}
                }}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF309",
                    "/paths/~1a/post/parameters/1",
                    "POST /a has both a body parameter (`b`) and formData parameters"
                ),
                (
                    "CCF309",
                    "/paths/~1b/post/parameters/0",
                    "POST /b has both a body parameter (`b`, from its path item) and formData parameters"
                ),
                (
                    "CCF309",
                    "/paths/~1c/post/parameters/0",
                    "POST /c has both a body parameter (`b`) and formData parameters"
                ),
            ]
        );
    }

    #[test]
    fn form_data_alone_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {
                "parameters": [{"name": "q", "in": "query", "type": "string"}],
                "post": {"parameters": [{"name": "f", "in": "formData", "type": "string"},
                                        {"name": "g", "in": "formData", "type": "string"}]}
            }}}"#,
        );
        assert!(found.is_empty());
    }
}
