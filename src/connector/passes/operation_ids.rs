//! Creates missing operationIds and makes them alphanumeric, PascalCase and unique.

use serde_json::Value;
use std::collections::HashSet;

use super::prepend;
use crate::connector::PassOut;
use crate::connector::walk::{join, operation_keys, operation_mut, operation_pointer};
use crate::swagger::naming::{id_from_route, pascal, unique};

crate::declare_pass! {
    /// Pass: creates missing operationIds and makes them alphanumeric PascalCase and unique.
    ///
    /// ## What
    /// A connector pass (run by `fix` and `convert`). An operation without `operationId` gets one
    /// made from its method and path (`GET /users/{id}` → `GetUsersById`); an id with characters
    /// other than letters and digits is rewritten in PascalCase (`get-user_list` → `GetUserList`);
    /// a duplicate gets a number (`GetUsers2`).
    ///
    /// ## Why
    /// Flows call an action by its operationId; the importer requires it, unique and alphanumeric
    /// (`OperationIdSanitized`).
    ///
    /// ## Example
    /// `operationId: list-users` becomes `ListUsers`.
    ///
    /// ## Fix
    /// Nothing to do; switch the pass off with `[passes] fix-operation-ids = false`. Renaming the
    /// id of a published connector breaks the flows that use it: check the diagnostics before
    /// publishing.
    pub static OPERATION_IDS = Pass(run) {
        code: "CCF601",
        name: "fix-operation-ids",
        microsoft: ["OperationIdSanitized"],
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let keys = operation_keys(doc);
    let mut taken = HashSet::new();
    let mut redo = Vec::new();
    for (path, method) in &keys {
        let id = doc["paths"][path][method]
            .get("operationId")
            .and_then(Value::as_str);
        match id {
            Some(id) if is_ident(id) && taken.insert(id.to_ascii_lowercase()) => {}
            _ => redo.push((path, method)),
        }
    }
    for (path, method) in redo {
        let op = operation_mut(doc, path, method).expect("listed operation");
        let at = join(&operation_pointer(path, method), "operationId");
        let old = op
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_string);
        let base = old
            .as_deref()
            .map(pascal)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| id_from_route(method, path));
        let new = unique(&base, &mut taken);
        match op.get_mut("operationId") {
            Some(v) => *v = Value::String(new.clone()),
            None => prepend(op, "operationId", Value::String(new.clone())),
        }
        match old {
            None => out.note(at, format!("added operationId `{new}`")),
            Some(old) if is_ident(&old) => out.note(
                at,
                format!("operationId `{old}` is used by another operation; renamed to `{new}`"),
            ),
            Some(old) => out.note(
                at,
                format!("operationId `{old}` is not alphanumeric; renamed to `{new}` (flows that use the old id need updating)"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
