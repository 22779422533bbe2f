use crate::value::Lookup;
use serde_json::Value;

use super::shared::{by_id, each_dynamic};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An extension calls an operation the definition does not have.
    ///
    /// ## What
    /// The `operationId` of `x-ms-dynamic-values`, `x-ms-dynamic-schema`, `x-ms-dynamic-list`,
    /// `x-ms-dynamic-properties`, of the `open` and `browse` calls of `x-ms-dynamic-tree`, of
    /// `x-ms-notification` and of the root `x-ms-capabilities` `testConnection` names no
    /// operation of the definition.
    ///
    /// ## Why
    /// The designer calls that operation to fill a dropdown, a schema or a file picker, or to
    /// test a new connection; when it is missing the control stays empty or the connection
    /// fails, and Microsoft's validator reports `OperationIdNotFound`. Names are compared
    /// exactly, as operationIds are. A `replacement` of `x-ms-api-annotation` names an
    /// operation of another connector and is not checked.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": {"operationId": "ListChanels", "value-path": "id"}
    /// ```
    ///
    /// ## Fix
    /// Correct the name to the `operationId` of the operation to call, or add that operation
    /// (marked `"x-ms-visibility": "internal"` when users should not see it).
    pub static RULE = Definition(check) {
        code: "CCF255",
        name: "dynamic-operation-not-found",
        severity: Error,
        microsoft: ["OperationIdNotFound"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-dynamic-")
        && !cx.src.mentions("x-ms-notification\"")
        && !cx.src.mentions("testConnection")
    {
        return;
    }
    let ids = by_id(cx);
    let mut report = |pointer: String, what: &str, id: &str| {
        out.emit(cx.src, pointer, format!("{what} calls operation `{id}`, which the definition does not have"))
            .set_help(match super::shared::closest(id, ids.keys().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name the `operationId` of an operation of this definition".into(),
            });
    };
    each_dynamic(cx, |d| {
        if let Some(id) = d.operation_id()
            && !ids.contains_key(id) {
                report(d.pointer(cx, Some("operationId")), &format!("`{}`", d.ext), id);
            }
    });
    // The tree's calls, on parameters and schemas.
    let mut tree = |holder: &serde_json::Map<String, Value>, base: &dyn Fn() -> String| {
        let Some(t) = holder.field("x-ms-dynamic-tree").and_then(Value::as_object) else {
            return;
        };
        for call in ["open", "browse"] {
            if let Some(id) = t.get(call).and_then(|c| c.field("operationId")).and_then(Value::as_str)
                && !ids.contains_key(id) {
                    report(format!("{}/x-ms-dynamic-tree/{call}/operationId", base()), &format!("`x-ms-dynamic-tree` `{call}`"), id);
                }
        }
    };
    if cx.src.mentions("x-ms-dynamic-tree") {
        for p in cx.parameters() {
            tree(p.value, &|| p.pointer());
        }
        let index = cx.index();
        for s in &index.schemas {
            tree(s.value, &|| index.pointer(s.id));
        }
    }
    for op in cx.operations {
        if let Some(id) = op
            .op
            .field("x-ms-notification")
            .and_then(|n| n.field("operationId"))
            .and_then(Value::as_str)
            && !ids.contains_key(id) {
                report(format!("{}/operationId", op.pointer_to("x-ms-notification")), "`x-ms-notification`", id);
            }
    }
    if let Some(id) = cx
        .doc
        .pointer("/x-ms-capabilities/testConnection/operationId")
        .and_then(Value::as_str)
        && !ids.contains_key(id) {
            report("/x-ms-capabilities/testConnection/operationId".into(), "`testConnection`", id);
        }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn calls_to_missing_operations_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "x-ms-capabilities": {"testConnection": {"operationId": "Ping"}},
                "paths": {"/a": {"get": {"operationId": "ListTeams",
                "parameters": [{"name": "team", "in": "query", "type": "string",
                    "x-ms-dynamic-values": {"operationId": "ListTeam", "value-path": "id"}},
                  {"name": "file", "in": "query", "type": "string",
                    "x-ms-dynamic-tree": {"open": {"operationId": "ListFiles"}}}],
                "responses": {"200": {"description": "OK", "schema": {"type": "object",
                    "x-ms-dynamic-schema": {"operationId": "GetSchema", "value-path": "schema"}}}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF255", "/paths/~1a/get/parameters/0/x-ms-dynamic-values/operationId", "`x-ms-dynamic-values` calls operation `ListTeam`, which the definition does not have"),
                ("CCF255", "/paths/~1a/get/responses/200/schema/x-ms-dynamic-schema/operationId", "`x-ms-dynamic-schema` calls operation `GetSchema`, which the definition does not have"),
                ("CCF255", "/paths/~1a/get/parameters/1/x-ms-dynamic-tree/open/operationId", "`x-ms-dynamic-tree` `open` calls operation `ListFiles`, which the definition does not have"),
                ("CCF255", "/x-ms-capabilities/testConnection/operationId", "`testConnection` calls operation `Ping`, which the definition does not have"),
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `ListTeams`?"));
    }

    #[test]
    fn calls_to_existing_operations_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "x-ms-capabilities": {"testConnection": {"operationId": "ListTeams"}},
                "paths": {"/a": {"get": {"operationId": "ListTeams",
                "parameters": [{"name": "team", "in": "query", "type": "string",
                    "x-ms-dynamic-values": {"operationId": "ListTeams", "value-path": "id"}},
                  {"name": "kind", "in": "query", "type": "string",
                    "x-ms-dynamic-values": {"builtInOperation": "AzureBlob-GetListOfContainers"}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
