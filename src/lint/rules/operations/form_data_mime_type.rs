use super::shared::{effective_mimes, is_form};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation sends form data, but its `consumes` lists no form encoding.
    ///
    /// ## What
    /// An operation has `formData` parameters, and its effective `consumes` (its own, else the
    /// root's) lists MIME types of which none is a form encoding (`multipart/form-data`,
    /// `application/x-www-form-urlencoded`), e.g. only `application/json`.
    ///
    /// ## Why
    /// Microsoft's validator rejects MIME types that do not fit the request content. Its full
    /// compatibility table is not published; this rule checks the one pairing that cannot work:
    /// form fields with no form encoding to send them in. A `body` parameter with only form
    /// types in `consumes` is not reported, as accepted connectors do it.
    ///
    /// ## Example
    /// ```json
    /// "consumes": ["application/json"],
    /// "parameters": [{"name": "file", "in": "formData", "type": "file"}]
    /// ```
    ///
    /// ## Fix
    /// Set the operation's `"consumes": ["multipart/form-data"]` (files) or
    /// `["application/x-www-form-urlencoded"]`.
    pub static RULE = Definition(check) {
        code: "CCF223",
        name: "form-data-mime-type",
        severity: Error,
        microsoft: ["MimeTypeNotCompatibleWithRequestContentSchemaType"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        if !op.params.iter().any(|p| p.location() == Some("formData")) {
            continue;
        }
        let (Some(list), Some(at)) = effective_mimes(cx.doc, op, "consumes") else {
            continue;
        };
        let strings: Vec<&str> = list.iter().filter_map(|m| m.as_str()).collect();
        if strings.is_empty() || strings.iter().any(|m| is_form(m)) {
            continue;
        }
        out.emit(
            cx.src,
            at,
            format!(
                "{} has `formData` parameters, but its `consumes` ({}) has no form encoding",
                op.label(),
                strings.join(", ")
            ),
        )
        .set_help("use `multipart/form-data` or `application/x-www-form-urlencoded`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn form_data_sent_as_json_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json"], "paths": {
                "/a": {"post": {"parameters": [{"name": "f", "in": "formData", "type": "file"}]}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF223",
                "/consumes",
                "POST /a has `formData` parameters, but its `consumes` (application/json) has no form encoding"
            )]
        );
    }

    #[test]
    fn a_form_encoding_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["application/json"], "paths": {
                "/a": {"post": {"consumes": ["multipart/form-data"],
                    "parameters": [{"name": "f", "in": "formData", "type": "file"}]}},
                "/b": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
