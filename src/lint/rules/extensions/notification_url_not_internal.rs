use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::Root;

crate::declare_rule! {
    /// The field that receives a webhook's callback URL is shown to the user.
    ///
    /// ## What
    /// A parameter or body property marked `x-ms-notification-url` should also carry
    /// `x-ms-visibility: internal` (in any letter case).
    ///
    /// ## Why
    /// The platform fills the callback URL in itself; shown in the designer, the field asks the
    /// user for a value they cannot know. Microsoft's validator reports
    /// `NotificationUrlNotInternal`. The value is compared in any letter case: accepted
    /// connectors write `Internal`.
    ///
    /// ## Example
    /// ```json
    /// "callbackUrl": {"type": "string", "x-ms-notification-url": true}
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-visibility": "internal"` beside `x-ms-notification-url`.
    pub static RULE = Definition(check) {
        code: "CCF269",
        name: "notification-url-not-internal",
        severity: Error,
        microsoft: ["NotificationUrlNotInternal"],
    }
}

const KEY: &str = "x-ms-notification-url";

fn internal(holder: &serde_json::Map<String, Value>) -> bool {
    holder
        .field("x-ms-visibility")
        .and_then(Value::as_str)
        .is_some_and(|v| v.eq_ignore_ascii_case("internal"))
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    let message = format!("the field marked `{KEY}` is not `x-ms-visibility: internal`");
    let help = "add `\"x-ms-visibility\": \"internal\"`: the platform fills the callback URL in";
    for p in cx.parameters() {
        if p.value.has(KEY) && !internal(p.value) {
            out.emit(cx.src, p.member_pointer(KEY), message.as_str()).set_help(help);
        }
    }
    let index = cx.index();
    for s in &index.schemas {
        // A mark in a response is misplaced (`notification-url-misplaced`), not judged here.
        if s.root != Root::Response && s.value.has(KEY) && !internal(s.value) {
            out.emit(cx.src, index.pointer_to(s.id, KEY), message.as_str()).set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_visible_callback_field_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/hooks": {"post": {"operationId": "Hook",
                "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true, "schema": {
                    "type": "object", "required": ["url"], "properties": {
                        "url": {"type": "string", "x-ms-notification-url": true,
                            "x-ms-visibility": "advanced"}}}}],
                "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF269",
                "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url",
                "the field marked `x-ms-notification-url` is not `x-ms-visibility: internal`"
            )]
        );
    }

    #[test]
    fn an_internal_callback_field_passes_in_any_case() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/hooks": {"post": {"operationId": "Hook",
                "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true, "schema": {
                    "type": "object", "required": ["url"], "properties": {
                        "url": {"type": "string", "x-ms-notification-url": true,
                            "x-ms-visibility": "Internal"}}}}],
                "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
