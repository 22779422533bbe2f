use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A parameter outside query and formData uses `allowEmptyValue`.
    ///
    /// ## What
    /// A path, header or body parameter carries `allowEmptyValue`.
    ///
    /// ## Why
    /// Swagger 2.0 defines `allowEmptyValue` only for query and formData parameters (sending
    /// `?name=` with no value); Microsoft's validator rejects it elsewhere
    /// (`AllowEmptyValueOnlyValidForQueryFormData`).
    ///
    /// ## Example
    /// ```json
    /// {"name": "X-Tag", "in": "header", "type": "string", "allowEmptyValue": true}
    /// ```
    ///
    /// ## Fix
    /// Remove `allowEmptyValue` from the parameter.
    pub static RULE = Definition(check) {
        code: "CCF314",
        name: "allow-empty-value-location",
        severity: Error,
        microsoft: ["AllowEmptyValueOnlyValidForQueryFormData"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for p in cx.parameters() {
        let Some(location) = p.location() else {
            continue;
        };
        if !matches!(location, "query" | "formData") && p.value.has("allowEmptyValue") {
            out.emit(
                cx.src,
                p.member_pointer("allowEmptyValue"),
                format!(
                    "{location} parameter `{}` uses `allowEmptyValue`, which only query and formData parameters may",
                    p.name().unwrap_or("?")
                ),
            )
            .set_help("remove \"allowEmptyValue\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_header_with_allow_empty_value_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "X-Tag", "in": "header", "type": "string", "allowEmptyValue": true}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF314",
                "/paths/~1a/get/parameters/0/allowEmptyValue",
                "header parameter `X-Tag` uses `allowEmptyValue`, which only query and formData parameters may"
            )]
        );
    }

    #[test]
    fn query_and_form_data_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"post": {"parameters": [
                {"name": "q", "in": "query", "type": "string", "allowEmptyValue": true},
                {"name": "f", "in": "formData", "type": "string", "allowEmptyValue": false}
            ]}}}}"#,
        );
        assert!(found.is_empty());
    }
}
