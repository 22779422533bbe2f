use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::Value;

use crate::lint::{Definition, Emitter};
use crate::swagger::Operation;

crate::declare_rule! {
    /// The revisions of an operation family clash.
    ///
    /// ## What
    /// Operations that share an `x-ms-api-annotation` `family` are revisions of one action. In
    /// one definition: two of them with the same `revision`, more than one without a revision,
    /// more than two that are not deprecated, or more than two active ones in `Production`.
    ///
    /// ## Why
    /// The designer shows the newest active revision of a family and hides the others; with
    /// duplicate or missing revisions it cannot tell which is newest, and Microsoft's validator
    /// rejects the family (`OperationFamilyHasDuplicateRevisions`, `...ManyEmptyRevisions`,
    /// `...ManyActiveOperations`, `...ManyActiveProductionOperations`). Microsoft does not
    /// publish its limits on active operations; the rule uses two for both (an old and a new
    /// revision side by side while flows move over), which no accepted connector exceeds.
    ///
    /// ## Example
    /// Two operations annotated `{"family": "SendMessage", "revision": 2}`.
    ///
    /// ## Fix
    /// Number the revisions 1, 2, 3, ... and mark the older ones `"deprecated": true`.
    pub static RULE = Definition(check) {
        code: "CCF253",
        name: "operation-family-invalid",
        severity: Error,
        microsoft: [
            "OperationFamilyHasDuplicateRevisions",
            "OperationFamilyHasManyActiveOperations",
            "OperationFamilyHasManyActiveProductionOperations",
            "OperationFamilyHasManyEmptyRevisions",
        ],
    }
}

const KEY: &str = "x-ms-api-annotation";
const ACTIVE_LIMIT: usize = 2;

#[derive(Default)]
struct Family<'a> {
    revisions: HashMap<i64, &'a Operation<'a>>,
    empty: usize,
    active: usize,
    production: usize,
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    let mut families: HashMap<&str, Family> = HashMap::new();
    for op in cx.operations {
        let Some(a) = op.op.field(KEY).and_then(Value::as_object) else {
            continue;
        };
        let Some(name) = a.field("family").and_then(Value::as_str).filter(|f| !f.is_empty()) else {
            continue;
        };
        let fam = families.entry(name).or_default();
        let at = op.pointer_to(KEY);
        match a.field("revision").and_then(Value::as_i64) {
            Some(r) => {
                if let Some(first) = fam.revisions.get(&r) {
                    out.emit(cx.src, format!("{at}/revision"), format!("family `{name}` has revision {r} twice: here and at {}", first.label()))
                        .set_help("give each revision of the family its own number");
                } else {
                    fam.revisions.insert(r, op);
                }
            }
            None => {
                fam.empty += 1;
                if fam.empty == 2 {
                    out.emit(cx.src, at.clone(), format!("family `{name}` has more than one operation without a revision"))
                        .set_help("give each operation of the family a `revision`");
                }
            }
        }
        if op.op.field("deprecated").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        fam.active += 1;
        if fam.active == ACTIVE_LIMIT + 1 {
            out.emit(cx.src, at.clone(), format!("family `{name}` has more than {ACTIVE_LIMIT} operations that are not deprecated"))
                .set_help("mark the older revisions `\"deprecated\": true`");
        }
        let production = a
            .field("status")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("Production"));
        if production {
            fam.production += 1;
            if fam.production == ACTIVE_LIMIT + 1 {
                out.emit(cx.src, format!("{at}/status"), format!("family `{name}` has more than {ACTIVE_LIMIT} active operations in Production"))
                    .set_help("mark the older revisions `\"deprecated\": true`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    fn op(path: &str, id: &str, annotation: &str) -> String {
        format!(r#""{path}": {{"get": {{"operationId": "{id}", "x-ms-api-annotation": {annotation},
            "responses": {{"200": {{"description": "OK"}}}}}}}}"#)
    }

    #[test]
    fn clashing_revisions_are_reported() {
        let paths = [
            op("/a", "A", r#"{"family": "A", "revision": 1}"#),
            op("/b", "B", r#"{"family": "A", "revision": 1}"#),
            op("/c", "C", r#"{"family": "A"}"#),
            op("/d", "D", r#"{"family": "A"}"#),
        ]
        .join(",");
        let found = lint_definition(&RULE, &format!(r#"{{"swagger": "2.0", "paths": {{{paths}}}}}"#));
        assert_eq!(
            findings(&found),
            [
                ("CCF253", "/paths/~1b/get/x-ms-api-annotation/revision", "family `A` has revision 1 twice: here and at GET /a"),
                ("CCF253", "/paths/~1c/get/x-ms-api-annotation", "family `A` has more than 2 operations that are not deprecated"),
                ("CCF253", "/paths/~1d/get/x-ms-api-annotation", "family `A` has more than one operation without a revision"),
            ]
        );
    }

    #[test]
    fn numbered_revisions_with_the_old_deprecated_pass() {
        let paths = [
            op("/a", "A", r#"{"family": "A", "revision": 1}"#).replace(r#""get": {"#, r#""get": {"deprecated": true, "#),
            op("/b", "A_V2", r#"{"family": "A", "revision": 2, "status": "Production"}"#),
            op("/c", "A_V3", r#"{"family": "A", "revision": 3, "status": "Production"}"#),
        ]
        .join(",");
        let found = lint_definition(&RULE, &format!(r#"{{"swagger": "2.0", "paths": {{{paths}}}}}"#));
        assert!(found.is_empty(), "{found:?}");
    }
}
