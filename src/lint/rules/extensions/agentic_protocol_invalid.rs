use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An MCP server connector's `x-ms-agentic-protocol` marker is wrong or misplaced.
    ///
    /// ## What
    /// Copilot Studio imports a Model Context Protocol server as a custom connector with one
    /// operation marked `"x-ms-agentic-protocol": "mcp-streamable-1.0"`: a `POST` to the
    /// server's endpoint. The rule reports a value other than `mcp-streamable-1.0` (the older
    /// `mcp-sse-1.0` transport is reported as no longer supported), the marker on an operation
    /// that is not a `POST` or anywhere but an operation, and more than one marked operation.
    ///
    /// ## Why
    /// Copilot Studio finds the server's tools through that one operation; with another value
    /// or method it does not detect the server, and the connector shows no tools. Copilot
    /// Studio dropped the server-sent events transport (`mcp-sse-1.0`) in August 2025. The rest
    /// of the definition is checked like any connector's.
    ///
    /// ## Example
    /// ```json
    /// "/mcp": {"get": {"operationId": "InvokeMCP", "x-ms-agentic-protocol": "mcp-streamable"}}
    /// ```
    ///
    /// ## Fix
    /// `"/mcp": {"post": {"operationId": "InvokeMCP", "x-ms-agentic-protocol":
    /// "mcp-streamable-1.0", "responses": {"200": {"description": "Success"}}}}`.
    pub static RULE = Definition(check) {
        code: "CCF267",
        name: "agentic-protocol-invalid",
        severity: Error,
        microsoft: ["Copilot Studio: MCP server connector (x-ms-agentic-protocol)"],
    }
}

const KEY: &str = "x-ms-agentic-protocol";
const STREAMABLE: &str = "mcp-streamable-1.0";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    let mut first: Option<String> = None;
    for op in cx.operations {
        let Some(value) = op.op.field(KEY) else {
            continue;
        };
        let at = op.pointer_to(KEY);
        match value.as_str() {
            Some(STREAMABLE) => {}
            Some("mcp-sse-1.0") => {
                out.emit(cx.src, at.clone(), "`mcp-sse-1.0` (server-sent events) is no longer supported by Copilot Studio")
                    .set_help(format!("serve the streamable HTTP transport and write `{STREAMABLE}`"));
            }
            _ => {
                out.emit(cx.src, at.clone(), format!("`{KEY}` is `{value}`; Copilot Studio knows `{STREAMABLE}`"))
                    .set_help(format!("write `\"{KEY}\": \"{STREAMABLE}\"`"));
            }
        }
        if op.method != "post" {
            out.emit(cx.src, at.clone(), format!("the MCP operation is {}; Copilot Studio calls it with POST", op.label()))
                .set_help("mark the POST operation of the server's endpoint");
        }
        match &first {
            None => first = Some(op.label()),
            Some(f) => {
                out.emit(cx.src, at, format!("a second operation is marked as the MCP server (the first is {f})"))
                    .set_help("mark only the one operation of the server's endpoint");
            }
        }
    }
    let mut elsewhere = |v: Option<&Value>, pointer: String| {
        if v.is_some() {
            out.emit(cx.src, pointer, format!("`{KEY}` belongs on the operation of the MCP endpoint, not here"));
        }
    };
    elsewhere(cx.doc.field(KEY), format!("/{KEY}"));
    elsewhere(cx.doc.field("info").and_then(|i| i.field(KEY)), format!("/info/{KEY}"));
    if let Some(paths) = cx.doc.field("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            elsewhere(item.field(KEY), crate::diagnostic::pointer(["paths", path, KEY]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_wrong_marker_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/mcp": {"get": {"operationId": "InvokeMCP", "x-ms-agentic-protocol": "mcp-streamable",
                    "responses": {"200": {"description": "OK"}}}},
                "/sse": {"post": {"operationId": "Sse", "x-ms-agentic-protocol": "mcp-sse-1.0",
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF267", "/paths/~1mcp/get/x-ms-agentic-protocol", "`x-ms-agentic-protocol` is `\"mcp-streamable\"`; Copilot Studio knows `mcp-streamable-1.0`"),
                ("CCF267", "/paths/~1mcp/get/x-ms-agentic-protocol", "the MCP operation is GET /mcp; Copilot Studio calls it with POST"),
                ("CCF267", "/paths/~1sse/post/x-ms-agentic-protocol", "`mcp-sse-1.0` (server-sent events) is no longer supported by Copilot Studio"),
                ("CCF267", "/paths/~1sse/post/x-ms-agentic-protocol", "a second operation is marked as the MCP server (the first is GET /mcp)"),
            ]
        );
    }

    #[test]
    fn the_documented_streamable_operation_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/mcp": {"post": {"operationId": "InvokeMCP", "x-ms-agentic-protocol": "mcp-streamable-1.0",
                    "responses": {"200": {"description": "Success"}}},
                    "get": {"operationId": "Get", "x-ms-visibility": "internal",
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
