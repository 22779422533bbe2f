use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-trigger-metadata`, `x-ms-notification`, `x-ms-deployment-version`, `x-ms-docs` or
    /// an `x-ms-connector-metadata` entry does not have its fixed shape.
    ///
    /// ## What
    /// - `x-ms-trigger-metadata` (operation): `{"kind": "query", "mode": "polling"}`, both keys.
    /// - `x-ms-notification` (operation): an object with a string `operationId`.
    /// - `x-ms-deployment-version` (`info`): a version string of numbers and dots, `1.0.0`.
    /// - `x-ms-docs` (root): a non-empty list of objects, each with a string `url` and an
    ///   optional string `description`.
    /// - `x-ms-connector-metadata` (root): a list of objects, each with a string `propertyName`
    ///   and a string `propertyValue`.
    ///
    /// ## Why
    /// Microsoft's schema of the connector definition fixes these shapes; a value of another
    /// shape is rejected or ignored (a polling trigger that is not marked as one, documentation
    /// links that never show). The keys of `x-ms-connector-metadata` entries are compared in any
    /// letter case, as accepted connectors write `PropertyName`. Whether the entries certification
    /// requires are there is `connector-metadata-missing`'s business; whether the notification's
    /// operation exists is `dynamic-operation-not-found`'s.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-trigger-metadata": {"kind": "webhook"}
    /// ```
    ///
    /// ## Fix
    /// Write the documented shape: `"x-ms-trigger-metadata": {"kind": "query", "mode": "polling"}`.
    pub static RULE = Definition(check) {
        code: "CCF286",
        name: "extension-shape-invalid",
        severity: Error,
        microsoft: [
            "S: x-ms-trigger-metadata, x-ms-notification.operationId, x-ms-deployment-version",
            "S: x-ms-docs / x-ms-connector-metadata item shape",
        ],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    // Lookups in the root, `info` and each operation: cheaper than searching the text.
    operations(cx, out);
    if let Some(v) = cx.doc.pointer("/info/x-ms-deployment-version")
        && !v.as_str().is_some_and(is_version)
    {
        out.emit(cx.src, "/info/x-ms-deployment-version", format!("`x-ms-deployment-version` is `{v}`; it must be a version such as `1.0.0`"));
    }
    if let Some(docs) = cx.doc.get("x-ms-docs") {
        x_ms_docs(cx, out, docs);
    }
    if let Some(Value::Array(list)) = cx.doc.get("x-ms-connector-metadata") {
        for (i, e) in list.iter().enumerate() {
            let at = format!("/x-ms-connector-metadata/{i}");
            let Some(e) = e.as_object() else {
                out.emit(cx.src, at, "an `x-ms-connector-metadata` entry must be an object with `propertyName` and `propertyValue`");
                continue;
            };
            for key in ["propertyName", "propertyValue"] {
                match e.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)) {
                    Some((_, Value::String(_))) => {}
                    Some((k, v)) => {
                        out.emit(cx.src, format!("{at}/{k}"), format!("`{k}` is `{v}`; it must be a string"));
                    }
                    None => {
                        out.emit(cx.src, at.clone(), format!("this `x-ms-connector-metadata` entry has no `{key}`"));
                    }
                }
            }
        }
    }
}

fn operations(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        if let Some(meta) = op.op.get("x-ms-trigger-metadata") {
            let at = op.pointer_to("x-ms-trigger-metadata");
            match meta.as_object() {
                None => {
                    out.emit(cx.src, at, "`x-ms-trigger-metadata` must be `{\"kind\": \"query\", \"mode\": \"polling\"}`");
                }
                Some(meta) => {
                    for (key, want) in [("kind", "query"), ("mode", "polling")] {
                        match meta.get(key) {
                            Some(Value::String(s)) if s == want => {}
                            Some(v) => {
                                out.emit(cx.src, format!("{at}/{key}"), format!("`{key}` is `{v}`; the only value is `{want}`"));
                            }
                            None => {
                                out.emit(cx.src, at.clone(), format!("`x-ms-trigger-metadata` has no `{key}`"))
                                    .set_help(format!("add `\"{key}\": \"{want}\"`"));
                            }
                        }
                    }
                }
            }
        }
        if let Some(n) = op.op.get("x-ms-notification") {
            let at = op.pointer_to("x-ms-notification");
            match n.get("operationId") {
                Some(Value::String(s)) if !s.is_empty() => {}
                _ if !n.is_object() => {
                    out.emit(cx.src, at, "`x-ms-notification` must be an object with an `operationId`");
                }
                Some(v) => {
                    out.emit(cx.src, format!("{at}/operationId"), format!("`operationId` is `{v}`; it must be a non-empty string"));
                }
                None => {
                    out.emit(cx.src, at, "`x-ms-notification` has no `operationId`")
                        .set_help("name the webhook operation that registers the notification");
                }
            }
        }
    }
}

