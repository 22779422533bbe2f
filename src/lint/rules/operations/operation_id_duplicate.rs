use std::collections::HashMap;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// Two operations share an operationId (also after the platform removes non-alphanumerics).
    ///
    /// ## What
    /// Two operations have the same `operationId`, or ids that become the same once characters
    /// other than letters and digits are removed (`Get_Item` and `GetItem`).
    ///
    /// ## Why
    /// The operationId identifies the action; the platform sanitises ids to letters and digits, so
    /// such a pair collides on import.
    ///
    /// ## Example
    /// ```json
    /// "/a": {"get": {"operationId": "Get"}},
    /// "/b": {"get": {"operationId": "Get"}}
    /// ```
    ///
    /// ## Fix
    /// Give each operation a distinct id.
    pub static RULE = Definition(check) {
        code: "CCF204",
        name: "operation-id-duplicate",
        severity: Error,
        microsoft: ["OperationIdSanitized"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut first: HashMap<String, (&str, String)> = HashMap::new();
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        if id.trim().is_empty() {
            continue;
        }
        let key = sanitised(id);
        match first.get(&key) {
            Some((other, label)) if *other == id => {
                out.emit(
                    cx.src,
                    op.pointer_to("operationId"),
                    format!(
                        "operationId `{id}` of {} is already used by {label}",
                        op.label()
                    ),
                );
            }
            Some((other, label)) => {
                out.emit(
                    cx.src,
                    op.pointer_to("operationId"),
                    format!(
                        "operationId `{id}` of {} collides with `{other}` of {label} once the platform removes characters other than letters and digits",
                        op.label()
                    ),
                );
            }
            None => {
                first.insert(key, (id, op.label()));
            }
        }
    }
}

/// The id as the platform sanitises it: letters and digits only, compared case-insensitively.
fn sanitised(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn equal_and_colliding_ids_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/a": {"get": {"operationId": "Get_Item"}},
                "/b": {"get": {"operationId": "Get_Item"}},
                "/c": {"get": {"operationId": "GetItem"}}
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
                    "operationId `GetItem` of GET /c collides with `Get_Item` of GET /a once the platform removes characters other than letters and digits"
                ),
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
