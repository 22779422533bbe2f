use serde_json::{Map, Value};

use crate::diagnostic::escape_token;
use super::shared::each_dynamic_holder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A dynamic extension does not say what to call.
    ///
    /// ## What
    /// `x-ms-dynamic-values` (on a parameter or in a schema) must be an object with exactly one
    /// of `operationId`, `builtInOperation` and `capability` (the only capability is
    /// `file-picker`); `x-ms-dynamic-list`, `x-ms-dynamic-schema` and `x-ms-dynamic-properties`
    /// must be objects with an `operationId`. Each of these is a string.
    ///
    /// ## Why
    /// The designer fills the dropdown or the schema by calling what the extension names; with
    /// nothing named, or two things, it calls nothing. Microsoft's schema requires these keys and
    /// its validator reports `OneOfPropertiesRequired`. Accepted connectors always name one
    /// (3,203 `x-ms-dynamic-values`, 60 of them `"capability": "file-picker"`). Extensions
    /// written on an operation are not read by the designer and are not checked here.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": {"value-path": "id", "value-title": "name"}
    /// ```
    ///
    /// ## Fix
    /// Name the operation that returns the values: `"operationId": "ListProjects"`.
    pub static RULE = Definition(check) {
        code: "CCF284",
        name: "dynamic-call-target-missing",
        severity: Error,
        microsoft: [
            "OneOfPropertiesRequired",
            "S: x-ms-dynamic-values oneOf operationId/builtInOperation/capability",
            "S: x-ms-dynamic-schema/list/properties need operationId",
        ],
    }
}

const EXTENSIONS: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
];

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("x-ms-dynamic-") {
        return;
    }
    let mut visit = |holder: &Map<String, Value>, base: &dyn Fn() -> String| {
        for ext in EXTENSIONS {
            let Some(call) = holder.get(*ext) else {
                continue;
            };
            let at = || format!("{}/{}", base(), escape_token(ext));
            let Some(call) = call.as_object() else {
                out.emit(cx.src, at(), format!("`{ext}` must be an object naming the operation to call"));
                continue;
            };
            let targets: &[&str] = if *ext == "x-ms-dynamic-values" {
                &["operationId", "builtInOperation", "capability"]
            } else {
                &["operationId"]
            };
            let given: Vec<&str> = targets.iter().copied().filter(|t| call.contains_key(*t)).collect();
            match given.as_slice() {
                [] => {
                    let what = if targets.len() > 1 {
                        "names none of `operationId`, `builtInOperation` and `capability`"
                    } else {
                        "has no `operationId`"
                    };
                    out.emit(cx.src, at(), format!("`{ext}` {what}"))
                        .set_help("add `\"operationId\"`: the operation that returns the values");
                }
                [one] => {
                    let value = &call[*one];
                    let ok = match value.as_str() {
                        Some(s) if *one == "capability" => s == "file-picker",
                        Some(s) => !s.is_empty(),
                        None => false,
                    };
                    if !ok {
                        let want = if *one == "capability" { "`\"file-picker\"`" } else { "a non-empty string" };
                        out.emit(cx.src, format!("{}/{one}", at()), format!("`{one}` is `{value}`; it must be {want}"));
                    }
                }
                many => {
                    out.emit(cx.src, at(), format!("`{ext}` names {}; give only one", many.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ")))
                        .set_help("keep the one the designer should call");
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
    fn calls_without_a_single_target_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"operationId": "A",
                "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-dynamic-values": {"value-path": "id"}},
                  {"name": "r", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "A", "capability": "file-picker"}},
                  {"name": "s", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "picker"}},
                  {"name": "b", "in": "body", "schema": {"type": "object",
                    "x-ms-dynamic-schema": {"value-path": "schema"}, "x-ms-dynamic-properties": "GetSchema"}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        let p = "/paths/~1a/post/parameters";
        assert_eq!(
            findings(&found),
            [
                ("CCF284", &*format!("{p}/0/x-ms-dynamic-values"), "`x-ms-dynamic-values` names none of `operationId`, `builtInOperation` and `capability`"),
                ("CCF284", &*format!("{p}/1/x-ms-dynamic-values"), "`x-ms-dynamic-values` names `operationId` and `capability`; give only one"),
                ("CCF284", &*format!("{p}/2/x-ms-dynamic-values/capability"), "`capability` is `\"picker\"`; it must be `\"file-picker\"`"),
                ("CCF284", &*format!("{p}/3/schema/x-ms-dynamic-schema"), "`x-ms-dynamic-schema` has no `operationId`"),
                ("CCF284", &*format!("{p}/3/schema/x-ms-dynamic-properties"), "`x-ms-dynamic-properties` must be an object naming the operation to call"),
            ]
        );
    }

    #[test]
    fn one_target_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"operationId": "A",
                "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "A"}},
                  {"name": "r", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "file-picker"}},
                  {"name": "t", "in": "query", "type": "string", "x-ms-dynamic-list": {"operationId": "A", "itemValuePath": "id"}}],
                "x-ms-dynamic-schema": "GetSchema",
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
