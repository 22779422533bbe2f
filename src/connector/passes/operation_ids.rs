//! Creates missing operationIds and makes them alphanumeric, PascalCase and unique.

use crate::value::Lookup;
use serde_json::Value;
use std::collections::HashMap;

use super::prepend;
use crate::connector::PassOut;
use crate::diagnostic::{Step, Trail};
use crate::connector::walk::{join, operation_keys, operation_mut, operation_pointer};
use crate::swagger::naming::{Names, id_from_route, pascal};

crate::declare_pass! {
    /// Pass: creates missing operationIds and makes them alphanumeric PascalCase and unique.
    ///
    /// ## What
    /// A connector pass (run by `fix` and `convert`). An operation without `operationId` gets one
    /// made from its method and path (`GET /users/{id}` → `GetUsersById`); an id with characters
    /// other than letters and digits is rewritten in PascalCase (`get-user_list` → `GetUserList`);
    /// a duplicate gets a number (`GetUsers2`). The definition's own calls of a renamed operation
    /// (`x-ms-dynamic-values`, `-schema`, `-list`, `-properties`, `-tree`, `x-ms-notification`,
    /// `testConnection`: every `operationId` inside an `x-ms-` extension) are renamed with it.
    ///
    /// ## Why
    /// Flows call an action by its operationId; the importer requires it, unique and alphanumeric
    /// (`OperationIdSanitized`).
    ///
    /// ## Example
    /// `operationId: list-users` becomes `ListUsers`.
    ///
    /// In a connector folder, an id that apiProperties.json (`scriptOperations`, a policy
    /// template's operations) or script.csx names is kept, with a warning: renamed in the
    /// definition alone, the custom code or the policy would stop applying to the operation.
    ///
    /// ## Fix
    /// Nothing to do for an added id (an info). A renamed id is a warning: renaming the id of a
    /// published connector breaks the flows that use it (`convert` of a Postman collection or an
    /// OpenAPI 3 definition, which no flow uses yet, tells it as an info unless the
    /// configuration sets the pass's level). To keep a published connector's ids, switch the pass
    /// off with `[passes] fix-operation-ids = false`.
    pub static OPERATION_IDS = Pass(run) {
        code: "CCF601",
        name: "fix-operation-ids",
        microsoft: ["OperationIdSanitized"],
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What a rename means for a published connector.
const RENAMED_HELP: &str = "flows that call the old id need updating once this connector \
    replaces the published one; to keep a published connector's ids, set \
    `[passes] fix-operation-ids = false`";

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let keys = operation_keys(doc);
    let mut taken = Names::default();
    let mut redo = Vec::new();
    for (path, method) in &keys {
        let id = doc["paths"][path][method]
            .field("operationId")
            .and_then(Value::as_str);
        match id {
            Some(id) if is_ident(id) && taken.insert(id) => {}
            // A file beside the definition names it: renamed here alone, the custom code or
            // the policy would no longer apply to the operation.
            Some(id)
                if let Some(user) = out.beside().operation_use(id)
                    && taken.insert(id) =>
            {
                let at = join(&operation_pointer(path, method), "operationId");
                out.warn(
                    at,
                    format!("operationId `{id}` is not alphanumeric, but {user} names it: kept; rename it there and here together"),
                );
            }
            _ => redo.push((path, method)),
        }
    }
    let mut renamed: HashMap<String, String> = HashMap::new();
    for (path, method) in redo {
        let op = operation_mut(doc, path, method).expect("listed operation");
        let at = join(&operation_pointer(path, method), "operationId");
        let old = op
            .field("operationId")
            .and_then(Value::as_str)
            .map(str::to_string);
        let base = old
            .as_deref()
            .map(pascal)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| id_from_route(method, path));
        let new = taken.unique(&base);
        match op.field_mut("operationId") {
            Some(v) => *v = Value::String(new.clone()),
            None => prepend(op, "operationId", Value::String(new.clone())),
        }
        if let Some(old) = &old {
            renamed.entry(old.clone()).or_insert_with(|| new.clone());
        }
        match old {
            None => out.note(at, format!("added operationId `{new}`")),
            // A rename breaks the flows that call the old id: shown, not only counted (a
            // conversion, which no flow uses yet, tells it as an info).
            Some(old) if is_ident(&old) => {
                out.warn(
                    at,
                    format!("operationId `{old}` is used by another operation; renamed to `{new}`"),
                )
                .set_help(RENAMED_HELP);
            }
            Some(old) => {
                out.warn(
                    at,
                    format!("operationId `{old}` is not alphanumeric; renamed to `{new}`"),
                )
                .set_help(RENAMED_HELP);
            }
        }
    }
    // A call names the operation that keeps an id, when one still has it.
    for (path, method) in &keys {
        if let Some(id) = doc["paths"][path][method].field("operationId").and_then(Value::as_str) {
            renamed.remove(id);
        }
    }
    if !renamed.is_empty() {
        follow_renames(doc, &renamed, out);
    }
}

