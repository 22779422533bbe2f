use crate::lint::{Definition, Emitter};
use crate::swagger::structure::Kind;

crate::declare_rule! {
    /// A value has the wrong JSON type for its key.
    ///
    /// ## What
    /// A value whose JSON type Swagger 2.0 does not allow for that key: `"required": "true"`
    /// (a string, not a boolean), `"tags": "Pets"` (a string, not a list), `"maxLength": "10"`,
    /// a schema's `properties` that is a list, or its `items` written as a list of schemas, one
    /// for each position (a JSON Schema tuple: Swagger 2.0 has one schema for all the items).
    ///
    /// ## Why
    /// The import checks value types (`JsonTypeIncorrect`); a string `"false"` is not a boolean
    /// and is rejected.
    ///
    /// ## Example
    /// ```json
    /// {"name": "q", "in": "query", "type": "string", "required": "true"}
    /// ```
    ///
    /// ## Fix
    /// Write the value with the type the message names (`"required": true`).
    pub static RULE = Definition(check) {
        code: "CCF114",
        name: "wrong-type",
        severity: Error,
        microsoft: ["JsonTypeIncorrect"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    super::shared::report(cx, out, Kind::Type, |f| {
        if let Some(key) = null_keyword(cx, &f.pointer) {
            // A response's description is required: the passes write one instead of removing it.
            return Some(if response_description(&f.pointer) {
                "Swagger 2.0 requires a response's description: write what the response means \
                 (`ccforge fix` writes `Response`)"
                    .to_string()
            } else {
                format!(
                    "a keyword written with no value says nothing: give `{key}` a value, or \
                     remove it (`ccforge fix` removes it)"
                )
            });
        }
        let tuple = f.pointer.ends_with("/items")
            && cx
                .doc
                .pointer(&f.pointer)
                .is_some_and(serde_json::Value::is_array);
        tuple.then(|| {
            "Swagger 2.0 has one schema for all the items: write it as an object (`ccforge fix` \
             takes the schema every position shares, else `{}`)"
                .into()
        })
    });
}

/// The keyword at `at`, when its value is `null` and the pass that removes such keywords
/// (`fix-null-keywords`) removes it: a keyword, not a name the author chose.
fn null_keyword(cx: &Definition, at: &str) -> Option<String> {
    let null = cx.doc.pointer(at).is_some_and(serde_json::Value::is_null);
    (null && crate::swagger::nulls::removes_at(at))
        .then(|| crate::diagnostic::unescape_token(at.rsplit('/').next().unwrap_or_default()))
}

/// Whether `at` is the `description` of a shared response or of an operation's response.
fn response_description(at: &str) -> bool {
    let tokens = crate::diagnostic::split_pointer(at);
    match tokens.as_slice() {
        [r, _, d] => r == "responses" && d == "description",
        [p, _, _, r, _, d] => p == "paths" && r == "responses" && d == "description",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_string_where_a_boolean_belongs_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "tags": "Pets",
                "parameters": [{"name": "q", "in": "query", "type": "string", "required": "true"}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF114", "/paths/~1a/get/tags", "`tags` must be an array, not a string"),
                (
                    "CCF114",
                    "/paths/~1a/get/parameters/0/required",
                    "`required` must be a boolean, not a string"
                ),
            ]
        );
    }

    #[test]
    fn items_listed_by_position_are_reported_with_their_own_help() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
                "definitions": {"Pair": {"type": "array", "items": [{"type": "integer"}, {}]}},
                "paths": {}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF114",
                "/definitions/Pair/items",
                "`items` must be an object, not an array"
            )]
        );
        assert!(found[0].help.as_deref().unwrap().contains("one schema for all the items"));
    }

    #[test]
    fn a_keyword_without_a_value_is_told_that_fix_removes_it() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1", "description": null},
                "definitions": {"Pet": {"type": "object", "properties": {"description": null}}},
                "paths": {}}"#,
        );
        let helps: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.pointer().unwrap(), d.help.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(helps.len(), 2, "{found:?}");
        assert_eq!(helps[0].0, "/info/description");
        assert!(helps[0].1.contains("`ccforge fix` removes it"), "{}", helps[0].1);
        // A property named `description` is a name, not a keyword: the pass leaves it.
        assert_eq!(helps[1].0, "/definitions/Pet/properties/description");
        assert!(!helps[1].1.contains("ccforge fix"), "{}", helps[1].1);
    }

    #[test]
    fn a_response_description_without_a_value_is_told_that_fix_writes_one() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
                "responses": {"Gone": {"description": null}},
                "paths": {"/a": {"get": {"responses": {"200": {"description": null}}}}}}"#,
        );
        let helps: Vec<(&str, &str)> = found
            .iter()
            .map(|d| (d.pointer().unwrap(), d.help.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(helps.len(), 2, "{found:?}");
        for (at, help) in helps {
            assert!(help.ends_with("(`ccforge fix` writes `Response`)"), "{at}: {help}");
        }
    }

    #[test]
    fn values_of_the_right_type_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"get": {
                "tags": ["Pets"],
                "parameters": [{"name": "q", "in": "query", "type": "string", "required": true}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