fn x_ms_docs(cx: &Definition, out: &mut Emitter, docs: &Value) {
    let list = match docs.as_array() {
        Some(list) if !list.is_empty() => list,
        _ => {
            out.emit(cx.src, "/x-ms-docs", "`x-ms-docs` must be a non-empty list of `{\"url\", \"description\"}` objects");
            return;
        }
    };
    for (i, e) in list.iter().enumerate() {
        let at = format!("/x-ms-docs/{i}");
        let Some(e) = e.as_object() else {
            out.emit(cx.src, at, "an `x-ms-docs` entry must be an object with a `url`");
            continue;
        };
        match e.get("url") {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(v) => {
                out.emit(cx.src, format!("{at}/url"), format!("`url` is `{v}`; it must be a non-empty string"));
            }
            None => {
                out.emit(cx.src, at.clone(), "this `x-ms-docs` entry has no `url`");
            }
        }
        for (key, v) in e {
            if key == "url" {
                continue;
            }
            if key != "description" {
                out.emit(cx.src, format!("{at}/{}", crate::diagnostic::escape_token(key)), format!("`{key}` is not a key of an `x-ms-docs` entry; allowed: url, description"));
            } else if !v.is_string() {
                out.emit(cx.src, format!("{at}/description"), "`description` must be a string");
            }
        }
    }
}

/// Numbers separated by dots, at least two: `1.0`, `1.0.0`.
fn is_version(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn misshapen_extensions_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1", "x-ms-deployment-version": "v1"},
                "x-ms-docs": [{"description": "Guide"}],
                "x-ms-connector-metadata": [{"propertyName": "Website"}, "Privacy"],
                "paths": {"/a": {"get": {"operationId": "A", "x-ms-trigger": "batch",
                    "x-ms-trigger-metadata": {"kind": "webhook"}, "x-ms-notification": {},
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF286", "/paths/~1a/get/x-ms-trigger-metadata/kind", "`kind` is `\"webhook\"`; the only value is `query`"),
                ("CCF286", "/paths/~1a/get/x-ms-trigger-metadata", "`x-ms-trigger-metadata` has no `mode`"),
                ("CCF286", "/paths/~1a/get/x-ms-notification", "`x-ms-notification` has no `operationId`"),
                ("CCF286", "/info/x-ms-deployment-version", "`x-ms-deployment-version` is `\"v1\"`; it must be a version such as `1.0.0`"),
                ("CCF286", "/x-ms-docs/0", "this `x-ms-docs` entry has no `url`"),
                ("CCF286", "/x-ms-connector-metadata/0", "this `x-ms-connector-metadata` entry has no `propertyValue`"),
                ("CCF286", "/x-ms-connector-metadata/1", "an `x-ms-connector-metadata` entry must be an object with `propertyName` and `propertyValue`"),
            ]
        );
    }

    #[test]
    fn documented_shapes_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "T", "version": "1", "x-ms-deployment-version": "1.0.0"},
                "x-ms-docs": [{"url": "https://contoso.com/guide", "description": "Guide"}],
                "x-ms-connector-metadata": [{"PropertyName": "Website", "PropertyValue": "https://contoso.com"}],
                "paths": {"/a": {"get": {"operationId": "A", "x-ms-trigger": "batch",
                    "x-ms-trigger-metadata": {"kind": "query", "mode": "polling"}, "x-ms-notification": {"operationId": "A"},
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
