use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{ApiProperties, Emitter};

crate::declare_rule! {
    /// apiProperties.json `scriptOperations` names an operation the definition does not have.
    ///
    /// ## What
    /// Each entry of `properties.scriptOperations` must be the `operationId` of an operation of
    /// the definition beside it (compared exactly). Checked only when the definition is there.
    ///
    /// ## Why
    /// `scriptOperations` lists the operations the custom code handles; a name that matches no
    /// operation means an operation the author meant to handle goes straight to the API
    /// (typically after a rename). It is a warning: the platform accepts the unknown name
    /// (accepted connectors carry one).
    ///
    /// ## Example
    /// `"scriptOperations": ["GetItems"]` when the operation is `ListItems`.
    ///
    /// ## Fix
    /// Use the operation's current `operationId`, or remove the entry.
    pub static RULE = ApiProperties(check) {
        code: "CCF456",
        name: "script-operation-unknown",
        severity: Warning,
        microsoft: ["P6 script.csx limits"],
    }
}

fn check(cx: &ApiProperties, out: &mut Emitter) {
    let Some(definition) = cx.definition else { return };
    let Some(list) = cx
        .doc
        .pointer("/properties/scriptOperations")
        .and_then(Value::as_array)
    else {
        return;
    };
    let ops: Vec<&str> = definition
        .value
        .field("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op.field("operationId").and_then(Value::as_str))
        .collect();
    for (i, entry) in list.iter().enumerate() {
        let Some(name) = entry.as_str() else { continue };
        if ops.contains(&name) {
            continue;
        }
        let near = ops
            .iter()
            .find(|id| id.eq_ignore_ascii_case(name));
        let d = out.emit(
            cx.src,
            format!("/properties/scriptOperations/{i}"),
            format!("`scriptOperations` names `{name}`, which is no operation of the definition"),
        );
        match near {
            Some(id) => d.set_help(format!("did you mean `{id}`?")),
            None => d.set_help("use an operation's operationId, or remove the entry"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_files};

    const DEF: &str = r#"{"swagger": "2.0", "paths": {"/a": {"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}}}}"#;

    #[test]
    fn an_unknown_operation_is_reported_at_its_entry() {
        let found = lint_files(
            &RULE,
            Some(DEF),
            Some(r#"{"properties": {"scriptOperations": ["ListItems", "GetItems"]}}"#),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF456",
                "/properties/scriptOperations/1",
                "`scriptOperations` names `GetItems`, which is no operation of the definition"
            )]
        );
    }

    #[test]
    fn existing_operations_pass() {
        let found = lint_files(
            &RULE,
            Some(DEF),
            Some(r#"{"properties": {"scriptOperations": ["ListItems"]}}"#),
        );
        assert!(found.is_empty());
    }
}
