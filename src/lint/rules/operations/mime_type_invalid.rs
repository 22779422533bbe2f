use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A `consumes` or `produces` entry is not a MIME type.
    ///
    /// ## What
    /// An entry of `consumes` or `produces`, at the root or on an operation, is not a string of
    /// the form `type/subtype`, optionally followed by `;` parameters (`application/json;
    /// charset=utf-8`). Both halves must be non-empty tokens without spaces or separators.
    ///
    /// ## Why
    /// Microsoft's validator rejects a definition with a MIME type it cannot parse.
    ///
    /// ## Example
    /// ```json
    /// "consumes": ["json"]
    /// ```
    ///
    /// ## Fix
    /// Write the full type: `application/json`, `text/plain`, `multipart/form-data`,
    /// `application/x-www-form-urlencoded`.
    pub static RULE = Definition(check) {
        code: "CCF221",
        name: "mime-type-invalid",
        severity: Error,
        microsoft: ["MimeTypeNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut lists: Vec<(&Value, Option<&crate::swagger::Operation>, &str)> = Vec::new();
    for key in ["consumes", "produces"] {
        if let Some(l) = cx.doc.get(key) {
            lists.push((l, None, key));
        }
    }
    for op in cx.operations {
        for key in ["consumes", "produces"] {
            if let Some(l) = op.op.get(key) {
                lists.push((l, Some(op), key));
            }
        }
    }
    for (list, op, key) in lists {
        let Some(items) = list.as_array() else { continue };
        for (i, item) in items.iter().enumerate() {
            if item.as_str().is_some_and(crate::swagger::is_mime_type) {
                continue;
            }
            let base = match op {
                Some(op) => op.pointer_to(key),
                None => format!("/{key}"),
            };
            let shown = match item {
                Value::String(s) => format!("`{s}`"),
                other => format!("`{other}`"),
            };
            out.emit(
                cx.src,
                format!("{base}/{i}"),
                format!("{shown} in `{key}` is not a MIME type"),
            )
            .set_help("write `type/subtype`, e.g. `application/json`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::swagger::is_mime_type;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn mime_types() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "application/vnd.api+json",
            "*/*",
            "application/json;odata.metadata=minimal",
        ] {
            assert!(is_mime_type(ok), "{ok}");
        }
        for bad in ["json", "application/", "/json", "application/json/x", "text /plain", ""] {
            assert!(!is_mime_type(bad), "{bad}");
        }
    }

    #[test]
    fn an_invalid_entry_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json", "json"], "paths": {
                "/a": {"get": {"produces": [3]}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF221", "/consumes/1", "`json` in `consumes` is not a MIME type"),
                ("CCF221", "/paths/~1a/get/produces/0", "`3` in `produces` is not a MIME type"),
            ]
        );
    }

    #[test]
    fn valid_types_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "produces": ["application/json", "text/plain; charset=utf-8"]}"#,
        );
        assert!(found.is_empty());
    }
}
