use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::lint::{Definition, Emitter};
use crate::swagger::ParameterList;

crate::declare_rule! {
    /// A parameter list declares the same name and location twice.
    ///
    /// ## What
    /// An operation's `parameters`, or a path item's, holds two parameters with the same `name`
    /// and `in` (written inline, or through `$ref`s to shared parameters).
    ///
    /// ## Why
    /// Swagger 2.0 identifies a parameter by its name and location, so the second one is ambiguous;
    /// Microsoft's validator rejects the definition (`OperationParametersAreNotUnique` and
    /// `OperationParametersContainDuplicateParameter` for an operation,
    /// `PathParametersContainDuplicateParameter` for a path item). An operation parameter that
    /// overrides a path-item one of the same name and location is fine.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"name": "q", "in": "query", "type": "string"},
    ///                {"name": "q", "in": "query", "type": "integer"}]
    /// ```
    ///
    /// ## Fix
    /// Remove one of them, or rename it if both are meant.
    pub static RULE = Definition(check) {
        code: "CCF308",
        name: "duplicate-parameter",
        severity: Error,
        microsoft: [
            "OperationParametersAreNotUnique",
            "OperationParametersContainDuplicateParameter",
            "PathParametersContainDuplicateParameter",
        ],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for path in cx.parameter_lists() {
        duplicates(cx, &path.path_item, out);
        for op in &path.operations {
            duplicates(cx, op, out);
        }
    }
}

fn duplicates(cx: &Definition, list: &ParameterList, out: &mut Emitter) {
    // Most lists are short: comparing each entry with those before it is cheaper than hashing.
    // A long one (generated definitions carry thousands) is indexed instead.
    const SHORT: usize = 32;
    let mut firsts: HashMap<(&str, &str), usize> = HashMap::new();
    for (at, (index, p)) in list.entries.iter().enumerate() {
        let (Some(name), Some(location)) = (p.name(), p.location()) else {
            continue;
        };
        let first = if list.entries.len() <= SHORT {
            list.entries[..at]
                .iter()
                .find(|(_, q)| q.name() == Some(name) && q.location() == Some(location))
                .map(|(first, _)| *first)
        } else {
            match firsts.entry((name, location)) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(*index);
                    None
                }
            }
        };
        if let Some(first) = first {
            out.emit(
                cx.src,
                list.entry_pointer(*index),
                format!(
                    "{} declares parameter `{name}` in `{location}` twice (entries {first} and {index})",
                    list.label()
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
    fn duplicates_in_an_operation_and_a_path_item_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/a": {
                "parameters": [{"name": "h", "in": "header", "type": "string"},
                               {"name": "h", "in": "header", "type": "string"}],
                "get": {"parameters": [{"$ref": "#/parameters/Q"},
                                       {"name": "q", "in": "path", "type": "string"},
                                       {"name": "q", "in": "query", "type": "integer"}]}
            }},
            "parameters": {"Q": {"name": "q", "in": "query", "type": "string"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF308",
                    "/paths/~1a/parameters/1",
                    "path /a declares parameter `h` in `header` twice (entries 0 and 1)"
                ),
                (
                    "CCF308",
                    "/paths/~1a/get/parameters/2",
                    "GET /a declares parameter `q` in `query` twice (entries 0 and 2)"
                ),
            ]
        );
    }

    #[test]
    fn a_long_list_is_checked_the_same() {
        let params: Vec<String> = (0..100)
            .map(|i| format!(r#"{{"name": "p{}", "in": "query", "type": "string"}}"#, i % 60))
            .collect();
        let doc = format!(r#"{{"swagger": "2.0", "paths": {{"/a": {{"get": {{"parameters": [{}]}}}}}}}}"#, params.join(","));
        let found = lint_definition(&RULE, &doc);
        assert_eq!(found.len(), 40);
        assert_eq!(
            findings(&found)[0],
            (
                "CCF308",
                "/paths/~1a/get/parameters/60",
                "GET /a declares parameter `p0` in `query` twice (entries 0 and 60)"
            )
        );
    }

    #[test]
    fn an_override_and_a_shared_name_in_another_location_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {
                "parameters": [{"name": "q", "in": "query", "type": "string"}],
                "get": {"parameters": [{"name": "q", "in": "query", "type": "integer"},
                                       {"name": "q", "in": "header", "type": "string"}]}
            }}}"#,
        );
        assert!(found.is_empty());
    }
}
