use crate::value::Lookup;
use serde_json::Value;

use super::shared::{by_id, webhook};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-notification` is on the wrong operation or names one that is not a webhook.
    ///
    /// ## What
    /// `x-ms-notification: {"operationId": "..."}` lets a polling trigger name the webhook
    /// trigger that delivers the same events. It belongs on a trigger (an operation with
    /// `x-ms-trigger`) that is not itself a webhook, and the operation it names must be a
    /// webhook trigger: `x-ms-trigger` with a request field marked `x-ms-notification-url` or
    /// `x-ms-notification-content` on its path item. An `operationId` that names no operation
    /// is `dynamic-operation-not-found`'s business.
    ///
    /// ## Why
    /// The platform follows the extension to subscribe to the webhook instead of polling; on an
    /// action, on a webhook, or pointing at an operation that registers nothing it has no
    /// meaning. Microsoft's validator reports `NotificationExtensionSupportedForTriggerOnly`,
    /// `NotificationExtensionNotSupportedInWebhookOperation` and
    /// `NotificationOperationMustBeWebhook`.
    ///
    /// ## Example
    /// ```json
    /// "get": {"operationId": "ListItems", "x-ms-notification": {"operationId": "GetItem"}}
    /// ```
    ///
    /// ## Fix
    /// Put `x-ms-notification` on the polling trigger only, naming the webhook trigger's
    /// `operationId`; remove it elsewhere.
    pub static RULE = Definition(check) {
        code: "CCF274",
        name: "notification-extension-invalid",
        severity: Error,
        microsoft: [
            "NotificationExtensionNotSupportedInWebhookOperation",
            "NotificationExtensionSupportedForTriggerOnly",
            "NotificationOperationMustBeWebhook",
        ],
    }
}

const KEY: &str = "x-ms-notification";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("\"x-ms-notification\"") && !cx.src.mentions("x-ms-notification:") {
        return;
    }
    let mut ids = None;
    for op in cx.operations {
        let Some(ext) = op.op.field(KEY) else { continue };
        if !op.op.has("x-ms-trigger") {
            out.emit(cx.src, op.pointer_to(KEY), format!("`{KEY}` is on `{}`, which is not a trigger", op.label()))
                .set_help("remove it, or put it on the polling trigger that the webhook stands in for");
            continue;
        }
        if webhook(cx.doc, op).is_some() {
            out.emit(cx.src, op.pointer_to(KEY), format!("`{KEY}` is on `{}`, which is itself a webhook trigger", op.label()))
                .set_help("remove it; it belongs on a polling trigger and names the webhook");
            continue;
        }
        let Some(id) = ext.field("operationId").and_then(Value::as_str) else {
            continue;
        };
        let Some(target) = ids.get_or_insert_with(|| by_id(cx)).get(id) else {
            continue;
        };
        if webhook(cx.doc, target).is_none() {
            out.emit(
                cx.src,
                format!("{}/operationId", op.pointer_to(KEY)),
                format!("`{KEY}` names `{id}`, which is not a webhook trigger"),
            )
            .set_help("name an operation with `x-ms-trigger` whose request has a field marked `x-ms-notification-url`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn misplaced_or_misdirected_notifications_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/action": {"post": {"operationId": "Act", "x-ms-notification": {"operationId": "Hook"},
                    "responses": {"200": {"description": "OK"}}}},
                "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch",
                    "x-ms-notification": {"operationId": "Act"},
                    "responses": {"200": {"description": "OK"}}}},
                "/hooks": {"x-ms-notification-content": {"schema": {"type": "object"}},
                    "post": {"operationId": "Hook", "x-ms-trigger": "single",
                    "x-ms-notification": {"operationId": "Hook"},
                    "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF274", "/paths/~1action/post/x-ms-notification", "`x-ms-notification` is on `POST /action`, which is not a trigger"),
                ("CCF274", "/paths/~1poll/get/x-ms-notification/operationId", "`x-ms-notification` names `Act`, which is not a webhook trigger"),
                ("CCF274", "/paths/~1hooks/post/x-ms-notification", "`x-ms-notification` is on `POST /hooks`, which is itself a webhook trigger"),
            ]
        );
    }

    #[test]
    fn a_polling_trigger_naming_a_webhook_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch",
                    "x-ms-notification": {"operationId": "Hook"},
                    "responses": {"200": {"description": "OK"}}}},
                "/hooks": {"x-ms-notification-content": {"schema": {"type": "object"}},
                    "post": {"operationId": "Hook", "x-ms-trigger": "single",
                    "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
