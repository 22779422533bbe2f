use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::diagnostic::escape_token;
use super::shared::each_dynamic_holder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `selectedItemValuePath` is used where no item has been selected.
    ///
    /// ## What
    /// A parameter value of the form `{"selectedItemValuePath": "..."}` appears somewhere other
    /// than the `parameters` of the `browse` call of `x-ms-dynamic-tree`: in the `open` call, or
    /// in the `parameters` of `x-ms-dynamic-values`, `-list`, `-schema` or `-properties`.
    ///
    /// ## Why
    /// The file picker calls `open` to show the first level and `browse` each time the user opens
    /// an item; only `browse` has a selected item whose value the path can read. Elsewhere the
    /// value is empty and the call fails, and Microsoft's validator reports
    /// `SelectedItemValuePathNotAllowedInThisPosition`. All 60 trees of accepted connectors use it
    /// in `browse` only.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-tree": {"open": {"operationId": "ListRoot",
    ///   "parameters": {"folder": {"selectedItemValuePath": "id"}}}}
    /// ```
    ///
    /// ## Fix
    /// Pass a fixed `value` or a `parameterReference` in `open`, and keep
    /// `selectedItemValuePath` for `browse`.
    pub static RULE = Definition(check) {
        code: "CCF283",
        name: "selected-item-value-path-misplaced",
        severity: Error,
        microsoft: ["SelectedItemValuePathNotAllowedInThisPosition"],
    }
}

const CALLS: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
];

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("selectedItemValuePath") {
        return;
    }
    // Each call's `parameters`, with the path of the call under the holder and its name.
    let mut visit = |holder: &Map<String, Value>, base: &dyn Fn() -> String| {
        let mut calls: Vec<(String, &Value)> = Vec::new();
        for ext in CALLS {
            if let Some(call) = holder.get(*ext) {
                calls.push((escape_token(ext).into_owned(), call));
            }
        }
        if let Some(open) = holder.field("x-ms-dynamic-tree").and_then(|t| t.field("open")) {
            calls.push(("x-ms-dynamic-tree/open".into(), open));
        }
        for (at, call) in calls {
            let Some(params) = call.field("parameters").and_then(Value::as_object) else {
                continue;
            };
            for (name, value) in params {
                if value.field("selectedItemValuePath").is_some() {
                    let place = if at.ends_with("/open") {
                        "the tree's `open` call, where no item is selected yet"
                    } else {
                        "a dynamic call outside `x-ms-dynamic-tree`"
                    };
                    out.emit(
                        cx.src,
                        format!("{}/{at}/parameters/{}/selectedItemValuePath", base(), escape_token(name)),
                        format!("`selectedItemValuePath` is not allowed in {place}"),
                    )
                    .set_help("pass a `value` or a `parameterReference`; `selectedItemValuePath` belongs in `browse`");
                }
            }
        }
    };
    each_dynamic_holder(cx, |holder, at, _| visit(holder, &|| at.pointer(cx)));
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_selected_item_path_in_open_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "A",
                "parameters": [{"name": "f", "in": "query", "type": "string",
                    "x-ms-dynamic-tree": {"open": {"operationId": "A", "parameters": {"folder": {"selectedItemValuePath": "id"}}}}},
                  {"name": "g", "in": "query", "type": "string",
                    "x-ms-dynamic-values": {"operationId": "A", "parameters": {"f": {"selectedItemValuePath": "id"}}}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF283", "/paths/~1a/get/parameters/0/x-ms-dynamic-tree/open/parameters/folder/selectedItemValuePath", "`selectedItemValuePath` is not allowed in the tree's `open` call, where no item is selected yet"),
                ("CCF283", "/paths/~1a/get/parameters/1/x-ms-dynamic-values/parameters/f/selectedItemValuePath", "`selectedItemValuePath` is not allowed in a dynamic call outside `x-ms-dynamic-tree`"),
            ]
        );
    }

    #[test]
    fn a_selected_item_path_in_browse_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "A",
                "parameters": [{"name": "f", "in": "query", "type": "string",
                    "x-ms-dynamic-tree": {"open": {"operationId": "A", "parameters": {"folder": {"value": "/"}}},
                        "browse": {"operationId": "A", "parameters": {"folder": {"selectedItemValuePath": "id"}}}}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
