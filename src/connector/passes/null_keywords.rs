//! Removes keywords written with no value (`null`).

use serde_json::Value;

use crate::connector::PassOut;

crate::declare_pass! {
    /// Pass: keywords written with no value (`null`) are removed.
    ///
    /// ## What
    /// A connector pass. A keyword whose value is `null` (`description: null`, `format: null`,
    /// `consumes: null`; in YAML, `description:` with nothing after it) is removed wherever it is
    /// a keyword: not a property, path, definition or parameter of that name, and not inside an
    /// example, a default, an `enum` or an extension, where `null` is data. A response's
    /// `description`, which Swagger 2.0 requires, becomes `Response` instead. An operation's
    /// `x-ms-pageable` whose `nextLinkName` is `null` (AutoRest's way to say the operation
    /// returns one page) names no next link and is removed whole. Converting an OpenAPI 3
    /// definition removes them the same way (`openapi-dropped`).
    ///
    /// ## Why
    /// No Swagger 2.0 keyword takes `null`: Microsoft's validator rejects the definition (see
    /// `wrong-type`), and `fix` and `convert` would refuse to write it. Such a keyword says
    /// nothing, so removing it loses nothing.
    ///
    /// ## Example
    /// `{name: q, in: query, type: string, format: null}` loses its `format`;
    /// `responses: {"200": {description: null}}` becomes `{"200": {description: Response}}`.
    ///
    /// ## Fix
    /// Nothing to do; give the keyword a value where one was meant.
    pub static NULL_KEYWORDS = Pass(run) {
        code: "CCF631",
        name: "fix-null-keywords",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    // Most definitions hold no `null` at all: one look settles it, without the pointers the
    // removal builds for every node it passes.
    if !holds_null(doc) {
        return;
    }
    super::responses::describe_responses(doc, out, super::responses::Lacking::Null);
    drop_single_pages(doc, out);
    for (at, key) in crate::swagger::nulls::drop_null_keywords(doc) {
        out.note(
            at,
            format!("`{key}` is written with no value (null), which says nothing; removed"),
        );
    }
}

/// Removes each operation's `x-ms-pageable` that names its next link as `null`: the operation
/// returns one page, and the platform rejects the extension without a name.
fn drop_single_pages(doc: &mut Value, out: &mut PassOut) {
    use crate::connector::walk::{operation_keys, operation_mut, operation_pointer};
    use crate::value::Lookup;
    for (path, method) in operation_keys(doc) {
        let Some(op) = operation_mut(doc, &path, &method) else {
            continue;
        };
        let single = op.field("x-ms-pageable").is_some_and(|p| {
            p.field("nextLinkName").is_some_and(Value::is_null)
                && crate::swagger::names_no_next_link(p)
        });
        if single {
            op.remove("x-ms-pageable");
            out.note(
                crate::diagnostic::join_pointer(&operation_pointer(&path, &method), "x-ms-pageable"),
                "`x-ms-pageable` names its next link as `null` (AutoRest's way to say the \
                 operation returns one page), which the platform rejects; removed",
            );
        }
    }
}

/// Whether a `null` is anywhere in `v`.
fn holds_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.values().any(holds_null),
        Value::Array(a) => a.iter().any(holds_null),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_without_a_value_go_and_data_stays() {
        let found = crate::connector::passes::bad_good(
            &NULL_KEYWORDS,
            json!({
                "info": {"title": "T", "version": "1", "description": null},
                "consumes": null,
                "paths": {"/a": {"get": {
                    "description": null,
                    "parameters": [{
                        "name": "q", "in": "query", "type": "string",
                        "format": null, "default": null
                    }],
                    "responses": {"200": {"description": null, "schema": {
                        "type": "object",
                        "properties": {"description": {"type": "string", "pattern": null}},
                        "example": {"description": null}
                    }}}
                }}},
                "responses": {"NotFound": {"description": null}},
                "definitions": {"description": {"type": "object", "title": null}},
                "x-note": {"summary": null}
            }),
            json!({
                "info": {"title": "T", "version": "1"},
                "paths": {"/a": {"get": {
                    "parameters": [{
                        "name": "q", "in": "query", "type": "string", "default": null
                    }],
                    "responses": {"200": {"description": "Response", "schema": {
                        "type": "object",
                        "properties": {"description": {"type": "string"}},
                        "example": {"description": null}
                    }}}
                }}},
                "responses": {"NotFound": {"description": "Response"}},
                "definitions": {"description": {"type": "object"}},
                "x-note": {"summary": null}
            }),
        );
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            places,
            [
                "/responses/NotFound/description",
                "/paths/~1a/get/responses/200/description",
                "/consumes",
                "/definitions/description/title",
                "/info/description",
                "/paths/~1a/get/description",
                "/paths/~1a/get/parameters/0/format",
                "/paths/~1a/get/responses/200/schema/properties/description/pattern",
            ]
        );
    }

    #[test]
    fn a_pageable_with_a_null_next_link_goes_and_a_named_one_stays() {
        let found = crate::connector::passes::bad_good(
            &NULL_KEYWORDS,
            json!({"paths": {"/a": {
                "get": {"x-ms-pageable": {"nextLinkName": null, "itemName": "value"},
                        "responses": {"200": {"description": "OK"}}},
                "post": {"x-ms-pageable": {"nextLinkName": "nextLink"},
                         "responses": {"200": {"description": "OK"}}},
                "put": {"x-ms-pageable": {"nextLinkName": null, "x-other": 1},
                        "responses": {"200": {"description": "OK"}}}
            }}}),
            json!({"paths": {"/a": {
                "get": {"responses": {"200": {"description": "OK"}}},
                "post": {"x-ms-pageable": {"nextLinkName": "nextLink"},
                         "responses": {"200": {"description": "OK"}}},
                "put": {"x-ms-pageable": {"nextLinkName": null, "x-other": 1},
                        "responses": {"200": {"description": "OK"}}}
            }}}),
        );
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(places, ["/paths/~1a/get/x-ms-pageable"]);
    }

    #[test]
    fn a_definition_without_null_is_left_alone() {
        let doc = json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}});
        let found = crate::connector::passes::bad_good(&NULL_KEYWORDS, doc.clone(), doc);
        assert!(found.is_empty());
    }
}
