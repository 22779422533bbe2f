use crate::value::Lookup;
use serde_json::Value;

use super::shared::{At, closest, each_dynamic_holder};
use crate::diagnostic::escape_token;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-trigger-metadata`, `x-ms-notification`, `x-ms-deployment-version`, `x-ms-docs`,
    /// `x-ms-dynamic-tree` or an `x-ms-connector-metadata` entry does not have its fixed shape.
    ///
    /// ## What
    /// - `x-ms-trigger-metadata` (operation): `{"kind": "query", "mode": "polling"}`, both keys.
    /// - `x-ms-notification` (operation): an object with a string `operationId`.
    /// - `x-ms-deployment-version` (`info`): a version string of numbers and dots, `1.0.0`.
    /// - `x-ms-docs` (root): a non-empty list of objects, each with a string `url` and an
    ///   optional string `description`.
    /// - `x-ms-connector-metadata` (root): a list of objects, each with a string `propertyName`
    ///   and a string `propertyValue`.
    /// - `x-ms-dynamic-tree` (parameter or schema): an object of `settings`, `open` and `browse`.
    ///   `settings` holds the booleans `canSelectParentNodes` and `canSelectLeafNodes` and the
    ///   string `selectedItemPlaceholder`; `open` (required) and `browse` hold a string
    ///   `operationId` (required), the strings `itemsPath`, `itemValuePath`, `itemTitlePath`,
    ///   `itemFullTitlePath`, `itemIsParent` and `selectableFilter`, and a `parameters` object.
    ///   Any other key is reported, with the nearest allowed one.
    ///
    /// ## Why
    /// Microsoft's schema of the connector definition fixes these shapes; a value of another
    /// shape is rejected or ignored (a polling trigger that is not marked as one, documentation
    /// links that never show). The keys of `x-ms-connector-metadata` entries are compared in any
    /// letter case, as accepted connectors write `PropertyName`. Whether the entries certification
    /// requires are there is `connector-metadata-missing`'s business; whether the notification's
    /// or the tree's operation exists is `dynamic-operation-not-found`'s. All 60 trees of
    /// accepted connectors have `settings`, `open` and `browse`, each call with an `operationId`,
    /// and no other key; a misspelt key (`itemValuepath`) leaves the file picker empty.
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
            "S: x-ms-dynamic-tree settings/open/browse shape",
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
    if let Some(docs) = cx.doc.field("x-ms-docs") {
        x_ms_docs(cx, out, docs);
    }
    if cx.src.mentions("x-ms-dynamic-tree") {
        each_dynamic_holder(cx, |holder, at, _| {
            if let Some(tree) = holder.field("x-ms-dynamic-tree") {
                dynamic_tree(cx, out, tree, at);
            }
        });
    }
    if let Some(Value::Array(list)) = cx.doc.field("x-ms-connector-metadata") {
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
        if let Some(meta) = op.op.field("x-ms-trigger-metadata") {
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
        if let Some(n) = op.op.field("x-ms-notification") {
            let at = op.pointer_to("x-ms-notification");
            match n.field("operationId") {
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
        match e.field("url") {
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

const TREE_SETTINGS: &[&str] = &["canSelectParentNodes", "canSelectLeafNodes", "selectedItemPlaceholder"];
const TREE_CALL: &[&str] = &[
    "operationId",
    "parameters",
    "itemsPath",
    "itemValuePath",
    "itemTitlePath",
    "itemFullTitlePath",
    "itemIsParent",
    "selectableFilter",
];

fn dynamic_tree(cx: &Definition, out: &mut Emitter, tree: &Value, holder: At) {
    let at = holder.pointer_to(cx, "x-ms-dynamic-tree");
    let Some(tree) = tree.as_object() else {
        out.emit(cx.src, at, "`x-ms-dynamic-tree` must be an object of `settings`, `open` and `browse`");
        return;
    };
    let unknown = |out: &mut Emitter, key: &str, allowed: &[&str], within: &str, base: &str| {
        let mut d = format!("`{key}` is not a key of {within}; allowed: {}", allowed.join(", "));
        if let Some(near) = closest(key, allowed.iter().copied()) {
            d.push_str(&format!(" (did you mean `{near}`?)"));
        }
        out.emit(cx.src, format!("{base}/{}", escape_token(key)), d);
    };
    if !tree.has("open") {
        out.emit(cx.src, at.clone(), "`x-ms-dynamic-tree` has no `open`: the file picker has nothing to call for its first level")
            .set_help("add `\"open\": {\"operationId\": ..., \"itemValuePath\": ..., \"itemTitlePath\": ..., \"itemIsParent\": ...}`");
    }
    for (key, v) in tree {
        let here = format!("{at}/{}", escape_token(key));
        match key.as_str() {
            "settings" => {
                let Some(settings) = v.as_object() else {
                    out.emit(cx.src, here, "`settings` must be an object");
                    continue;
                };
                for (k, v) in settings {
                    let ok = match k.as_str() {
                        "canSelectParentNodes" | "canSelectLeafNodes" => v.is_boolean(),
                        "selectedItemPlaceholder" => v.is_string(),
                        _ => {
                            unknown(out, k, TREE_SETTINGS, "the tree's `settings`", &here);
                            continue;
                        }
                    };
                    if !ok {
                        let want = if k == "selectedItemPlaceholder" { "a string" } else { "`true` or `false`" };
                        out.emit(cx.src, format!("{here}/{k}"), format!("`{k}` is `{v}`; it must be {want}"));
                    }
                }
            }
            "open" | "browse" => {
                let Some(call) = v.as_object() else {
                    out.emit(cx.src, here, format!("`{key}` must be an object naming the operation to call"));
                    continue;
                };
                if !call.has("operationId") {
                    out.emit(cx.src, here.clone(), format!("the tree's `{key}` has no `operationId`"))
                        .set_help("name the operation that lists the items");
                }
                for (k, v) in call {
                    if !TREE_CALL.contains(&k.as_str()) {
                        unknown(out, k, TREE_CALL, &format!("the tree's `{key}`"), &here);
                    } else if k == "parameters" {
                        if !v.is_object() {
                            out.emit(cx.src, format!("{here}/parameters"), "`parameters` must be an object of parameter names to values");
                        }
                    } else if v.as_str().is_none_or(str::is_empty) {
                        out.emit(cx.src, format!("{here}/{}", escape_token(k)), format!("`{k}` is `{v}`; it must be a non-empty string"));
                    }
                }
            }
            _ => unknown(out, key, &["settings", "open", "browse"], "`x-ms-dynamic-tree`", &at),
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

    const TREE_PARAMETER: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
        "paths": {"/files": {"get": {"operationId": "ListFiles", "parameters": [
            {"name": "folder", "in": "query", "type": "string"}],
            "responses": {"200": {"description": "OK"}}}},
          "/copy": {"post": {"operationId": "Copy", "parameters": [
            {"name": "source", "in": "query", "type": "string", "x-ms-dynamic-tree": TREE}],
            "responses": {"200": {"description": "OK"}}}}}}"#;

    #[test]
    fn misshapen_dynamic_trees_are_reported() {
        let tree = r#"{"settings": {"canSelectParentNodes": "yes", "canSelectLeafNodes": true},
            "open": {"operationId": "ListFiles", "itemValuepath": "Id", "itemTitlePath": ""},
            "browse": {"itemValuePath": "Id", "parameters": []}, "close": {}}"#;
        let found = lint_definition(&RULE, &TREE_PARAMETER.replace("TREE", tree));
        let at = "/paths/~1copy/post/parameters/0/x-ms-dynamic-tree";
        let want = [
            (format!("{at}/settings/canSelectParentNodes"), "`canSelectParentNodes` is `\"yes\"`; it must be `true` or `false`"),
            (format!("{at}/open/itemValuepath"), "`itemValuepath` is not a key of the tree's `open`; allowed: operationId, parameters, itemsPath, itemValuePath, itemTitlePath, itemFullTitlePath, itemIsParent, selectableFilter (did you mean `itemValuePath`?)"),
            (format!("{at}/open/itemTitlePath"), "`itemTitlePath` is `\"\"`; it must be a non-empty string"),
            (format!("{at}/browse"), "the tree's `browse` has no `operationId`"),
            (format!("{at}/browse/parameters"), "`parameters` must be an object of parameter names to values"),
            (format!("{at}/close"), "`close` is not a key of `x-ms-dynamic-tree`; allowed: settings, open, browse"),
        ];
        let got: Vec<(String, String)> = found.iter().map(|d| (d.pointer().unwrap_or_default().to_string(), d.message.clone())).collect();
        let want: Vec<(String, String)> = want.iter().map(|(p, m)| (p.clone(), m.to_string())).collect();
        assert_eq!(got, want);
        // A tree with nothing to open.
        let found = lint_definition(&RULE, &TREE_PARAMETER.replace("TREE", r#"{"browse": {"operationId": "ListFiles"}}"#));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("`x-ms-dynamic-tree` has no `open`"), "{found:?}");
    }

    #[test]
    fn the_documented_dynamic_tree_passes() {
        let tree = r#"{"settings": {"canSelectParentNodes": false, "canSelectLeafNodes": true},
            "open": {"operationId": "ListFiles", "itemValuePath": "Id", "itemTitlePath": "Name",
                "itemIsParent": "(IsFolder eq true)", "itemFullTitlePath": "Path"},
            "browse": {"operationId": "ListFiles", "itemValuePath": "Id", "itemTitlePath": "Name",
                "itemIsParent": "(IsFolder eq true)", "itemFullTitlePath": "Path",
                "parameters": {"folder": {"selectedItemValuePath": "Id"}}}}"#;
        let found = lint_definition(&RULE, &TREE_PARAMETER.replace("TREE", tree));
        assert!(found.is_empty(), "{found:?}");
    }
}