/// Points the calls of renamed operations (an `operationId` inside an `x-ms-*` extension:
/// dynamic values, schemas, trees, capabilities) at their new ids.
fn follow_renames(doc: &mut Value, renamed: &HashMap<String, String>, out: &mut PassOut) {
    let mut places = Vec::new();
    calls_of(doc, false, &mut Trail::default(), renamed, &mut places);
    for (at, new) in places {
        if let Some(v) = doc.pointer_mut(&at) {
            let old = std::mem::replace(v, Value::String(new.to_string()));
            out.note(
                at,
                format!("calls `{new}`, the new operationId of `{}`", old.as_str().unwrap_or("")),
            );
        }
    }
}

/// Collects, in document order, the pointers (under `at`) of the calls in `v` of an operation
/// `renamed` lists, with its new id. `inside` tells whether `v` is in an `x-ms-*` extension.
/// Only containers are descended into, and a pointer is written only for what is found.
fn calls_of<'v, 'r>(
    v: &'v Value,
    inside: bool,
    at: &mut Trail<'v>,
    renamed: &'r HashMap<String, String>,
    found: &mut Vec<(String, &'r str)>,
) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                match child {
                    Value::String(old) if inside && k == "operationId" => {
                        if let Some(new) = renamed.get(old.as_str()) {
                            found.push((at.pointer_to(k), new));
                        }
                    }
                    Value::Object(_) | Value::Array(_) => {
                        at.push(Step::Key(k));
                        calls_of(child, inside || k.starts_with("x-ms-"), at, renamed, found);
                        at.pop();
                    }
                    _ => {}
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                if matches!(child, Value::Object(_) | Value::Array(_)) {
                    at.push(Step::Index(i));
                    calls_of(child, inside, at, renamed, found);
                    at.pop();
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn calls_of_a_renamed_operation_follow_it() {
        let doc = |pipelines: &str| {
            json!({"swagger": "2.0",
                "x-ms-capabilities": {"testConnection": {"operationId": pipelines}},
                "paths": {
                    "/pipelines": {"get": {"operationId": pipelines}},
                    "/users": {"get": {"operationId": "ListUsers"}, "post": {"operationId": "ListUsers2"}},
                    "/docs": {"post": {"operationId": "AddDoc", "parameters": [
                        {"name": "p", "in": "query", "type": "string",
                         "x-ms-dynamic-values": {"operationId": pipelines, "value-path": "id"},
                         "x-ms-dynamic-tree": {"browse": {"operationId": pipelines}}},
                        {"name": "u", "in": "query", "type": "string",
                         "x-ms-dynamic-list": {"operationId": "ListUsers"}}]}}},
                "definitions": {"D": {"properties": {"operationId": {"type": "string"}}}}})
        };
        let mut bad = doc("list_pipelines");
        // Two operations had one id: the first keeps it, and calls of it stay.
        bad["paths"]["/users"]["post"]["operationId"] = json!("ListUsers");
        let found = crate::connector::passes::bad_good(&OPERATION_IDS, bad, doc("ListPipelines"));
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            places,
            [
                "/paths/~1pipelines/get/operationId",
                "/paths/~1users/post/operationId",
                "/x-ms-capabilities/testConnection/operationId",
                "/paths/~1docs/post/parameters/0/x-ms-dynamic-values/operationId",
                "/paths/~1docs/post/parameters/0/x-ms-dynamic-tree/browse/operationId",
            ]
        );
        assert_eq!(
            found[3].1,
            "calls `ListPipelines`, the new operationId of `list_pipelines`"
        );
    }

    #[test]
    fn ids_are_added_sanitized_and_made_unique() {
        let found = crate::connector::passes::bad_good(
            &OPERATION_IDS,
            json!({"paths": {
                "/users/{id}": {"get": {"responses": {}}},
                "/users": {"get": {"operationId": "list-users"}, "post": {"operationId": "ListUsers"}}
            }}),
            json!({"paths": {
                "/users/{id}": {"get": {"operationId": "GetUsersById", "responses": {}}},
                "/users": {"get": {"operationId": "ListUsers2"}, "post": {"operationId": "ListUsers"}}
            }}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "/paths/~1users~1{id}/get/operationId");
        assert_eq!(found[0].1, "added operationId `GetUsersById`");
        assert!(found[1].1.contains("`list-users` is not alphanumeric"), "{found:?}");
    }

    #[test]
    fn identifiers_are_letters_and_digits() {
        assert!(is_ident("GetUsers2"));
        assert!(!is_ident("get-users"));
        assert!(!is_ident(""));
    }
}
