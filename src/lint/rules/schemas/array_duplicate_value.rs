use std::collections::HashMap;

use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A list that must hold distinct values repeats one.
    ///
    /// ## What
    /// A value appears twice in an `enum`, a schema's `required`, or a `schemes`, `consumes` or
    /// `produces` list (of the document or of an operation).
    ///
    /// ## Why
    /// Microsoft's validator rejects arrays with duplicate values (`ArrayDuplicateValue`); a
    /// repeated enum value also shows twice in the designer's drop-down. One accepted connector
    /// (of 1,031) repeats an enum value in a request body, so an older definition may have got
    /// through; a new import or update is checked.
    ///
    /// ## Example
    /// ```json
    /// {"name": "status", "in": "query", "type": "string", "enum": ["open", "closed", "open"]}
    /// ```
    ///
    /// ## Fix
    /// Remove the repeated value.
    pub static RULE = Definition(check) {
        code: "CCF138",
        name: "array-duplicate-value",
        severity: Error,
        microsoft: ["ArrayDuplicateValue"],
    }
}

/// The lists of the document and of operations that hold distinct values.
const LISTS: &[&str] = &["schemes", "consumes", "produces"];

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::ENUM | keyword::REQUIRED, &mut |h: &Holder| {
        for member in ["enum", "required"] {
            let Some(list) = h.field(member).and_then(Value::as_array) else {
                continue;
            };
            if member == "required" && !matches!(h.kind(), "schema") {
                continue;
            }
            for (i, first) in duplicates(list) {
                out.emit(
                    cx.src,
                    h.pointer_to_item(cx, member, i),
                    format!("`{member}` repeats {} (first at index {first})", list[i]),
                );
            }
        }
    });
    let mut lists = |pointer: &dyn Fn(&str) -> String, holder: &serde_json::Map<String, Value>| {
        for member in LISTS {
            let Some(list) = holder.get(*member).and_then(Value::as_array) else {
                continue;
            };
            for (i, first) in duplicates(list) {
                out.emit(
                    cx.src,
                    format!("{}/{i}", pointer(member)),
                    format!("`{member}` repeats {} (first at index {first})", list[i]),
                );
            }
        }
    };
    if let Some(root) = cx.doc.as_object() {
        lists(&|m| format!("/{m}"), root);
    }
    for op in cx.operations {
        lists(&|m| op.pointer_to(m), op.op);
    }
}

/// Each repeated element of `list`: its index and the index of its first occurrence.
fn duplicates(list: &[Value]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if list.len() < 2 {
        return out;
    }
    if list.len() <= 16 {
        for (i, v) in list.iter().enumerate() {
            if let Some(first) = list[..i].iter().position(|w| w == v) {
                out.push((i, first));
            }
        }
        return out;
    }
    let mut strings: HashMap<&str, usize> = HashMap::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        match v {
            Value::String(s) => {
                if let Some(first) = strings.get(s.as_str()) {
                    out.push((i, *first));
                } else {
                    strings.insert(s, i);
                }
            }
            _ => {
                if let Some(first) = list[..i].iter().position(|w| w == v) {
                    out.push((i, first));
                }
            }
        }
    }
    out
}


#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn repeated_values_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "schemes": ["https", "https"],
                "paths": {"/a": {"get": {"produces": ["application/json", "application/json"],
                    "parameters": [{"name": "s", "in": "query", "type": "string",
                        "enum": ["open", "closed", "open"]}]}}},
                "definitions": {"A": {"type": "object", "required": ["a", "a"],
                    "properties": {"a": {"type": "string"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF138", "/definitions/A/required/1", "`required` repeats \"a\" (first at index 0)"),
                (
                    "CCF138",
                    "/paths/~1a/get/parameters/0/enum/2",
                    "`enum` repeats \"open\" (first at index 0)"
                ),
                ("CCF138", "/schemes/1", "`schemes` repeats \"https\" (first at index 0)"),
                (
                    "CCF138",
                    "/paths/~1a/get/produces/1",
                    "`produces` repeats \"application/json\" (first at index 0)"
                ),
            ]
        );
    }

    #[test]
    fn long_lists_are_checked_too() {
        let values: Vec<String> = (0..40).map(|i| format!("\"v{i}\"")).collect();
        let json = format!(
            r#"{{"swagger": "2.0", "definitions": {{"S": {{"type": "string", "enum": [{}, "v3"]}}}}}}"#,
            values.join(",")
        );
        let found = lint_definition(&RULE, &json);
        assert_eq!(
            findings(&found),
            [("CCF138", "/definitions/S/enum/40", "`enum` repeats \"v3\" (first at index 3)")]
        );
    }

    #[test]
    fn distinct_values_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "schemes": ["https", "http"], "definitions": {
                "S": {"type": "integer", "enum": [1, 2, 3]}}}"#,
        );
        assert!(found.is_empty());
    }
}
