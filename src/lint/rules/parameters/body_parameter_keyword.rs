use crate::lint::{Definition, Emitter};
use crate::swagger::SIMPLE_KEYWORDS;

crate::declare_rule! {
    /// A body parameter uses `type`, `items` or another non-body keyword instead of its `schema`.
    ///
    /// ## What
    /// An `in: body` parameter carries a keyword that only non-body parameters have: `type`,
    /// `format`, `items`, `collectionFormat`, `default`, `enum`, the numeric and length limits,
    /// or `allowEmptyValue`.
    ///
    /// ## Why
    /// A body parameter describes its payload only through `schema`; Microsoft's validator rejects
    /// these keywords beside it (`BodyParameterPropertyNotValid`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "body", "in": "body", "type": "string", "schema": {"type": "string"}}
    /// ```
    ///
    /// ## Fix
    /// Move the keyword into `schema` (or drop it when `schema` already says it).
    pub static RULE = Definition(check) {
        code: "CCF312",
        name: "body-parameter-keyword",
        severity: Error,
        microsoft: ["BodyParameterPropertyNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.location() != Some("body") {
            continue;
        }
        for key in p.value.keys() {
            if key == "allowEmptyValue" || SIMPLE_KEYWORDS.contains(&key.as_str()) {
                out.emit(
                    cx.src,
                    p.member_pointer(key),
                    format!(
                        "body parameter `{}` uses `{key}`; a body parameter is described by its `schema`",
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help(format!("move `{key}` into the parameter's \"schema\""));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn type_and_items_on_a_body_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "ids", "in": "body", "type": "array", "items": {"type": "string"},
                 "schema": {"type": "array", "items": {"type": "string"}}}
            ]}}}}"#,
        );
        let msg = |k: &str| {
            format!("body parameter `ids` uses `{k}`; a body parameter is described by its `schema`")
        };
        let (t, i) = (msg("type"), msg("items"));
        assert_eq!(
            findings(&found),
            [
                ("CCF312", "/paths/~1a/post/parameters/0/type", t.as_str()),
                ("CCF312", "/paths/~1a/post/parameters/0/items", i.as_str()),
            ]
        );
    }

    #[test]
    fn a_body_with_only_schema_and_a_typed_query_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "payload", "in": "body", "required": true, "x-ms-summary": "Payload",
                 "schema": {"type": "object"}},
                {"name": "q", "in": "query", "type": "string", "enum": ["a"]}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
