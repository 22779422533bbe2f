use serde_json::Value;

use super::shared::{each_holder, Place};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An `x-ms-*` extension with a fixed set of values holds another value.
    ///
    /// ## What
    /// `x-ms-visibility` is `important`, `advanced` or `internal`; `x-ms-trigger` (on an
    /// operation) is `single` or `batch`; `x-ms-url-encoding` is `single` or `double`;
    /// `x-ms-media-kind` is `image` or `audio`. Each must be a string.
    ///
    /// ## Why
    /// These values are fixed in Microsoft's schema of the connector definition: another value is
    /// rejected on import or silently ignored, so a parameter meant to be hidden shows up, or a
    /// trigger does not fire as a trigger. The rule reads the values as the platform does, in
    /// any letter case (accepted connectors use `Advanced` and `Internal`), and takes an empty
    /// `x-ms-visibility` for no visibility (as over 90 accepted ones do).
    ///
    /// ## Example
    /// ```json
    /// {"name": "apiVersion", "in": "query", "type": "string", "x-ms-visibility": "hidden"}
    /// ```
    ///
    /// ## Fix
    /// Use one of the allowed values: `"x-ms-visibility": "internal"`.
    pub static RULE = Definition(check) {
        code: "CCF250",
        name: "extension-value-invalid",
        severity: Error,
        microsoft: [
            "S: x-ms-visibility/x-ms-trigger/x-ms-media-kind enums",
            "S: x-ms-url-encoding enum",
        ],
    }
}

const ALLOWED: &[(&str, &[&str])] = &[
    ("x-ms-visibility", &["important", "advanced", "internal"]),
    ("x-ms-trigger", &["single", "batch"]),
    ("x-ms-url-encoding", &["single", "double"]),
    ("x-ms-media-kind", &["image", "audio"]),
];

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions("\"x-ms-") {
        return;
    }
    each_holder(cx, |place, holder, at| {
        for (key, value) in holder {
            if !key.starts_with("x-ms-") {
                continue;
            }
            let Some((_, allowed)) = ALLOWED.iter().find(|(k, _)| *k == key.as_str()) else {
                continue;
            };
            if key == "x-ms-trigger" && place != Place::Operation {
                continue;
            }
            let ok = match value {
                Value::String(s) => {
                    (s.is_empty() && key == "x-ms-visibility")
                        || allowed.iter().any(|a| a.eq_ignore_ascii_case(s))
                }
                _ => false,
            };
            if !ok {
                let shown = match value {
                    Value::String(s) => format!("`{s}`"),
                    other => format!("`{other}`, not a string"),
                };
                out.emit(
                    cx.src,
                    at.pointer_to(cx, key),
                    format!("`{key}` is {shown}; allowed: {}", allowed.join(", ")),
                )
                .set_help(format!("use one of {}", allowed.join(", ")));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn values_outside_the_sets_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a/{id}": {"post": {"operationId": "A",
                "x-ms-trigger": "many", "x-ms-visibility": "hidden",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string",
                    "x-ms-url-encoding": "triple"},
                  {"name": "b", "in": "body", "schema": {"type": "object", "properties": {
                    "p": {"type": "string", "x-ms-media-kind": "movie", "x-ms-visibility": true}}}}],
                "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF250", "/paths/~1a~1{id}/post/x-ms-trigger", "`x-ms-trigger` is `many`; allowed: single, batch"),
                ("CCF250", "/paths/~1a~1{id}/post/x-ms-visibility", "`x-ms-visibility` is `hidden`; allowed: important, advanced, internal"),
                ("CCF250", "/paths/~1a~1{id}/post/parameters/0/x-ms-url-encoding", "`x-ms-url-encoding` is `triple`; allowed: single, double"),
                ("CCF250", "/paths/~1a~1{id}/post/parameters/1/schema/properties/p/x-ms-media-kind", "`x-ms-media-kind` is `movie`; allowed: image, audio"),
                ("CCF250", "/paths/~1a~1{id}/post/parameters/1/schema/properties/p/x-ms-visibility", "`x-ms-visibility` is `true`, not a string; allowed: important, advanced, internal"),
            ]
        );
    }

    #[test]
    fn allowed_values_in_any_case_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a/{id}": {"get": {"operationId": "A",
                "x-ms-trigger": "batch", "x-ms-visibility": "Advanced",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string",
                    "x-ms-url-encoding": "double", "x-ms-visibility": ""}],
                "responses": {"200": {"description": "OK", "schema": {"type": "string",
                    "x-ms-media-kind": "image", "x-ms-visibility": "internal"}}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
