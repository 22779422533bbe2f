use crate::value::Lookup;
use serde_json::{Map, Value};

use super::shared::each_holder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `x-ms-enum-values` is not a list of distinct `{value, displayName}` entries of the `enum`.
    ///
    /// ## What
    /// `x-ms-enum-values`, on a parameter, a property or `items`, is a list of objects, each with
    /// a `value` and a non-empty string `displayName` (`MissingEnumValuesDisplayName`), no
    /// `value` twice (`DuplicateEnumValuesInExtension`), and each `value` one of the `enum` beside
    /// it, or of `items.enum` for an array (`InvalidEnumValuesExtensionValue`).
    ///
    /// ## Why
    /// The designer shows the `displayName` of each entry in the dropdown and sends its `value`:
    /// an entry without a name shows a blank choice, a repeated value shows two choices that send
    /// the same thing, and a value outside the `enum` is a choice the definition itself rejects.
    /// Values are compared as JSON (`1` and `"1"` differ). No accepted connector breaks any of
    /// these; an `enum` value without an entry is allowed (it shows as itself).
    ///
    /// ## Example
    /// ```json
    /// {"name": "unit", "in": "query", "type": "string", "enum": ["c", "f"],
    ///  "x-ms-enum-values": [{"value": "c", "displayName": "Celsius"}, {"value": "k"}]}
    /// ```
    ///
    /// ## Fix
    /// Give every entry a `displayName`, list each value once, and add a value missing from the
    /// `enum` there (or drop its entry).
    pub static RULE = Definition(check) {
        code: "CCF280",
        name: "enum-values-invalid",
        severity: Error,
        microsoft: [
            "DuplicateEnumValuesInExtension",
            "InvalidEnumValuesExtensionValue",
            "MissingEnumValuesDisplayName",
        ],
    }
}

const KEY: &str = "x-ms-enum-values";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    each_holder(cx, |_, holder, at| {
        let Some(list) = holder.field(KEY) else {
            return;
        };
        let base = || at.pointer_to(cx, KEY);
        let Some(list) = list.as_array() else {
            out.emit(cx.src, base(), "`x-ms-enum-values` must be a list of `{\"value\", \"displayName\"}` objects");
            return;
        };
        let allowed = enum_of(holder);
        let mut seen: Vec<&Value> = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let here = || format!("{}/{i}", base());
            let Some(entry) = entry.as_object() else {
                out.emit(cx.src, here(), "an `x-ms-enum-values` entry must be an object with `value` and `displayName`");
                continue;
            };
            match entry.field("displayName") {
                Some(Value::String(s)) if !s.trim().is_empty() => {}
                Some(_) => {
                    out.emit(cx.src, format!("{}/displayName", here()), "`displayName` must be a non-empty string")
                        .set_help("write the text the dropdown shows for this value");
                }
                None => {
                    out.emit(cx.src, here(), "this `x-ms-enum-values` entry has no `displayName`")
                        .set_help("add `\"displayName\"`: the text the dropdown shows for this value");
                }
            }
            let Some(value) = entry.field("value") else {
                out.emit(cx.src, here(), "this `x-ms-enum-values` entry has no `value`")
                    .set_help("add `\"value\"`: the `enum` value this entry names");
                continue;
            };
            if seen.contains(&value) {
                out.emit(cx.src, format!("{}/value", here()), format!("`x-ms-enum-values` lists the value `{value}` twice"))
                    .set_help("keep one entry per value");
                continue;
            }
            seen.push(value);
            match allowed {
                Some(allowed) if !allowed.contains(value) => {
                    out.emit(cx.src, format!("{}/value", here()), format!("`{value}` is not one of the `enum` values"))
                        .set_help("add it to the `enum`, or drop this entry");
                }
                Some(_) => {}
                None if i == 0 => {
                    out.emit(cx.src, base(), "`x-ms-enum-values` names values, but there is no `enum` beside it")
                        .set_help("add the `enum` that lists the allowed values");
                }
                None => {}
            }
        }
    });
}

/// The `enum` the entries name: the holder's own, or its `items`' for an array.
fn enum_of(holder: &Map<String, Value>) -> Option<&Vec<Value>> {
    holder.field("enum").and_then(Value::as_array).or_else(|| {
        holder
            .field("items")
            .and_then(|i| i.field("enum"))
            .and_then(Value::as_array)
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn missing_names_repeats_and_strangers_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "A",
                "parameters": [{"name": "u", "in": "query", "type": "string", "enum": ["c", "f"],
                    "x-ms-enum-values": [{"value": "c", "displayName": "Celsius"}, {"value": "k", "displayName": "Kelvin"},
                        {"value": "f"}, {"value": "c", "displayName": "Again"}, {"displayName": ""}]},
                  {"name": "v", "in": "query", "type": "string", "x-ms-enum-values": [{"value": "x", "displayName": "X"}]}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        let p = "/paths/~1a/get/parameters";
        assert_eq!(
            findings(&found),
            [
                ("CCF280", &*format!("{p}/0/x-ms-enum-values/1/value"), "`\"k\"` is not one of the `enum` values"),
                ("CCF280", &*format!("{p}/0/x-ms-enum-values/2"), "this `x-ms-enum-values` entry has no `displayName`"),
                ("CCF280", &*format!("{p}/0/x-ms-enum-values/3/value"), "`x-ms-enum-values` lists the value `\"c\"` twice"),
                ("CCF280", &*format!("{p}/0/x-ms-enum-values/4/displayName"), "`displayName` must be a non-empty string"),
                ("CCF280", &*format!("{p}/0/x-ms-enum-values/4"), "this `x-ms-enum-values` entry has no `value`"),
                ("CCF280", &*format!("{p}/1/x-ms-enum-values"), "`x-ms-enum-values` names values, but there is no `enum` beside it"),
            ]
        );
    }

    #[test]
    fn named_values_of_the_enum_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"T": {"type": "object", "properties": {
                "n": {"type": "integer", "enum": [1, 2, 3], "x-ms-enum-values": [{"value": 1, "displayName": "One"}, {"value": 2, "displayName": "Two"}]},
                "l": {"type": "array", "items": {"type": "string", "enum": ["a"]}, "x-ms-enum-values": [{"value": "a", "displayName": "A"}]}}}},
                "paths": {}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
