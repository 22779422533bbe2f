use crate::value::Lookup;
use serde_json::Value;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operationId does not start with a capital letter.
    ///
    /// ## What
    /// An operationId made only of letters and digits starts with something other than a capital
    /// letter (`listUsers`). Ids with other characters are `operation-id-invalid`'s business.
    /// Certification profile.
    ///
    /// ## Why
    /// Certification and the connectors repository's coding standards ask for PascalCase
    /// operationIds.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "listUsers"
    /// ```
    ///
    /// ## Fix
    /// Write `ListUsers`. An operationId is how flows and apps refer to the action: renaming it in
    /// a
    /// published connector breaks them, so `fix` leaves it to a person.
    pub static RULE = Definition(check) {
        code: "CCF488",
        name: "operation-id-not-pascal-case",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(id) = op.op.field("operationId").and_then(Value::as_str) else {
            continue;
        };
        let alphanumeric = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric());
        if alphanumeric && !id.starts_with(|c: char| c.is_ascii_uppercase()) {
            let mut pascal: String = id[..1].to_ascii_uppercase();
            pascal.push_str(&id[1..]);
            out.emit(cx.src, op.pointer_to("operationId"), format!("operationId `{id}` of {} is not in PascalCase", op.label()))
                .set_help(format!("write `{pascal}` (renaming breaks flows that use a published connector)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn camel_case_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"operationId": "listUsers"}}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF488", "/paths/~1u/get/operationId", "operationId `listUsers` of GET /u is not in PascalCase")]
        );
    }

    #[test]
    fn pascal_case_and_invalid_ids_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"operationId": "ListUsers"}, "post": {"operationId": "add-user"}}}}"#).is_empty());
    }
}
