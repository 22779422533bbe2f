use super::shared::webhook;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A webhook trigger has no field for the callback URL.
    ///
    /// ## What
    /// A trigger whose path carries `x-ms-notification-content` registers a webhook; one of its
    /// request fields (a body property, usually) should be marked `x-ms-notification-url: true`.
    ///
    /// ## Why
    /// The platform sends the flow's callback URL in the marked field when it registers the
    /// webhook; without one the service is not told where to send events. Microsoft's validator
    /// reports `WebhookOperationsMissingNotificationUrlProperty`. The marked field is looked for
    /// through shared parameters, `$ref`, `allOf` and `items`, as accepted connectors write it.
    ///
    /// ## Example
    /// ```json
    /// "/hooks": {"x-ms-notification-content": {"schema": {"$ref": "#/definitions/Event"}},
    ///   "post": {"operationId": "OnEvent", "x-ms-trigger": "single", "parameters": []}}
    /// ```
    ///
    /// ## Fix
    /// Add the body property the service reads the callback URL from, marked
    /// `"x-ms-notification-url": true` and `"x-ms-visibility": "internal"`, required, of type
    /// `string`.
    pub static RULE = Definition(check) {
        code: "CCF271",
        name: "webhook-notification-url-missing",
        severity: Error,
        microsoft: ["WebhookOperationsMissingNotificationUrlProperty"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-notification-content") {
        return;
    }
    for op in cx.operations {
        let Some(hook) = webhook(cx.doc, op) else { continue };
        if hook.content && !hook.url {
            out.emit(
                cx.src,
                op.pointer_to("x-ms-trigger"),
                "this webhook trigger has no request field marked `x-ms-notification-url`",
            )
            .set_help("mark the body property that receives the callback URL with `\"x-ms-notification-url\": true`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_webhook_without_a_callback_field_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/hooks": {
                "x-ms-notification-content": {"schema": {"type": "object"}},
                "post": {"operationId": "Hook", "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "schema": {"type": "object",
                    "properties": {"event": {"type": "string"}}}}],
                "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF271", "/paths/~1hooks/post/x-ms-trigger", "this webhook trigger has no request field marked `x-ms-notification-url`")]
        );
    }

    #[test]
    fn a_callback_field_through_a_reference_passes() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Reg": {"type": "object", "required": ["url"],
                    "properties": {"url": {"type": "string", "x-ms-notification-url": true}}}},
                "paths": {"/hooks": {
                "x-ms-notification-content": {"schema": {"type": "object"}},
                "post": {"operationId": "Hook", "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true,
                    "schema": {"allOf": [{"$ref": "#/definitions/Reg"}]}}],
                "responses": {"201": {"description": "Created"}}}},
                "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch",
                "responses": {"200": {"description": "OK"}}}}}}"##,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
