use std::borrow::Cow;
use crate::swagger::Operation;

use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// Two operations share an operationId.
    ///
    /// ## What
    /// Two operations have the same `operationId` (an error), or ids that would be the same once
    /// sanitised or compared ignoring letter case (a warning): `Get_Item` and `GetItem`,
    /// `ListItems` and `listItems`.
    ///
    /// ## Why
    /// The operationId identifies the action: flows and apps call it by that id. Microsoft's
    /// validator rejects an id used more than once (OperationIdNotUnique); its documentation
    /// compares ids as written and says nothing of letter case. The platform also works with a
    /// sanitised id made of the id's letters and digits (see OperationIdSanitized and
    /// operation-id-invalid), so two ids with the same sanitised value can clash there. Whether
    /// ids differing only in letter case clash is not documented, and none of the accepted
    /// connectors has such a pair (nor a pair with the same sanitised value): both are warnings,
    /// so that a connector does not depend on an undocumented distinction.
    ///
    /// ## Example
    /// ```json
    /// "/a": {"get": {"operationId": "Get"}},
    /// "/b": {"get": {"operationId": "Get"}}
    /// ```
    ///
    /// ## Fix
    /// Give each operation a distinct id that differs in its letters or digits, not only in case
    /// or punctuation.
    pub static RULE = Definition(check) {
        code: "CCF204",
        name: "operation-id-duplicate",
        severity: Error,
        microsoft: ["OperationIdNotUnique"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    // The operation that first used each id, and each sanitised, lower-cased id.
    let mut exact: foldhash::HashMap<&str, &Operation> = foldhash::HashMap::default();
    let mut similar: foldhash::HashMap<String, (&str, &Operation)> = foldhash::HashMap::default();
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        if id.trim().is_empty() {
            continue;
        }
        if let Some(first) = exact.get(id) {
            out.emit(
                cx.src,
                op.pointer_to("operationId"),
                format!(
                    "operationId `{id}` of {} is already used by {}",
                    op.label(),
                    first.label()
                ),
            );
            continue;
        }
        exact.insert(id, op);
        let key = sanitised(id).to_lowercase();
        if let Some((other, first)) = similar.get(&key) {
            let how = if sanitised(id) == sanitised(other) {
                format!("has the same sanitised value `{}` as", sanitised(id))
            } else if id.eq_ignore_ascii_case(other) {
                "differs only in letter case from".to_string()
            } else {
                "differs only in letter case and punctuation from".to_string()
            };
            out.emit_as(
                Severity::Warning,
                cx.src,
                op.pointer_to("operationId"),
                format!(
                    "operationId `{id}` of {} {how} `{other}` of {}",
                    op.label(),
                    first.label()
                ),
            );
        } else {
            similar.insert(key, (id, op));
        }
    }
}

/// The id as the platform sanitises it: its ASCII letters and digits.
fn sanitised(id: &str) -> Cow<'_, str> {
    if id.chars().all(|c| c.is_ascii_alphanumeric()) {
        Cow::Borrowed(id)
    } else {
        Cow::Owned(id.chars().filter(char::is_ascii_alphanumeric).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn equal_ids_are_errors_and_near_equal_ids_warnings() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"get": {"operationId": "Get_Item"}},
                "/b": {"get": {"operationId": "Get_Item"}},
                "/c": {"get": {"operationId": "GetItem"}},
                "/d": {"get": {"operationId": "ListItems"}},
                "/e": {"get": {"operationId": "listItems"}},
                "/f": {"get": {"operationId": "list-items"}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF204",
                    "/paths/~1b/get/operationId",
                    "operationId `Get_Item` of GET /b is already used by GET /a"
                ),
                (
                    "CCF204",
                    "/paths/~1c/get/operationId",
                    "operationId `GetItem` of GET /c has the same sanitised value `GetItem` as `Get_Item` of GET /a"
                ),
                (
                    "CCF204",
                    "/paths/~1e/get/operationId",
                    "operationId `listItems` of GET /e differs only in letter case from `ListItems` of GET /d"
                ),
                (
                    "CCF204",
                    "/paths/~1f/get/operationId",
                    "operationId `list-items` of GET /f differs only in letter case and punctuation from `ListItems` of GET /d"
                ),
            ]
        );
        let severities: Vec<_> = found.iter().map(|d| d.severity).collect();
        assert_eq!(
            severities,
            [
                Severity::Error,
                Severity::Warning,
                Severity::Warning,
                Severity::Warning
            ]
        );
    }

    #[test]
    fn distinct_ids_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"get": {"operationId": "GetA"}},
                "/b": {"get": {"operationId": "GetB"}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
