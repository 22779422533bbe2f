use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-dynamic-properties` reads the schema at another path than `x-ms-dynamic-schema`.
    ///
    /// ## What
    /// A schema carries both `x-ms-dynamic-schema` and `x-ms-dynamic-properties`, both with a
    /// path to the schema in the called operation's response (`value-path` and `itemValuePath`),
    /// and the two paths differ.
    ///
    /// ## Why
    /// The two extensions describe the same dynamic schema, the first for the older designer and
    /// the second for the newer one; Microsoft's validator reports
    /// `DynamicPropertiesItemValuePathMismatch` when they point at different places, since the
    /// two designers would then show different fields. A missing `itemValuePath` is not compared:
    /// 61 pairs in accepted connectors write `"value-path": "properties"` with no
    /// `itemValuePath`.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-schema": {"operationId": "GetSchema", "value-path": "schema"},
    /// "x-ms-dynamic-properties": {"operationId": "GetSchema", "itemValuePath": "schema/items"}
    /// ```
    ///
    /// ## Fix
    /// Write the same path in both (`"itemValuePath": "schema"`).
    pub static RULE = Definition(check) {
        code: "CCF282",
        name: "dynamic-properties-path-mismatch",
        severity: Error,
        microsoft: ["DynamicPropertiesItemValuePathMismatch"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-dynamic-properties") {
        return;
    }
    let index = cx.index();
    for s in &index.schemas {
        let path = |ext: &str, key: &str| {
            s.value
                .field(ext)
                .and_then(|e| e.field(key))
                .and_then(Value::as_str)
        };
        let (Some(item), Some(value)) = (
            path("x-ms-dynamic-properties", "itemValuePath"),
            path("x-ms-dynamic-schema", "value-path"),
        ) else {
            continue;
        };
        if item != value {
            out.emit(
                cx.src,
                format!("{}/itemValuePath", index.pointer_to(s.id, "x-ms-dynamic-properties")),
                format!("`itemValuePath` is `{item}`, but `x-ms-dynamic-schema` reads the schema at `{value}`"),
            )
            .set_help(format!("write `\"itemValuePath\": \"{value}\"`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn different_paths_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"D": {"type": "object",
                "x-ms-dynamic-schema": {"operationId": "S", "value-path": "schema"},
                "x-ms-dynamic-properties": {"operationId": "S", "itemValuePath": "schema/items"}}},
                "paths": {}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF282", "/definitions/D/x-ms-dynamic-properties/itemValuePath", "`itemValuePath` is `schema/items`, but `x-ms-dynamic-schema` reads the schema at `schema`")]
        );
    }

    #[test]
    fn equal_or_absent_paths_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"D": {"type": "object",
                "x-ms-dynamic-schema": {"operationId": "S", "value-path": "schema"},
                "x-ms-dynamic-properties": {"operationId": "S", "itemValuePath": "schema"}},
                "E": {"type": "object",
                "x-ms-dynamic-schema": {"operationId": "S", "value-path": "properties"},
                "x-ms-dynamic-properties": {"operationId": "S"}}},
                "paths": {}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
