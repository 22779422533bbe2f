use crate::value::Lookup;
use serde_json::Value;

use super::shared::webhook;
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A webhook trigger gives no schema for what it outputs.
    ///
    /// ## What
    /// The outputs of a webhook trigger are described by the `schema` of the path item's
    /// `x-ms-notification-content`, or else by the schema of its `200` or `201` response. The
    /// rule reports a webhook trigger whose `x-ms-notification-content` has no `schema` object
    /// while neither response has one.
    ///
    /// ## Why
    /// Without a schema the designer shows the trigger with no outputs, and Microsoft's validator
    /// reports `SchemaDefinitionSetIncorrectly`. A trigger with no
    /// `x-ms-notification-content` at all is `webhook-notification-content-missing`'s business.
    ///
    /// ## Example
    /// ```json
    /// "/hooks": {"x-ms-notification-content": {"description": "New event"},
    ///   "post": {"x-ms-trigger": "single", "responses": {"201": {"description": "Created"}}}}
    /// ```
    ///
    /// ## Fix
    /// Give `x-ms-notification-content` a `schema` describing the request the service sends to
    /// the callback URL: `"schema": {"$ref": "#/definitions/Event"}`.
    pub static RULE = Definition(check) {
        code: "CCF273",
        name: "webhook-schema-missing",
        severity: Error,
        microsoft: ["SchemaDefinitionSetIncorrectly"],
    }
}

const KEY: &str = "x-ms-notification-content";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    for op in cx.operations {
        if webhook(cx.doc, op).is_none_or(|h| !h.content) {
            continue;
        }
        let content = &op.path_item[KEY];
        if content.field("schema").is_some_and(Value::is_object) {
            continue;
        }
        let responses = op.op.field("responses");
        let answered = ["200", "201"].iter().any(|c| {
            responses
                .and_then(|r| r.get(*c))
                .and_then(|r| r.field("schema"))
                .is_some_and(Value::is_object)
        });
        if !answered {
            out.emit(
                cx.src,
                pointer(["paths", op.path, KEY]),
                format!("the webhook trigger `{}` has no output schema: `{KEY}` has no `schema` and neither its `200` nor its `201` response has one", op.label()),
            )
            .set_help("give `x-ms-notification-content` a `schema` describing the notification the service sends");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn notification_content_without_a_schema_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/hooks": {
                "x-ms-notification-content": {"description": "New event"},
                "post": {"operationId": "Hook", "x-ms-trigger": "single",
                "responses": {"201": {"description": "Created"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF273", "/paths/~1hooks/x-ms-notification-content", "the webhook trigger `POST /hooks` has no output schema: `x-ms-notification-content` has no `schema` and neither its `200` nor its `201` response has one")]
        );
    }

    #[test]
    fn a_schema_in_notification_content_or_in_a_response_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"x-ms-notification-content": {"schema": {"type": "object"}},
                    "post": {"operationId": "A", "x-ms-trigger": "single",
                    "responses": {"201": {"description": "Created"}}}},
                "/b": {"x-ms-notification-content": {"description": "Event"},
                    "post": {"operationId": "B", "x-ms-trigger": "single",
                    "responses": {"200": {"description": "OK", "schema": {"type": "object"}}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
