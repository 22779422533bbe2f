use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A formData parameter's name has characters outside US-ASCII.
    ///
    /// ## What
    /// An `in: formData` parameter's `name` contains a character outside US-ASCII (an accented
    /// letter, a non-Latin script, an emoji, a non-breaking space).
    ///
    /// ## Why
    /// Form field names travel in the form body and its `Content-Disposition` headers; Microsoft's
    /// validator requires them to be US-ASCII and rejects the definition
    /// (`InvalidFormDataParameterName`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "fichier_réponse", "in": "formData", "type": "string"}
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter with ASCII characters only; put the readable label in `x-ms-summary`.
    pub static RULE = Definition(check) {
        code: "CCF315",
        name: "form-data-name-not-ascii",
        severity: Error,
        microsoft: ["InvalidFormDataParameterName"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        if p.location() != Some("formData") {
            continue;
        }
        if let Some(name) = p.name()
            && let Some(c) = name.chars().find(|c| !c.is_ascii())
        {
            out.emit(
                cx.src,
                p.member_pointer("name"),
                format!(
                    "formData parameter name `{name}` has the non-ASCII character `{c}` (U+{:04X})",
                    c as u32
                ),
            )
            .set_help("use ASCII characters only; put the display label in \"x-ms-summary\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_accented_form_field_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "réponse", "in": "formData", "type": "string"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF315",
                "/paths/~1a/post/parameters/0/name",
                "formData parameter name `réponse` has the non-ASCII character `é` (U+00E9)"
            )]
        );
    }

    #[test]
    fn ascii_form_fields_and_other_locations_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "file_name-2", "in": "formData", "type": "string"},
                {"name": "réponse", "in": "query", "type": "string"}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
