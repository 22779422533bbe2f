use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter uses `collectionFormat: multi`, which the platform does not support.
    ///
    /// ## What
    /// A parameter (or an `items` inside it) has `"collectionFormat": "multi"`: an array sent as
    /// the same query or form field repeated (`?id=1&id=2`).
    ///
    /// ## Why
    /// The connector runtime sends arrays as one delimited value; Microsoft's validator rejects the
    /// `multi` format (`CollectionFormatValueNotSupported`). Microsoft does not list which other
    /// formats it refuses; accepted connectors use `csv`, so only `multi` is reported.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "query", "type": "array", "items": {"type": "string"},
    ///  "collectionFormat": "multi"}
    /// ```
    ///
    /// ## Fix
    /// Use `"collectionFormat": "csv"` if the API accepts `?id=1,2`; otherwise send the values in a
    /// body, or expose one parameter per value.
    pub static RULE = Definition(check) {
        code: "CCF317",
        name: "collection-format-multi",
        severity: Error,
        microsoft: ["CollectionFormatValueNotSupported"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        // The parameter, then each nested `items`.
        let mut node = Some(p.value);
        let mut depth = 0;
        while let Some(map) = node {
            if map.field("collectionFormat").and_then(Value::as_str) == Some("multi") {
                let at = format!(
                    "{}{}/collectionFormat",
                    p.pointer(),
                    "/items".repeat(depth)
                );
                out.emit(
                    cx.src,
                    at,
                    format!(
                        "parameter `{}` uses `collectionFormat: multi`, which the platform does not support",
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help("use \"csv\" if the API accepts comma-separated values");
            }
            node = map.field("items").and_then(Value::as_object);
            depth += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn multi_is_reported_on_a_parameter_and_nested_items() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "id", "in": "query", "type": "array", "collectionFormat": "multi",
                 "items": {"type": "array", "collectionFormat": "multi", "items": {"type": "string"}}}
            ]}}}}"#,
        );
        let msg = "parameter `id` uses `collectionFormat: multi`, which the platform does not support";
        assert_eq!(
            findings(&found),
            [
                ("CCF317", "/paths/~1a/get/parameters/0/collectionFormat", msg),
                (
                    "CCF317",
                    "/paths/~1a/get/parameters/0/items/collectionFormat",
                    msg
                ),
            ]
        );
    }

    #[test]
    fn csv_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "id", "in": "query", "type": "array", "collectionFormat": "csv",
                 "items": {"type": "string"}}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
