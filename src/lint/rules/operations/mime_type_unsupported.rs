use super::shared::{effective_mimes, essence};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation that sends a body can only send it as a wildcard MIME type.
    ///
    /// ## What
    /// An operation has a `body` or `formData` parameter, and every entry of its effective
    /// `consumes` (its own, else the root's) is a wildcard such as `*/*` or `image/*`, so there is
    /// no concrete type to send the request as.
    ///
    /// ## Why
    /// Microsoft's validator rejects request MIME types it does not support, but the list it
    /// checks against is only partly published (`application/json`, `text/plain`,
    /// `multipart/form-data`, `application/x-www-form-urlencoded`), and accepted connectors send
    /// many others (`application/xml`, `text/xml`, `application/octet-stream`,
    /// `application/json-patch+json`). This rule takes the conservative reading: it reports only
    /// what cannot be sent at all, a request whose content type is a wildcard. A concrete type
    /// outside the published list is not reported.
    ///
    /// ## Example
    /// ```json
    /// "consumes": ["*/*"], "parameters": [{"name": "body", "in": "body", "schema": {...}}]
    /// ```
    ///
    /// ## Fix
    /// List the concrete type the API accepts, e.g. `application/json`.
    pub static RULE = Definition(check) {
        code: "CCF222",
        name: "mime-type-unsupported",
        severity: Warning,
        microsoft: ["MimeTypeNotSupported"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        if !op
            .params
            .iter()
            .any(|p| matches!(p.location(), Some("body" | "formData")))
        {
            continue;
        }
        let (Some(list), Some(at)) = effective_mimes(cx.doc, op, "consumes") else {
            continue;
        };
        let all_wild = !list.is_empty()
            && list
                .iter()
                .all(|m| m.as_str().is_some_and(|m| essence(m).contains('*')));
        if all_wild {
            out.emit(
                cx.src,
                at,
                format!(
                    "{} sends a body, but its `consumes` has only wildcard MIME types",
                    op.label()
                ),
            )
            .set_help("list the concrete type the API accepts, e.g. `application/json`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn only_wildcards_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["*/*"], "paths": {
                "/a": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF222",
                "/consumes",
                "POST /a sends a body, but its `consumes` has only wildcard MIME types"
            )]
        );
    }

    #[test]
    fn a_concrete_type_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "consumes": ["*/*"], "paths": {
                "/a": {"post": {"consumes": ["application/*+json", "application/xml"],
                    "parameters": [{"name": "b", "in": "body", "schema": {}}]}},
                "/b": {"get": {}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
