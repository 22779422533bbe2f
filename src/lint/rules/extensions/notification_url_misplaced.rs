use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::Root;

crate::declare_rule! {
    /// `x-ms-notification-url` is somewhere the platform does not fill it in.
    ///
    /// ## What
    /// `x-ms-notification-url: true` marks the field of a webhook trigger's registration request
    /// that receives the callback URL. It belongs on a property of the request body (or on the
    /// body parameter itself). The rule reports it on a query, header, path or form parameter,
    /// and in a response schema.
    ///
    /// ## Why
    /// When a flow turns the trigger on, the platform puts its callback URL into the marked body
    /// field and calls the registration operation; a mark anywhere else is never filled, so the
    /// service never learns where to send events. Microsoft's validator reports
    /// `NotificationUrlNotAllowedInThisPosition`.
    ///
    /// A marked body field on an operation that is not a trigger is not reported: accepted
    /// connectors use it on actions that wait for a reply (with `x-ms-notification-content` on
    /// their path). A definition that only a response uses is not followed.
    ///
    /// ## Example
    /// ```json
    /// {"name": "callback", "in": "query", "type": "string", "required": true,
    ///  "x-ms-notification-url": true}
    /// ```
    ///
    /// ## Fix
    /// Move the mark to the body property the service reads the callback URL from, e.g.
    /// `"callbackUrl": {"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"}`
    /// listed in the body schema's `required`.
    pub static RULE = Definition(check) {
        code: "CCF268",
        name: "notification-url-misplaced",
        severity: Error,
        microsoft: ["NotificationUrlNotAllowedInThisPosition"],
    }
}

const KEY: &str = "x-ms-notification-url";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    for p in cx.parameters() {
        if !p.value.has(KEY) {
            continue;
        }
        let location = p.value.field("in").and_then(Value::as_str).unwrap_or("unknown");
        if location != "body" {
            out.emit(
                cx.src,
                p.member_pointer(KEY),
                format!("`{KEY}` is on a `{location}` parameter; the platform fills it in only in the request body"),
            )
            .set_help("mark the body property that receives the callback URL instead");
        }
    }
    let index = cx.index();
    for s in &index.schemas {
        if s.root == Root::Response && s.value.has(KEY) {
            out.emit(
                cx.src,
                index.pointer_to(s.id, KEY),
                format!("`{KEY}` is in a response schema; it marks a field of the registration request body"),
            )
            .set_help("remove it here and mark the request body property that receives the callback URL");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_query_parameter_or_a_response_field_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/hooks": {"post": {"operationId": "Hook",
                "x-ms-trigger": "single",
                "parameters": [{"name": "cb", "in": "query", "type": "string", "required": true,
                    "x-ms-notification-url": true}],
                "responses": {"201": {"description": "Created", "schema": {"type": "object",
                    "properties": {"url": {"type": "string", "x-ms-notification-url": true}}}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF268", "/paths/~1hooks/post/parameters/0/x-ms-notification-url", "`x-ms-notification-url` is on a `query` parameter; the platform fills it in only in the request body"),
                ("CCF268", "/paths/~1hooks/post/responses/201/schema/properties/url/x-ms-notification-url", "`x-ms-notification-url` is in a response schema; it marks a field of the registration request body"),
            ]
        );
    }

    #[test]
    fn a_body_property_passes() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Reg": {"type": "object", "required": ["url"],
                    "properties": {"url": {"type": "string", "x-ms-notification-url": true,
                        "x-ms-visibility": "internal"}}}},
                "paths": {"/hooks": {"post": {"operationId": "Hook", "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true,
                    "schema": {"$ref": "#/definitions/Reg"}}],
                "responses": {"201": {"description": "Created"}}}}}}"##,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
