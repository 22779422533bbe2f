use crate::value::Lookup;
use serde_json::Value;

use super::shared::success_schema;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation's `x-ms-pageable` has no usable `nextLinkName`.
    ///
    /// ## What
    /// `x-ms-pageable` is an object whose `nextLinkName` names the response property that holds
    /// the link to the next page: `nextLink` or `@odata.nextLink` (in any letter case), or a
    /// property the operation's success response really has.
    ///
    /// ## Why
    /// The designer follows that property to fetch the following pages; Microsoft's schema
    /// requires `nextLinkName` and the validator reports `InvalidNextLinkNameValue` for a name
    /// it cannot use. The documented values are `nextLink` and `@odata.nextLink`; the rule also
    /// accepts a name the response schema defines, and compares in any case (accepted
    /// connectors use `nextlink`).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-pageable": {"nextLinkName": "next"}
    /// ```
    /// on an operation whose response has no `next` property.
    ///
    /// ## Fix
    /// Name the response property that holds the next page's URL, usually
    /// `"nextLinkName": "@odata.nextLink"`.
    pub static RULE = Definition(check) {
        code: "CCF251",
        name: "pageable-next-link-invalid",
        severity: Error,
        microsoft: ["InvalidNextLinkNameValue", "S: x-ms-pageable.nextLinkName required"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-pageable") {
        return;
    }
    for op in cx.operations {
        let Some(value) = op.op.field("x-ms-pageable") else {
            continue;
        };
        let at = op.pointer_to("x-ms-pageable");
        let Some(pageable) = value.as_object() else {
            out.emit(cx.src, at, "`x-ms-pageable` must be an object with `nextLinkName`");
            continue;
        };
        let name = match pageable.field("nextLinkName") {
            None => {
                out.emit(cx.src, at, "`x-ms-pageable` has no `nextLinkName`")
                    .set_help("add `\"nextLinkName\": \"@odata.nextLink\"` (or the response property holding the next page's URL), or remove `x-ms-pageable` if the operation returns one page");
                continue;
            }
            Some(Value::String(s)) if !s.is_empty() => s,
            Some(Value::Null) if crate::swagger::names_no_next_link(value) => {
                out.emit(
                    cx.src,
                    format!("{at}/nextLinkName"),
                    "`nextLinkName` is `null`, AutoRest's way to say the operation returns one page; the platform needs a name",
                )
                .set_help("remove `x-ms-pageable` (`ccforge fix` removes it), or name the response property that holds the next page's URL");
                continue;
            }
            Some(other) => {
                out.emit(
                    cx.src,
                    format!("{at}/nextLinkName"),
                    format!("`nextLinkName` must be a non-empty string, not `{other}`"),
                );
                continue;
            }
        };
        if ["nextLink", "@odata.nextLink"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            continue;
        }
        let Some(schema) = success_schema(cx.doc, op) else {
            continue;
        };
        let Some(props) = schema.field("properties").and_then(Value::as_object) else {
            continue;
        };
        if !props.contains_key(name) {
            out.emit(
                cx.src,
                format!("{at}/nextLinkName"),
                format!("`nextLinkName` is `{name}`, which is neither `nextLink` nor `@odata.nextLink` nor a property of the response"),
            )
            .set_help("name the response property that holds the next page's URL");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_missing_or_unknown_next_link_name_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"get": {"operationId": "A", "x-ms-pageable": {},
                    "responses": {"200": {"description": "OK"}}}},
                "/b": {"get": {"operationId": "B", "x-ms-pageable": {"nextLinkName": "next"},
                    "responses": {"200": {"description": "OK", "schema": {"type": "object",
                        "properties": {"items": {"type": "array", "items": {}}}}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF251", "/paths/~1a/get/x-ms-pageable", "`x-ms-pageable` has no `nextLinkName`"),
                ("CCF251", "/paths/~1b/get/x-ms-pageable/nextLinkName", "`nextLinkName` is `next`, which is neither `nextLink` nor `@odata.nextLink` nor a property of the response"),
            ]
        );
    }

    #[test]
    fn a_null_next_link_name_is_autorest_s_single_page_and_fix_removes_it() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"get": {"operationId": "A", "x-ms-pageable": {"nextLinkName": null},
                    "responses": {"200": {"description": "OK"}}}},
                "/b": {"get": {"operationId": "B", "x-ms-pageable": {"nextLinkName": null, "x-note": 1},
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF251", "/paths/~1a/get/x-ms-pageable/nextLinkName", "`nextLinkName` is `null`, AutoRest's way to say the operation returns one page; the platform needs a name"),
                ("CCF251", "/paths/~1b/get/x-ms-pageable/nextLinkName", "`nextLinkName` must be a non-empty string, not `null`"),
            ]
        );
        assert!(found[0].help.as_deref().unwrap().contains("`ccforge fix` removes it"));
    }

    #[test]
    fn documented_names_and_response_properties_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Page": {"type": "object",
                    "properties": {"next": {"type": "string"}}}},
                "paths": {
                "/a": {"get": {"operationId": "A", "x-ms-pageable": {"nextLinkName": "@odata.nextLink"},
                    "responses": {"200": {"description": "OK"}}}},
                "/b": {"get": {"operationId": "B", "x-ms-pageable": {"nextLinkName": "next"},
                    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Page"}}}}}}}"##,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
