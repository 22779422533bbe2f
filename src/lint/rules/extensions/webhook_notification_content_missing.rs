use super::shared::webhook;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A webhook trigger does not say what its notifications contain.
    ///
    /// ## What
    /// A trigger that registers a callback (a request field marked `x-ms-notification-url`)
    /// needs `x-ms-notification-content` on its path item: the schema of the request the
    /// service sends to the callback URL.
    ///
    /// ## Why
    /// The designer builds the trigger's outputs from that schema; without it the flow cannot
    /// use anything the event carries. Microsoft's validator reports
    /// `OperationMustHaveNotificationContentExtension`.
    ///
    /// ## Example
    /// ```json
    /// "/hooks": {"post": {"operationId": "OnEvent", "x-ms-trigger": "single",
    ///   "parameters": [{"name": "body", "in": "body", "schema": {"type": "object",
    ///     "properties": {"url": {"type": "string", "x-ms-notification-url": true}}}}]}}
    /// ```
    ///
    /// ## Fix
    /// Add to the path item
    /// `"x-ms-notification-content": {"description": "...", "schema": {"$ref": "#/definitions/Event"}}`.
    pub static RULE = Definition(check) {
        code: "CCF272",
        name: "webhook-notification-content-missing",
        severity: Error,
        microsoft: ["OperationMustHaveNotificationContentExtension"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-notification-url") {
        return;
    }
    for op in cx.operations {
        let Some(hook) = webhook(cx.doc, op) else { continue };
        if hook.url && !hook.content {
            out.emit(
                cx.src,
                op.pointer_to("x-ms-trigger"),
                format!("this webhook trigger's path `{}` has no `x-ms-notification-content`", op.path),
            )
            .set_help("add `\"x-ms-notification-content\": {\"schema\": ...}` to the path item, describing the request sent to the callback URL");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    const BODY: &str = r#"[{"name": "body", "in": "body", "required": true, "schema": {
        "type": "object", "required": ["url"], "properties": {
            "url": {"type": "string", "x-ms-notification-url": true}}}}]"#;

    #[test]
    fn a_webhook_without_notification_content_is_reported() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{"/hooks": {{"post": {{"operationId": "Hook",
                "x-ms-trigger": "single", "parameters": {BODY},
                "responses": {{"201": {{"description": "Created"}}}}}}}}}}}}"#
            ),
        );
        assert_eq!(
            findings(&found),
            [("CCF272", "/paths/~1hooks/post/x-ms-trigger", "this webhook trigger's path `/hooks` has no `x-ms-notification-content`")]
        );
    }

    #[test]
    fn a_webhook_with_notification_content_passes() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{"/hooks": {{
                "x-ms-notification-content": {{"schema": {{"type": "object"}}}},
                "post": {{"operationId": "Hook",
                "x-ms-trigger": "single", "parameters": {BODY},
                "responses": {{"201": {{"description": "Created"}}}}}}}}}}}}"#
            ),
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
